import { SeededRandom } from '@grandmodel/framework';
import type * as tfTypes from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { strategicContext } from '../../src/agents/strategic-aggregation.js';
import { FeatureMatrix } from '../../src/assemblers/index.js';
import { STRATEGIC_COLUMNS, STRATEGIC_ROWS, strategicMatrixContext } from '../../src/training/strategic-matrix-context.js';
import {
  AdamOptimizer,
  cosineLearningRate,
  drawdownPenalty,
  generalizedAdvantage,
  initialLayers,
  RunningStatistics,
  riskReward,
  sampleCategorical,
  strategicReward,
  tacticalReward,
  useTrainingBackend,
  xavierUniform,
} from '../../src/training/index.js';

describe('generalizedAdvantage', () => {
  it('equals the discounted sum of TD errors, cut at episode ends, and bootstraps the last step', () => {
    const rewards = [1, 0, -1, 2, 0.5];
    const values = [0.5, 0.2, -0.3, 1, 0.1];
    const dones = [0, 1, 0, 0, 0];
    const gamma = 0.9;
    const lambda = 0.8;
    const bootstrap = 0.7;
    const advantages = new Float64Array(5);
    const returns = new Float64Array(5);
    generalizedAdvantage(rewards, values, dones, 5, bootstrap, gamma, lambda, advantages, returns);
    // Independent form: Â_t = Σ_k (γλ)^k δ_{t+k}, stopping after a terminal step
    const next = (t: number): number => (dones[t] === 1 ? 0 : t === 4 ? bootstrap : values[t + 1]!);
    const delta = rewards.map((r, t) => r + gamma * next(t) - values[t]!);
    for (let t = 0; t < 5; t++) {
      let expected = 0;
      for (let k = t; k < 5; k++) {
        expected += (gamma * lambda) ** (k - t) * delta[k]!;
        if (dones[k] === 1) break;
      }
      expect(advantages[t]).toBeCloseTo(expected, 12);
      expect(returns[t]).toBeCloseTo(expected + values[t]!, 12);
    }
  });
});

describe('reward terms (spec §6.6)', () => {
  it('strategic: tanh(PnL/2σ) + 0.2·synergy − 0.3·risk + 0.1·entropy', () => {
    const r = strategicReward({ pnl: 300, pnlStd: 200, direction: 1, synergyDirection: -1, synergyStrength: 0.5, drawdown: 0.2, exposure: 1, volatilityRegime: 0.6, entropy: 0.9 });
    const risk = ((0.2 - 0.15) / 0.15) ** 2 + 0.05 * 0.6;
    expect(r.total).toBeCloseTo(Math.tanh(0.75) + 0.2 * -0.5 - 0.3 * risk + 0.09, 12);
    expect(r.parts).toEqual({ pnl: Math.tanh(0.75), synergy: -0.5, risk, explore: 0.9 });
    expect(drawdownPenalty(0.1)).toBe(0);
  });

  it('tactical: clipped sum of the PnL, alignment, risk and slippage terms', () => {
    expect(tacticalReward({ pnl: 50, aligned: true, positionRiskPercent: 3, slippage: 0.0001 }).total).toBeCloseTo(Math.tanh(0.5) + 0.2 - 0.5 + 0.1, 12);
    expect(tacticalReward({ pnl: 1e6, aligned: true, positionRiskPercent: 0, slippage: 0 }).total).toBe(1.3);
    expect(tacticalReward({ pnl: -1e6, aligned: false, positionRiskPercent: 5, slippage: undefined }).total).toBe(-1.5);
    expect(tacticalReward({ pnl: 0, aligned: false, positionRiskPercent: 0, slippage: 0.001 }).total).toBe(0);
  });

  it('risk: PnL term minus drawdown and margin penalties', () => {
    expect(riskReward({ pnl: -100, pnlStd: 100, drawdown: 0.3, marginUsage: 0.95 }).total).toBeCloseTo(Math.tanh(-0.5) - 0.3 * 1 - 0.5, 12);
  });
});

