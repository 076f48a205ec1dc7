// Compares one classic indicator with its independent reference, bar by bar
import type { BarInput } from '@grandmodel/framework';
import { expect } from 'vitest';
import { TOLERANCE } from './reference-helpers.js';
import type { ReferenceCase } from './reference-helpers.js';
import { streamColumns } from './reference-data.js';

/** Minimum number of bars each comparison must cover, so a late `from` cannot make a check vacuous. */
const MIN_COMPARED = 200;

/**
 * Streams `bars` through the case's indicator and checks every referenced output from the first compared bar on:
 * |ours − reference| ≤ absoluteTolerance + tolerance·max(1, scale, |reference|). With the default start, the reference must also have no
 * value before our warm-up ends (same warm-up convention). Returns the number of values compared.
 */
export function compareWithReference(testCase: ReferenceCase, bars: readonly BarInput[]): number {
  const indicator = testCase.create();
  const ours = streamColumns(indicator, bars);
  const reference = testCase.reference(bars);
  const names = Object.keys(reference);
  expect(names.length).toBeGreaterThan(0);
  const tolerance = testCase.tolerance ?? TOLERANCE;
  const absolute = testCase.absoluteTolerance ?? 0;
  const scale = testCase.scale?.(bars) ?? 1;
  const start = testCase.from ?? indicator.warmUp - 1;
  expect(bars.length - start).toBeGreaterThanOrEqual(MIN_COMPARED);
  let compared = 0;
  for (const name of names) {
    const k = indicator.outputs.indexOf(name);
    if (k < 0) throw new Error(`${testCase.name}: no output "${name}" in ${indicator.outputs.join(', ')}`);
    const expected = reference[name]!;
    const actual = ours[k]!;
    expect(expected.length).toBe(bars.length);
    if (testCase.from === undefined) {
      const early = expected.subarray(0, start).findIndex((value) => !Number.isNaN(value));
      if (early >= 0) throw new Error(`${testCase.name} "${name}": the reference has a value at bar ${early}, before our warm-up ends at bar ${start}`);
    }
    for (let i = start; i < bars.length; i++) {
      const want = expected[i]!;
      const have = actual[i]!;
      if (Number.isNaN(want)) throw new Error(`${testCase.name} "${name}": the reference has no value at bar ${i}; ours is ${have}`);
      if (!(Math.abs(have - want) <= absolute + tolerance * Math.max(1, scale, Math.abs(want)))) {
        throw new Error(`${testCase.name} "${name}" bar ${i}: expected ${want} (reference), was ${have}; difference ${have - want}`);
      }
      compared++;
    }
  }
  return compared;
}
