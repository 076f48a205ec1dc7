import type { Logger } from 'pino';
import { createBarAggregator } from '../bars/create-bar-aggregator.js';
import { MultiTimeframeAggregator } from '../bars/multi-timeframe-aggregator.js';
import { LiveClock, SimulatedClock, type Clock } from '../clock/clock.js';
import { DelegatingClock } from '../clock/delegating-clock.js';
import type { ResolvedConfig } from '../config/envelope.js';
import { TOKENS } from '../di/tokens.js';
import { SdkError, toError } from '../errors/sdk-error.js';
import { Kernel } from '../kernel/kernel.js';
import type { Agent } from '../kinds/agent.js';
import type { Broker, ExecutionAlgorithm } from '../kinds/broker.js';
import type { DataSource, TimeRange } from '../kinds/data-source.js';
import type { IndicatorComponent } from '../kinds/indicator.js';
import type { RiskModel } from '../kinds/risk-model.js';
import type { Bar, Tick } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import type { Order } from '../model/order.js';
import { timeframeToMs } from '../model/timeframe.js';
import { OrderManager } from '../orders/order-manager.js';
import type { PluginRegistry } from '../plugin/plugin-registry.js';
import { Portfolio } from '../portfolio/portfolio.js';
import { KillSwitch } from '../risk/kill-switch.js';
import { RiskEngine } from '../risk/risk-engine.js';
import { IndicatorHub } from './indicator-hub.js';
import { RunInstruments } from './instrument-registry.js';
import { MarketDriver, type BarDrivenVenue } from './market-driver.js';
import { parseTime } from './parse-time.js';

/** Hooks that record a run while it happens (run output writers implement them). */
export interface RunObserver {
  /** Called after each base bar is fully processed. */
  onBaseBar?(bar: Bar, engine: Engine): void;
  /** Called for every order state change. */
  onOrder?(order: Order): void;
  /** Called for every fill, after the portfolio has applied it. */
  onFill?(fill: Fill, order: Order): void;
  /** Called once the data is exhausted and the kernel has stopped. */
  onFinish?(engine: Engine): void | Promise<void>;
}

/** Options of `Engine.create`. */
export interface EngineOptions {
  readonly logger: Logger;
  readonly observer?: RunObserver;
}

/** What happened in a run, beyond the recorded output. */
export interface EngineResult {
  readonly barsProcessed: number;
  readonly stoppedEarly: boolean;
  readonly stopReason: string;
}

/**
 * One run of a system: the kernel with every configured component plus the engine services (portfolio, order
 * manager, risk engine, kill switch, indicators), driven by the data source. The same engine runs backtest,
 * paper and live: only the clock, the data source and the broker differ.
 */
export class Engine {
  readonly portfolio: Portfolio;
  readonly orders: OrderManager;
  readonly risk: RiskEngine;
  readonly killSwitch: KillSwitch;
  readonly indicators = new IndicatorHub();
  readonly instruments: RunInstruments;
  private driver!: MarketDriver;
  private source!: DataSource;
  private baseTimeframe = '';
  private stopReason: string | undefined;
  private processed = 0;
  private observer: RunObserver | undefined;

  private constructor(
    readonly config: ResolvedConfig,
    readonly clock: Clock,
    readonly kernel: Kernel,
    parts: { portfolio: Portfolio; orders: OrderManager; risk: RiskEngine; killSwitch: KillSwitch; instruments: RunInstruments },
    private readonly options: EngineOptions,
  ) {
    this.portfolio = parts.portfolio;
    this.orders = parts.orders;
    this.risk = parts.risk;
    this.killSwitch = parts.killSwitch;
    this.instruments = parts.instruments;
  }

