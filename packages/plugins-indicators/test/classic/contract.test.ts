// Runs the framework's indicator contract suite over every classic indicator and its plugin
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { describeIndicatorContract } from '@grandmodel/framework/testing';
import { classicIndicators, runBatch, toBatchInput } from '../../src/classic/index.js';
import { classicEntries } from './classic-entries.js';
import { hasNq, nqBars } from './reference-data.js';

for (const [name, entry] of Object.entries(classicEntries)) {
  describeIndicatorContract(name, {
    create: entry.create,
    plugin: entry.plugin,
    invalidOptions: entry.invalidOptions,
    batch: (bars: readonly BarInput[]) => runBatch(entry.create(), toBatchInput(bars)),
  });
}

describe('classicIndicators preset', () => {
  it('lists every classic plugin once, each covered by the contract suite above', () => {
    const ids = classicIndicators.map((plugin) => plugin.manifest.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(Object.values(classicEntries).map((entry) => entry.plugin));
    for (const plugin of classicIndicators) expect(covered.has(plugin)).toBe(true);
    expect(covered.size).toBe(classicIndicators.length);
  });
});

describe.skipIf(!hasNq)('contract on real NQ bars (skipped: ../shared/data/nq-30m.csv not found)', () => {
  const bars = hasNq ? nqBars(3000) : [];
  for (const [name, entry] of Object.entries(classicEntries)) {
    describeIndicatorContract(`${name} on NQ`, { create: entry.create, bars, batch: (input: readonly BarInput[]) => runBatch(entry.create(), toBatchInput(input)) });
  }
});
