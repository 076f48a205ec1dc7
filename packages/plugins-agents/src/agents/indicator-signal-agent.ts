import type { Agent, Bar, IndicatorComponent } from '@grandmodel/framework';
import { z } from 'zod';
import type { AgentServices } from './agent-services.js';

/** Options of the `indicator-signal` agent. */
export const indicatorSignalOptions = z
  .strictObject({
    indicator: z.string().min(1).describe('Instance id of the indicator to read (listed in indicators:)'),
    output: z.string().default('value').describe('Output of the indicator to read'),
    rule: z
      .enum(['sign', 'band'])
      .default('sign')
      .describe('sign: direction = sign(value − center); band: +1 at or below `lower`, −1 at or above `upper`, else 0 (mean reversion)'),
    center: z.number().default(0).describe('Neutral level of the sign rule'),
    lower: z.number().default(30).describe('Lower band of the band rule'),
    upper: z.number().default(70).describe('Upper band of the band rule'),
    scale: z.number().positive().default(1).describe('Distance from the center (sign) or beyond the band (band) at which strength reaches 1'),
    invert: z.boolean().default(false).describe('Flip the direction (e.g. a contrarian desk)'),
    timeframe: z.string().optional().describe('Bars to emit on; the indicator\'s own timeframe when absent (every bar if that is unset too)'),
    symbol: z.string().min(1).optional().describe('Symbol to emit for; every symbol when absent'),
  })
  .refine((options) => options.lower < options.upper, { message: 'expected lower < upper', path: ['lower'] });

/** Parsed options of the indicator-signal agent. */
export type IndicatorSignalOptions = z.output<typeof indicatorSignalOptions>;

/**
 * Turns one indicator output into a `signal.emitted` on every bar: the simplest signal agent, for composing
 * multi-agent systems by config (desks feeding a coordinator). Emits nothing while the indicator is not ready.
 */
export class IndicatorSignalAgent implements Agent {
  readonly #options: IndicatorSignalOptions;
  readonly #indicator: IndicatorComponent;
  readonly #index: number;
  readonly #services: AgentServices;
  readonly #timeframe: string | undefined;

  constructor(options: IndicatorSignalOptions, indicator: IndicatorComponent, index: number, services: AgentServices) {
    this.#options = options;
    this.#indicator = indicator;
    this.#index = index;
    this.#services = services;
    this.#timeframe = options.timeframe ?? indicator.timeframe;
  }

  onBar(bar: Bar): void {
    const options = this.#options;
    if (this.#timeframe !== undefined && bar.timeframe !== this.#timeframe) return;
    if (options.symbol !== undefined && bar.symbol !== options.symbol) return;
    if (!this.#indicator.isReady) return;
    const value = this.#indicator.values[this.#index] as number;
    if (!Number.isFinite(value)) return;
    const { direction, strength } = signalOf(value, options);
    const { bus, clock, instanceId } = this.#services;
    bus.emit('signal.emitted', { signal: { source: instanceId, symbol: bar.symbol, direction, strength, time: bar.end, metadata: { value } }, tsEvent: bar.end, tsInit: clock.now() });
  }
}

/** Direction and strength of a value under the agent's rule. */
export function signalOf(value: number, options: Pick<IndicatorSignalOptions, 'rule' | 'center' | 'lower' | 'upper' | 'scale' | 'invert'>): { direction: number; strength: number } {
  let direction = 0;
  let distance = 0;
  if (options.rule === 'sign') {
    direction = Math.sign(value - options.center);
    distance = Math.abs(value - options.center);
  } else if (value <= options.lower) {
    direction = 1;
    distance = options.lower - value;
  } else if (value >= options.upper) {
    direction = -1;
    distance = value - options.upper;
  }
  if (options.invert) direction = -direction;
  // `+ 0` turns −0 into 0
  return { direction: direction + 0, strength: direction === 0 ? 0 : Math.min(1, distance / options.scale) };
}
