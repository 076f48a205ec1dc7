import { APPROVE } from '@grandmodel/framework';
import type { OrderIntent, RiskCheckContext, RiskModel, RiskVerdict } from '@grandmodel/framework';
import { InstrumentBook } from '../market/instrument-book.js';
import { TimeframeFilter } from '../market/timeframe-filter.js';
import { BreachResponder } from '../shared/breach-responder.js';
import { percent, short } from '../shared/format-measure.js';
import { deny, reducesPosition, signedQuantity, sizingPrice } from '../shared/order-sizing.js';
import type { RiskModelServices } from '../shared/risk-services.js';
import { ScenarioSet } from './scenario-set.js';
import type { StressOptions } from './stress-options.js';
import { WorstMoveTracker } from './worst-move-tracker.js';

/** The worst scenario for a book. */
export interface StressResult {
  /** Loss in money (negative when every scenario gains). */
  readonly loss: number;
  /** Name of the scenario with the largest loss. */
  readonly scenario: string;
}

/**
 * Scenario profit and loss of the current positions. Each configured scenario moves prices by its shocks
 * (P&L = Σ quantity · price · multiplier · shock); the historical scenario moves each instrument by its
 * worst `historicalBars`-bar move seen so far against the position (a fall for a long, a rise for a short).
 * On every `account.updated` the worst loss is compared with `limit` × equity: a crossing raises
 * `risk.breached` and applies the action. Pre-trade, an entry whose post-trade worst loss would exceed the
 * limit (and be worse than now) is denied.
 */
export class StressRiskModel implements RiskModel {
  private readonly book: InstrumentBook;
  private readonly scenarios: ScenarioSet;
  private readonly moves: WorstMoveTracker;
  private readonly responder: BreachResponder;
  private readonly filter: TimeframeFilter;
  private readonly historicalName: string;
  private breached = false;
  private worstIndex = -1;
  private lastLoss = 0;

  constructor(
    private readonly options: StressOptions,
    private readonly services: RiskModelServices,
  ) {
    const capacity = options.maxInstruments;
    this.book = new InstrumentBook({ capacity, owner: services.instanceId, multiplierOf: (symbol) => services.instruments.get(symbol).multiplier });
    this.scenarios = new ScenarioSet(options.scenarios, capacity);
    this.moves = new WorstMoveTracker(capacity, options.historicalBars);
    this.responder = new BreachResponder(services);
    this.filter = new TimeframeFilter(options.timeframe);
    this.historicalName = `historical worst ${options.historicalBars}-bar move`;
    services.bus.on('bar.closed', ({ bar }) => {
      if (!this.filter.accepts(bar)) return;
      const slot = this.slotOf(bar.symbol);
      this.book.prices[slot] = bar.close;
      this.moves.onClose(slot, bar.close);
    });
    services.bus.on('position.changed', ({ position }) => {
      this.slotOf(position.symbol);
      this.book.setPosition(position);
    });
    services.bus.on('account.updated', ({ equity }) => this.evaluate(equity));
  }

  /** The worst scenario for the current book. */
  worst(): StressResult {
    const loss = this.worstLoss(-1, 0, 0);
    return { loss, scenario: this.scenarioName(this.worstIndex) };
  }

  /** Worst loss of the last evaluation, in money. */
  get lastWorstLoss(): number {
    return this.lastLoss;
  }

  /** Worst `historicalBars`-bar fall and rise seen so far for a symbol (0 and 0 when unknown). */
  worstMoves(symbol: string): { fall: number; rise: number } {
    const slot = this.book.find(symbol);
    return slot < 0 ? { fall: 0, rise: 0 } : { fall: this.moves.worstFall[slot]!, rise: this.moves.worstRise[slot]! };
  }

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    if (!this.options.preTrade || reducesPosition(intent, context)) return APPROVE;
    const equity = context.equity;
    if (!(equity > 0)) return deny(`equity is ${short(equity)}: no stress loss is acceptable`);
    const slot = this.slotOf(intent.symbol);
    const price = sizingPrice(intent, context) ?? this.book.prices[slot]!;
    if (!(price > 0)) return APPROVE;
    const before = this.worstLoss(-1, 0, 0);
    const after = this.worstLoss(slot, this.book.quantities[slot]! + signedQuantity(intent), price);
    if (after <= this.options.limit * equity || after <= before) return APPROVE;
    return deny(`post-trade loss in scenario "${this.scenarioName(this.worstIndex)}" would be ${short(after)} (${percent(after / equity)} of equity), beyond the ${percent(this.options.limit)} limit`);
  }

  /** Re-arms the limit and, if this model set the trading state, returns it to ACTIVE. */
  reset(by = 'operator'): void {
    this.breached = false;
    this.responder.release(`${this.services.instanceId} reset by ${by}`);
  }

  private evaluate(equity: number): void {
    if (!(equity > 0)) return;
    const loss = this.worstLoss(-1, 0, 0);
    this.lastLoss = loss;
    const limit = this.options.limit;
    const value = loss / equity;
    if (value > limit) {
      if (this.breached) return;
      this.breached = true;
      const message = `loss in scenario "${this.scenarioName(this.worstIndex)}" would be ${short(loss)} (${percent(value)} of equity ${short(equity)}), beyond the ${percent(limit)} limit`;
      this.responder.raise({ metric: 'stress_loss', value, limit, action: this.options.action, message });
    } else if (this.options.recovery === 'automatic') {
      this.breached = false;
      this.responder.release(`${this.services.instanceId}: the stress loss is within its limit again`);
    }
  }

  /**
   * Largest loss over every scenario, with the quantity of slot `override` replaced by `quantity` at `price`
   * (override −1: the book as it is). Sets `worstIndex` (scenario index, or −2 for the historical one).
   */
  private worstLoss(override: number, quantity: number, price: number): number {
    const book = this.book;
    const size = book.size;
    let worst = Number.NEGATIVE_INFINITY;
    this.worstIndex = -1;
    for (let index = 0; index < this.scenarios.count; index++) {
      let pnl = 0;
      for (let slot = 0; slot < size; slot++) {
        const value = slot === override ? quantity * price * book.multipliers[slot]! : book.exposure(slot);
        pnl += value * this.scenarios.shock(index, slot);
      }
      if (-pnl > worst) {
        worst = -pnl;
        this.worstIndex = index;
      }
    }
    if (this.options.historical) {
      let pnl = 0;
      for (let slot = 0; slot < size; slot++) {
        const value = slot === override ? quantity * price * book.multipliers[slot]! : book.exposure(slot);
        pnl += value * this.moves.adverse(slot, value);
      }
      if (-pnl > worst) {
        worst = -pnl;
        this.worstIndex = -2;
      }
    }
    // No scenario at all (empty list, historical off): nothing can be lost
    return worst === Number.NEGATIVE_INFINITY ? 0 : worst + 0;
  }

  private scenarioName(index: number): string {
    return index === -2 ? this.historicalName : index >= 0 ? this.scenarios.name(index) : 'none';
  }

  private slotOf(symbol: string): number {
    const slot = this.book.slotOf(symbol);
    this.scenarios.addInstrument(slot, symbol);
    return slot;
  }
}