  /** Creates the kernel and every component, and wires them together. */
  static async create(config: ResolvedConfig, registry: PluginRegistry, options: EngineOptions): Promise<Engine> {
    if (config.data === undefined) throw new SdkError('GM_CONFIG_INVALID', 'The config has no `data:` source; a run needs one (e.g. { use: csv, options: { path: ./bars.csv, symbol: NQ } })');
    if (config.broker === undefined) throw new SdkError('GM_CONFIG_INVALID', 'The config has no `broker:`; use { use: sim } for backtests');
    const clock: Clock = config.mode === 'backtest' ? new SimulatedClock(config.backtest.from === undefined ? 0 : parseTime(config.backtest.from, 'backtest.from')) : new DelegatingClock(new LiveClock());
    const instruments = new RunInstruments(config.instruments);
    const portfolio = new Portfolio({ cash: config.backtest.cash, instruments: (symbol) => instruments.get(symbol) });
    let engine: Engine | undefined;
    const kernel = await Kernel.create({
      plugins: registry,
      config,
      clock,
      logger: options.logger,
      registerServices: (container, k) => {
        const risk = new RiskEngine(k.bus, clock, portfolio);
        const orders = new OrderManager(k.bus, clock, risk);
        const killSwitch = new KillSwitch(k.bus, clock, risk, orders, () => portfolio.snapshot().positions);
        engine = new Engine(config, clock, k, { portfolio, orders, risk, killSwitch, instruments }, options);
        container.register(TOKENS.instruments, { useValue: instruments });
        container.register(TOKENS.indicators, { useValue: engine.indicators });
        container.register(TOKENS.portfolio, { useValue: portfolio });
        container.register(TOKENS.orders, { useValue: orders });
        container.register(TOKENS.risk, { useValue: risk });
        container.register(TOKENS.killSwitch, { useValue: killSwitch });
      },
      onFaultAction: (action, component, error) => engine?.onComponentFault(action, component.instanceId, error),
    });
    engine!.wire();
    return engine!;
  }

  /** Base timeframe of the data (`ticks` data uses the smallest configured bar timeframe). */
  get timeframe(): string {
    return this.baseTimeframe;
  }

  /** Base bars processed so far. */
  get barsProcessed(): number {
    return this.processed;
  }

  /** Sets the observer that records the run (replaces the one given at creation); call before `run`. */
  setObserver(observer: RunObserver): void {
    this.observer = observer;
  }

  /** Asks the run to stop after the current bar. */
  requestStop(reason: string): void {
    this.stopReason ??= reason;
  }

  /** Runs the data through the system, then stops the kernel and lets the observer finish. */
  async run(range: TimeRange = this.configuredRange()): Promise<EngineResult> {
    const kernel = this.kernel;
    await kernel.start();
    const broker = this.component<Broker>('broker');
    await broker.connect?.();
    try {
      const ticks = this.source.output.type === 'ticks';
      for await (const batch of this.source.read(range, kernel.signal)) {
        for (let i = 0; i < batch.length; i++) {
          const pending = ticks ? this.driver.onTick(batch[i] as Tick) : this.driver.onBar(batch[i] as Bar);
          if (pending !== undefined) await pending;
        }
        if (this.stopReason !== undefined) break;
      }
      if (this.stopReason === undefined) await this.driver.flush();
    } finally {
      await broker.disconnect?.();
      await kernel.stop(this.stopReason ?? 'completed');
    }
    await this.observer?.onFinish?.(this);
    return { barsProcessed: this.processed, stoppedEarly: this.stopReason !== undefined, stopReason: this.stopReason ?? 'completed' };
  }

  /** Stops and disposes every component. */
  async dispose(): Promise<void> {
    await this.kernel.dispose();
  }

  private configuredRange(): TimeRange {
    const { from, to } = this.config.backtest;
    return { from: from === undefined ? undefined : parseTime(from, 'backtest.from'), to: to === undefined ? undefined : parseTime(to, 'backtest.to') };
  }

  private component<T>(section: 'data' | 'broker' | 'execution'): T {
    return this.kernel.componentsOf(section)[0]?.instance as unknown as T;
  }

