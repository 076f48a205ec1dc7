import type * as tf from '@tensorflow/tfjs-core';
import { SdkError, type SeededRandom } from '@grandmodel/framework';
import { fillDropoutMask } from '../inference/dropout-masks.js';
import { PolicyForward } from '../inference/policy-forward.js';
import type { PolicyNetwork } from '../inference/policy-network.js';
import { AdamOptimizer } from './adam-optimizer.js';
import { argmax, categoricalEntropy, gaussianLogDensity, sampleCategorical } from './categorical.js';
import type { NetworkSpec } from './network-spec.js';
import { TfPolicyNetwork } from './tf-policy-network.js';

type Tf = typeof tf;

/** How an actor head turns into an action: a categorical choice, or a Gaussian around the head's value. */
export type ActionHead = { readonly kind: 'categorical'; readonly head: number } | { readonly kind: 'gaussian'; readonly head: number; readonly initialLogStd: number };

/** One trained actor (an agent's policy). */
export interface ActorDefinition {
  /** Contract name of the model it becomes, e.g. `strategic-mlmi`. */
  readonly name: string;
  readonly network: NetworkSpec;
  readonly actions: readonly ActionHead[];
  readonly learningRate: number;
  /** Dropout probability applied to hidden layers during gradient steps (0 = none). */
  readonly dropoutRate: number;
}

/** What an actor decided at one step; reused between calls. */
export interface ActorDecision {
  /** Per head: probabilities (categorical heads) or the mean before squashing (Gaussian heads), others as activated. */
  readonly outputs: readonly Float32Array[];
  /** Per action head: the chosen index, or −1 for Gaussian heads. */
  readonly choices: Int32Array;
  /** Per action head: the squashed continuous action of a Gaussian head (empty for categorical heads). */
  readonly continuous: readonly Float64Array[];
  logProbability: number;
  entropy: number;
}

/**
 * One actor of a MAPPO trainer: its tfjs network (plus log standard deviations of Gaussian heads) and Adam
 * state for updates, and a TypeScript copy of its weights for fast, allocation-free rollouts.
 */
export class MappoActor {
  readonly network: TfPolicyNetwork;
  readonly logStd: readonly (tf.Variable | undefined)[];
  readonly optimizer: AdamOptimizer;
  readonly decision: ActorDecision;
  /** The last observation and stored action values (a categorical head stores its index, a Gaussian head its raw sample). */
  readonly observation: Float32Array;
  readonly action: Float32Array;
  readonly actionWidth: number;
  private forward!: PolicyForward;
  private logStdValues: Float64Array[] = [];

  constructor(
    private readonly tf: Tf,
    readonly definition: ActorDefinition,
    random: SeededRandom,
    maxGradNorm: number,
  ) {
    const heads = definition.network.heads;
    this.network = new TfPolicyNetwork(tf, definition.network, random, definition.name);
    this.logStd = definition.actions.map((action) => (action.kind === 'gaussian' ? tf.variable(tf.fill([heads[action.head]!.size], action.initialLogStd), true) : undefined));
    this.optimizer = new AdamOptimizer(tf, this.variables, { maxGradNorm });
    this.actionWidth = definition.actions.reduce((w, a) => w + (a.kind === 'categorical' ? 1 : heads[a.head]!.size), 0);
    this.decision = {
      outputs: [],
      choices: new Int32Array(definition.actions.length),
      continuous: definition.actions.map((a) => new Float64Array(a.kind === 'gaussian' ? heads[a.head]!.size : 0)),
      logProbability: 0,
      entropy: 0,
    };
    this.observation = new Float32Array(definition.network.inputSize);
    this.action = new Float32Array(this.actionWidth);
    this.refresh();
  }

  /** Trainable variables: the network's, then the Gaussian log standard deviations. */
  get variables(): tf.Variable[] {
    return [...this.network.variables, ...this.logStd.filter((v): v is tf.Variable => v !== undefined)];
  }

  /** Copies the weights into the rollout network (Gaussian heads output their mean so sampling adds noise). */
  refresh(): void {
    const snapshot = this.network.snapshot();
    const gaussian = new Set(this.definition.actions.filter((a) => a.kind === 'gaussian').map((a) => a.head));
    const rollout: PolicyNetwork = { ...snapshot, heads: snapshot.heads.map((h, i) => (gaussian.has(i) ? { ...h, activation: { kind: 'identity' } } : h)) };
    this.forward = new PolicyForward(rollout);
    (this.decision as { outputs: readonly Float32Array[] }).outputs = this.forward.outputs;
    this.logStdValues = this.logStd.map((v) => (v === undefined ? new Float64Array(0) : Float64Array.from(v.dataSync())));
  }

