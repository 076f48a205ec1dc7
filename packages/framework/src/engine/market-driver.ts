import type { EventBus } from '../bus/event-bus.js';
import type { BarAggregator } from '../bars/bar-aggregator.js';
import type { SimulatedClock } from '../clock/clock.js';
import type { Agent } from '../kinds/agent.js';
import type { Bar, Tick } from '../model/bar.js';
import type { RiskEngine } from '../risk/risk-engine.js';
import type { IndicatorHub } from './indicator-hub.js';

/** The parts of the portfolio the driver marks. */
export interface MarkablePortfolio {
  mark(symbol: string, price: number): void;
}

/** A venue that works orders against bars (the simulated venue). */
export interface BarDrivenVenue {
  onBar(bar: Bar): void;
}

/** Receives each base bar after it has been fully processed (equity rows, bars file). */
export type BaseBarObserver = (bar: Bar) => void;

/** An agent with the instance id faults are attributed to. */
export interface DrivenAgent {
  readonly id: string;
  readonly agent: Agent;
}

/** Everything the driver works with. */
export interface MarketDriverParts {
  readonly bus: EventBus;
  /** Set in backtests: the driver moves it to each bar's open, then its close. */
  readonly clock?: SimulatedClock;
  readonly venue?: BarDrivenVenue;
  readonly portfolio: MarkablePortfolio;
  readonly risk: RiskEngine;
  readonly indicators: IndicatorHub;
  readonly agents: readonly DrivenAgent[];
  /** Builds the configured higher timeframes from base bars, per symbol. */
  readonly createAggregator?: (symbol: string, onBar: (bar: Bar) => void) => BarAggregator;
  /** For tick data: builds base bars from ticks, per symbol. */
  readonly createTickAggregator?: (symbol: string, onBar: (bar: Bar) => void) => BarAggregator;
  /** Whether base bars are published to indicators and agents (their timeframe is one of `bars:`). */
  readonly publishBase: boolean;
  readonly onBaseBar?: BaseBarObserver;
  /** Called when an agent hook throws; the driver goes on with the other agents. */
  readonly onAgentFault: (agentId: string, hook: string, error: unknown) => void;
}

/**
 * Per-bar heart of the engine. For each base bar: the venue fills working orders on the bar's path (at the
 * bar's open time), the clock moves to the close, positions are marked, then indicators and agents see the
 * closed bar and every higher-timeframe bar it completes (smaller timeframes first). Nothing of a bar is
 * visible before its close, so there is no look-ahead.
 */
export class MarketDriver {
  private readonly aggregators = new Map<string, BarAggregator>();
  private readonly tickAggregators = new Map<string, BarAggregator>();
  // Higher-timeframe bars wait here until the base bar that completed them has been published
  private readonly queue: Bar[] = [];
  private readonly enqueue = (bar: Bar): void => void this.queue.push(bar);
  private readonly processBase = (bar: Bar): void => {
    this.tickBars.push(bar);
  };
  private readonly tickBars: Bar[] = [];

  constructor(private readonly parts: MarketDriverParts) {}

  /**
   * Processes one closed base bar. Returns a promise only when an agent's hook returned one (e.g. a model
   * inference); the caller must await it before the next bar so the order of events stays deterministic.
   */
  onBar(bar: Bar): void | Promise<void> {
    const p = this.parts;
    p.clock?.set(bar.start);
    p.venue?.onBar(bar);
    p.clock?.set(bar.end);
    p.portfolio.mark(bar.symbol, bar.close);
    p.risk.updatePrice(bar.symbol, bar.close);
    // Bars this one completes in higher timeframes queue up and are published after it, smallest first
    this.aggregatorFor(bar.symbol)?.updateBar(bar);
    const pending = p.publishBase ? this.publishBar(bar) : undefined;
    if (pending !== undefined) return pending.then(() => this.finishBar(bar, 0));
    return this.finishBar(bar, 0);
  }

