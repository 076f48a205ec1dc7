import type { SeededRandom } from '@grandmodel/framework';
import type { HeadActivation } from '../inference/policy-network.js';

/** How a head's bias starts. */
export type BiasInit = { readonly kind: 'constant'; readonly values: readonly number[] } | { readonly kind: 'uniform'; readonly bound: number };

/** One trainable head: a dense layer over the last hidden activation. */
export interface HeadSpec {
  readonly output: string;
  readonly size: number;
  readonly activation: HeadActivation;
  /** Xavier-uniform gain of the head weights. */
  readonly gain: number;
  /** Bias initialisation (default zeros). */
  readonly bias?: BiasInit;
  /** Fixed (not trained) weights on |head input|, added to the logits. */
  readonly absoluteWeight?: Float32Array;
  /** Added to the initial weights (a prior the training then adjusts). */
  readonly weightOffset?: Float32Array;
}

/** Shape and initialisation of a trainable policy or value network. */
export interface NetworkSpec {
  readonly input: string;
  readonly inputSize: number;
  /** Hidden widths; each layer is dense → ReLU (→ dropout mask). */
  readonly hidden: readonly number[];
  /** Xavier-uniform gain of the hidden layers. */
  readonly hiddenGain: number;
  readonly heads: readonly HeadSpec[];
  /** True when the exported model takes `mask_k` inputs (and training applies dropout). */
  readonly masks: boolean;
  /**
   * Learnable per-feature attention: `initial` holds one weight per feature, repeated over `rows` rows of a
   * row-major `rows × features` input (the tactical matrix), so input scale = tile(attention, rows).
   */
  readonly attention?: { readonly initial: readonly number[]; readonly rows: number };
}

/** Initial values of one dense layer. */
export interface LayerInit {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** Xavier (Glorot) uniform weights: U(±gain·√(6/(in+out))), drawn row-major from `random`. */
export function xavierUniform(inputs: number, outputs: number, gain: number, random: SeededRandom): Float32Array {
  const bound = gain * Math.sqrt(6 / (inputs + outputs));
  const weight = new Float32Array(inputs * outputs);
  for (let i = 0; i < weight.length; i++) weight[i] = (random.next() * 2 - 1) * bound;
  return weight;
}

/** Draws every layer's initial weights for `spec` from `random` (hidden layers first, then heads). */
export function initialLayers(spec: NetworkSpec, random: SeededRandom): { hidden: LayerInit[]; heads: LayerInit[] } {
  const hidden: LayerInit[] = [];
  let width = spec.inputSize;
  for (const size of spec.hidden) {
    hidden.push({ inputs: width, outputs: size, weight: xavierUniform(width, size, spec.hiddenGain, random), bias: new Float32Array(size) });
    width = size;
  }
  const heads = spec.heads.map((head) => {
    const weight = xavierUniform(width, head.size, head.gain, random);
    if (head.weightOffset !== undefined) for (let i = 0; i < weight.length; i++) weight[i]! += head.weightOffset[i]!;
    const bias = new Float32Array(head.size);
    if (head.bias?.kind === 'constant') bias.set(head.bias.values);
    else if (head.bias?.kind === 'uniform') for (let j = 0; j < head.size; j++) bias[j] = (random.next() * 2 - 1) * head.bias.bound;
    return { inputs: width, outputs: head.size, weight, bias };
  });
  return { hidden, heads };
}
