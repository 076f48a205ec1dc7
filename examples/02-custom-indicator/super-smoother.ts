import { definePlugin, z, type BarInput, type IndicatorComponent } from '@grandmodel/framework';

/** The three coefficients of Ehlers' two-pole super smoother for a cutoff period. */
export function superSmootherCoefficients(period: number): { c1: number; c2: number; c3: number } {
  const a1 = Math.exp((-Math.SQRT2 * Math.PI) / period);
  const c2 = 2 * a1 * Math.cos((Math.SQRT2 * Math.PI) / period);
  const c3 = -a1 * a1;
  return { c1: 1 - c2 - c3, c2, c3 };
}

/**
 * John Ehlers' super smoother: a two-pole low-pass filter of closes that removes swings shorter than
 * `period` bars with little lag. `filt = c1·(close + previous close)/2 + c2·filt[1] + c3·filt[2]`, started
 * at the close on the first two bars. Outputs `value` (the filter) and `slope` (its change over the last
 * bar), published from bar `period` on, once the start-up has faded. O(1) per bar, no allocation.
 */
export class SuperSmoother implements IndicatorComponent {
  readonly outputs = ['value', 'slope'];
  readonly values = new Float64Array(2).fill(Number.NaN);
  readonly warmUp: number;
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private previousClose = 0;
  private filter1 = 0;
  private filter2 = 0;
  private count = 0;

  constructor(
    readonly period: number,
    readonly timeframe?: string,
    readonly symbol?: string,
  ) {
    ({ c1: this.c1, c2: this.c2, c3: this.c3 } = superSmootherCoefficients(period));
    this.warmUp = period;
  }

  get isReady(): boolean {
    return this.count >= this.warmUp;
  }

  get samples(): number {
    return this.count;
  }

  update(bar: BarInput): void {
    const close = bar.close;
    const filter = this.count < 2 ? close : this.c1 * ((close + this.previousClose) / 2) + this.c2 * this.filter1 + this.c3 * this.filter2;
    this.filter2 = this.filter1;
    this.filter1 = filter;
    this.previousClose = close;
    this.count++;
    if (this.count >= this.warmUp) {
      this.values[0] = filter;
      this.values[1] = filter - this.filter2;
    }
  }

  reset(): void {
    this.count = 0;
    this.previousClose = 0;
    this.filter1 = 0;
    this.filter2 = 0;
    this.values.fill(Number.NaN);
  }
}

/** `use: super-smoother` in `indicators:`. */
export const superSmootherPlugin = definePlugin({
  manifest: { id: 'super-smoother', kind: 'indicator', version: '1.0.0', apiVersion: 1, description: "Ehlers' two-pole super smoother of closes, and its slope" },
  options: z.strictObject({
    period: z.number().int().min(3).default(20).describe('Cutoff period in bars: swings shorter than this are smoothed away'),
    timeframe: z.string().optional().describe('Timeframe of the bars it is fed; default: the data timeframe'),
    symbol: z.string().optional().describe('Symbol it is fed; default: every symbol'),
  }),
  create: (ctx) => new SuperSmoother(ctx.options.period, ctx.options.timeframe, ctx.options.symbol),
});