  /** Processes one tick: it builds base bars, which then drive everything else as bars do. */
  onTick(tick: Tick): void | Promise<void> {
    const p = this.parts;
    let aggregator = this.tickAggregators.get(tick.symbol);
    if (aggregator === undefined && p.createTickAggregator !== undefined) {
      aggregator = p.createTickAggregator(tick.symbol, this.processBase);
      this.tickAggregators.set(tick.symbol, aggregator);
    }
    // Closing the previous base bar happens before the clock reaches this tick's time
    aggregator?.updateTick(tick);
    const pending = this.tickBars.length === 0 ? undefined : this.processTickBars(0);
    if (pending !== undefined) return pending.then(() => this.afterTick(tick));
    this.afterTick(tick);
  }

  private afterTick(tick: Tick): void {
    const p = this.parts;
    p.clock?.set(tick.time);
    p.risk.updatePrice(tick.symbol, tick.price);
    if (p.bus.wants('tick.received')) p.bus.publish('tick.received', { tick, tsEvent: tick.time, tsInit: tick.time });
  }

  private processTickBars(index: number): void | Promise<void> {
    const bars = this.tickBars;
    for (let i = index; i < bars.length; i++) {
      const pending = this.onBar(bars[i]!);
      if (pending !== undefined) return pending.then(() => this.processTickBars(i + 1));
    }
    if (bars.length !== 0) bars.length = 0;
  }

  /** Emits bars still open at the end of the data. */
  async flush(): Promise<void> {
    for (const aggregator of this.tickAggregators.values()) aggregator.flush();
    for (const aggregator of this.aggregators.values()) aggregator.flush();
    await this.drain(0);
  }

  /** Publishes the queued higher-timeframe bars from `index` on, then reports the base bar as done. */
  private finishBar(bar: Bar, index: number): void | Promise<void> {
    const pending = this.drain(index);
    if (pending !== undefined) return pending.then(() => this.parts.onBaseBar?.(bar));
    this.parts.onBaseBar?.(bar);
  }

  /** Publishes queued bars in order; switches to awaiting only when an agent hook returns a promise. */
  private drain(index: number): void | Promise<void> {
    const queue = this.queue;
    for (let i = index; i < queue.length; i++) {
      const pending = this.publishBar(queue[i]!);
      if (pending !== undefined) return pending.then(() => this.drain(i + 1));
    }
    if (queue.length !== 0) queue.length = 0;
  }

  private aggregatorFor(symbol: string): BarAggregator | undefined {
    let aggregator = this.aggregators.get(symbol);
    if (aggregator === undefined && this.parts.createAggregator !== undefined) {
      aggregator = this.parts.createAggregator(symbol, this.enqueue);
      this.aggregators.set(symbol, aggregator);
    }
    return aggregator;
  }

  private publishBar(bar: Bar): void | Promise<void> {
    const p = this.parts;
    p.indicators.update(bar);
    if (p.bus.wants('bar.closed')) p.bus.publish('bar.closed', { bar, tsEvent: bar.end, tsInit: bar.end });
    return this.runAgents(bar, 0);
  }

  /** Calls agents' onBar from `index` on, awaiting a returned promise before the next agent. */
  private runAgents(bar: Bar, index: number): void | Promise<void> {
    const p = this.parts;
    const agents = p.agents;
    for (let i = index; i < agents.length; i++) {
      const { id, agent } = agents[i]!;
      if (agent.onBar === undefined) continue;
      let result: void | Promise<void>;
      try {
        result = agent.onBar(bar);
      } catch (error) {
        p.onAgentFault(id, 'onBar', error);
        continue;
      }
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
        return (result as Promise<void>).then(
          () => this.runAgents(bar, i + 1),
          (error: unknown) => {
            p.onAgentFault(id, 'onBar', error);
            return this.runAgents(bar, i + 1);
          },
        );
      }
    }
  }
}
