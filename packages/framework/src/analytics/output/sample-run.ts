import type { Bar } from '../../model/bar.js';
import type { Fill } from '../../model/fill.js';
import { createInstrument } from '../../model/instrument.js';
import type { Order, OrderSide } from '../../model/order.js';
import { SeededRandom } from '../../random/seeded-random.js';
import type { RunSummary } from './run-summary.js';
import { RunWriter } from './run-writer.js';

/** Options of `writeSampleRun`. */
export interface SampleRunOptions {
  /** 30-minute bars to generate (weekends are skipped). @default 400 */
  readonly bars?: number;
  /** Seed of the price path. @default 1 */
  readonly seed?: number;
  /** Passed to the run writer. @default 2000 */
  readonly maxCandles?: number;
}

const BAR_MS = 30 * 60_000;
const START = Date.UTC(2024, 0, 1);
const FEE_PER_CONTRACT = 2.5;

/**
 * Writes a complete run folder from a seeded random walk traded by a moving-average rule (long
 * above the 10-bar mean, short below, one NQ contract, market orders filled at the next open),
 * plus resting limit orders that get canceled. Used to exercise the writers and the report.
 */
export function writeSampleRun(dir: string, options: SampleRunOptions = {}): RunSummary {
  const random = new SeededRandom(options.seed ?? 1);
  const instrument = createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20 });
  const writer = new RunWriter({ dir, instruments: [instrument], maxCandles: options.maxCandles ?? 2000 });
  const count = options.bars ?? 400;
  const closes: number[] = [];
  let price = 17_000;
  let cash = 100_000;
  let position = 0;
  let target = 0;
  let orderNumber = 0;
  let time = START;
  const resting: Order[] = [];

  const order = (side: OrderSide, quantity: number, type: Order['type'], created: number, limitPrice?: number): Order => ({
    id: `O${++orderNumber}`,
    clientOrderId: `C${orderNumber}`,
    symbol: 'NQ',
    side,
    quantity,
    type,
    timeInForce: 'gtc',
    status: 'accepted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: created,
    updatedAt: created,
    tag: 'sma-rule',
    ...(limitPrice === undefined ? {} : { limitPrice }),
  });

  for (let i = 0; i < count; i++) {
    // Skip Saturday and Sunday (UTC) so the sample has weekend gaps like real futures data
    while ([0, 6].includes(new Date(time).getUTCDay())) time += BAR_MS;
    const open = Math.round(price * 4) / 4;
    if (target !== position) {
      const side: OrderSide = target > position ? 'buy' : 'sell';
      const quantity = Math.abs(target - position);
      const submitted = order(side, quantity, 'market', time);
      writer.onOrder(submitted);
      writer.recordEvent('order.submitted', { order: submitted, tsEvent: time, tsInit: time });
      const fill: Fill = { orderId: submitted.id, clientOrderId: submitted.clientOrderId, symbol: 'NQ', side, quantity, price: open, fee: FEE_PER_CONTRACT * quantity, time, liquidity: 'taker', tag: 'sma-rule' };
      const filled: Order = { ...submitted, status: 'filled', filledQuantity: quantity, averageFillPrice: open, updatedAt: time };
      writer.onFill(fill);
      writer.onOrder(filled);
      writer.recordEvent('order.filled', { order: filled, fill, tsEvent: time, tsInit: time });
      cash -= (side === 'buy' ? 1 : -1) * quantity * open * instrument.multiplier + fill.fee;
      position = target;
    }
    const move = random.normal() * 12;
    const close = Math.round((open + move) * 4) / 4;
    const high = Math.max(open, close) + Math.round(random.next() * 24) / 4;
    const low = Math.min(open, close) - Math.round(random.next() * 24) / 4;
    const bar: Bar = { symbol: 'NQ', timeframe: '30m', start: time, end: time + BAR_MS, open, high, low, close, volume: 100 + random.int(900), synthetic: false };
    writer.onBar(bar);
    writer.recordEvent('bar.closed', { bar, tsEvent: bar.end, tsInit: bar.end });
    if (i % 50 === 10) resting.push(order('buy', 1, 'limit', bar.end, low - 100));
    if (resting.length > 0) writer.onOrder(resting[resting.length - 1]!);
    if (i % 50 === 20 && resting.length > 0) {
      const canceled: Order = { ...resting.pop()!, status: 'canceled', updatedAt: bar.end, reason: 'canceled by strategy, "too far"' };
      writer.onOrder(canceled);
    }
    const exposure = position * close * instrument.multiplier;
    const equity = cash + exposure;
    writer.recordEquity(bar.end, equity, cash, exposure, Math.abs(exposure));
    writer.recordEvent('account.updated', { equity, cash, drawdown: 0, tsEvent: bar.end, tsInit: bar.end });
    closes.push(close);
    if (closes.length >= 10) {
      const mean = closes.slice(-10).reduce((sum, value) => sum + value, 0) / 10;
      target = close > mean ? 1 : -1;
    }
    price = close;
    time += BAR_MS;
  }
  return writer.finish({ run: { name: 'sample', seed: options.seed ?? 1, mode: 'backtest' } });
}
