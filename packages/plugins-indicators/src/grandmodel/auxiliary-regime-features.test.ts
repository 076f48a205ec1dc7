import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { AuxiliaryRegimeFeatures } from './auxiliary-regime-features.js';

const populationStd = (values: number[]) => {
  const average = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length);
};

describe('AuxiliaryRegimeFeatures', () => {
  it('computes price acceleration by hand and is 0 before the fourth bar', () => {
    const features = new AuxiliaryRegimeFeatures();
    const rows = [100, 101, 103, 102].map((close) => {
      features.update({ start: 0, open: close, high: close, low: close, close, volume: 10 });
      return features.latestValues[4];
    });
    expect(rows.slice(0, 3)).toEqual([0, 0, 0]);
    expect(rows[3]).toBeCloseTo(((102 - 103) / 103) * 100 - ((103 - 101) / 101) * 100, 12);
  });

  it('matches straightforward array computations of every feature', () => {
    const random = new SeededRandom(2);
    const bars: BarInput[] = [];
    let close = 50;
    for (let index = 0; index < 90; index += 1) {
      close *= 1 + random.normal() * 0.01;
      bars.push({ start: 0, open: close, high: close, low: close, close, volume: index % 7 === 0 ? 900 : 100 + random.int(20) });
    }
    const features = new AuxiliaryRegimeFeatures();
    bars.forEach((bar, index) => {
      features.update(bar);
      const closes = bars.slice(Math.max(0, index - 30), index + 1).map((item) => item.close);
      const returns = closes.slice(1).map((value, at) => (value - (closes[at] as number)) / (closes[at] as number));
      const volumes = bars.slice(Math.max(0, index - 19), index + 1).map((item) => item.volume);
      const volumeMean = volumes.reduce((sum, value) => sum + value, 0) / volumes.length;
      const volumeStd = populationStd(volumes);
      const skew = volumes.length < 3 ? 0 : volumes.reduce((sum, value) => sum + ((value - volumeMean) / volumeStd) ** 3, 0) / volumes.length;
      const values = features.latestValues;
      expect(values[0]).toBeCloseTo(index >= 20 ? bar.close / bars[index - 20]!.close - 1 : 0, 14);
      expect(values[1]).toBeCloseTo(index >= 50 ? bar.close / bars[index - 50]!.close - 1 : 0, 14);
      expect(values[2]).toBeCloseTo(returns.length === 0 ? 0 : populationStd(returns) * 100, 12);
      expect(values[3]).toBeCloseTo(Math.max(-3, Math.min(3, skew)), 12);
    });
  });

  it('reports zero skew for constant volume', () => {
    const features = new AuxiliaryRegimeFeatures();
    for (let index = 0; index < 5; index += 1) features.update({ start: 0, open: 1, high: 1, low: 1, close: 1, volume: 7 });
    expect([...features.values]).toEqual([0, 0, 0, 0, 0]);
  });
});
