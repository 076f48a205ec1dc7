import { InferenceSession, Tensor } from 'onnxruntime-node';
import { SeededRandom } from '@grandmodel/framework';
import type * as tfTypes from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPolicyNetwork, PolicyForward } from '../../src/inference/index.js';
import { MappoTrainer, RiskSystem, StrategicSystem, TacticalSystem, TfPolicyNetwork, useTrainingBackend } from '../../src/training/index.js';

let tf: typeof tfTypes;
beforeAll(async () => {
  tf = await useTrainingBackend();
});

function rows(seed: number, count: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: count }, () => random.normal());
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('trained networks become ONNX models with the same outputs', () => {
  const systems = [new StrategicSystem(), new TacticalSystem(), new RiskSystem()];
  for (const system of systems) {
    for (const actor of system.actors) {
      it(`${actor.name}: tfjs forward = TypeScript forward of the snapshot = onnxruntime on the export (1e-5)`, async () => {
        const network = new TfPolicyNetwork(tf, actor.network, new SeededRandom(3), `export-${actor.name}`);
        const batch = 3;
        const x = rows(4, batch * actor.network.inputSize);
        const tfOut = tf.tidy(() => network.apply(tf.tensor2d(x, [batch, actor.network.inputSize])).map((t) => Array.from(t.dataSync())));
        const snapshot = network.snapshot();
        const forward = new PolicyForward(snapshot, batch);
        forward.forward(x, batch);
        const session = await InferenceSession.create(exportPolicyNetwork(snapshot));
        const feeds: Record<string, Tensor> = { [snapshot.input]: new Tensor('float32', x, [batch, snapshot.inputSize]) };
        snapshot.maskNames.forEach((name, l) => {
          const width = snapshot.hidden[l]!.outputs;
          feeds[name] = new Tensor('float32', new Float32Array(batch * width).fill(1), [batch, width]);
        });
        const onnx = await session.run(feeds);
        snapshot.heads.forEach((head, h) => {
          // tfjs gives pre-activation values: apply the head's activation by hand
          const logits = tfOut[h]!;
          const size = head.layer.outputs;
          const activated = logits.map((z, i) => {
            if (head.activation.kind === 'scaled-sigmoid') return head.activation.low + (head.activation.high - head.activation.low) / (1 + Math.exp(-z));
            if (head.activation.kind === 'softmax') {
              const row = Math.floor(i / size) * size;
              const slice = logits.slice(row, row + size);
              const max = Math.max(...slice);
              return Math.exp(z - max) / slice.reduce((sum, v) => sum + Math.exp(v - max), 0);
            }
            return z;
          });
          expect(maxDifference(forward.outputs[h]!, activated)).toBeLessThan(1e-5);
          expect(maxDifference(onnx[head.output]!.data as Float32Array, activated)).toBeLessThan(1e-5);
        });
        await session.release();
        network.dispose();
      });
    }
  }

  it('an update leaks no tfjs tensors', async () => {
    const system = new RiskSystem();
    const trainer = await MappoTrainer.create(system.actors, system.critic, { epochs: 2 }, new SeededRandom(1));
    const random = new SeededRandom(2);
    const step = (): void => {
      const state = rows(random.int(1000), 10);
      trainer.act([state], Float32Array.of(...state, 0, 1));
      trainer.record(random.normal(), false);
    };
    for (let i = 0; i < 100; i++) step();
    trainer.update(Float32Array.from({ length: 12 }, () => 0.1));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    const metrics = trainer.update(Float32Array.from({ length: 12 }, () => 0.1));
    expect(metrics.steps).toBe(100);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
