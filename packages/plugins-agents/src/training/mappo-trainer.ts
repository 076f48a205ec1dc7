import type * as tf from '@tensorflow/tfjs-core';
import { SdkError, type SeededRandom } from '@grandmodel/framework';
import { PolicyForward } from '../inference/policy-forward.js';
import type { PolicyNetwork } from '../inference/policy-network.js';
import { AdamOptimizer } from './adam-optimizer.js';
import { generalizedAdvantage, normalizeInPlace } from './generalized-advantage.js';
import { cosineLearningRate, DEFAULT_MAPPO_SETTINGS, type MappoSettings } from './mappo-settings.js';
import type { NetworkSpec } from './network-spec.js';
import { RolloutBuffer } from './rollout-buffer.js';
import { MappoActor, type ActorDecision, type ActorDefinition } from './mappo-actor.js';
import { TfPolicyNetwork } from './tf-policy-network.js';
import { useTrainingBackend } from './tf-backend.js';

export type { ActionHead, ActorDecision, ActorDefinition } from './mappo-actor.js';

type Tf = typeof tf;

/** Averages over the last epoch of an update. */
export interface UpdateMetrics {
  readonly steps: number;
  readonly epochs: number;
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  readonly learningRateScale: number;
}

/**
 * Multi-agent PPO with a centralised critic (MAPPO, spec §6.6): each actor samples from its own policy
 * in TypeScript during rollouts; `update` runs clipped PPO on every actor and a clipped-value critic over
 * the joint observation, with GAE advantages, entropy bonus, global-norm clipping, a cosine learning rate
 * and KL early stopping. The critic has one output (a shared team reward) or one per actor (each actor has
 * its own reward, value and advantages). Deterministic for a seed on the single-threaded wasm backend.
 */
export class MappoTrainer {
  readonly settings: MappoSettings;
  /** Values (and rewards) per step: 1 for a shared reward, else one per actor. */
  readonly valueWidth: number;
  private readonly actors: MappoActor[];
  private readonly critic: TfPolicyNetwork;
  private readonly criticOptimizer: AdamOptimizer;
  private criticForward: PolicyForward;
  private readonly buffer: RolloutBuffer;
  private readonly pendingJoint: Float32Array;
  private readonly pendingValues: Float64Array;
  private pending = false;
  private updates = 0;
  private readonly sampling: SeededRandom;
  private readonly shuffling: SeededRandom;

  private constructor(
    private readonly tf: Tf,
    actors: readonly ActorDefinition[],
    critic: NetworkSpec,
    settings: Partial<MappoSettings>,
    random: SeededRandom,
  ) {
    this.settings = { ...DEFAULT_MAPPO_SETTINGS, ...settings };
    this.sampling = random.fork(1);
    this.shuffling = random.fork(2);
    this.actors = actors.map((definition, index) => new MappoActor(tf, definition, random.fork(10 + index), this.settings.maxGradNorm));
    const width = critic.heads.length === 1 ? critic.heads[0]!.size : 0;
    if (width !== 1 && width !== actors.length) {
      throw new SdkError('GM_INPUT_INVALID', `The critic needs exactly one head, of size 1 (a shared reward) or ${actors.length} (one value per actor); was ${critic.heads.map((h) => h.size).join(', ') || 'no head'}`);
    }
    this.valueWidth = width;
    this.critic = new TfPolicyNetwork(tf, critic, random.fork(9), 'critic');
    this.criticOptimizer = new AdamOptimizer(tf, this.critic.variables, { maxGradNorm: this.settings.maxGradNorm });
    this.criticForward = new PolicyForward(this.critic.snapshot());
    this.buffer = new RolloutBuffer(
      this.actors.map((a) => ({ observation: a.definition.network.inputSize, action: a.actionWidth })),
      critic.inputSize,
      256,
      width,
    );
    this.pendingJoint = new Float32Array(critic.inputSize);
    this.pendingValues = new Float64Array(width);
  }

