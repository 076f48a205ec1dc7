import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { AuxiliaryRegimeFeatures } from './auxiliary-regime-features.js';
import { LowVolumeNode } from './low-volume-node.js';
import { MachineLearningMarketIndicator } from './machine-learning-market-indicator.js';
import { MaximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { NadarayaWatsonRationalQuadratic } from './nadaraya-watson-rational-quadratic.js';
import { STRATEGIC_MATRIX_COLUMNS, StrategicMatrixRow } from './strategic-matrix-row.js';

function randomBars(count: number): BarInput[] {
  const random = new SeededRandom(13);
  const bars: BarInput[] = [];
  let price = 4000;
  for (let index = 0; index < count; index += 1) {
    const close = Math.round((price + random.normal() * 5) * 4) / 4;
    bars.push({ start: Date.UTC(2024, 2, 4, 13, 30) + index * 1_800_000, open: price, high: Math.max(price, close) + 1, low: Math.min(price, close) - 1, close, volume: 100 + random.int(900) });
    price = close;
  }
  return bars;
}

describe('StrategicMatrixRow', () => {
  const bars = randomBars(120);

  it('uses feature-store defaults during warm-up: nwrqk −1, lvn distance 1, hour of the bar start', () => {
    const row = new StrategicMatrixRow();
    row.update(bars[0]!);
    const hour = 13.5;
    expect([...row.values]).toEqual([0, 0, -1, 0, 1, 0, Math.sin((2 * Math.PI * hour) / 24), Math.cos((2 * Math.PI * hour) / 24), 0, 0, 0, 0, 0]);
    expect(row.outputs).toEqual(STRATEGIC_MATRIX_COLUMNS);
    const shifted = new StrategicMatrixRow({ utcOffsetMinutes: 150 });
    shifted.update(bars[0]!);
    expect(shifted.latestValues[6]).toBeCloseTo(Math.sin((2 * Math.PI * 16) / 24), 15);
  });

  it('transforms the shared sources it reads, as the spec writes the columns', () => {
    const sources = {
      mlmi: new MachineLearningMarketIndicator(),
      nwrqk: new NadarayaWatsonRationalQuadratic(),
      lvn: new LowVolumeNode(),
      mmd: new MaximumMeanDiscrepancy(),
      auxiliary: new AuxiliaryRegimeFeatures(),
    };
    const row = new StrategicMatrixRow({}, sources);
    const owned = new StrategicMatrixRow();
    for (const bar of bars) {
      for (const source of Object.values(sources)) source.update(bar);
      row.update(bar);
      owned.update(bar);
      expect([...owned.values]).toEqual([...row.values]);
    }
    const price = bars.at(-1)!.close;
    const clip = (value: number, bound: number) => Math.min(Math.max(value, -bound), bound);
    const mlmiValue = sources.mlmi.latestValues[8] as number;
    expect(row.latestValues[0]).toBe(clip(mlmiValue / Math.min(200, sources.mlmi.latestValues[7] as number), 1));
    expect(row.latestValues[1]).toBe(sources.mlmi.latestValues[9]);
    expect(row.latestValues[2]).toBe(clip((((sources.nwrqk.latestValues[0] as number) - price) / price) * 100, 5) / 5);
    expect(row.latestValues[4]).toBe(Math.exp(-(((sources.lvn.latestValues[1] as number) / price) * 100)));
    expect(row.latestValues[5]).toBe(sources.lvn.latestValues[8]);
    // MMD has no value before bar 600: the default 0, normalized to 0
    expect(row.latestValues[8]).toBe(0);
    expect(row.latestValues[12]).toBe((sources.auxiliary.latestValues[3] as number) / 3);
    expect(Math.abs(row.latestValues[3] as number)).toBeLessThanOrEqual(1);
    expect(Math.abs(row.latestValues[11] as number)).toBeLessThanOrEqual(2);
  });

  it('offers the faithful MLMI scaling and the repo-enhanced layout', () => {
    const faithful = new StrategicMatrixRow({ mlmiScaling: 'faithful', layout: 'repo-enhanced' });
    faithful.update(bars[0]!);
    expect(faithful.latestValues[0]).toBe(-1);
    expect(faithful.outputs.slice(8, 11)).toEqual(['sm08_mmd_f00', 'sm09_mmd_f01', 'sm10_mmd_f02']);
  });
});
