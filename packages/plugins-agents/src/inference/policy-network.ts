import { SdkError } from '@grandmodel/framework';

/** A fully connected layer; `weight[i * outputs + j]` connects input i to output j. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** What a head does to its logits. */
export type HeadActivation =
  | { readonly kind: 'softmax' }
  | { readonly kind: 'identity' }
  /** `low + (high − low) · sigmoid(z)`, a bounded continuous output such as an ATR multiple. */
  | { readonly kind: 'scaled-sigmoid'; readonly low: number; readonly high: number };

/** One output of a network: a dense layer over the last hidden activation, then an activation. */
export interface NetworkHead {
  /** Name of the model output it produces. */
  readonly output: string;
  readonly layer: DenseLayer;
  readonly activation: HeadActivation;
  /** Optional fixed weights on |head input| added to the logits (the gating network's prior terms). */
  readonly absoluteWeight?: Float32Array;
}

/**
 * The weights and shape of a policy network the SDK trains, runs in TypeScript and exports to ONNX:
 * an optional per-input scale (feature attention), hidden layers with ReLU (each followed by a
 * dropout-mask multiply when the model has mask inputs), and one or more heads.
 */
export interface PolicyNetwork {
  /** Name of the model's data input. */
  readonly input: string;
  readonly inputSize: number;
  /** Multiplies the input element-wise before the first layer (length `inputSize`). */
  readonly inputScale?: Float32Array;
  readonly hidden: readonly DenseLayer[];
  readonly heads: readonly NetworkHead[];
  /** Mask input names, one per hidden layer (`mask_1`, …), or empty for a model without MC-dropout. */
  readonly maskNames: readonly string[];
}

/** Throws when layer sizes do not chain or arrays have the wrong length. */
export function checkPolicyNetwork(network: PolicyNetwork): void {
  const fail = (what: string): never => {
    throw new SdkError('GM_INPUT_INVALID', `Policy network (input "${network.input}"): ${what}`);
  };
  if (network.inputScale !== undefined && network.inputScale.length !== network.inputSize) {
    fail(`inputScale has ${network.inputScale.length} values, expected ${network.inputSize}`);
  }
  if (network.maskNames.length !== 0 && network.maskNames.length !== network.hidden.length) {
    fail(`expected ${network.hidden.length} mask names (one per hidden layer) or none, received ${network.maskNames.length}`);
  }
  let width = network.inputSize;
  network.hidden.forEach((layer, index) => {
    checkLayer(layer, width, `hidden layer ${index + 1}`, fail);
    width = layer.outputs;
  });
  if (network.heads.length === 0) fail('has no heads');
  for (const head of network.heads) {
    checkLayer(head.layer, width, `head "${head.output}"`, fail);
    if (head.absoluteWeight !== undefined && head.absoluteWeight.length !== head.layer.weight.length) {
      fail(`head "${head.output}" absoluteWeight has ${head.absoluteWeight.length} values, expected ${head.layer.weight.length}`);
    }
  }
}

function checkLayer(layer: DenseLayer, inputs: number, label: string, fail: (what: string) => never): void {
  if (layer.inputs !== inputs) fail(`${label} takes ${layer.inputs} inputs, but the previous layer gives ${inputs}`);
  if (layer.weight.length !== layer.inputs * layer.outputs) fail(`${label} weight has ${layer.weight.length} values, expected ${layer.inputs * layer.outputs}`);
  if (layer.bias.length !== layer.outputs) fail(`${label} bias has ${layer.bias.length} values, expected ${layer.outputs}`);
}

/** Number of trainable values in a network (weights and biases; fixed prior weights excluded). */
export function parameterCount(network: PolicyNetwork): number {
  let count = network.inputScale?.length ?? 0;
  for (const layer of network.hidden) count += layer.weight.length + layer.bias.length;
  for (const head of network.heads) count += head.layer.weight.length + head.layer.bias.length;
  return count;
}
