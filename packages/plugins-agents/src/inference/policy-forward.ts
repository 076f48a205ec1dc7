import { SdkError } from '@grandmodel/framework';
import { checkPolicyNetwork, type DenseLayer, type NetworkHead, type PolicyNetwork } from './policy-network.js';

/**
 * Runs a `PolicyNetwork` in plain TypeScript (double-precision accumulation), for rollouts during
 * training and as an independent reference for exported models. Buffers are sized for `maxBatch` rows
 * once; `forward` allocates nothing.
 */
export class PolicyForward {
  /** Head outputs in head order, each `maxBatch × outputs`, rows `0..batch-1` valid after `forward`. */
  readonly outputs: readonly Float32Array[];
  private readonly activations: Float64Array[];
  private readonly scaled: Float64Array;
  private readonly logits: Float64Array;

  constructor(
    readonly network: PolicyNetwork,
    readonly maxBatch = 1,
  ) {
    checkPolicyNetwork(network);
    this.scaled = new Float64Array(maxBatch * network.inputSize);
    this.activations = network.hidden.map((layer) => new Float64Array(maxBatch * layer.outputs));
    this.outputs = network.heads.map((head) => new Float32Array(maxBatch * head.layer.outputs));
    this.logits = new Float64Array(Math.max(...network.heads.map((head) => head.layer.outputs)));
  }

  /**
   * Computes every head for `batch` rows of `input` (row-major, `batch × inputSize`). `masks`, one per
   * hidden layer (`batch × width`), multiply the ReLU outputs; omit them for the deterministic pass.
   */
  forward(input: Float32Array, batch = 1, masks?: readonly Float32Array[]): readonly Float32Array[] {
    const network = this.network;
    if (batch < 1 || batch > this.maxBatch) throw new SdkError('GM_INPUT_INVALID', `PolicyForward: batch must be 1..${this.maxBatch}, was ${batch}`);
    if (input.length < batch * network.inputSize) throw new SdkError('GM_INPUT_INVALID', `PolicyForward: input has ${input.length} values, expected ${batch * network.inputSize}`);
    const scaled = this.scaled;
    const scale = network.inputScale;
    const size = batch * network.inputSize;
    for (let i = 0; i < size; i++) scaled[i] = scale === undefined ? input[i]! : input[i]! * scale[i % network.inputSize]!;
    let current: Float64Array = scaled;
    for (let l = 0; l < network.hidden.length; l++) {
      const layer = network.hidden[l]!;
      const out = this.activations[l]!;
      dense(layer, current, out, batch);
      const mask = masks?.[l];
      const width = layer.outputs;
      for (let k = 0; k < batch * width; k++) {
        const relu = out[k]! > 0 ? out[k]! : 0;
        out[k] = mask === undefined ? relu : relu * mask[k]!;
      }
      current = out;
    }
    for (let h = 0; h < network.heads.length; h++) this.head(network.heads[h]!, current, this.outputs[h]!, batch);
    return this.outputs;
  }

  private head(head: NetworkHead, input: Float64Array, out: Float32Array, batch: number): void {
    const { inputs, outputs, weight, bias } = head.layer;
    const logits = this.logits;
    const absolute = head.absoluteWeight;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < outputs; j++) logits[j] = bias[j]!;
      for (let i = 0; i < inputs; i++) {
        const x = input[b * inputs + i]!;
        const ax = Math.abs(x);
        const row = i * outputs;
        for (let j = 0; j < outputs; j++) {
          logits[j] += x * weight[row + j]!;
          if (absolute !== undefined) logits[j] += ax * absolute[row + j]!;
        }
      }
      const activation = head.activation;
      if (activation.kind === 'softmax') {
        let max = -Infinity;
        for (let j = 0; j < outputs; j++) if (logits[j]! > max) max = logits[j]!;
        let sum = 0;
        for (let j = 0; j < outputs; j++) {
          logits[j] = Math.exp(logits[j]! - max);
          sum += logits[j]!;
        }
        for (let j = 0; j < outputs; j++) out[b * outputs + j] = logits[j]! / sum;
      } else if (activation.kind === 'scaled-sigmoid') {
        const span = activation.high - activation.low;
        for (let j = 0; j < outputs; j++) out[b * outputs + j] = activation.low + span / (1 + Math.exp(-logits[j]!));
      } else {
        for (let j = 0; j < outputs; j++) out[b * outputs + j] = logits[j]!;
      }
    }
  }
}

function dense(layer: DenseLayer, input: Float64Array, out: Float64Array, batch: number): void {
  const { inputs, outputs, weight, bias } = layer;
  for (let b = 0; b < batch; b++) {
    const o = b * outputs;
    for (let j = 0; j < outputs; j++) out[o + j] = bias[j]!;
    for (let i = 0; i < inputs; i++) {
      const x = input[b * inputs + i]!;
      if (x === 0) continue;
      const row = i * outputs;
      for (let j = 0; j < outputs; j++) out[o + j] += x * weight[row + j]!;
    }
  }
}
