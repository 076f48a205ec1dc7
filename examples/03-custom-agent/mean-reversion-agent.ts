import {
  definePlugin,
  TOKENS,
  z,
  type Agent,
  type Bar,
  type InstrumentRegistry,
  type OrderManager,
  type PortfolioView,
} from '@grandmodel/framework';

/** Settings of the mean-reversion agent (its parsed plugin options). */
export interface MeanReversionSettings {
  /** Closes in the rolling window. */
  readonly lookback: number;
  /** Enter when the close is this many standard deviations from the window mean. */
  readonly entryZ: number;
  /** Stop-loss distance from the entry close, in standard deviations. */
  readonly stopZ: number;
  readonly quantity: number;
  readonly timeframe?: string;
}

/**
 * Mean reversion with a bracket: when flat and the close is more than `entryZ` standard deviations below the
 * mean of the last `lookback` closes, buy at market with a take-profit at the mean and a stop-loss `stopZ`
 * deviations below the close (mirrored above the mean for shorts). The simulated venue works the two legs,
 * one cancels the other; the agent waits until the position is closed and no order is working.
 * O(1) per bar: running sums of the closes and their squares over a ring buffer (exact for prices on a tick grid).
 */
export class MeanReversionAgent implements Agent {
  private readonly closes: Float64Array;
  private count = 0;
  private sum = 0;
  private sumOfSquares = 0;

  constructor(
    private readonly settings: MeanReversionSettings,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
    private readonly instruments: InstrumentRegistry,
  ) {
    this.closes = new Float64Array(settings.lookback);
  }

  onBar(bar: Bar): void {
    const s = this.settings;
    if (s.timeframe !== undefined && bar.timeframe !== s.timeframe) return;
    const close = bar.close;
    const slot = this.count % s.lookback;
    if (this.count >= s.lookback) {
      const oldest = this.closes[slot]!;
      this.sum -= oldest;
      this.sumOfSquares -= oldest * oldest;
    }
    this.closes[slot] = close;
    this.sum += close;
    this.sumOfSquares += close * close;
    this.count++;
    if (this.count < s.lookback) return;
    // Busy while the entry or its bracket legs are working, or a position is open
    if (this.orders.openOrderCount > 0 || (this.portfolio.position(bar.symbol)?.quantity ?? 0) !== 0) return;

    const mean = this.sum / s.lookback;
    const variance = this.sumOfSquares / s.lookback - mean * mean;
    if (!(variance > 0)) return;
    const deviation = Math.sqrt(variance);
    const score = (close - mean) / deviation;
    const tick = this.instruments.get(bar.symbol).tickSize;
    // Exits are rounded to the tick grid away from the mean's side they protect: the target never beyond the mean
    const down = (price: number) => Math.floor(price / tick) * tick;
    const up = (price: number) => Math.ceil(price / tick) * tick;
    if (score < -s.entryZ) {
      const bracket = { takeProfit: down(mean), stopLoss: down(close - s.stopZ * deviation) };
      this.orders.submit({ symbol: bar.symbol, side: 'buy', quantity: s.quantity, type: 'market', bracket, tag: 'mean-reversion' });
    } else if (score > s.entryZ) {
      const bracket = { takeProfit: up(mean), stopLoss: up(close + s.stopZ * deviation) };
      this.orders.submit({ symbol: bar.symbol, side: 'sell', quantity: s.quantity, type: 'market', bracket, tag: 'mean-reversion' });
    }
  }
}

/** `use: mean-reversion` in `agents:`. */
export const meanReversionPlugin = definePlugin({
  manifest: { id: 'mean-reversion', kind: 'agent', version: '1.0.0', apiVersion: 1, description: 'Fades moves beyond N standard deviations, with a bracket: target at the mean, stop beyond' },
  options: z.strictObject({
    lookback: z.number().int().min(2).default(20).describe('Closes in the rolling window'),
    entryZ: z.number().positive().default(2).describe('Entry distance from the mean, in standard deviations'),
    stopZ: z.number().positive().default(1.5).describe('Stop-loss distance from the entry close, in standard deviations'),
    quantity: z.number().positive().default(1).describe('Position size'),
    timeframe: z.string().optional().describe('Bars it trades on; default: every bar it receives'),
  }),
  create: (ctx) => new MeanReversionAgent(ctx.options, ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio), ctx.resolve(TOKENS.instruments)),
});
