import { definePlugin, TOKENS, type Agent, type Bar, type OrderManager, type PortfolioView } from '@grandmodel/framework';
import { z } from 'zod';

/** Goes long `quantity` when a bar closes above the highest high of the previous `lookback` bars; flat below the lowest low. */
export class BreakoutAgent implements Agent {
  private readonly highs: Float64Array;
  private readonly lows: Float64Array;
  private seen = 0;

  constructor(
    private readonly lookback: number,
    private readonly quantity: number,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
  ) {
    this.highs = new Float64Array(lookback);
    this.lows = new Float64Array(lookback);
  }

  onBar(bar: Bar): void {
    if (this.seen >= this.lookback) {
      let highest = -Infinity;
      let lowest = Infinity;
      for (let i = 0; i < this.lookback; i++) {
        highest = Math.max(highest, this.highs[i]!);
        lowest = Math.min(lowest, this.lows[i]!);
      }
      const position = this.portfolio.position(bar.symbol)?.quantity ?? 0;
      const pending = this.orders.openOrders().length > 0;
      if (!pending && bar.close > highest && position <= 0) {
        this.orders.submit({ symbol: bar.symbol, side: 'buy', quantity: this.quantity - position, type: 'market', tag: 'breakout' });
      } else if (!pending && bar.close < lowest && position > 0) {
        this.orders.submit({ symbol: bar.symbol, side: 'sell', quantity: position, type: 'market', tag: 'breakout' });
      }
    }
    // Ring buffer of the last `lookback` highs and lows
    this.highs[this.seen % this.lookback] = bar.high;
    this.lows[this.seen % this.lookback] = bar.low;
    this.seen++;
  }
}

/** The plugin: manifest, options schema, factory. */
export const breakoutAgent = definePlugin({
  manifest: { id: 'breakout', kind: 'agent', version: '1.0.0', apiVersion: 1, description: 'Channel breakout, long only' },
  options: z.strictObject({
    lookback: z.number().int().min(2).default(20).describe('Bars in the channel'),
    quantity: z.number().positive().default(1).describe('Position size when long'),
  }),
  create: (ctx) => new BreakoutAgent(ctx.options.lookback, ctx.options.quantity, ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio)),
});
