import { roundMoney } from '../portfolio/round-money.js';
import type { FeeScheduleOptions } from './simulated-venue-options.js';

/** Who provided liquidity on a fill: a resting limit order (maker) or an order that took the book (taker). */
export type Liquidity = 'maker' | 'taker';

/**
 * Computes fees from a fee schedule. A fill's raw fee is
 * `quantity × (perContract + perShare) + notional × (bps + makerBps|takerBps) / 10 000`
 * with `notional = quantity × price × multiplier`; the per-order `minimum` is applied over the order's
 * running total so split fills never pay the minimum twice.
 */
export class FeeSchedule {
  private readonly options: FeeScheduleOptions;

  constructor(options: FeeScheduleOptions) {
    this.options = options;
  }

  /** Returns the fee of one fill before the per-order minimum. */
  rawFee(quantity: number, price: number, multiplier: number, liquidity: Liquidity): number {
    const { perContract, perShare, bps, makerBps, takerBps } = this.options;
    const notional = quantity * price * multiplier;
    const rateBps = bps + (liquidity === 'maker' ? makerBps : takerBps);
    return quantity * (perContract + perShare) + (notional * rateBps) / 10_000;
  }

  /**
   * Returns what to charge for a fill, given the order's raw fees including this fill and what the order
   * was already charged: `max(minimum, rawTotal) − charged`, never negative.
   */
  charge(rawTotalIncludingFill: number, chargedBefore: number): number {
    const owed = roundMoney(Math.max(this.options.minimum, rawTotalIncludingFill));
    return Math.max(0, roundMoney(owed - chargedBefore));
  }
}
