import {
  definePlugin,
  PLUGIN_API_VERSION,
  SdkError,
  timeframeToMs,
  toError,
  TOKENS,
  z,
  type Agent,
  type Bar,
  type Clock,
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
import type { ResolvingContext } from '../assemblers/indicator-source.js';
import { SynergyDetector, type SynergyDetectedPayload, type SynergySources } from '../synergy/synergy-detector.js';
import type { SynergyDetectorOptions } from '../synergy/synergy-detector-options.js';
import { resolveSynergySources } from '../synergy/synergy-detector-plugin.js';
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
  /** Options of the synergy detector run for systems triggered by synergies (the pipeline's detector). */
  readonly synergy: SynergyDetectorOptions;
  /** First error thrown while deciding; the run stops and training rethrows it. */
  error?: unknown;
}

/** What the training agent needs to build its synergy detector: the options, where to resolve its sources, a clock. */
export interface TrainingDetector {
  readonly options: SynergyDetectorOptions;
  readonly context: ResolvingContext;
  readonly clock: Clock;
}

/**
 * The agent that runs inside the backtest engine during training: it feeds the risk state exactly as the
 * `risk-marl` agent does (same tracker, same defaults, same ATR), runs the pipeline's synergy detector for
 * systems triggered by synergies, and on each bar of the system's timeframe (and on each bar a synergy is
 * published on) hands the session a decision context (account, indicators, a trading desk, the synergy) so
 * the policies act through the normal order path.
 */
export class TrainingAgent implements Agent {
  private readonly riskState: RiskStateTracker;
  private desk: TradingDesk | undefined;
  private atr: { readonly component: IndicatorComponent; readonly index: number } | undefined;
  private initialEquity = Number.NaN;
  private peakEquity = Number.NaN;
  private detector: SynergyDetector | undefined;
  /** The synergy published on the current bar, then held until the bar the system decides on. */
  private published: SynergyDetectedPayload | undefined;
  private waiting: SynergyDetectedPayload | undefined;

  constructor(
    private readonly harness: TrainingHarness,
    private readonly session: TrainingSession,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
    private readonly indicators: IndicatorRegistry,
    private readonly instruments: InstrumentRegistry,
    private readonly detectorSetup?: TrainingDetector,
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
      this.published = undefined;
      this.detector?.onBar(bar);
      if (this.published !== undefined) this.waiting = this.published;
      const synergy = this.waiting !== undefined && !this.waitsForSystemBar(bar) ? this.waiting : undefined;
      if (synergy !== undefined) this.waiting = undefined;
      const equity = this.portfolio.equity;
      if (Number.isNaN(this.initialEquity)) this.initialEquity = equity;
      if (!(equity <= this.peakEquity)) this.peakEquity = equity;
      if (bar.timeframe === this.harness.riskTimeframe) {
        const atr = this.atr === undefined ? Number.NaN : (this.atr.component.values[this.atr.index] as number);
        this.riskState.update(bar.close, bar.volume, atr);
      }
      if (bar.timeframe !== this.session.system.timeframe && synergy === undefined) return;
      this.decide(bar, equity, this.instruments.get(symbol), synergy);
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
    if (this.detectorSetup !== undefined) this.detector = this.createDetector(this.detectorSetup);
    const { id, output } = this.harness.atr;
    if (this.indicators.has(id)) {
      const component = this.indicators.get(id);
      const index = component.outputs.indexOf(output);
      if (index >= 0) this.atr = { component, index };
    }
    this.desk = new TradingDesk(this.orders, this.portfolio, symbol, `train:${this.session.system.name}`);
  }

  /** The pipeline's detector over the config's indicators, publishing to this agent only (it runs first on every bar). */
  private createDetector(setup: TrainingDetector): SynergyDetector {
    let sources: SynergySources;
    try {
      sources = resolveSynergySources(setup.context, setup.options);
    } catch (cause) {
      throw new SdkError('GM_CONFIG_INVALID', `Training the ${this.session.system.name} system runs the synergy detector on the config's indicators: ${toError(cause).message}`, { cause });
    }
    return new SynergyDetector(setup.options, sources, {
      emit: (payload) => {
        this.published = payload;
      },
      clock: setup.clock,
    });
  }

  /**
   * True on a bar finer than the system's that closes one of the system's bars: that bar comes next, at the
   * same time, with the fresher row (the strategic agent waits for it the same way).
   */
  private waitsForSystemBar(bar: Bar): boolean {
    const own = timeframeToMs(this.session.system.timeframe);
    return bar.timeframe !== this.session.system.timeframe && timeframeToMs(bar.timeframe) < own && bar.end % own === 0;
  }

  private decide(bar: Bar, equity: number, instrument: Instrument, synergy: SynergyDetectedPayload | undefined): void {
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
      synergy,
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
      const detector: TrainingDetector | undefined =
        session.system.trigger === 'synergy' ? { options: harness.synergy, context: ctx, clock: ctx.clock } : undefined;
      return new TrainingAgent(harness, session, ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio), ctx.resolve(TOKENS.indicators), ctx.resolve(TOKENS.instruments), detector);
    },
  });
}
