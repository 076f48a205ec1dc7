import type { BarInput } from '@grandmodel/framework';
import { generateSyntheticBars } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { FakeIndicator } from '../../test/pipeline/fake-indicator.js';
import {
  AuxiliaryRegimeFeatures,
  LowVolumeNode,
  MachineLearningMarketIndicator,
  MAXIMUM_MEAN_DISCREPANCY_OUTPUTS,
  MaximumMeanDiscrepancy,
  NadarayaWatsonRationalQuadratic,
  StrategicMatrixRow,
} from '@grandmodel/plugins-indicators';
import { RegimeMatrixAssembler, regimeMatrixOptions } from './regime-matrix-assembler.js';
import { StrategicMatrixAssembler, strategicMatrixOptions } from './strategic-matrix-assembler.js';
import { TACTICAL_FVG_OUTPUTS, TacticalMatrixAssembler, tacticalMatrixOptions } from './tactical-matrix-assembler.js';

const T0 = Date.parse('2024-03-04T14:00:00Z');

function bar(i: number, close: number, volume = 100): BarInput {
  return { start: T0 + i * 300_000, open: close, high: close + 1, low: close - 1, close, volume };
}

describe('TacticalMatrixAssembler', () => {
  it('transforms FVG, momentum and volume features as §4.3 says, by hand', () => {
    const fvg = new FakeIndicator([...TACTICAL_FVG_OUTPUTS, 'fvg_gap_size'], '5m');
    const assembler = new TacticalMatrixAssembler(tacticalMatrixOptions.parse({ window: 4, warmUp: 2, volumeAlpha: 0.5 }), fvg);
    expect(assembler.outputs).toEqual(['fvg_bullish_active', 'fvg_bearish_active', 'fvg_nearest_level', 'fvg_age', 'fvg_mitigation_signal', 'price_momentum_5', 'volume_ratio']);
    const closes = [100, 100, 100, 100, 100, 102];
    const volumes = [100, 100, 100, 100, 100, 300];
    for (let i = 0; i < closes.length; i++) {
      if (i === 5) fvg.set({ fvg_bullish_active: 1, fvg_bearish_active: 0, fvg_nearest_level: 102.51, fvg_age: 3, fvg_mitigation_signal: 1 });
      assembler.update(bar(i, closes[i]!, volumes[i]!));
    }
    const row = Array.from(assembler.values);
    // level: 100·(102.51 − 102)/102 = 0.5 %, within ±2 → /2
    expect(row[0]).toBe(1);
    expect(row[1]).toBe(0);
    expect(row[2]).toBeCloseTo((100 * (102.51 - 102)) / 102 / 2, 12);
    expect(row[3]).toBeCloseTo(Math.exp(-0.3), 12);
    expect(row[4]).toBe(1);
    // momentum 100·(102 − 100)/100 = 2 → 2/5
    expect(row[5]).toBeCloseTo(0.4, 12);
    // volume EMA stays 100 for five bars, then 100 + 0.5·200 = 200 → ratio 1.5 → tanh(ln 1.5)
    expect(row[6]).toBeCloseTo(Math.tanh(Math.log(1.5)), 12);
    expect(assembler.matrix.toRows()[3]).toEqual(row.map(Math.fround));
    expect(assembler.isReady).toBe(true);
    expect(assembler.samples).toBe(6);
  });

  it('reads a missing level (0) and warm-up NaN as 0, and clips the nearest-level distance at ±2 %', () => {
    const fvg = new FakeIndicator([...TACTICAL_FVG_OUTPUTS], '5m');
    fvg.values.fill(Number.NaN);
    const assembler = new TacticalMatrixAssembler(tacticalMatrixOptions.parse({}), fvg);
    assembler.update(bar(0, 100));
    expect(Array.from(assembler.values)).toEqual([0, 0, 0, 1, 0, 0, 0]);
    fvg.set({ fvg_nearest_level: 90 });
    assembler.update(bar(1, 100));
    expect(assembler.values[2]).toBe(-1);
  });
});

