import { SdkError } from '@grandmodel/framework';

/** Uncertainty of a set of sampled probability vectors (nats). */
export interface PredictiveUncertainty {
  /** H(mean p): total predictive entropy. */
  readonly entropy: number;
  /** E[H(p)]: the aleatoric part (noise the model expects). */
  readonly expectedEntropy: number;
  /** H(mean p) − E[H(p)]: the epistemic part (mutual information; disagreement between samples). */
  readonly mutualInformation: number;
}

const EPSILON = 1e-8;

/**
 * Splits the uncertainty of `samples` (row-major `count × width` probability vectors, e.g. MC-dropout
 * passes) into total, aleatoric and epistemic parts; `mean` is the per-column mean of the rows.
 */
export function predictiveUncertainty(samples: Float32Array, count: number, width: number, mean: ArrayLike<number>): PredictiveUncertainty {
  if (count < 1 || samples.length < count * width) throw new SdkError('GM_INPUT_INVALID', `predictiveUncertainty: expected ${count}×${width} values, received ${samples.length}`);
  let entropy = 0;
  for (let j = 0; j < width; j++) entropy -= mean[j]! * Math.log(mean[j]! + EPSILON);
  let expected = 0;
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < width; j++) {
      const p = samples[s * width + j]!;
      expected -= p * Math.log(p + EPSILON);
    }
  }
  expected /= count;
  return { entropy, expectedEntropy: expected, mutualInformation: Math.max(0, entropy - expected) };
}