  /** Decides on one observation: samples when `explore`, else the most likely action / the mean. */
  decide(observation: Float32Array, explore: boolean, random: SeededRandom): ActorDecision {
    const definition = this.definition;
    if (observation.length !== definition.network.inputSize) {
      throw new SdkError('GM_INPUT_INVALID', `act: actor "${definition.name}" expects ${definition.network.inputSize} values, received ${observation.length}`);
    }
    this.observation.set(observation);
    const outputs = this.forward.forward(observation);
    const decision = this.decision;
    let logProbability = 0;
    let entropy = 0;
    let slot = 0;
    definition.actions.forEach((action, k) => {
      const out = outputs[action.head]!;
      const size = definition.network.heads[action.head]!.size;
      if (action.kind === 'categorical') {
        const choice = explore ? sampleCategorical(out, 0, size, random) : argmax(out, 0, size);
        decision.choices[k] = choice;
        logProbability += Math.log(Math.max(out[choice]!, 1e-12));
        entropy += categoricalEntropy(out, 0, size);
        this.action[slot++] = choice;
      } else {
        decision.choices[k] = -1;
        const logStd = this.logStdValues[k]!;
        const activation = definition.network.heads[action.head]!.activation;
        const low = activation.kind === 'scaled-sigmoid' ? activation.low : 0;
        const span = activation.kind === 'scaled-sigmoid' ? activation.high - activation.low : 1;
        for (let j = 0; j < size; j++) {
          const z = explore ? out[j]! + Math.exp(logStd[j]!) * random.normal() : out[j]!;
          logProbability += gaussianLogDensity(z, out[j]!, logStd[j]!);
          entropy += 0.5 + 0.5 * Math.log(2 * Math.PI) + logStd[j]!;
          decision.continuous[k]![j] = low + span / (1 + Math.exp(-z));
          this.action[slot++] = z;
        }
      }
    });
    decision.logProbability = logProbability;
    decision.entropy = entropy;
    return decision;
  }

  /**
   * Log-probabilities and entropies (tensors, one per row) of stored actions under the current weights;
   * `observations` and `actions` hold `count` rows; `masks` apply dropout (training mode).
   */
  evaluate(observations: Float32Array, actions: Float32Array, count: number, masks: tf.Tensor2D[] | undefined): { logp: tf.Tensor1D; entropy: tf.Tensor1D } {
    const tf = this.tf;
    const definition = this.definition;
    const obs = tf.tensor2d(observations, [count, definition.network.inputSize]);
    const heads = this.network.apply(obs, masks);
    let logp: tf.Tensor1D = tf.zeros([count]);
    let entropy: tf.Tensor1D = tf.zeros([count]);
    let slot = 0;
    definition.actions.forEach((action, k) => {
      const size = definition.network.heads[action.head]!.size;
      const head = heads[action.head]!;
      if (action.kind === 'categorical') {
        const oneHot = new Float32Array(count * size);
        for (let r = 0; r < count; r++) oneHot[r * size + actions[r * this.actionWidth + slot]!] = 1;
        const logSoftmax = tf.logSoftmax(head);
        logp = tf.add(logp, tf.sum(tf.mul(logSoftmax, tf.tensor2d(oneHot, [count, size])), 1));
        entropy = tf.add(entropy, tf.neg(tf.sum(tf.mul(tf.exp(logSoftmax), logSoftmax), 1)));
        slot += 1;
      } else {
        const z = new Float32Array(count * size);
        for (let r = 0; r < count; r++) for (let j = 0; j < size; j++) z[r * size + j] = actions[r * this.actionWidth + slot + j]!;
        const logStd = this.logStd[k]!;
        const standardized = tf.div(tf.sub(tf.tensor2d(z, [count, size]), head), tf.exp(logStd));
        const density = tf.sub(tf.mul(tf.square(standardized), -0.5), tf.add(logStd, 0.5 * Math.log(2 * Math.PI)));
        logp = tf.add(logp, tf.sum(density, 1));
        entropy = tf.add(entropy, tf.sum(tf.add(logStd, 0.5 + 0.5 * Math.log(2 * Math.PI))));
        slot += size;
      }
    });
    return { logp, entropy };
  }

  /** Fresh inverted-dropout masks for `count` rows, one tensor per hidden layer; undefined without dropout. */
  dropoutMasks(count: number, random: SeededRandom): tf.Tensor2D[] | undefined {
    const rate = this.definition.dropoutRate;
    if (rate <= 0 || !this.definition.network.masks) return undefined;
    return this.network.hiddenWidths.map((width) => {
      const mask = new Float32Array(count * width);
      fillDropoutMask(mask, rate, random);
      return this.tf.tensor2d(mask, [count, width]);
    });
  }

  /** Frees the variables and the optimizer state. */
  dispose(): void {
    this.network.dispose();
    this.optimizer.dispose();
    for (const v of this.logStd) v?.dispose();
  }
}
