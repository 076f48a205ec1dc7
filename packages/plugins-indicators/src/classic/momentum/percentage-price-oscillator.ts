import type { z } from 'zod';
import { defineIndicatorPlugin } from '../core/define-indicator-plugin.js';
import { MovingAverageConvergenceDivergence, emaLineOptions } from './moving-average-convergence-divergence.js';

/** Options of `PercentagePriceOscillator`. */
export const percentagePriceOscillatorOptions = emaLineOptions('PPO');

/**
 * Percentage price oscillator: ppo = 100·(EMA(fast) − EMA(slow))/EMA(slow), signal = EMA(ppo, signalPeriod),
 * histogram = ppo − signal; SMA-seeded EMAs as in MACD. Outputs `ppo`, `signal`, `histogram`;
 * warm-up `slowPeriod + signalPeriod − 1` bars.
 */
export class PercentagePriceOscillator extends MovingAverageConvergenceDivergence {
  constructor(options: z.input<typeof percentagePriceOscillatorOptions> = {}) {
    super(options, { name: 'PercentagePriceOscillator', line: 'ppo', schema: percentagePriceOscillatorOptions });
  }

  protected override line(fastValue: number, slowValue: number): number {
    return slowValue === 0 ? 0 : (100 * (fastValue - slowValue)) / slowValue;
  }
}

/** Plugin `ppo`: percentage price oscillator. */
export const ppo = defineIndicatorPlugin({
  id: 'ppo',
  description: 'Percentage price oscillator with signal line and histogram',
  options: percentagePriceOscillatorOptions,
  create: (options) => new PercentagePriceOscillator(options),
});
