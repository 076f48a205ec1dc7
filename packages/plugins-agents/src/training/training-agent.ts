import {
  definePlugin,
  PLUGIN_API_VERSION,
  TOKENS,
  z,
  type Agent,
  type Bar,
  type Fill,
  type IndicatorComponent,
  type IndicatorRegistry,
  type Instrument,
  type InstrumentRegistry,
  type OrderManager,
  type PortfolioView,
} from '@grandmodel/framework';
import { riskAgentOptions } from '../agents/risk-agent-options.js';
import { RiskStateTracker, type AccountReading } from '../agents/risk-state.js';
import { TradingDesk } from './trading-desk.js';
import type { TrainingSession } from './training-session.js';

/** Plugin id of the agent `grandmodel train` puts in place of the config's agents. */
export const TRAINING_AGENT_PLUGIN_ID = 'grandmodel-trainer';

/** Where the training agent finds the session of the current run, and its trading settings. */
export interface TrainingHarness {
  session: TrainingSession | undefined;
  /** Symbol traded; the first symbol seen when undefined. */
  readonly symbol?: string;
  /** Timeframe of the bars that feed the risk state (the risk-marl agent's default: 5m). */
  readonly riskTimeframe: string;
  /** Instance id and output of the ATR indicator feeding the risk state (risk-marl defaults: atr-gm, atr14). */
  readonly atr: { readonly id: string; readonly output: string };
  /** Contracts a unit decision of the strategic and tactical systems trades. */
  readonly contracts: number;
  /** First error thrown while deciding; the run stops and training rethrows it. */
  error?: unknown;
}

/**
 * The agent that runs inside the backtest engine during training: it feeds the risk state exactly as the
 * `risk-marl` agent does (same tracker, same defaults, same ATR), and on each bar of the system's timeframe
 * hands the session a decision context (account, indicators, a trading desk) so the policies act through the
 * normal order path.
 */
export class TrainingAgent implements Agent {
  private readonly riskState: RiskStateTracker;
  private desk: TradingDesk | undefined;
  private atr: { readonly component: IndicatorComponent; readonly index: number } | undefined;
  private initialEquity = Number.NaN;
  private peakEquity = Number.NaN;

  constructor(
    private readonly harness: TrainingHarness,
    private readonly session: TrainingSession,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
    private readonly indicators: IndicatorRegistry,
    private readonly instruments: InstrumentRegistry,
  ) {
    const defaults = riskAgentOptions.parse({});
    this.riskState = new RiskStateTracker({
      historyBars: defaults.historyBars,
      returnBars: defaults.returnBars,
      sessionClose: defaults.session.close,
      timeZone: defaults.session.timeZone,
      closingMinutes: defaults.session.closingMinutes,
    });
  }

  onBar(bar: Bar): void {
    const symbol = this.harness.symbol ?? this.desk?.symbol ?? bar.symbol;
    if (bar.symbol !== symbol) return;
    try {
      if (this.desk === undefined) this.bind(symbol);
      const equity = this.portfolio.equity;
      if (Number.isNaN(this.initialEquity)) this.initialEquity = equity;
      if (!(equity <= this.peakEquity)) this.peakEquity = equity;
      if (bar.timeframe === this.harness.riskTimeframe) {
        const atr = this.atr === undefined ? Number.NaN : (this.atr.component.values[this.atr.index] as number);
        this.riskState.update(bar.close, bar.volume, atr);
      }
      if (bar.timeframe !== this.session.system.timeframe) return;
      this.decide(bar, equity, this.instruments.get(symbol));
    } catch (error) {
      this.harness.error ??= error;
      this.session.requestStop('training failed');
    }
  }

  onFill(fill: Fill): void {
    if (fill.symbol === this.desk?.symbol) this.session.onFill(fill);
  }

  /** The engine registers indicators after creating components: bind on the first bar. */
  private bind(symbol: string): void {
    this.session.system.bind(this.indicators);
    const { id, output } = this.harness.atr;
    if (this.indicators.has(id)) {
      const component = this.indicators.get(id);
      const index = component.outputs.indexOf(output);
      if (index >= 0) this.atr = { component, index };
    }
    this.desk = new TradingDesk(this.orders, this.portfolio, symbol, `train:${this.session.system.name}`);
  }

  private decide(bar: Bar, equity: number, instrument: Instrument): void {
    const position = this.portfolio.position(instrument.symbol);
    const quantity = position?.quantity ?? 0;
    const account: AccountReading = {
      equity,
      initialEquity: this.initialEquity,
      peakEquity: this.peakEquity,
      grossExposure: this.portfolio.grossExposure,
      marginUsed: Math.abs(quantity * (position?.markPrice ?? bar.close) * instrument.multiplier) * instrument.marginRate,
      openPositions: quantity === 0 ? 0 : 1,
    };
    this.session.decide({
      bar,
      indicators: this.indicators,
      desk: this.desk!,
      riskState: this.riskState,
      account,
      equity,
      drawdown: this.session.drawdownAt(equity),
      multiplier: instrument.multiplier,
      marginRate: instrument.marginRate,
      tickSize: instrument.tickSize,
      contracts: this.harness.contracts,
      hasAtr: this.atr !== undefined,
    });
  }
}

/** The training agent as a plugin bound to `harness` (each `trainModels` call makes its own). */
export function trainingAgentPlugin(harness: TrainingHarness) {
  return definePlugin({
    manifest: { id: TRAINING_AGENT_PLUGIN_ID, kind: 'agent', version: '0.1.0', apiVersion: PLUGIN_API_VERSION, description: 'Acts for the policies being trained by grandmodel train' },
    options: z.strictObject({}),
    create: (ctx) => {
      const session = harness.session;
      if (session === undefined) throw new Error('grandmodel-trainer is created by grandmodel train only');
      return new TrainingAgent(harness, session, ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio), ctx.resolve(TOKENS.indicators), ctx.resolve(TOKENS.instruments));
    },
  });
}
