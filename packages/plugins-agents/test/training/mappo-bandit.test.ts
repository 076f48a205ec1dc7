import { SdkError, SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { PolicyForward } from '../../src/inference/index.js';
import { MappoTrainer, type ActorDefinition, type NetworkSpec } from '../../src/training/index.js';

// Contextual bandit: 8 features; the right action is argmax of a fixed linear map of them.
const FEATURES = 8;
const ACTIONS = 3;
const TRUTH = [
  [1, -1, 0.5, 0, 0, 0.3, -0.2, 0],
  [-0.5, 1, 0, 1, -0.4, 0, 0, 0.2],
  [0, 0, -1, -0.6, 1, -0.3, 0.4, 0],
];

function bestAction(x: Float32Array): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let a = 0; a < ACTIONS; a++) {
    const score = TRUTH[a]!.reduce((sum, w, i) => sum + w * x[i]!, 0);
    if (score > bestScore) [best, bestScore] = [a, score];
  }
  return best;
}

function observation(random: SeededRandom): Float32Array {
  return Float32Array.from({ length: FEATURES }, () => random.normal());
}

const actorSpec: NetworkSpec = {
  input: 'features',
  inputSize: FEATURES,
  hidden: [32, 32],
  hiddenGain: 1,
  heads: [{ output: 'probabilities', size: ACTIONS, activation: { kind: 'softmax' }, gain: 0.1 }],
  masks: true,
};
const criticSpec: NetworkSpec = { input: 'joint', inputSize: FEATURES, hidden: [32], hiddenGain: 1, heads: [{ output: 'value', size: 1, activation: { kind: 'identity' }, gain: 1 }], masks: false };
const actor: ActorDefinition = { name: 'bandit', network: actorSpec, actions: [{ kind: 'categorical', head: 0 }], learningRate: 3e-3, dropoutRate: 0.1 };

/** Mean −ln π(best action | x) and accuracy of the greedy action, computed with an independent forward pass. */
function evaluate(trainer: MappoTrainer, held: readonly Float32Array[]): { crossEntropy: number; accuracy: number } {
  const forward = new PolicyForward(trainer.snapshot(0));
  let crossEntropy = 0;
  let correct = 0;
  for (const x of held) {
    const p = forward.forward(x)[0]!;
    const best = bestAction(x);
    crossEntropy -= Math.log(p[best]!);
    if (p[best]! >= Math.max(p[0]!, p[1]!, p[2]!)) correct++;
  }
  return { crossEntropy: crossEntropy / held.length, accuracy: correct / held.length };
}

async function train(seed: number, updates: number): Promise<{ trainer: MappoTrainer; before: ReturnType<typeof evaluate>; after: ReturnType<typeof evaluate>; rewards: number[] }> {
  const heldRandom = new SeededRandom(999);
  const held = Array.from({ length: 500 }, () => observation(heldRandom));
  const trainer = await MappoTrainer.create([actor], criticSpec, { epochs: 4, minibatch: 64, totalUpdates: updates, targetKl: 0 }, new SeededRandom(seed));
  const before = evaluate(trainer, held);
  const env = new SeededRandom(seed + 1);
  const rewards: number[] = [];
  for (let u = 0; u < updates; u++) {
    let total = 0;
    for (let step = 0; step < 256; step++) {
      const x = observation(env);
      const [decision] = trainer.act([x], x);
      const reward = decision!.choices[0] === bestAction(x) ? 1 : 0;
      total += reward;
      trainer.record(reward, true);
    }
    rewards.push(total / 256);
    trainer.update();
  }
  return { trainer, before, after: evaluate(trainer, held), rewards };
}

