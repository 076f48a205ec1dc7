import {
  definePlugin,
  TOKENS,
  z,
  type Agent,
  type Bar,
  type IndicatorComponent,
  type IndicatorRegistry,
  type OrderManager,
  type PortfolioView,
} from '@grandmodel/framework';

/** Settings of the trend agent. */
export interface SmootherTrendSettings {
  /** Instance id of the indicator whose `slope` output it follows. */
  readonly indicator: string;
  /** Smallest slope, in price points per bar, that counts as a trend. */
  readonly minSlope: number;
  readonly quantity: number;
}

/**
 * Follows the slope of a smoothed price: long `quantity` while the slope is above `minSlope`, short while it
 * is below `−minSlope`, otherwise it keeps its position. It reads the indicator the engine updated for the
 * same bar, by instance id, through the indicator registry.
 */
export class SmootherTrendAgent implements Agent {
  private indicator: IndicatorComponent | undefined;
  private slopeIndex = -1;

  constructor(
    private readonly settings: SmootherTrendSettings,
    private readonly indicators: IndicatorRegistry,
    private readonly orders: OrderManager,
    private readonly portfolio: PortfolioView,
  ) {}

  onBar(bar: Bar): void {
    // The registry is filled once every component exists, so the lookup waits for the first bar
    if (this.indicator === undefined) {
      this.indicator = this.indicators.get(this.settings.indicator);
      this.slopeIndex = this.indicator.outputs.indexOf('slope');
      if (this.slopeIndex < 0) throw new Error(`indicator "${this.settings.indicator}" has no "slope" output; its outputs are ${this.indicator.outputs.join(', ')}`);
    }
    if (!this.indicator.isReady || this.orders.openOrderCount > 0) return;
    const slope = this.indicator.values[this.slopeIndex]!;
    const { minSlope, quantity } = this.settings;
    const target = slope > minSlope ? quantity : slope < -minSlope ? -quantity : undefined;
    const position = this.portfolio.position(bar.symbol)?.quantity ?? 0;
    if (target === undefined || target === position) return;
    const delta = target - position;
    this.orders.submit({ symbol: bar.symbol, side: delta > 0 ? 'buy' : 'sell', quantity: Math.abs(delta), type: 'market', tag: 'smoother-trend' });
  }
}

/** `use: smoother-trend` in `agents:`. */
export const smootherTrendPlugin = definePlugin({
  manifest: { id: 'smoother-trend', kind: 'agent', version: '1.0.0', apiVersion: 1, description: "Trades the sign of an indicator's slope output" },
  options: z.strictObject({
    indicator: z.string().describe('Instance id of the indicator to follow (it must have a "slope" output)'),
    minSlope: z.number().nonnegative().default(0).describe('Smallest |slope| that counts as a trend, in price points per bar'),
    quantity: z.number().positive().default(1).describe('Position size'),
  }),
  create: (ctx) => new SmootherTrendAgent(ctx.options, ctx.resolve(TOKENS.indicators), ctx.resolve(TOKENS.orders), ctx.resolve(TOKENS.portfolio)),
});