  /** Builds a trainer on the wasm backend; `random` seeds the weights, the sampling and the shuffles. */
  static async create(actors: readonly ActorDefinition[], critic: NetworkSpec, settings: Partial<MappoSettings>, random: SeededRandom): Promise<MappoTrainer> {
    const tf = await useTrainingBackend();
    return new MappoTrainer(tf, actors, critic, settings, random);
  }

  /** Steps recorded since the last update. */
  get stepCount(): number {
    return this.buffer.count;
  }

  /** Updates done so far. */
  get updateCount(): number {
    return this.updates;
  }

  /** Definitions of the actors, in order. */
  get definitions(): readonly ActorDefinition[] {
    return this.actors.map((a) => a.definition);
  }

  /**
   * Every actor decides on its observation (sampling when `explore`, else the most likely action / the
   * mean); the critic values `joint`. The step is held until `record` gives its reward.
   */
  act(observations: readonly Float32Array[], joint: Float32Array, explore = true): readonly ActorDecision[] {
    if (observations.length !== this.actors.length) throw new SdkError('GM_INPUT_INVALID', `act: expected ${this.actors.length} observations, received ${observations.length}`);
    for (let i = 0; i < this.actors.length; i++) this.actors[i]!.decide(observations[i]!, explore, this.sampling);
    this.pendingJoint.set(joint);
    const values = this.criticForward.forward(joint)[0]!;
    for (let k = 0; k < this.valueWidth; k++) this.pendingValues[k] = values[k]!;
    this.pending = true;
    return this.actors.map((a) => a.decision);
  }

  /**
   * Stores the pending step with its reward — one number, or one per actor when the critic has one output
   * per actor (a number is then every actor's reward); `done` marks the end of an episode.
   */
  record(reward: number | ArrayLike<number>, done: boolean): void {
    if (!this.pending) throw new SdkError('GM_INPUT_INVALID', 'record: no pending step (call act first)');
    const width = this.valueWidth;
    if (typeof reward !== 'number' && reward.length !== width) throw new SdkError('GM_INPUT_INVALID', `record: expected ${width} reward${width === 1 ? '' : 's'}, received ${reward.length}`);
    const buffer = this.buffer;
    const t = buffer.addStep();
    this.actors.forEach((actor, i) => {
      buffer.observations[i]!.set(actor.observation, t * actor.observation.length);
      buffer.actions[i]!.set(actor.action, t * actor.actionWidth);
      buffer.logProbabilities[i]![t] = actor.decision.logProbability;
    });
    buffer.joint.set(this.pendingJoint, t * this.pendingJoint.length);
    for (let k = 0; k < width; k++) {
      buffer.values[t * width + k] = this.pendingValues[k]!;
      buffer.rewards[t * width + k] = typeof reward === 'number' ? reward : reward[k]!;
    }
    buffer.dones[t] = done ? 1 : 0;
    this.pending = false;
  }

  /** Drops a pending step that will get no reward (e.g. the run ended between act and record). */
  discardPending(): void {
    this.pending = false;
  }

  /** Drops every recorded step and the pending one (an episode cut short by the end of the data). */
  discardRollout(): void {
    this.pending = false;
    this.buffer.clear();
  }

  /** Critic value of a joint observation (the first actor's with one value per actor). */
  value(joint: Float32Array): number {
    return this.criticForward.forward(joint)[0]![0]!;
  }

  /** Every critic output for a joint observation (a copy). */
  values(joint: Float32Array): Float64Array {
    return Float64Array.from(this.criticForward.forward(joint)[0]!.subarray(0, this.valueWidth));
  }

