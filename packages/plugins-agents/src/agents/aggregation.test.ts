import { describe, expect, it } from 'vitest';
import { FeatureMatrix } from '../assemblers/feature-matrix.js';
import { weightedVote } from './coordinator.js';
import { SourceAccuracy } from './source-accuracy.js';
import { SeededRandom } from '@grandmodel/framework';
import { strategicMatrixContext } from '../training/strategic-matrix-context.js';
import { aggregateStrategic, applyStrategySupport, entropy, gatingConfidence, strategicContext, type AgentOpinion } from './strategic-aggregation.js';
import { aggregateTactical, atrBracket, voteOf } from './tactical-aggregation.js';

const opinion = (name: string, probabilities: number[], fallback = false): AgentOpinion => ({ name, probabilities, confidence: fallback ? 0.1 : Math.max(...probabilities), fallback });

describe('strategic aggregation (§6.1)', () => {
  it('superposes the agents by w·conf and gates on θ, by hand', () => {
    const opinions = [opinion('mlmi', [0.7, 0.2, 0.1]), opinion('nwrqk', [0.5, 0.3, 0.2]), opinion('regime', [0.2, 0.5, 0.3])];
    const weights = [0.5, 0.3, 0.2];
    // e = [0.5·0.7, 0.3·0.5, 0.2·0.5] = [0.35, 0.15, 0.10], Σ = 0.6
    // P_buy = (0.35·0.7 + 0.15·0.5 + 0.10·0.2)/0.6 = 0.34/0.6; P_hold = (0.07 + 0.045 + 0.05)/0.6; P_sell = (0.035 + 0.03 + 0.03)/0.6
    const expected = [0.34 / 0.6, 0.165 / 0.6, 0.095 / 0.6];
    const result = aggregateStrategic(opinions, weights, 0.8, 0.65, 'gated');
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 12));
    expect(result.contributions.map((c) => Number(c.toFixed(12)))).toEqual([0.35, 0.15, 0.1]);
    expect(result.action).toBe('buy');
    // gated: max(P)·g = 0.5667·0.8 = 0.4533 < 0.65
    expect(result.confidence).toBeCloseTo((0.34 / 0.6) * 0.8, 12);
    expect(result.shouldProceed).toBe(false);
    expect(result.uncertainty).toBeCloseTo(-expected.reduce((s, p) => s + p * Math.log(p + 1e-8), 0), 12);
    // max: 0.5667 < 0.65 still; entropy: max − H
    expect(aggregateStrategic(opinions, weights, 0.8, 0.55, 'max')).toMatchObject({ shouldProceed: true });
    expect(aggregateStrategic(opinions, weights, 0.8, 0.65, 'entropy').confidence).toBeCloseTo(0.34 / 0.6 - result.uncertainty, 12);
  });

  it('penalises a fallen-back agent ×0.1 and then demands 1.2·θ', () => {
    const opinions = [opinion('mlmi', [0.9, 0.05, 0.05]), opinion('nwrqk', [0.33, 0.34, 0.33], true), opinion('regime', [0.8, 0.1, 0.1])];
    const result = aggregateStrategic(opinions, [0.4, 0.4, 0.2], 1, 0.65, 'max');
    // e = [0.36, 0.4·0.1·0.1 = 0.004, 0.16]
    expect(result.contributions[1]).toBeCloseTo(0.004, 12);
    const total = 0.36 + 0.004 + 0.16;
    const buy = (0.36 * 0.9 + 0.004 * 0.33 + 0.16 * 0.8) / total;
    expect(result.confidence).toBeCloseTo(buy, 12);
    // 0.865 ≥ 0.65 but needs ≥ 0.78 as well: passes; at θ = 0.75 it needs 0.9 and fails
    expect(result.shouldProceed).toBe(buy >= 0.78);
    expect(aggregateStrategic(opinions, [0.4, 0.4, 0.2], 1, 0.75, 'max').shouldProceed).toBe(false);
  });

  it('is uniform when every contribution is zero', () => {
    const result = aggregateStrategic([opinion('a', [1, 0, 0])], [0], 1, 0.3, 'max');
    expect(result.probabilities).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('tilts towards the synergy only above the strategy-support threshold', () => {
    const base = opinion('mlmi', [0.2, 0.5, 0.3]);
    expect(applyStrategySupport(base, 1, 0.7)).toBe(base);
    const supported = applyStrategySupport(base, 1, 0.9);
    // [max(0.2, 0.6), 0.5·0.5, 0.3·0.3] = [0.6, 0.25, 0.09] / 0.94
    [0.6 / 0.94, 0.25 / 0.94, 0.09 / 0.94].forEach((p, i) => expect(supported.probabilities[i]).toBeCloseTo(p, 12));
    expect(supported.confidence).toBeCloseTo(0.5 + 0.27, 12);
    const short = applyStrategySupport(base, -1, 0.9);
    [0.06 / 0.91, 0.25 / 0.91, 0.6 / 0.91].forEach((p, i) => expect(short.probabilities[i]).toBeCloseTo(p, 12));
  });

  it('measures gating confidence 1 − H(w)/ln 3', () => {
    expect(gatingConfidence([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(0, 6);
    expect(gatingConfidence([1, 0, 0])).toBeCloseTo(1, 6);
    const w = [0.7, 0.2, 0.1];
    expect(gatingConfidence(w)).toBeCloseTo(1 - -(0.7 * Math.log(0.7) + 0.2 * Math.log(0.2) + 0.1 * Math.log(0.1)) / Math.log(3), 6);
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.log(2), 6);
  });

  it('extracts the 6-dim gating context from the matrix columns, by hand', () => {
    const matrix = new FeatureMatrix(4, Array.from({ length: 13 }, (_, i) => `c${i}`));
    const rows = [
      [0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1, 0.2, 0.3],
      [0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 2, 0.4, 0.3],
      [0.5, 0, 0, 0, 0, 0, 0, 0, 0, -0.5, 3, 0.6, 0.6],
      [0.7, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 6, 0.8, 0.6],
    ];
    for (const row of rows) matrix.push(row);
    const context = Array.from(strategicContext(matrix, new Float32Array(6)));
    const vol = [0.2, 0.4, 0.6, 0.8].map(Math.fround);
    const mean = vol.reduce((a, b) => a + b, 0) / 4;
    const std = Math.sqrt(vol.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(context[0]).toBeCloseTo(std, 6);
    expect(context[1]).toBeCloseTo(0.45, 6);
    expect(context[2]).toBeCloseTo(0.25, 6);
    expect(context[3]).toBeCloseTo(3, 6);
    // |mean(last 2 of col 10) − mean(first 2)| = |4.5 − 1.5|
    expect(context[4]).toBeCloseTo(3, 6);
    expect(context[5]).toBeCloseTo(0.4, 6);
  });
});

describe('gating context parity', () => {
  it('gives the gating network the same context at inference as training computes from a full 48×13 matrix', () => {
    const random = new SeededRandom(9);
    const matrix = new FeatureMatrix(48, Array.from({ length: 13 }, (_, i) => `c${i}`));
    for (let row = 0; row < 60; row++) matrix.push(Array.from({ length: 13 }, () => random.normal()));
    const inference = strategicContext(matrix, new Float32Array(6));
    const training = strategicMatrixContext(matrix.copyTo(new Float32Array(48 * 13)), new Float32Array(6));
    Array.from(inference).forEach((value, i) => expect(value).toBeCloseTo(training[i]!, 5));
  });
});

describe('tactical weighted vote (§6.2.3)', () => {
  const settings = { executionThreshold: 0.65, counterSynergyThreshold: 0.95, alignmentBonus: true };

  it('scores each action by Σ conf·w of the agents choosing it and adds the alignment bonus, by hand', () => {
    const votes = [voteOf('fvg', [0.1, 0.1, 0.8]), voteOf('momentum', [0.05, 0.15, 0.8]), voteOf('entry', [0.6, 0.3, 0.1])];
    // TYPE_1 weights [0.5, 0.3, 0.2]: S[+1] = 0.8·0.5 + 0.8·0.3 = 0.64; S[−1] = 0.6·0.2 = 0.12
    const result = aggregateTactical(votes, [0.5, 0.3, 0.2], 1, settings);
    expect(result.scores[2]).toBeCloseTo(0.64, 12);
    expect(result.scores[0]).toBeCloseTo(0.12, 12);
    expect(result.action).toBe(1);
    // aligned: 0.64 + min(0.1, 0.5·0.36) = 0.74 ≥ 0.65 → execute
    expect(result.score).toBeCloseTo(0.74, 12);
    expect(result).toMatchObject({ execute: true, aligned: true, counterSynergyVeto: false });
    // without the bonus 0.64 < 0.65
    expect(aggregateTactical(votes, [0.5, 0.3, 0.2], 1, { ...settings, alignmentBonus: false }).execute).toBe(false);
  });

  it('vetoes a consensus against the synergy below 0.95 and lets it through at 0.95', () => {
    const votes = [voteOf('fvg', [0.9, 0.05, 0.05]), voteOf('momentum', [0.9, 0.05, 0.05]), voteOf('entry', [0.9, 0.05, 0.05])];
    const vetoed = aggregateTactical(votes, [0.35, 0.35, 0.3], 1, settings);
    expect(vetoed).toMatchObject({ action: -1, score: 0, execute: false, counterSynergyVeto: true });
    const strong = [voteOf('fvg', [0.96, 0.02, 0.02]), voteOf('momentum', [0.96, 0.02, 0.02]), voteOf('entry', [0.96, 0.02, 0.02])];
    const through = aggregateTactical(strong, [0.35, 0.35, 0.3], 1, settings);
    expect(through.action).toBe(-1);
    expect(through.score).toBeCloseTo(0.96, 12);
    expect(through.execute).toBe(true);
  });

  it('treats a tie for the top score as no consensus', () => {
    const votes = [voteOf('fvg', [0.8, 0.1, 0.1]), voteOf('momentum', [0.1, 0.1, 0.8]), voteOf('entry', [0.2, 0.6, 0.2])];
    expect(aggregateTactical(votes, [0.4, 0.4, 0.2], 1, settings)).toMatchObject({ action: 0, execute: false });
  });

  it('places the bracket at 2×/3× ATR on the right sides', () => {
    expect(atrBracket(100, 1, 2.5, 2, 3)).toEqual({ stopLoss: 95, takeProfit: 107.5 });
    expect(atrBracket(100, -1, 2.5, 2, 3)).toEqual({ stopLoss: 105, takeProfit: 92.5 });
  });
});

describe('coordinator', () => {
  it('votes with weight-normalised strengths; absent sources abstain but keep their weight in the sum', () => {
    const directions = Float64Array.of(1, 1, -1, Number.NaN);
    const strengths = Float64Array.of(0.9, 0.6, 1, 0);
    const weights = Float64Array.of(2, 1, 1, 1);
    // S[+1] = (2/5)·0.9 + (1/5)·0.6 = 0.48; S[−1] = 0.2
    const verdict = weightedVote(directions, strengths, weights, 0.45);
    expect(verdict.scores[2]).toBeCloseTo(0.48, 12);
    expect(verdict.scores[0]).toBeCloseTo(0.2, 12);
    expect(verdict).toMatchObject({ action: 1, execute: true });
    expect(weightedVote(directions, strengths, weights, 0.5).execute).toBe(false);
  });

  it('scores each source by the sign of the move `horizon` bars later, as an EWMA', () => {
    const accuracy = new SourceAccuracy(2, 1, 0.5);
    accuracy.update(100, Float64Array.of(1, -1));
    accuracy.update(101, Float64Array.of(1, Number.NaN)); // +1 right, −1 wrong
    expect(Array.from(accuracy.accuracy)).toEqual([0.5, -0.5]);
    accuracy.update(100, Float64Array.of(0, 1)); // source 0 wrong (price fell), source 1 did not vote
    expect(Array.from(accuracy.accuracy)).toEqual([0.5 + 0.5 * (-1 - 0.5), -0.5]);
  });
});
