import { SdkError } from '../errors/sdk-error.js';
import type { Bar, Tick } from '../model/bar.js';
import type { BarAggregator } from './bar-aggregator.js';

/**
 * Routes each input to the aggregator of its symbol, creating one per symbol on first sight
 * (every aggregator serves exactly one symbol). `advanceTo` and `flush` reach all symbols, in the
 * order they were first seen, so output is deterministic.
 */
export class PerSymbolBarAggregator implements BarAggregator {
  private readonly bySymbol = new Map<string, BarAggregator>();
  private readonly ordered: BarAggregator[] = [];
  private readonly create: (symbol: string) => BarAggregator;

  /** `create` builds the aggregator for one symbol, e.g. `(symbol) => createBarAggregator('5m', { symbol, onBar })`. */
  constructor(create: (symbol: string) => BarAggregator) {
    if (typeof create !== 'function') {
      throw new SdkError('GM_CONFIG_INVALID', `PerSymbolBarAggregator: expected a function that creates an aggregator for a symbol, was ${typeof create}`);
    }
    this.create = create;
  }

  /** Symbols seen so far, in first-seen order. */
  get symbols(): readonly string[] {
    return [...this.bySymbol.keys()];
  }

  /** Returns the aggregator of a symbol, or undefined before its first input. */
  get(symbol: string): BarAggregator | undefined {
    return this.bySymbol.get(symbol);
  }

  updateTick(tick: Tick): void {
    this.forSymbol(tick.symbol).updateTick(tick);
  }

  updateBar(bar: Bar): void {
    this.forSymbol(bar.symbol).updateBar(bar);
  }

  advanceTo(time: number): void {
    for (const aggregator of this.ordered) aggregator.advanceTo(time);
  }

  flush(): void {
    for (const aggregator of this.ordered) aggregator.flush();
  }

  /** Drops every per-symbol aggregator; new ones are created on the next input. */
  reset(): void {
    this.bySymbol.clear();
    this.ordered.length = 0;
  }

  private forSymbol(symbol: string): BarAggregator {
    const existing = this.bySymbol.get(symbol);
    if (existing !== undefined) return existing;
    if (typeof symbol !== 'string' || symbol === '') {
      throw new SdkError('GM_INPUT_INVALID', `PerSymbolBarAggregator: input field "symbol": expected a non-empty string, was ${JSON.stringify(symbol)}`);
    }
    const created = this.create(symbol);
    this.bySymbol.set(symbol, created);
    this.ordered.push(created);
    return created;
  }
}
