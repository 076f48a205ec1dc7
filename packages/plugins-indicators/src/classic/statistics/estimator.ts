import { z } from 'zod';

/** Schema of the variance estimator option: `population` (divisor n) or `sample` (divisor n − 1). */
export const estimatorSchema = z
  .enum(['population', 'sample'])
  .default('population')
  .describe('Variance divisor: population (n) or sample (n − 1, needs period >= 2)');

/** Returns the factor turning a population variance into the chosen estimator's variance over `period` values. */
export function estimatorScale(estimator: 'population' | 'sample', period: number): number {
  return estimator === 'sample' ? period / (period - 1) : 1;
}

/** zod check: a sample estimator needs at least two values. */
export function sampleNeedsTwo(options: { readonly estimator: 'population' | 'sample'; readonly period: number }): boolean {
  return options.estimator === 'population' || options.period >= 2;
}
