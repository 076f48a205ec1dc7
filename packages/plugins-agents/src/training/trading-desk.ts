import type { Bracket, OrderManager, PortfolioView } from '@grandmodel/framework';

/**
 * Moves one instrument's position to a target with market orders, for the training environment: it
 * cancels the symbol's working orders (including bracket children) and orders the difference.
 */
export class TradingDesk {
  constructor(
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
    readonly symbol: string,
    private readonly tag: string,
  ) {}

  /** Filled position (signed quantity). */
  get position(): number {
    return this.portfolio.position(this.symbol)?.quantity ?? 0;
  }

  /** True while any order (an entry, or a bracket's stop and target) is working. */
  get working(): boolean {
    return this.orders.openOrderCount > 0;
  }

  /** Orders the difference to `target` contracts; `bracket` attaches a stop and a target to the entry. */
  target(target: number, bracket?: Bracket): void {
    if (this.orders.openOrderCount > 0) this.orders.cancelAll(this.symbol);
    const delta = target - this.position;
    if (Math.abs(delta) < 1e-9) return;
    this.orders.submit({
      symbol: this.symbol,
      side: delta > 0 ? 'buy' : 'sell',
      quantity: Math.abs(delta),
      type: 'market',
      tag: this.tag,
      ...(bracket === undefined ? {} : { bracket }),
    });
  }

  /** Closes the position and cancels working orders. */
  flatten(): void {
    this.target(0);
  }
}
