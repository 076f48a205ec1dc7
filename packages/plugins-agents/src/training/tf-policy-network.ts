import type * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '@grandmodel/framework';
import type { PolicyNetwork } from '../inference/policy-network.js';
import { initialLayers, type NetworkSpec } from './network-spec.js';

type Tf = typeof tf;

// tfjs registers variables by name process-wide, so every network gets a unique suffix
let networkCount = 0;

interface DenseVariables {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

/**
 * A `NetworkSpec` as tfjs variables, initialised from a SeededRandom (never tfjs's own initialisers, so a
 * seed fixes the starting weights). `apply` gives each head's pre-activation values (logits for softmax
 * heads, z for bounded heads); `snapshot` copies the weights out as a `PolicyNetwork`.
 */
export class TfPolicyNetwork {
  private readonly hidden: DenseVariables[];
  private readonly heads: DenseVariables[];
  private readonly attention: tf.Variable | undefined;
  private readonly absolute: (tf.Tensor2D | undefined)[];

  constructor(
    private readonly tf: Tf,
    readonly spec: NetworkSpec,
    random: SeededRandom,
    name: string,
  ) {
    const layers = initialLayers(spec, random);
    const unique = `${name}#${++networkCount}`;
    const variable = (data: Float32Array, shape: number[], label: string): tf.Variable => tf.variable(tf.tensor(data, shape), true, `${unique}/${label}`);
    this.hidden = layers.hidden.map((l, i) => ({ weight: variable(l.weight, [l.inputs, l.outputs], `hidden_${i + 1}_weight`), bias: variable(l.bias, [l.outputs], `hidden_${i + 1}_bias`) }));
    this.heads = layers.heads.map((l, i) => ({ weight: variable(l.weight, [l.inputs, l.outputs], `head_${i}_weight`), bias: variable(l.bias, [l.outputs], `head_${i}_bias`) }));
    this.attention = spec.attention === undefined ? undefined : variable(Float32Array.from(spec.attention.initial), [spec.attention.initial.length], 'attention');
    this.absolute = spec.heads.map((head, i) => (head.absoluteWeight === undefined ? undefined : tf.keep(tf.tensor2d(head.absoluteWeight, [layers.heads[i]!.inputs, head.size]))));
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    const list = [...this.hidden, ...this.heads].flatMap((layer) => [layer.weight, layer.bias]);
    if (this.attention !== undefined) list.push(this.attention);
    return list;
  }

  /** Widths of the hidden layers (the mask widths). */
  get hiddenWidths(): readonly number[] {
    return this.spec.hidden;
  }

  /**
   * Forward pass of a `[batch, inputSize]` tensor; `masks` (one `[batch, width]` tensor per hidden layer)
   * multiply the ReLU outputs, i.e. dropout in training mode. Returns one tensor per head, before activation.
   */
  apply(input: tf.Tensor2D, masks?: readonly tf.Tensor2D[]): tf.Tensor2D[] {
    const tf = this.tf;
    let x: tf.Tensor2D = input;
    if (this.attention !== undefined) x = tf.mul(x, tf.tile(this.attention, [this.spec.attention!.rows])) as tf.Tensor2D;
    this.hidden.forEach((layer, index) => {
      x = tf.relu(tf.add(tf.matMul(x, layer.weight as tf.Tensor2D), layer.bias));
      const mask = masks?.[index];
      if (mask !== undefined) x = tf.mul(x, mask);
    });
    const trunk = x;
    const absoluteTrunk = this.absolute.some((a) => a !== undefined) ? tf.abs(trunk) : undefined;
    return this.heads.map((layer, index) => {
      let out = tf.add(tf.matMul(trunk, layer.weight as tf.Tensor2D), layer.bias) as tf.Tensor2D;
      const prior = this.absolute[index];
      if (prior !== undefined) out = tf.add(out, tf.matMul(absoluteTrunk!, prior));
      return out;
    });
  }

  /** Copies the current weights into a plain `PolicyNetwork` (for TypeScript rollouts and ONNX export). */
  snapshot(): PolicyNetwork {
    const copy = (v: tf.Variable): Float32Array => Float32Array.from(v.dataSync() as Float32Array);
    const spec = this.spec;
    const widths = [spec.inputSize, ...spec.hidden];
    const last = widths[widths.length - 1]!;
    let inputScale: Float32Array | undefined;
    if (this.attention !== undefined) {
      const attention = copy(this.attention);
      inputScale = new Float32Array(spec.inputSize);
      for (let i = 0; i < spec.inputSize; i++) inputScale[i] = attention[i % attention.length]!;
    }
    return {
      input: spec.input,
      inputSize: spec.inputSize,
      ...(inputScale === undefined ? {} : { inputScale }),
      hidden: this.hidden.map((layer, i) => ({ inputs: widths[i]!, outputs: widths[i + 1]!, weight: copy(layer.weight), bias: copy(layer.bias) })),
      heads: this.heads.map((layer, i) => {
        const head = spec.heads[i]!;
        return {
          output: head.output,
          layer: { inputs: last, outputs: head.size, weight: copy(layer.weight), bias: copy(layer.bias) },
          activation: head.activation,
          ...(head.absoluteWeight === undefined ? {} : { absoluteWeight: head.absoluteWeight }),
        };
      }),
      maskNames: spec.masks ? spec.hidden.map((_, i) => `mask_${i + 1}`) : [],
    };
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    for (const a of this.absolute) a?.dispose();
  }
}