  /**
   * Runs PPO on the recorded steps and clears them. `bootstrap` is the joint observation after the last
   * step when that step was not terminal (its value continues the returns).
   */
  update(bootstrap?: Float32Array): UpdateMetrics {
    const tf = this.tf;
    const s = this.settings;
    const buffer = this.buffer;
    const n = buffer.count;
    if (n === 0) throw new SdkError('GM_INPUT_INVALID', 'update: no recorded steps');
    const lastDone = buffer.dones[n - 1] === 1;
    const width = this.valueWidth;
    const bootValues = bootstrap !== undefined && !lastDone ? this.values(bootstrap) : new Float64Array(width);
    // One advantage series per critic output; returns stay interleaved like the stored values
    const advantages = Array.from({ length: width }, () => new Float64Array(n));
    const returns = new Float64Array(n * width);
    if (width === 1) {
      generalizedAdvantage(buffer.rewards, buffer.values, buffer.dones, n, bootValues[0]!, s.gamma, s.lambda, advantages[0]!, returns);
    } else {
      const rewards = new Float64Array(n);
      const values = new Float64Array(n);
      const series = new Float64Array(n);
      for (let k = 0; k < width; k++) {
        for (let t = 0; t < n; t++) {
          rewards[t] = buffer.rewards[t * width + k]!;
          values[t] = buffer.values[t * width + k]!;
        }
        generalizedAdvantage(rewards, values, buffer.dones, n, bootValues[k]!, s.gamma, s.lambda, advantages[k]!, series);
        for (let t = 0; t < n; t++) returns[t * width + k] = series[t]!;
      }
    }
    for (const series of advantages) normalizeInPlace(series, n);
    const scale = cosineLearningRate(1, s.minLearningRate / Math.max(...this.actors.map((a) => a.definition.learningRate), s.criticLearningRate), this.updates, s.totalUpdates);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let epochs = 0;
    let sums = { policy: 0, value: 0, entropy: 0, clipped: 0, batches: 0 };
    let approxKl = 0;
    for (let epoch = 0; epoch < s.epochs; epoch++) {
      shuffle(order, this.shuffling);
      sums = { policy: 0, value: 0, entropy: 0, clipped: 0, batches: 0 };
      for (let start = 0; start < n; start += s.minibatch) {
        const rows = order.subarray(start, Math.min(n, start + s.minibatch));
        const advantage = advantages.map((series) => tf.tensor1d(gather1(series, rows)));
        this.actors.forEach((actor, i) => {
          const stats = this.actorStep(actor, rows, advantage[width === 1 ? 0 : i]!, Math.max(s.minLearningRate, actor.definition.learningRate * scale));
          sums.policy += stats.policy / this.actors.length;
          sums.entropy += stats.entropy / this.actors.length;
          sums.clipped += stats.clipped / this.actors.length;
        });
        for (const tensor of advantage) tensor.dispose();
        sums.value += this.criticStep(rows, returns, Math.max(s.minLearningRate, s.criticLearningRate * scale));
        sums.batches++;
      }
      epochs++;
      approxKl = Math.max(...this.actors.map((actor, i) => this.approximateKl(actor, i)));
      if (s.targetKl > 0 && approxKl > 1.5 * s.targetKl) break;
    }
    for (const actor of this.actors) actor.refresh();
    this.criticForward = new PolicyForward(this.critic.snapshot());
    this.updates++;
    buffer.clear();
    const b = Math.max(1, sums.batches);
    return { steps: n, epochs, policyLoss: sums.policy / b, valueLoss: sums.value / b, entropy: sums.entropy / b, approxKl, clipFraction: sums.clipped / b, learningRateScale: scale };
  }

  /** The actor's current weights as an exportable network (bounded heads keep their activation). */
  snapshot(actorIndex: number): PolicyNetwork {
    const actor = this.actors[actorIndex];
    if (actor === undefined) throw new SdkError('GM_INPUT_INVALID', `snapshot: no actor ${actorIndex}`);
    return actor.network.snapshot();
  }

  /** Frees every tfjs variable. */
  dispose(): void {
    for (const actor of this.actors) actor.dispose();
    this.critic.dispose();
    this.criticOptimizer.dispose();
  }

