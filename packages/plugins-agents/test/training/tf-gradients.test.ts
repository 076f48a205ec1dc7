import { SeededRandom } from '@grandmodel/framework';
import type * as tfTypes from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TfPolicyNetwork, useTrainingBackend, type NetworkSpec } from '../../src/training/index.js';

let tf: typeof tfTypes;
beforeAll(async () => {
  tf = await useTrainingBackend();
});

/**
 * Compares tfjs's gradient of `loss` at `x` with central finite differences computed in float64 by
 * `reference` (the same loss written with plain numbers), element by element.
 */
function checkGradient(shape: number[], loss: (x: tfTypes.Tensor) => tfTypes.Scalar, reference: (x: number[]) => number, seed = 1): void {
  const random = new SeededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, () => random.normal());
  const analytic = tf.tidy(() => Array.from(tf.grad((x: tfTypes.Tensor) => loss(x))(tf.tensor(values, shape)).dataSync()));
  const h = 1e-5;
  for (let i = 0; i < size; i++) {
    const up = [...values];
    const down = [...values];
    up[i]! += h;
    down[i]! -= h;
    const numeric = (reference(up) - reference(down)) / (2 * h);
    expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
  }
}

const weights = (n: number, seed: number): number[] => {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, () => random.normal());
};

describe('registered gradients (finite differences)', () => {
  it('elementwise ops with broadcasting: add, sub, mul, div, square, exp, neg, abs, relu', () => {
    const w = weights(6, 2);
    const b = [0.5, -1.5, 2]; // broadcast over rows
    const f = (x: number, j: number, i: number): number => {
      const t = (x + b[j]!) * w[i]! - x / (1.5 + b[j]! * b[j]!) + Math.exp(0.3 * x) - Math.abs(x) + Math.max(0, x - 0.1) ** 2;
      return -t;
    };
    checkGradient(
      [2, 3],
      (x) => {
        const bt = tf.tensor1d(b);
        const t = tf.sub(tf.mul(tf.add(x, bt), tf.tensor(w, [2, 3])), tf.div(x, tf.add(tf.square(bt), 1.5)));
        const u = tf.add(tf.sub(tf.add(t, tf.exp(tf.mul(x, 0.3))), tf.abs(x)), tf.square(tf.relu(tf.sub(x, 0.1))));
        return tf.sum(tf.neg(u)) as tfTypes.Scalar;
      },
      (x) => x.reduce((sum, v, i) => sum + f(v, i % 3, i), 0),
    );
  });

  it('matMul, sum and mean over axes, reshape', () => {
    const b = weights(12, 3);
    checkGradient(
      [2, 3],
      (x) => tf.add(tf.mean(tf.sum(tf.square(tf.matMul(x as tfTypes.Tensor2D, tf.tensor2d(b, [3, 4]))), 1)), tf.sum(tf.reshape(x, [6]))) as tfTypes.Scalar,
      (x) => {
        let total = 0;
        for (let r = 0; r < 2; r++) {
          let row = 0;
          for (let c = 0; c < 4; c++) {
            let dot = 0;
            for (let k = 0; k < 3; k++) dot += x[r * 3 + k]! * b[k * 4 + c]!;
            row += dot * dot;
          }
          total += row / 2;
        }
        return total + x.reduce((s, v) => s + v, 0);
      },
    );
  });

  it('minimum, maximum and clipByValue (the PPO clip)', () => {
    const a = [0.3, -0.2, 1.4, 0.9, -1.1, 0.05];
    checkGradient(
      [6],
      (x) => tf.sum(tf.add(tf.add(tf.minimum(x, tf.tensor1d(a)), tf.mul(tf.maximum(x, tf.tensor1d(a)), 2)), tf.clipByValue(x, -0.8, 0.8))) as tfTypes.Scalar,
      (x) => x.reduce((s, v, i) => s + Math.min(v, a[i]!) + 2 * Math.max(v, a[i]!) + Math.min(0.8, Math.max(-0.8, v)), 0),
      5,
    );
  });

  it('tile (feature attention repeated over rows)', () => {
    const w = weights(12, 4);
    checkGradient(
      [3],
      (x) => tf.sum(tf.mul(tf.tile(x, [4]), tf.tensor1d(w))) as tfTypes.Scalar,
      (x) => w.reduce((s, wi, i) => s + wi * x[i % 3]!, 0),
    );
  });

  it('log-softmax cross-entropy through a whole policy network, weights included', () => {
    const spec: NetworkSpec = {
      input: 'x',
      inputSize: 4,
      hidden: [5],
      hiddenGain: 1,
      heads: [{ output: 'p', size: 3, activation: { kind: 'softmax' }, gain: 1 }],
      masks: false,
      attention: { initial: [1, 0.5], rows: 2 },
    };
    const network = new TfPolicyNetwork(tf, spec, new SeededRandom(6), 'gradient-check');
    const input = tf.tensor2d(weights(8, 7), [2, 4]);
    const loss = (): tfTypes.Scalar => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(network.apply(input)[0]!), tf.tensor2d([1, 0, 0, 0, 0, 1], [2, 3])), 1))) as tfTypes.Scalar;
    const { grads } = tf.variableGrads(loss);
    for (const variable of network.variables) {
      const analytic = Array.from(grads[variable.name]!.dataSync());
      const original = Array.from(variable.dataSync());
      for (let i = 0; i < original.length; i++) {
        const h = 1e-2;
        const at = (delta: number): number => {
          const moved = [...original];
          moved[i]! += delta;
          variable.assign(tf.tensor(moved, variable.shape));
          return loss().dataSync()[0]!;
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        variable.assign(tf.tensor(original, variable.shape));
        // float32 forward passes: finite differences are good to about 1e-3 here
        expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(3e-3 + 2e-2 * Math.abs(numeric));
      }
    }
    network.dispose();
  });
});
