import type { Instrument } from '../model/instrument.js';
import type { Position } from '../model/position.js';
import { roundMoney } from './round-money.js';

/**
 * Mutable book of one instrument's net position, owned by a Portfolio.
 * Quantity is signed (long > 0, short < 0); the average price is the volume-weighted entry price of the
 * open quantity and is kept through reductions, reset on a flip and cleared when flat.
 */
export class PositionState {
  readonly instrument: Instrument;
  quantity = 0;
  averagePrice = Number.NaN;
  /** Realized PnL in account currency, gross of fees. */
  realizedPnl = 0;
  fees = 0;
  markPrice = Number.NaN;

  constructor(instrument: Instrument) {
    this.instrument = instrument;
  }

  /**
   * Books a fill of `signedQuantity` (positive buys, negative sells) at `price` and returns the PnL it
   * realizes: `closed quantity × (price − average) × direction × multiplier`. The part of a fill that goes
   * through zero opens a new position at the fill price.
   */
  apply(signedQuantity: number, price: number): number {
    const before = this.quantity;
    let realized = 0;
    if (before === 0 || Math.sign(before) === Math.sign(signedQuantity)) {
      const size = Math.abs(before);
      const added = Math.abs(signedQuantity);
      this.averagePrice = before === 0 ? price : (this.averagePrice * size + price * added) / (size + added);
      this.quantity = before + signedQuantity;
    } else {
      const closed = Math.min(Math.abs(before), Math.abs(signedQuantity));
      realized = roundMoney(closed * (price - this.averagePrice) * Math.sign(before) * this.instrument.multiplier);
      const after = before + signedQuantity;
      // Tiny residues from fractional quantities count as flat
      this.quantity = Math.abs(after) < 1e-12 ? 0 : after;
      if (this.quantity === 0) this.averagePrice = Number.NaN;
      else if (Math.sign(this.quantity) !== Math.sign(before)) this.averagePrice = price;
    }
    this.realizedPnl = roundMoney(this.realizedPnl + realized);
    this.markPrice = price;
    return realized;
  }

  /** Unrealized PnL at the mark: `(mark − average) × quantity × multiplier`; 0 when flat. */
  unrealizedPnl(): number {
    if (this.quantity === 0) return 0;
    return (this.markPrice - this.averagePrice) * this.quantity * this.instrument.multiplier;
  }

  /** Signed market value at the mark: `quantity × mark × multiplier`. */
  marketValue(): number {
    if (this.quantity === 0) return 0;
    return this.quantity * this.markPrice * this.instrument.multiplier;
  }

  /** Returns an immutable view for callers outside the portfolio. */
  toPosition(): Position {
    return Object.freeze({
      symbol: this.instrument.symbol,
      quantity: this.quantity,
      averagePrice: this.averagePrice,
      realizedPnl: this.realizedPnl,
      unrealizedPnl: roundMoney(this.unrealizedPnl()),
      markPrice: this.markPrice,
    });
  }
}
