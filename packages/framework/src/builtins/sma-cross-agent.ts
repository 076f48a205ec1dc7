import type { Agent } from '../kinds/agent.js';
import type { Bar } from '../model/bar.js';
import type { OrderManager } from '../orders/order-manager.js';
import type { PortfolioView } from '../orders/portfolio-view.js';

/** Settings of the SMA crossover agent. */
export interface SmaCrossSettings {
  readonly fast: number;
  readonly slow: number;
  /** Timeframe of the bars it trades on; undefined = any bar it is given. */
  readonly timeframe?: string;
  readonly symbol?: string;
  readonly quantity: number;
  readonly allowShort: boolean;
}

/**
 * The minimal example strategy: target +quantity after the fast SMA of closes crosses above the slow one,
 * −quantity (or flat without shorting) after it crosses below; it orders the difference to its target.
 * O(1) per bar: two running sums over one ring buffer of closes.
 */
export class SmaCrossAgent implements Agent {
  private readonly closes: Float64Array;
  private count = 0;
  private fastSum = 0;
  private slowSum = 0;
  private previousDiff = Number.NaN;

  constructor(
    private readonly settings: SmaCrossSettings,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
  ) {
    this.closes = new Float64Array(settings.slow);
  }

  onBar(bar: Bar): void {
    const s = this.settings;
    if (s.timeframe !== undefined && bar.timeframe !== s.timeframe) return;
    if (s.symbol !== undefined && bar.symbol !== s.symbol) return;
    const slowSlot = this.count % s.slow;
    if (this.count >= s.slow) this.slowSum -= this.closes[slowSlot]!;
    if (this.count >= s.fast) this.fastSum -= this.closes[(this.count - s.fast) % s.slow]!;
    this.closes[slowSlot] = bar.close;
    this.slowSum += bar.close;
    this.fastSum += bar.close;
    this.count++;
    if (this.count < s.slow) return;
    const diff = this.fastSum / s.fast - this.slowSum / s.slow;
    const previous = this.previousDiff;
    this.previousDiff = diff;
    if (Number.isNaN(previous)) return;
    let target: number | undefined;
    if (previous <= 0 && diff > 0) target = s.quantity;
    else if (previous >= 0 && diff < 0) target = s.allowShort ? -s.quantity : 0;
    if (target === undefined) return;
    const current = this.expectedPosition(bar.symbol);
    const delta = target - current;
    if (Math.abs(delta) < 1e-12) return;
    this.orders.submit({ symbol: bar.symbol, side: delta > 0 ? 'buy' : 'sell', quantity: Math.abs(delta), type: 'market', tag: 'sma-cross' });
  }

  /** Position plus what working orders will add once filled, so a pending order is not sent twice. */
  private expectedPosition(symbol: string): number {
    let quantity = this.portfolio.position(symbol)?.quantity ?? 0;
    if (this.orders.openOrderCount === 0) return quantity;
    for (const order of this.orders.openOrders()) {
      if (order.symbol !== symbol || order.parentId !== undefined) continue;
      const remaining = order.quantity - order.filledQuantity;
      quantity += order.side === 'buy' ? remaining : -remaining;
    }
    return quantity;
  }
}