  private actorStep(actor: MappoActor, rows: Int32Array, advantage: tf.Tensor1D, learningRate: number): { policy: number; entropy: number; clipped: number } {
    const tf = this.tf;
    const s = this.settings;
    const index = this.actors.indexOf(actor);
    const oldLogp = tf.tensor1d(gather1(this.buffer.logProbabilities[index]!, rows));
    const masks = actor.dropoutMasks(rows.length, this.shuffling);
    let policy = 0;
    let entropyValue = 0;
    let clipped = 0;
    const observations = gatherRows(this.buffer.observations[index]!, actor.definition.network.inputSize, rows);
    const actions = gatherRows(this.buffer.actions[index]!, actor.actionWidth, rows);
    const { value, grads } = tf.variableGrads(() => {
      const { logp, entropy } = actor.evaluate(observations, actions, rows.length, masks);
      const ratio = tf.exp(tf.sub(logp, oldLogp));
      const unclipped = tf.mul(ratio, advantage);
      const bounded = tf.mul(tf.clipByValue(ratio, 1 - s.clip, 1 + s.clip), advantage);
      const policyLoss = tf.neg(tf.mean(tf.minimum(unclipped, bounded)));
      const meanEntropy = tf.mean(entropy);
      policy = policyLoss.dataSync()[0]!;
      entropyValue = meanEntropy.dataSync()[0]!;
      clipped = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), s.clip), 'float32')).dataSync()[0]!;
      return tf.sub(policyLoss, tf.mul(meanEntropy, s.entropyCoefficient)) as tf.Scalar;
    }, actor.variables);
    actor.optimizer.step(grads, learningRate);
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    oldLogp.dispose();
    for (const m of masks ?? []) m.dispose();
    return { policy, entropy: entropyValue, clipped };
  }

  private criticStep(rows: Int32Array, returns: Float64Array, learningRate: number): number {
    const tf = this.tf;
    const s = this.settings;
    const width = this.critic.spec.inputSize;
    const outputs = this.valueWidth;
    const joint = tf.tensor2d(gatherRows(this.buffer.joint, width, rows), [rows.length, width]);
    const target = outputs === 1 ? tf.tensor1d(gather1(returns, rows)) : tf.tensor2d(gatherRows64(returns, outputs, rows), [rows.length, outputs]);
    const old = outputs === 1 ? tf.tensor1d(gather1(this.buffer.values, rows)) : tf.tensor2d(gatherRows64(this.buffer.values, outputs, rows), [rows.length, outputs]);
    let loss = 0;
    const { value, grads } = tf.variableGrads(() => {
      const head = this.critic.apply(joint)[0]!;
      const predicted = outputs === 1 ? tf.reshape(head, [rows.length]) : head;
      const unclipped = tf.square(tf.sub(predicted, target));
      const squared =
        s.valueClip > 0 ? tf.maximum(unclipped, tf.square(tf.sub(tf.add(old, tf.clipByValue(tf.sub(predicted, old), -s.valueClip, s.valueClip)), target))) : unclipped;
      const mse = tf.mean(squared);
      loss = mse.dataSync()[0]!;
      return tf.mul(mse, s.valueCoefficient) as tf.Scalar;
    }, this.critic.variables);
    this.criticOptimizer.step(grads, learningRate);
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    joint.dispose();
    target.dispose();
    old.dispose();
    return loss;
  }

  /** Mean of (ρ − 1) − ln ρ over the whole rollout, without dropout (a low-variance KL estimate). */
  private approximateKl(actor: MappoActor, index: number): number {
    const tf = this.tf;
    const n = this.buffer.count;
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    return tf.tidy(() => {
      const observations = gatherRows(this.buffer.observations[index]!, actor.definition.network.inputSize, rows);
      const { logp } = actor.evaluate(observations, gatherRows(this.buffer.actions[index]!, actor.actionWidth, rows), n, undefined);
      const logRatio = tf.sub(logp, tf.tensor1d(gather1(this.buffer.logProbabilities[index]!, rows)));
      return tf.mean(tf.sub(tf.sub(tf.exp(logRatio), 1), logRatio)).dataSync()[0]!;
    });
  }
}

function shuffle(order: Int32Array, random: SeededRandom): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

function gather1(values: Float64Array, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]!]!;
  return out;
}

function gatherRows64(values: Float64Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) for (let k = 0; k < width; k++) out[r * width + k] = values[rows[r]! * width + k]!;
  return out;
}

function gatherRows(values: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) out.set(values.subarray(rows[r]! * width, (rows[r]! + 1) * width), r * width);
  return out;
}