describe('strategicMatrixContext', () => {
  it('computes the six context values of spec §6.1, as the strategic agent does at inference', () => {
    const random = new SeededRandom(3);
    const m = Float32Array.from({ length: STRATEGIC_ROWS * STRATEGIC_COLUMNS }, () => random.normal());
    const column = (c: number, from = 0, to = STRATEGIC_ROWS): number[] => Array.from({ length: to - from }, (_, i) => m[(from + i) * STRATEGIC_COLUMNS + c]!);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    const context = strategicMatrixContext(m, new Float32Array(6));
    const expected = [std(column(11)), mean(column(12)), mean(column(9)), mean(column(10)), Math.abs(mean(column(10, 24)) - mean(column(10, 0, 24))), mean(column(0))];
    expected.forEach((value, i) => expect(context[i]).toBeCloseTo(value, 5));
    // The strategic agent's own implementation over the assembler's FeatureMatrix gives the same input
    const matrix = new FeatureMatrix(STRATEGIC_ROWS, Array.from({ length: STRATEGIC_COLUMNS }, (_, c) => `c${c}`));
    for (let row = 0; row < STRATEGIC_ROWS; row++) matrix.push(m.subarray(row * STRATEGIC_COLUMNS, (row + 1) * STRATEGIC_COLUMNS));
    const atInference = strategicContext(matrix, new Float32Array(6));
    for (let i = 0; i < 6; i++) expect(atInference[i]).toBeCloseTo(context[i]!, 5);
    expect(() => strategicMatrixContext(new Float32Array(10), new Float32Array(6))).toThrow(/expected a 48×13 matrix/);
  });
});

describe('initialisation and sampling', () => {
  it('draws Xavier-uniform weights within ±gain·√(6/(in+out)) and applies head biases', () => {
    const w = xavierUniform(192, 256, 0.5, new SeededRandom(1));
    const bound = 0.5 * Math.sqrt(6 / 448);
    let max = 0;
    let sum = 0;
    for (const v of w) {
      max = Math.max(max, Math.abs(v));
      sum += v;
    }
    expect(max).toBeLessThanOrEqual(bound);
    expect(max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(sum / w.length)).toBeLessThan(0.01 * bound);
    const layers = initialLayers(
      { input: 'x', inputSize: 4, hidden: [8], hiddenGain: 1, heads: [{ output: 'p', size: 3, activation: { kind: 'softmax' }, gain: 0.5, bias: { kind: 'constant', values: [0, 0.1, 0] } }], masks: true },
      new SeededRandom(2),
    );
    expect(Array.from(layers.heads[0]!.bias)).toEqual([0, Math.fround(0.1), 0]);
    expect(Array.from(layers.hidden[0]!.bias)).toEqual(new Array(8).fill(0));
  });

  it('samples a categorical distribution with the right frequencies', () => {
    const random = new SeededRandom(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[sampleCategorical([0.2, 0.5, 0.3], 0, 3, random)]!++;
    // sd of a count ≈ √(n p (1−p)) < 90: ±450 is > 5 sd
    expect(Math.abs(counts[0]! - 6000)).toBeLessThan(450);
    expect(Math.abs(counts[1]! - 15000)).toBeLessThan(450);
  });

  it('decays the learning rate on a cosine from base to floor', () => {
    expect(cosineLearningRate(3e-4, 1e-5, 0, 11)).toBeCloseTo(3e-4, 12);
    expect(cosineLearningRate(3e-4, 1e-5, 5, 11)).toBeCloseTo(1e-5 + (3e-4 - 1e-5) / 2, 12);
    expect(cosineLearningRate(3e-4, 1e-5, 10, 11)).toBeCloseTo(1e-5, 12);
  });

  it('keeps running statistics equal to the batch formulas', () => {
    const stats = new RunningStatistics();
    const xs = [3, -1, 4, 1, -5, 9];
    for (const x of xs) stats.push(x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(stats.mean).toBeCloseTo(mean, 12);
    expect(stats.std).toBeCloseTo(Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length), 12);
    expect(stats.zScore(1000, 10)).toBe(10);
  });
});

describe('AdamOptimizer', () => {
  it('takes the textbook Adam steps and clips by global norm', async () => {
    const tf: typeof tfTypes = await useTrainingBackend();
    const v = tf.variable(tf.tensor1d([1, -2]), true, 'adam-check');
    const adam = new AdamOptimizer(tf, [v], { maxGradNorm: 1 });
    // Gradient [3, 4] has norm 5: clipped to [0.6, 0.8]
    const norm = adam.step({ 'adam-check': tf.tensor1d([3, 4]) }, 0.1);
    expect(norm).toBeCloseTo(5, 5);
    // First step: m̂ = g, v̂ = g², update = lr·g/(|g| + ε) = lr·sign(g)
    const after = Array.from(v.dataSync());
    expect(after[0]).toBeCloseTo(1 - 0.1, 5);
    expect(after[1]).toBeCloseTo(-2 - 0.1, 5);
    // Second step with g = [0.6, 0.8] again (below the clip): m = g, v = g² after bias correction
    adam.step({ 'adam-check': tf.tensor1d([0.6, 0.8]) }, 0.1);
    const second = Array.from(v.dataSync());
    expect(second[0]).toBeCloseTo(0.9 - 0.1, 5);
    adam.dispose();
    v.dispose();
  });
});
