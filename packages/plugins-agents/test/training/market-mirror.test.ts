import { generateSyntheticBars, type Bar } from '@grandmodel/framework';
import { AuxiliaryRegimeFeatures, FairValueGap, LowVolumeNode, MachineLearningMarketIndicator, MaximumMeanDiscrepancy, NadarayaWatsonRationalQuadratic } from '@grandmodel/plugins-indicators';
import { describe, expect, it } from 'vitest';
import { StrategicMatrixAssembler, strategicMatrixOptions, TacticalMatrixAssembler, tacticalMatrixOptions } from '../../src/assemblers/index.js';
import { mirrorStrategicMatrix, mirrorTacticalMatrix } from '../../src/training/index.js';

const START = 17000;

/** The same bars in the mirrored market: log prices reflected around the start price, highs and lows swapped. */
function mirrored(bar: Bar): Bar {
  const c2 = START * START;
  return { ...bar, open: c2 / bar.open, high: c2 / bar.low, low: c2 / bar.high, close: c2 / bar.close };
}

/** Every ready window of the tactical matrix, from a real FVG indicator and assembler. */
function tacticalWindows(bars: readonly Bar[]): Float32Array[] {
  const fvg = new FairValueGap();
  const assembler = new TacticalMatrixAssembler(tacticalMatrixOptions.parse({}), fvg);
  const windows: Float32Array[] = [];
  for (const bar of bars) {
    fvg.update(bar);
    assembler.update(bar);
    if (assembler.isReady) windows.push(assembler.matrix.gather(undefined, new Float32Array(60 * 7)));
  }
  return windows;
}

/** Every ready window of the strategic matrix, from the real MLMI, NW-RQK, LVN, MMD and auxiliary indicators. */
function strategicWindows(bars: readonly Bar[]): Float32Array[] {
  const sources = { mlmi: new MachineLearningMarketIndicator(), nwrqk: new NadarayaWatsonRationalQuadratic(), lvn: new LowVolumeNode({ tickSize: 0.25 }), mmd: new MaximumMeanDiscrepancy(), auxiliary: new AuxiliaryRegimeFeatures() };
  const assembler = new StrategicMatrixAssembler(strategicMatrixOptions.parse({}), sources);
  const windows: Float32Array[] = [];
  for (const bar of bars) {
    for (const source of Object.values(sources)) source.update(bar);
    assembler.update(bar);
    if (assembler.isReady) windows.push(assembler.matrix.gather(undefined, new Float32Array(48 * 13)));
  }
  return windows;
}

/** Per column of the newest row: share of windows equal within 1e-4, cosine similarity and largest difference. */
function agreement(expected: readonly Float32Array[], actual: readonly Float32Array[], rows: number, columns: number) {
  return Array.from({ length: columns }, (_, column) => {
    const index = (rows - 1) * columns + column;
    let equal = 0;
    let xy = 0;
    let xx = 0;
    let yy = 0;
    let largest = 0;
    expected.forEach((window, k) => {
      const x = window[index]!;
      const y = actual[k]![index]!;
      if (Math.abs(x - y) < 1e-4) equal++;
      xy += x * y;
      xx += x * x;
      yy += y * y;
      largest = Math.max(largest, Math.abs(x - y));
    });
    return { equal: equal / expected.length, cosine: xx * yy === 0 ? 1 : xy / Math.sqrt(xx * yy), largest };
  });
}

describe('the mirrored market (training augmentation)', () => {
  it('mirrorTacticalMatrix gives what the FVG indicator and tactical assembler compute on the reflected bars', () => {
    const bars = [...generateSyntheticBars({ symbol: 'NQ', from: '2024-01-01', to: '2024-01-22', seed: 5, tickSize: 0.25, startPrice: START, timeframe: '5m' })];
    const original = tacticalWindows(bars);
    const reflected = tacticalWindows(bars.map(mirrored));
    expect(reflected.length).toBe(original.length);
    expect(original.length).toBeGreaterThan(3000);
    const columns = agreement(original.map((w) => mirrorTacticalMatrix(w, new Float32Array(w.length))), reflected, 60, 7);
    // Bullish and bearish flags swap exactly; mitigation flags and the volume ratio do not change
    for (const column of [0, 1, 4, 6]) expect(columns[column]!.equal, `column ${column}`).toBe(1);
    // The signed distance to the nearest level and the momentum flip sign (relative moves: equal to first order)
    for (const column of [2, 5]) {
      expect(columns[column]!.cosine, `column ${column}`).toBeGreaterThan(0.995);
      expect(columns[column]!.largest, `column ${column}`).toBeLessThan(0.15);
    }
    // The age of the nearest gap: the same gap is nearest in nearly every window
    expect(columns[3]!.equal).toBeGreaterThan(0.99);
    // Without the mirror, the flags would not match: the check can fail
    const unmirrored = agreement(original, reflected, 60, 7);
    expect(unmirrored[0]!.equal).toBeLessThan(0.9);
    expect(unmirrored[5]!.cosine).toBeLessThan(-0.99);
  });

  it('mirrorStrategicMatrix gives what the strategic indicators and assembler compute on the reflected bars', () => {
    const bars = [...generateSyntheticBars({ symbol: 'NQ', from: '2024-01-01', to: '2024-03-01', seed: 5, tickSize: 0.25, startPrice: START, timeframe: '30m' })];
    const original = strategicWindows(bars);
    const reflected = strategicWindows(bars.map(mirrored));
    expect(original.length).toBeGreaterThan(1500);
    const columns = agreement(original.map((w) => mirrorStrategicMatrix(w, new Float32Array(w.length))), reflected, 48, 13);
    // Hours and the volume skew do not depend on prices at all
    for (const column of [6, 7, 12]) expect(columns[column]!.equal, `column ${column}`).toBe(1);
    // Every other column agrees up to the non-linearity of the reflection (kNN votes, Heiken-Ashi means, z-scores)
    for (const column of [0, 2, 3, 4, 5, 8, 9, 10, 11]) expect(columns[column]!.cosine, `column ${column}`).toBeGreaterThan(0.97);
    // The MLMI zero-cross flag (rarely non-zero) matches in nearly every window
    expect(columns[1]!.equal).toBeGreaterThan(0.99);
    // Signed columns really flip: unmirrored they point the other way
    const unmirrored = agreement(original, reflected, 48, 13);
    for (const column of [0, 2, 3, 9, 10]) expect(unmirrored[column]!.cosine, `column ${column}`).toBeLessThan(-0.9);
  });

  it('mirrors in place and names wrong sizes', () => {
    const window = Float32Array.from({ length: 420 }, (_, i) => (i % 7) + 1);
    mirrorTacticalMatrix(window, window);
    expect(Array.from(window.subarray(0, 7))).toEqual([2, 1, -3, 4, 5, -6, 7]);
    expect(() => mirrorTacticalMatrix(new Float32Array(10), new Float32Array(420))).toThrow('mirrorTacticalMatrix: expected 60×7 matrices (420 values), received 10 and 420');
    expect(() => mirrorStrategicMatrix(new Float32Array(624), new Float32Array(620))).toThrow('expected 48×13 matrices (624 values)');
  });
});