  private wire(): void {
    this.source = this.component<DataSource>('data');
    // A replayed feed brings its own clock: paper and live runs follow it instead of the wall clock
    const sourceClock = (this.source as Partial<{ clock: Clock }>).clock;
    if (this.clock instanceof DelegatingClock && sourceClock !== undefined) this.clock.use(sourceClock);
    const broker = this.component<Broker & Partial<BarDrivenVenue>>('broker');
    const execution = this.component<ExecutionAlgorithm | undefined>('execution');
    if (execution !== undefined) (this.orders as unknown as { execution?: ExecutionAlgorithm }).execution = execution;
    this.orders.attachBroker(broker);
    const brokerId = this.kernel.componentsOf('broker')[0]!.instanceId;
    this.orders.onBrokerError((operation, orderId, error) => this.kernel.reportFault(brokerId, `${operation} ${orderId}`, error, true));
    // Venues remember client order ids: live and paper runs get ids unique to the run
    if (this.config.mode !== 'backtest') this.orders.setClientIdPrefix(`gm-${this.clock.now().toString(36)}-`);
    this.risk.setModels(this.kernel.componentsOf('risk').map((c) => ({ id: c.instanceId, model: c.instance as unknown as RiskModel })));

    const output = this.source.output;
    const bars: string[] = [...this.config.bars].sort((a, b) => timeframeToMs(a) - timeframeToMs(b));
    if (output.type === 'ticks' && bars.length === 0) throw new SdkError('GM_CONFIG_INVALID', 'Tick data needs at least one bar timeframe in `bars:` (e.g. [1m])');
    this.baseTimeframe = output.type === 'bars' ? output.timeframe : bars[0]!;
    for (const c of this.kernel.componentsOf('indicators')) this.indicators.add(c.instanceId, c.instance as unknown as IndicatorComponent, this.baseTimeframe);

    const agents = this.kernel.componentsOf('agents').map((c) => ({ id: c.instanceId, agent: c.instance as unknown as Agent }));
    const bus = this.kernel.bus;
    this.observer = this.options.observer;
    // The portfolio applies a fill before anyone else hears of it
    this.orders.observe({
      onOrder: (order) => this.observer?.onOrder?.(order),
      onFill: (fill, order) => {
        this.portfolio.applyFill(fill);
        if (bus.wants('position.changed')) {
          const position = this.portfolio.position(fill.symbol);
          if (position !== undefined) bus.publish('position.changed', { position, tsEvent: fill.time, tsInit: this.clock.now() });
        }
        this.observer?.onFill?.(fill, order);
      },
    });
    this.orders.observe({
      onOrder: (order) => {
        for (const { id, agent } of agents) this.callAgent(id, 'onOrder', () => agent.onOrder?.(order));
      },
      onFill: (fill) => {
        for (const { id, agent } of agents) this.callAgent(id, 'onFill', () => agent.onFill?.(fill));
      },
    });
    const gap = this.config.gapFill;
    const higher = output.type === 'ticks' ? bars.slice(1) : bars.filter((tf) => tf !== this.baseTimeframe);
    const publishBase = bars.length === 0 || bars.includes(this.baseTimeframe);
    this.driver = new MarketDriver({
      bus: this.kernel.bus,
      clock: this.clock instanceof SimulatedClock ? this.clock : undefined,
      venue: typeof broker.onBar === 'function' ? (broker as BarDrivenVenue) : undefined,
      portfolio: this.portfolio,
      risk: this.risk,
      indicators: this.indicators,
      agents,
      publishBase,
      createAggregator:
        higher.length === 0
          ? undefined
          : (symbol, onBar) => new MultiTimeframeAggregator({ base: this.baseTimeframe, timeframes: higher, symbol, onBar, gapFill: gap.enabled, maxGap: gap.maxGapMinutes * 60_000 }),
      createTickAggregator: output.type === 'ticks' ? (symbol, onBar) => createBarAggregator(this.baseTimeframe, { symbol, onBar, gapFill: false }) : undefined,
      onBaseBar: (bar) => {
        this.processed++;
        if (bus.wants('account.updated')) {
          const p = this.portfolio;
          bus.publish('account.updated', { equity: p.equity, cash: p.cash, drawdown: p.drawdown, tsEvent: bar.end, tsInit: bar.end });
        }
        this.observer?.onBaseBar?.(bar, this);
      },
      onAgentFault: (id, hook, error) => this.kernel.reportFault(id, hook, toError(error), true),
    });
  }

  private callAgent(id: string, hook: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.kernel.reportFault(id, hook, toError(error), true);
    }
  }

  private onComponentFault(action: 'halt' | 'stop', instanceId: string, error: Error): void {
    if (action === 'halt') this.killSwitch.engage({ reason: `component ${instanceId} faulted: ${error.message}`, by: instanceId, flatten: false });
    else this.requestStop(`component ${instanceId} faulted: ${error.message}`);
  }
}
