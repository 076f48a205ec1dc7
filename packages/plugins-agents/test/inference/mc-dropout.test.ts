import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '@grandmodel/framework';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  exportPolicyNetwork,
  fillDropoutMask,
  McDropout,
  OnnxPolicy,
  predictiveUncertainty,
  STRATEGIC_MLMI_CONTRACT,
  TACTICAL_FVG_CONTRACT,
} from '../../src/inference/index.js';
import { maxDifference, randomActor, referenceForward } from './reference-network.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-mc-dropout-'));
const network = randomActor(21, 192, [256, 128, 64]);
let policy: OnnxPolicy;

beforeAll(async () => {
  const path = join(dir, 'mlmi.onnx');
  writeFileSync(path, exportPolicyNetwork(network, { metadata: { dropout_rate: '0.2' } }));
  policy = await OnnxPolicy.load(path, STRATEGIC_MLMI_CONTRACT);
});
afterAll(async () => {
  await policy.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const x = Float32Array.from({ length: 192 }, (_, i) => Math.sin(i * 0.37) * 1.5);

describe('McDropout', () => {
  it('samples in ONE batched session.run, every sample equal to the forward pass with its own masks', async () => {
    const spy = vi.spyOn(policy.session, 'run');
    const mc = new McDropout(policy, { samples: 50, random: new SeededRandom(5) });
    expect(mc.dropoutRate).toBe(0.2); // from the model's metadata
    const result = await mc.run({ features: x });
    expect(spy).toHaveBeenCalledTimes(1);
    const feeds = spy.mock.calls[0]![0] as Record<string, { dims: readonly number[] }>;
    expect(feeds['features']!.dims).toEqual([50, 192]);
    expect(feeds['mask_1']!.dims).toEqual([50, 256]);
    spy.mockRestore();
    // Replay the mask stream: same seed, same draw order (mask_1, mask_2, mask_3 over the whole batch)
    const replay = new SeededRandom(5);
    const masks = [256, 128, 64].map((w) => {
      const m = new Float32Array(50 * w);
      fillDropoutMask(m, 0.2, replay);
      return m;
    });
    const out = result.outputs['probabilities']!;
    expect(out.samples).toHaveLength(150);
    for (let s = 0; s < 50; s++) {
      const rowMasks = masks.map((m, l) => m.subarray(s * [256, 128, 64][l]!, (s + 1) * [256, 128, 64][l]!));
      expect(maxDifference(out.samples.subarray(s * 3, s * 3 + 3), referenceForward(network, x, rowMasks)[0]!)).toBeLessThan(1e-5);
    }
  });

  it('gives samples that differ, with mean and std matching a direct computation', async () => {
    const mc = new McDropout(policy, { samples: 40, random: new SeededRandom(6) });
    const out = (await mc.run({ features: x })).outputs['probabilities']!;
    const rowsSeen = new Set<string>();
    for (let s = 0; s < 40; s++) rowsSeen.add(Array.from(out.samples.subarray(s * 3, s * 3 + 3), (v) => v.toFixed(6)).join(','));
    expect(rowsSeen.size).toBeGreaterThan(30);
    for (let j = 0; j < 3; j++) {
      const column = Array.from({ length: 40 }, (_, s) => out.samples[s * 3 + j]!);
      const mean = column.reduce((a, b) => a + b, 0) / 40;
      const variance = column.reduce((a, v) => a + (v - mean) ** 2, 0) / 39;
      expect(out.mean[j]).toBeCloseTo(mean, 6);
      expect(out.std[j]).toBeCloseTo(Math.sqrt(variance), 6);
      expect(out.std[j]).toBeGreaterThan(0);
    }
  });

  it('with rate 0 (all-ones masks) every sample equals the deterministic forward pass', async () => {
    const deterministic = Float32Array.from((await policy.run({ features: x }))['probabilities']!);
    expect(maxDifference(deterministic, referenceForward(network, x)[0]!)).toBeLessThan(1e-5);
    const mc = new McDropout(policy, { samples: 10, random: new SeededRandom(7), dropoutRate: 0 });
    const out = (await mc.run({ features: x })).outputs['probabilities']!;
    for (let s = 0; s < 10; s++) expect(maxDifference(out.samples.subarray(s * 3, s * 3 + 3), deterministic)).toBe(0);
    for (let j = 0; j < 3; j++) expect(out.std[j]).toBe(0);
  });

  it('is reproducible for a seed and differs across seeds', async () => {
    const a = Float32Array.from((await new McDropout(policy, { samples: 20, random: new SeededRandom(8) }).run({ features: x })).outputs['probabilities']!.samples);
    const b = Float32Array.from((await new McDropout(policy, { samples: 20, random: new SeededRandom(8) }).run({ features: x })).outputs['probabilities']!.samples);
    const c = Float32Array.from((await new McDropout(policy, { samples: 20, random: new SeededRandom(9) }).run({ features: x })).outputs['probabilities']!.samples);
    expect(a).toEqual(b);
    expect(maxDifference(a, c)).toBeGreaterThan(1e-4);
  });

  it('refuses models without mask inputs and bad sample counts', async () => {
    const plain = randomActor(1, 420, [256, 128], 3, false);
    const path = join(dir, 'plain.onnx');
    writeFileSync(path, exportPolicyNetwork({ ...plain, input: 'matrix' }));
    const noMasks = await OnnxPolicy.load(path, TACTICAL_FVG_CONTRACT);
    expect(() => new McDropout(noMasks, { random: new SeededRandom(1) })).toThrow(/needs the dropout-mask inputs \[mask_1, mask_2\]/);
    await noMasks.dispose();
    expect(() => new McDropout(policy, { samples: 1, random: new SeededRandom(1) })).toThrow(/samples must be an integer >= 2, was 1/);
    await expect(new McDropout(policy, { samples: 2, random: new SeededRandom(1) }).run({ features: new Float32Array(10) })).rejects.toThrow(/expected one row of 192 values, received 10/);
  });
});

describe('fillDropoutMask', () => {
  it('drops about p of the units and scales the rest by 1/(1-p)', () => {
    const mask = new Float32Array(100_000);
    fillDropoutMask(mask, 0.15, new SeededRandom(3));
    let zeros = 0;
    let otherValues = 0;
    for (const v of mask) {
      if (v === 0) zeros++;
      else if (Math.abs(v - 1 / 0.85) > 1e-6) otherValues++;
    }
    expect(otherValues).toBe(0);
    // Binomial(100000, 0.15): sd ≈ 113, so ±600 is > 5 sd
    expect(Math.abs(zeros - 15_000)).toBeLessThan(600);
    expect(() => fillDropoutMask(mask, 1, new SeededRandom(1))).toThrow(/dropout rate must be in \[0, 1\), was 1/);
  });
});

describe('predictiveUncertainty', () => {
  it('splits entropy into aleatoric and epistemic parts (hand-computed)', () => {
    // Two confident samples that disagree: mean [0.5, 0.5]
    const samples = Float32Array.of(1, 0, 0, 1);
    const u = predictiveUncertainty(samples, 2, 2, [0.5, 0.5]);
    expect(u.entropy).toBeCloseTo(Math.log(2), 6);
    expect(u.expectedEntropy).toBeCloseTo(0, 6);
    expect(u.mutualInformation).toBeCloseTo(Math.log(2), 6);
    // Two identical uncertain samples: all aleatoric
    const same = predictiveUncertainty(Float32Array.of(0.5, 0.5, 0.5, 0.5), 2, 2, [0.5, 0.5]);
    expect(same.expectedEntropy).toBeCloseTo(Math.log(2), 6);
    expect(same.mutualInformation).toBeCloseTo(0, 6);
  });
});
