import { SdkError } from '../errors/sdk-error.js';
import type { Bar, Tick } from '../model/bar.js';
import type { BarAggregatorOptions, BarListener, LateInputPolicy } from './bar-aggregator.js';

/**
 * Shared plumbing of the single-timeframe aggregators: symbol binding, input checks, the
 * time-order watermark and the late-input policy.
 */
export abstract class BarAggregatorBase {
  /** Timeframe text stamped on every emitted bar, e.g. `5m` or `volume:5000`. */
  readonly timeframe: string;
  protected readonly onBar: BarListener;
  protected readonly lateInput: LateInputPolicy;
  private readonly configuredSymbol: string | undefined;
  private boundSymbol: string | undefined;
  private dropped = 0;
  /** Earliest time the next input may carry. */
  protected watermark = -Infinity;

  protected constructor(timeframe: string, options: BarAggregatorOptions) {
    if (typeof options?.onBar !== 'function') {
      throw new SdkError('GM_CONFIG_INVALID', `Bar aggregator ${timeframe}: option "onBar" must be a function, was ${typeof options?.onBar}`);
    }
    const lateInput = options.lateInput ?? 'error';
    if (lateInput !== 'error' && lateInput !== 'drop') {
      throw new SdkError('GM_CONFIG_INVALID', `Bar aggregator ${timeframe}: option "lateInput" must be "error" or "drop", was "${String(lateInput)}"`);
    }
    if (options.symbol !== undefined && (typeof options.symbol !== 'string' || options.symbol === '')) {
      throw new SdkError('GM_CONFIG_INVALID', `Bar aggregator ${timeframe}: option "symbol" must be a non-empty string, was ${JSON.stringify(options.symbol)}`);
    }
    this.timeframe = timeframe;
    this.onBar = options.onBar;
    this.lateInput = lateInput;
    this.configuredSymbol = options.symbol;
    this.boundSymbol = options.symbol;
  }

  /** Symbol of the bars, once configured or seen; undefined before the first input. */
  get symbol(): string | undefined {
    return this.boundSymbol;
  }

  /** Number of inputs ignored under `lateInput: 'drop'`. */
  get droppedInputs(): number {
    return this.dropped;
  }

  /** Clears the shared state; subclasses call it from `reset()`. */
  protected resetBase(): void {
    this.boundSymbol = this.configuredSymbol;
    this.dropped = 0;
    this.watermark = -Infinity;
  }

  /** Returns the bound symbol; only valid after an input was accepted. */
  protected get barSymbol(): string {
    return this.boundSymbol as string;
  }

  /** Throws unless the tick has the aggregator's symbol and finite numbers. */
  protected checkTick(tick: Tick): void {
    this.checkSymbol(tick.symbol, 'tick');
    if (!Number.isFinite(tick.time)) this.invalid('tick', 'time', 'a finite epoch-ms number', tick.time);
    if (!Number.isFinite(tick.price)) this.invalid('tick', 'price', 'a finite number', tick.price);
    if (!(tick.volume >= 0) || !Number.isFinite(tick.volume)) this.invalid('tick', 'volume', 'a finite number >= 0', tick.volume);
  }

  /** Throws unless the bar has the aggregator's symbol, a positive span and finite numbers. */
  protected checkBar(bar: Bar): void {
    this.checkSymbol(bar.symbol, 'bar');
    if (!Number.isFinite(bar.start)) this.invalid('bar', 'start', 'a finite epoch-ms number', bar.start);
    if (!(bar.end > bar.start) || !Number.isFinite(bar.end)) this.invalid('bar', 'end', `a finite epoch-ms number > start (${bar.start})`, bar.end);
    if (!Number.isFinite(bar.open)) this.invalid('bar', 'open', 'a finite number', bar.open);
    if (!Number.isFinite(bar.high)) this.invalid('bar', 'high', 'a finite number', bar.high);
    if (!Number.isFinite(bar.low)) this.invalid('bar', 'low', 'a finite number', bar.low);
    if (!Number.isFinite(bar.close)) this.invalid('bar', 'close', 'a finite number', bar.close);
    if (!(bar.volume >= 0) || !Number.isFinite(bar.volume)) this.invalid('bar', 'volume', 'a finite number >= 0', bar.volume);
  }

  /** Applies the late-input policy: returns true when the input is dropped (and counts it), false when it must be rejected. */
  protected dropLate(): boolean {
    if (this.lateInput !== 'drop') return false;
    this.dropped += 1;
    return true;
  }

  /** Returns the error for a late input; `what` describes it. */
  protected lateError(what: string): SdkError {
    return new SdkError('GM_INPUT_INVALID', `${this.describe()}: ${what}; inputs must come in time order`);
  }

  /** Names the aggregator in messages, e.g. `TimeBarAggregator 5m (NQ)`. */
  protected describe(): string {
    return `${this.constructor.name} ${this.timeframe}${this.boundSymbol === undefined ? '' : ` (${this.boundSymbol})`}`;
  }

  private checkSymbol(symbol: string, input: 'tick' | 'bar'): void {
    if (symbol === this.boundSymbol) return;
    if (this.boundSymbol === undefined && typeof symbol === 'string' && symbol !== '') {
      this.boundSymbol = symbol;
      return;
    }
    throw new SdkError('GM_INPUT_INVALID', `${this.describe()}: ${input} field "symbol": expected "${this.boundSymbol ?? 'a non-empty string'}" (one aggregator serves one symbol; use PerSymbolBarAggregator for several), was ${JSON.stringify(symbol)}`);
  }

  private invalid(input: 'tick' | 'bar', field: string, expected: string, value: unknown): never {
    throw new SdkError('GM_INPUT_INVALID', `${this.describe()}: ${input} field "${field}": expected ${expected}, was ${String(value)}`);
  }
}
