import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { GRANDMODEL_COLUMNS, grandModelColumns } from './grandmodel-columns.js';
import { createGrandModelPreset, GrandModelFeatureSet } from './grandmodel-feature-set.js';

function randomBars(count: number): BarInput[] {
  const random = new SeededRandom(99);
  const bars: BarInput[] = [];
  let price = 12_000;
  for (let index = 0; index < count; index += 1) {
    const close = Math.round((price + random.normal() * 15) * 4) / 4;
    const high = Math.max(price, close) + random.int(20) / 4;
    const low = Math.min(price, close) - random.int(20) / 4;
    bars.push({ start: Date.UTC(2023, 0, 2) + index * 1_800_000, open: price, high, low, close, volume: 200 + random.int(3000) });
    price = close;
  }
  return bars;
}

describe('GrandModelFeatureSet', () => {
  it('exposes the 93 golden columns in order, starting with the bar index and the echoed bar', () => {
    const featureSet = createGrandModelPreset();
    expect(featureSet.columns).toEqual(grandModelColumns());
    expect(featureSet.columns).toHaveLength(93);
    expect(featureSet.columns.slice(0, 6)).toEqual(['bar_index', 'open', 'high', 'low', 'close', 'volume']);
    expect(featureSet.columns.at(-1)).toBe('sm12_volume_profile_skew');
    expect(featureSet.csvHeader().startsWith('timestamp,bar_index,open,')).toBe(true);
    expect(GRANDMODEL_COLUMNS.filter((column) => column.integer)).toHaveLength(23);
  });

  it('formats the first row like the golden file: echoes, empty warm-up cells, defaults', () => {
    const featureSet = new GrandModelFeatureSet();
    const bar = { start: Date.UTC(2020, 5, 29, 1, 0), open: 9785.5, high: 9830, low: 9780.25, close: 9822.5, volume: 5122 };
    featureSet.update(bar);
    const cells = featureSet.formatCsvRow(bar).split(',');
    const cell = (name: string) => cells[featureSet.columns.indexOf(name) + 1];
    expect(cells[0]).toBe('2020-06-29T01:00:00');
    expect(cells.slice(1, 7)).toEqual(['0', '9785.5', '9830.0', '9780.25', '9822.5', '5122.0']);
    expect(cell('ha_close')).toBe('9804.5625');
    expect(cell('mlmi_cross')).toBe('0');
    expect(cell('mlmi_value')).toBe('');
    expect(cell('atr_tr')).toBe('');
    expect(cell('sm02_nwrqk_value')).toBe('-1.0');
    expect(cell('sm04_lvn_distance')).toBe('1.0');
  });

  it('is deterministic and reset returns it to a fresh state', () => {
    const bars = randomBars(700);
    const featureSet = new GrandModelFeatureSet({ tickSize: 0.25 });
    const first = bars.map((bar) => {
      featureSet.update(bar);
      return Float64Array.from(featureSet.latestValues);
    });
    expect(featureSet.isReady).toBe(true);
    featureSet.reset();
    expect(featureSet.samples).toBe(0);
    bars.forEach((bar, index) => {
      featureSet.update(bar);
      expect(featureSet.latestValues).toEqual(first[index]);
    });
    // Every column has a value once the 600-bar MMD warm-up is over
    expect([...(first[699] as Float64Array)].some(Number.isNaN)).toBe(false);
  });

  it('uses raw closes for the unsuffixed MLMI and NW-RQK columns in the research profile', () => {
    const featureSet = new GrandModelFeatureSet({ profile: 'research' });
    const column = (name: string) => featureSet.columns.indexOf(name);
    for (const bar of randomBars(200)) {
      featureSet.update(bar);
      expect(featureSet.latestValues[column('mlmi_value')]).toEqual(featureSet.latestValues[column('mlmi_value_close')]);
      expect(featureSet.latestValues[column('nwrqk_yhat1')]).toEqual(featureSet.latestValues[column('nwrqk_yhat1_close')]);
    }
  });
});
