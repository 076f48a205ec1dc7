import type * as tf from '@tensorflow/tfjs-core';

type Tf = typeof tf;

/** Settings of `AdamOptimizer`. */
export interface AdamSettings {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Gradients are scaled down together when their global L2 norm exceeds this (spec: 0.5). */
  readonly maxGradNorm?: number;
}

/**
 * Adam over a fixed list of tfjs variables, with global-norm gradient clipping and a learning rate set
 * per step (for the cosine schedule). Written out here so every step is explicit and deterministic.
 */
export class AdamOptimizer {
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];
  private steps = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly maxGradNorm: number;

  constructor(
    private readonly tf: Tf,
    private readonly variables: readonly tf.Variable[],
    settings: AdamSettings = {},
  ) {
    this.beta1 = settings.beta1 ?? 0.9;
    this.beta2 = settings.beta2 ?? 0.999;
    this.epsilon = settings.epsilon ?? 1e-8;
    this.maxGradNorm = settings.maxGradNorm ?? Infinity;
    this.first = variables.map((v) => tf.variable(tf.zerosLike(v), false));
    this.second = variables.map((v) => tf.variable(tf.zerosLike(v), false));
  }

  /**
   * Takes one step of size `learningRate` with `grads` (keyed by variable name, as `tf.variableGrads` gives
   * them) and returns the gradient norm before clipping.
   */
  step(grads: Readonly<Record<string, tf.Tensor>>, learningRate: number): number {
    const tf = this.tf;
    this.steps++;
    const t = this.steps;
    return tf.tidy(() => {
      const list = this.variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
      const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g)))));
      const normValue = norm.dataSync()[0]!;
      const scale = Number.isFinite(this.maxGradNorm) && normValue > this.maxGradNorm ? this.maxGradNorm / (normValue + 1e-6) : 1;
      const correction1 = 1 - this.beta1 ** t;
      const correction2 = 1 - this.beta2 ** t;
      this.variables.forEach((variable, i) => {
        const g = scale === 1 ? list[i]! : tf.mul(list[i]!, scale);
        const m = tf.add(tf.mul(this.first[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.second[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.first[i]!.assign(m);
        this.second[i]!.assign(v);
        const update = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), this.epsilon));
        variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
      });
      return normValue;
    });
  }

  /** Frees the moment estimates. */
  dispose(): void {
    for (const v of [...this.first, ...this.second]) v.dispose();
  }
}
