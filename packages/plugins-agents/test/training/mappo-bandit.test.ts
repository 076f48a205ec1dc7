import { SeededRandom } from '@grandmodel/framework';
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
