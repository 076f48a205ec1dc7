import type { Bar } from '../model/bar.js';
import { roundToTick } from '../model/instrument.js';
import { firstTouch, NO_TOUCH, priceAtPosition } from './bar-path.js';
import { slippedPrice } from './slippage.js';
import type { WorkingOrder } from './working-order.js';

/** Slippage settings the evaluation applies to market and stop fills. */
export interface SlippageSettings {
  readonly ticks: number;
  readonly bps: number;
}

/**
 * Decides whether `work` fills on `bar` when it is active from path position `from`, and where and at
 * what price. Writes `pendingPosition` (NO_TOUCH when it does not fill), `pendingPrice` and
 * `pendingLiquidity` on the order; allocates nothing.
 *
 * - market, and a stop triggered on an earlier bar: the price at `from` (the open), with slippage;
 * - stop: the first touch of the stop price; at the stop price, or at the price at `from` when the bar
 *   opened through it (a gap), with slippage;
 * - limit: the first touch of the limit price; at the limit price, or at the better price at `from`
 *   when it opened through it; no slippage. Taker when it fills at the instant it becomes active
 *   (marketable on arrival), maker otherwise;
 * - stop-limit: the stop as above turns it into a limit from that point on (a limit already satisfied at
 *   the trigger fills there, as a taker).
 */
export function evaluateOrder(work: WorkingOrder, bar: Bar, from: number, slippage: SlippageSettings): void {
  const order = work.order;
  const buy = order.side === 'buy';
  const tickSize = work.instrument.tickSize;
  const fresh = work.barsEvaluated === 0;
  work.barsEvaluated++;
  work.pendingPosition = NO_TOUCH;
  work.pendingLiquidity = 'taker';

  if (order.type === 'market' || (order.type === 'stop' && work.triggered)) {
    return pend(work, from, slippedPrice(priceAtPosition(bar, from), order.side, tickSize, slippage.ticks, slippage.bps));
  }
  if (order.type === 'stop') {
    const stop = order.stopPrice!;
    // A buy stop triggers when the price rises to the stop, a sell stop when it falls to it
    const position = firstTouch(bar, stop, buy, from);
    if (position === NO_TOUCH) return;
    const base = position === from ? priceAtPosition(bar, from) : stop;
    return pend(work, position, slippedPrice(base, order.side, tickSize, slippage.ticks, slippage.bps));
  }

  const limit = order.limitPrice!;
  let limitFrom = from;
  let limitFresh = fresh;
  if (order.type === 'stop_limit' && !work.triggered) {
    const stop = order.stopPrice!;
    const triggerAt = firstTouch(bar, stop, buy, from);
    if (triggerAt === NO_TOUCH) return;
    work.triggered = true;
    const triggerPrice = triggerAt === from ? priceAtPosition(bar, from) : stop;
    if (buy ? triggerPrice <= limit : triggerPrice >= limit) {
      return pend(work, triggerAt, limitFillPrice(triggerPrice, limit, buy, tickSize));
    }
    limitFrom = triggerAt;
    limitFresh = false;
  }
  // A buy limit fills when the price falls to the limit, a sell limit when it rises to it
  const position = firstTouch(bar, limit, !buy, limitFrom);
  if (position === NO_TOUCH) return;
  const marketable = position === limitFrom;
  const base = marketable ? priceAtPosition(bar, limitFrom) : limit;
  pend(work, position, limitFillPrice(base, limit, buy, tickSize));
  if (!(limitFresh && marketable)) work.pendingLiquidity = 'maker';
}

function pend(work: WorkingOrder, position: number, price: number): void {
  work.pendingPosition = position;
  work.pendingPrice = price;
}

// A limit never fills worse than its limit, even after rounding an off-grid price to the tick
function limitFillPrice(price: number, limit: number, buy: boolean, tickSize: number): number {
  const rounded = roundToTick(price, tickSize);
  return buy ? Math.min(rounded, limit) : Math.max(rounded, limit);
}