describe('RegimeMatrixAssembler', () => {
  it('builds 13 clipped MMD columns and the volatility, skew and acceleration transforms', () => {
    const mmd = new FakeIndicator(MAXIMUM_MEAN_DISCREPANCY_OUTPUTS, '30m');
    const auxiliary = new FakeIndicator(['momentum_20', 'momentum_50', 'volatility_30', 'volume_profile_skew', 'price_acceleration'], '30m');
    const assembler = new RegimeMatrixAssembler(regimeMatrixOptions.parse({ window: 96 }), mmd, auxiliary);
    expect(assembler.outputs).toHaveLength(16);
    const volatilities = Array.from({ length: 14 }, (_, i) => 0.2 + 0.05 * ((i * 7) % 5));
    for (let i = 0; i < volatilities.length; i++) {
      mmd.set({ mmd_f00_close_as_open: 4.5, mmd_f01_high: -0.7, mmd_score: 0.3 });
      auxiliary.set({ volatility_30: volatilities[i]!, volume_profile_skew: 1.5, price_acceleration: -2 });
      assembler.update(bar(i, 100));
      if (i === 0) expect(assembler.values[13]).toBeCloseTo(Math.tanh(volatilities[0]!), 12);
    }
    const row = assembler.values;
    expect(row[0]).toBe(3);
    expect(row[1]).toBeCloseTo(-0.7, 12);
    expect(row[12]).toBeCloseTo(0.3, 12);
    // 14 samples, all within the 100-sample cumulative warm-up: z against the plain mean and population variance
    const mean = volatilities.reduce((a, b) => a + b, 0) / volatilities.length;
    const variance = volatilities.reduce((a, b) => a + (b - mean) ** 2, 0) / volatilities.length;
    const z = (volatilities.at(-1)! - mean) / Math.sqrt(variance);
    expect(row[13]).toBeCloseTo(Math.max(-2, Math.min(2, z)), 10);
    expect(row[14]).toBeCloseTo(0.5, 12);
    expect(row[15]).toBeCloseTo(-0.4, 12);
  });
});

describe('StrategicMatrixAssembler', () => {
  it('builds the same rows from shared indicators as a standalone StrategicMatrixRow that owns its own', () => {
    const bars = [...generateSyntheticBars({ symbol: 'NQ', from: '2024-01-01', to: '2024-02-05', seed: 3, tickSize: 0.25, startPrice: 17000, timeframe: '30m' })];
    expect(bars.length).toBeGreaterThan(620); // past the MMD warm-up of 600 bars
    const sources = {
      mlmi: new MachineLearningMarketIndicator(),
      nwrqk: new NadarayaWatsonRationalQuadratic(),
      lvn: new LowVolumeNode({ tickSize: 0.25 }),
      mmd: new MaximumMeanDiscrepancy(),
      auxiliary: new AuxiliaryRegimeFeatures(),
    };
    const assembler = new StrategicMatrixAssembler(strategicMatrixOptions.parse({}), sources);
    const reference = new StrategicMatrixRow({ tickSize: 0.25 });
    const referenceRows: number[][] = [];
    for (const b of bars) {
      for (const source of Object.values(sources)) source.update(b);
      assembler.update(b);
      reference.update(b);
      referenceRows.push(Array.from(reference.values));
      expect(Array.from(assembler.values)).toEqual(referenceRows.at(-1));
    }
    expect(assembler.matrix.toRows()).toEqual(referenceRows.slice(-48).map((row) => row.map(Math.fround)));
    // The MMD column is live by the end of the data
    expect(referenceRows.at(-1)![8]).not.toBe(0);
    const mlmiSlice = assembler.matrix.gather(StrategicMatrixAssembler.agentColumns.mlmi, new Float32Array(48 * 4));
    expect(mlmiSlice[47 * 4 + 2]).toBe(Math.fround(referenceRows.at(-1)![9]!));
  });
});
