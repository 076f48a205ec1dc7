import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock/clock.js';
import { APPROVE, type RiskCheckContext, type RiskModel, type TradingState } from '../kinds/risk-model.js';
import type { OrderIntent } from '../model/order.js';
import { isReducing } from '../orders/order-validation.js';
import type { PortfolioView } from '../orders/portfolio-view.js';

/** Outcome of the risk chain for one intent. */
export type RiskDecision =
  | { readonly approved: true; readonly intent: OrderIntent; readonly adjustments: readonly string[] }
  | { readonly approved: false; readonly reason: string; readonly deniedBy: string };

/** A risk model in the chain with the instance id it reports as. */
export interface NamedRiskModel {
  readonly id: string;
  readonly model: RiskModel;
}

/**
 * The pre-trade risk chain and the trading state. Every order intent passes the trading-state gate, then each
 * risk model in config order, which may approve, adjust or deny it. Denials are results, never exceptions.
 */
export class RiskEngine {
  private state: TradingState = 'active';
  private models: readonly NamedRiskModel[] = [];
  private readonly lastPrices = new Map<string, number>();
  private readonly context: RiskCheckContext;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly portfolio: PortfolioView,
  ) {
    const engine = this;
    this.context = {
      get time() {
        return engine.clock.now();
      },
      get tradingState() {
        return engine.state;
      },
      get equity() {
        return engine.portfolio.equity;
      },
      get cash() {
        return engine.portfolio.cash;
      },
      get grossExposure() {
        return engine.portfolio.grossExposure;
      },
      position: (symbol) => engine.portfolio.position(symbol),
      lastPrice: (symbol) => engine.lastPrices.get(symbol),
    };
  }

  /** Sets the chain's models, in order. */
  setModels(models: readonly NamedRiskModel[]): void {
    this.models = models;
  }

  /** Current trading state. */
  get tradingState(): TradingState {
    return this.state;
  }

  /** Records the last traded price of a symbol (the engine calls it on every bar). */
  updatePrice(symbol: string, price: number): void {
    this.lastPrices.set(symbol, price);
  }

  /** Runs an intent through the state gate and every model. */
  evaluate(intent: OrderIntent): RiskDecision {
    const positionQuantity = this.portfolio.position(intent.symbol)?.quantity ?? 0;
    if (this.state === 'halted') return { approved: false, reason: 'trading is halted', deniedBy: 'trading-state' };
    if (this.state === 'reducing' && !isReducing(intent, positionQuantity)) {
      return { approved: false, reason: 'trading state is reducing: only orders that reduce a position may pass', deniedBy: 'trading-state' };
    }
    let current = intent;
    const adjustments: string[] = [];
    for (const { id, model } of this.models) {
      const verdict = model.check(current, this.context);
      if (verdict === APPROVE || verdict.action === 'approve') continue;
      if (verdict.action === 'deny') return { approved: false, reason: verdict.reason, deniedBy: id };
      current = verdict.intent;
      adjustments.push(`${id}: ${verdict.reason}`);
    }
    return { approved: true, intent: current, adjustments };
  }

  /** Changes the trading state and publishes `trading_state.changed` (journaled). */
  setTradingState(to: TradingState, reason: string, by: string): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    const now = this.clock.now();
    this.bus.publish('trading_state.changed', { from, to, reason, by, tsEvent: now, tsInit: now });
  }

  /** The context models see; also handy for tests. */
  get checkContext(): RiskCheckContext {
    return this.context;
  }
}