describe('MappoTrainer on a contextual bandit', () => {
  it('reduces the cross-entropy to the right action and raises the reward', async () => {
    const { trainer, before, after, rewards } = await train(42, 25);
    // A fresh policy is near uniform: ln 3 ≈ 1.10 nats, a third right
    expect(before.crossEntropy).toBeGreaterThan(1);
    expect(after.crossEntropy).toBeLessThan(0.6 * before.crossEntropy);
    expect(after.accuracy).toBeGreaterThan(0.8);
    const early = rewards.slice(0, 3).reduce((a, b) => a + b, 0) / 3;
    const late = rewards.slice(-3).reduce((a, b) => a + b, 0) / 3;
    expect(late).toBeGreaterThan(early + 0.3);
    trainer.dispose();
  });

  it('is deterministic for a seed: identical weights after identical training', async () => {
    const a = await train(7, 3);
    const b = await train(7, 3);
    const wa = a.trainer.snapshot(0);
    const wb = b.trainer.snapshot(0);
    expect(wa.hidden[0]!.weight).toEqual(wb.hidden[0]!.weight);
    expect(wa.heads[0]!.layer.weight).toEqual(wb.heads[0]!.layer.weight);
    const c = await train(8, 3);
    expect(c.trainer.snapshot(0).hidden[0]!.weight).not.toEqual(wa.hidden[0]!.weight);
    for (const run of [a, b, c]) run.trainer.dispose();
  });
});

describe('MappoTrainer with one reward and one value per actor', () => {
  // Two actors see the same features; each is paid only for its own rule: actor 0 for the best action, actor 1 for the next one
  const nextAction = (x: Float32Array): number => (bestAction(x) + 1) % ACTIONS;
  const perActorCritic: NetworkSpec = { ...criticSpec, heads: [{ output: 'value', size: 2, activation: { kind: 'identity' }, gain: 1 }] };
  const second: ActorDefinition = { ...actor, name: 'second' };

  it('trains each actor on its own reward, with its own value and advantages', async () => {
    const trainer = await MappoTrainer.create([actor, second], perActorCritic, { epochs: 4, minibatch: 64, totalUpdates: 25, targetKl: 0 }, new SeededRandom(42));
    expect(trainer.valueWidth).toBe(2);
    const env = new SeededRandom(43);
    for (let u = 0; u < 25; u++) {
      for (let step = 0; step < 256; step++) {
        const x = observation(env);
        const [a, b] = trainer.act([x, x], x);
        trainer.record([a!.choices[0] === bestAction(x) ? 1 : 0, b!.choices[0] === nextAction(x) ? 1 : 0], true);
      }
      trainer.update();
    }
    // Greedy accuracy of each actor on its own rule, by an independent forward pass over held-out features
    const heldRandom = new SeededRandom(999);
    const held = Array.from({ length: 500 }, () => observation(heldRandom));
    const accuracy = (index: number, rule: (x: Float32Array) => number): number => {
      const forward = new PolicyForward(trainer.snapshot(index));
      return held.filter((x) => {
        const p = forward.forward(x)[0]!;
        return p[rule(x)]! >= Math.max(p[0]!, p[1]!, p[2]!);
      }).length / held.length;
    };
    expect(accuracy(0, bestAction)).toBeGreaterThan(0.8);
    expect(accuracy(1, nextAction)).toBeGreaterThan(0.8);
    // Each learned its own rule, not the other's
    expect(accuracy(1, bestAction)).toBeLessThan(0.2);
    // The critic's two outputs estimate each actor's own success rate, high for both after training
    const values = trainer.values(held[0]!);
    expect(values).toHaveLength(2);
    for (const v of values) expect(v).toBeGreaterThan(0.5);
    trainer.dispose();
  });

  it('rejects a critic that is neither shared nor per actor, and rewards of the wrong count', async () => {
    const three: NetworkSpec = { ...criticSpec, heads: [{ output: 'value', size: 3, activation: { kind: 'identity' }, gain: 1 }] };
    const error = await MappoTrainer.create([actor, second], three, {}, new SeededRandom(1)).catch((e: unknown) => e);
    expect(SdkError.is(error) && error.code).toBe('GM_INPUT_INVALID');
    expect((error as Error).message).toContain('of size 1 (a shared reward) or 2 (one value per actor); was 3');
    const trainer = await MappoTrainer.create([actor, second], perActorCritic, {}, new SeededRandom(1));
    const x = observation(new SeededRandom(2));
    trainer.act([x, x], x);
    expect(() => trainer.record([1], false)).toThrow('record: expected 2 rewards, received 1');
    trainer.dispose();
  });
});
