// Test helpers: random policy networks and a naive forward pass written independently of PolicyForward
// (nested number arrays, one formula per line), used as the reference the library is checked against.
import { SeededRandom } from '@grandmodel/framework';
import type { DenseLayer, HeadActivation, NetworkHead, PolicyNetwork } from '../../src/inference/index.js';

/** A dense layer with normal(0, scale) weights and biases. */
export function randomLayer(random: SeededRandom, inputs: number, outputs: number, scale = 0.3): DenseLayer {
  return {
    inputs,
    outputs,
    weight: Float32Array.from({ length: inputs * outputs }, () => random.normal() * scale),
    bias: Float32Array.from({ length: outputs }, () => random.normal() * 0.1),
  };
}

/** A network with the given hidden widths and one softmax head named `probabilities`. */
export function randomActor(seed: number, inputSize: number, hidden: readonly number[], outputs = 3, withMasks = true): PolicyNetwork {
  const random = new SeededRandom(seed);
  const layers: DenseLayer[] = [];
  let width = inputSize;
  for (const size of hidden) {
    layers.push(randomLayer(random, width, size, 1 / Math.sqrt(width)));
    width = size;
  }
  return {
    input: 'features',
    inputSize,
    hidden: layers,
    heads: [{ output: 'probabilities', layer: randomLayer(random, width, outputs, 1 / Math.sqrt(width)), activation: { kind: 'softmax' } }],
    maskNames: withMasks ? hidden.map((_, i) => `mask_${i + 1}`) : [],
  };
}

function activate(logits: number[], activation: HeadActivation): number[] {
  if (activation.kind === 'softmax') {
    const exps = logits.map((z) => Math.exp(z));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  }
  if (activation.kind === 'scaled-sigmoid') return logits.map((z) => activation.low + (activation.high - activation.low) * (1 / (1 + Math.exp(-z))));
  return logits;
}

function layerOutput(layer: DenseLayer, x: number[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < layer.outputs; j++) {
    let z = layer.bias[j]!;
    for (let i = 0; i < layer.inputs; i++) z += x[i]! * layer.weight[i * layer.outputs + j]!;
    out.push(z);
  }
  return out;
}

function headOutput(head: NetworkHead, x: number[]): number[] {
  const logits = layerOutput(head.layer, x);
  if (head.absoluteWeight !== undefined) {
    for (let j = 0; j < head.layer.outputs; j++) {
      for (let i = 0; i < head.layer.inputs; i++) logits[j]! += Math.abs(x[i]!) * head.absoluteWeight[i * head.layer.outputs + j]!;
    }
  }
  return activate(logits, head.activation);
}

/** Naive forward of one row; `masks[l]` multiplies hidden layer l after ReLU. Returns each head's output. */
export function referenceForward(network: PolicyNetwork, row: ArrayLike<number>, masks?: readonly ArrayLike<number>[]): number[][] {
  let x = Array.from(row, (v, i) => v * (network.inputScale?.[i] ?? 1));
  network.hidden.forEach((layer, l) => {
    x = layerOutput(layer, x).map((z, j) => Math.max(0, z) * (masks?.[l]?.[j] ?? 1));
  });
  return network.heads.map((head) => headOutput(head, x));
}

/** Largest absolute difference between two equally long sequences. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
