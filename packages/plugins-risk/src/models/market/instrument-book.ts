import { SdkError } from '@grandmodel/framework';
import type { Position } from '@grandmodel/framework';

/** Options of an `InstrumentBook`. */
export interface InstrumentBookOptions {
  /** Most instruments the book holds; its arrays are preallocated for this many. */
  readonly capacity: number;
  /** Currency value of a one-point move per unit of `symbol` (the instrument multiplier). */
  readonly multiplierOf: (symbol: string) => number;
  /** Who owns the book, for error messages (the model's instance id). */
  readonly owner: string;
}

/**
 * The instruments a risk model has seen, each in a fixed slot: last price, position quantity and
 * multiplier in preallocated arrays, so per-bar valuation is a loop over typed arrays. Slots are
 * handed out in order of first appearance and never move.
 */
export class InstrumentBook {
  readonly capacity: number;
  /** Last price per slot; 0 until the first bar or mark. */
  readonly prices: Float64Array;
  /** Signed position quantity per slot. */
  readonly quantities: Float64Array;
  readonly multipliers: Float64Array;
  private readonly slots = new Map<string, number>();
  private readonly symbols: string[] = [];

  constructor(private readonly options: InstrumentBookOptions) {
    this.capacity = options.capacity;
    this.prices = new Float64Array(options.capacity);
    this.quantities = new Float64Array(options.capacity);
    this.multipliers = new Float64Array(options.capacity);
  }

  /** Number of slots in use. */
  get size(): number {
    return this.symbols.length;
  }

  /** The symbol in `slot`. */
  symbol(slot: number): string {
    return this.symbols[slot];
  }

  /** The slot of `symbol`, or −1 when the book has not seen it. */
  find(symbol: string): number {
    return this.slots.get(symbol) ?? -1;
  }

  /** The slot of `symbol`, adding it on first sight; more instruments than `capacity` is an error. */
  slotOf(symbol: string): number {
    const existing = this.slots.get(symbol);
    if (existing !== undefined) return existing;
    const slot = this.symbols.length;
    if (slot >= this.capacity) {
      throw new SdkError(
        'GM_CONFIG_INVALID',
        `Risk model "${this.options.owner}" tracks at most ${this.capacity} instruments (option maxInstruments) and "${symbol}" would be instrument ${slot + 1}; raise maxInstruments`,
      );
    }
    this.slots.set(symbol, slot);
    this.symbols.push(symbol);
    this.multipliers[slot] = this.options.multiplierOf(symbol);
    return slot;
  }

  /** Records a position update; its mark price becomes the slot's price when none is known yet. */
  setPosition(position: Position): number {
    const slot = this.slotOf(position.symbol);
    this.quantities[slot] = position.quantity;
    if (this.prices[slot] === 0 && position.markPrice > 0) this.prices[slot] = position.markPrice;
    return slot;
  }

  /** Signed market value of the position in `slot`: quantity · price · multiplier. */
  exposure(slot: number): number {
    return this.quantities[slot] * this.prices[slot] * this.multipliers[slot];
  }

  /** True when any position is open. */
  hasPositions(): boolean {
    for (let slot = 0; slot < this.symbols.length; slot++) if (this.quantities[slot] !== 0) return true;
    return false;
  }

  /** Writes each slot's exposure divided by `equity` into `into` (zeros past the used slots) and returns it. */
  weights(equity: number, into: Float64Array): Float64Array {
    const used = this.symbols.length;
    for (let slot = 0; slot < into.length; slot++) into[slot] = slot < used ? this.exposure(slot) / equity : 0;
    return into;
  }
}
