import { InferenceSession, Tensor } from 'onnxruntime-node';
import { SeededRandom, SdkError } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { exportPolicyNetwork, OnnxGraphBuilder, PolicyForward, readOnnxModel, type PolicyNetwork } from '../../src/inference/index.js';
import { maxDifference, randomActor, randomLayer, referenceForward } from './reference-network.js';

function randomRows(seed: number, count: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: count }, () => random.normal());
}

/** A network with every feature the exporter supports: input scale, masks, softmax, bounded and prior heads. */
function fullNetwork(): PolicyNetwork {
  const random = new SeededRandom(11);
  return {
    input: 'state',
    inputSize: 10,
    inputScale: Float32Array.from({ length: 10 }, (_, i) => 0.5 + i / 10),
    hidden: [randomLayer(random, 10, 16), randomLayer(random, 16, 8)],
    heads: [
      { output: 'size_probabilities', layer: randomLayer(random, 8, 5), activation: { kind: 'softmax' } },
      { output: 'stop_target', layer: randomLayer(random, 8, 2), activation: { kind: 'scaled-sigmoid', low: 0.5, high: 3 } },
      { output: 'prior_logits', layer: randomLayer(random, 8, 3), activation: { kind: 'identity' }, absoluteWeight: Float32Array.from({ length: 24 }, () => random.normal()) },
    ],
    maskNames: ['mask_1', 'mask_2'],
  };
}

describe('exportPolicyNetwork', () => {
  it('gives a model whose onnxruntime output equals an independent TypeScript forward pass to 1e-5', async () => {
    const network = randomActor(3, 192, [256, 128, 64]);
    const session = await InferenceSession.create(exportPolicyNetwork(network));
    const batch = 4;
    const x = randomRows(5, batch * 192);
    const random = new SeededRandom(9);
    const masks = [256, 128, 64].map((w) => Float32Array.from({ length: batch * w }, () => (random.next() < 0.1 ? 0 : 1 / 0.9)));
    const feeds = {
      features: new Tensor('float32', x, [batch, 192]),
      mask_1: new Tensor('float32', masks[0]!, [batch, 256]),
      mask_2: new Tensor('float32', masks[1]!, [batch, 128]),
      mask_3: new Tensor('float32', masks[2]!, [batch, 64]),
    };
    const out = (await session.run(feeds))['probabilities']!.data as Float32Array;
    const expected: number[] = [];
    for (let b = 0; b < batch; b++) {
      const rowMasks = masks.map((m, l) => m.subarray(b * [256, 128, 64][l]!, (b + 1) * [256, 128, 64][l]!));
      expected.push(...referenceForward(network, x.subarray(b * 192, (b + 1) * 192), rowMasks)[0]!);
    }
    expect(maxDifference(out, expected)).toBeLessThan(1e-5);
    // The library's own forward pass agrees with both
    const forward = new PolicyForward(network, batch);
    forward.forward(x, batch, masks);
    expect(maxDifference(forward.outputs[0]!, expected)).toBeLessThan(1e-6);
    await session.release();
  });

  it('exports input scale, bounded sigmoid heads and |x| prior terms faithfully', async () => {
    const network = fullNetwork();
    const session = await InferenceSession.create(exportPolicyNetwork(network));
    const x = randomRows(21, 3 * 10);
    const ones = (w: number): Tensor => new Tensor('float32', new Float32Array(3 * w).fill(1), [3, w]);
    const result = await session.run({ state: new Tensor('float32', x, [3, 10]), mask_1: ones(16), mask_2: ones(8) });
    for (const [h, head] of network.heads.entries()) {
      const expected = [0, 1, 2].flatMap((b) => referenceForward(network, x.subarray(b * 10, (b + 1) * 10))[h]!);
      expect(maxDifference(result[head.output]!.data as Float32Array, expected)).toBeLessThan(1e-5);
    }
    const bounded = result['stop_target']!.data as Float32Array;
    for (const value of bounded) expect(value >= 0.5 && value <= 3).toBe(true);
    await session.release();
  });

  it('writes the declared interface, initializers and metadata, and the same bytes every time', () => {
    const network = fullNetwork();
    const bytes = exportPolicyNetwork(network, { metadata: { contract: 'risk-agent', dropout_rate: '0.1' }, producerVersion: '0.1.0' });
    expect(exportPolicyNetwork(network, { metadata: { contract: 'risk-agent', dropout_rate: '0.1' }, producerVersion: '0.1.0' })).toEqual(bytes);
    const summary = readOnnxModel(bytes);
    expect(summary.irVersion).toBe(8);
    expect(summary.opsetVersion).toBe(17);
    expect(summary.inputs).toEqual([
      { name: 'state', elemType: 1, shape: ['batch', 10] },
      { name: 'mask_1', elemType: 1, shape: ['batch', 16] },
      { name: 'mask_2', elemType: 1, shape: ['batch', 8] },
    ]);
    expect(summary.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['size_probabilities', ['batch', 5]],
      ['stop_target', ['batch', 2]],
      ['prior_logits', ['batch', 3]],
    ]);
    expect(summary.metadata).toEqual({ contract: 'risk-agent', dropout_rate: '0.1' });
    expect(summary.initializers.find((t) => t.name === 'hidden_1_weight')?.dims).toEqual([10, 16]);
    // No Dropout node: sampling is carried by the mask inputs
    expect(summary.nodes.map((n) => n.opType)).not.toContain('Dropout');
    expect(summary.nodes.filter((n) => n.opType === 'Mul' && n.inputs.some((i) => i.startsWith('mask_')))).toHaveLength(2);
  });

  it('rejects graphs that reference undefined values, define a name twice or mis-size a tensor', () => {
    const graph = new OnnxGraphBuilder('g').input('x', ['batch', 2]);
    expect(() => graph.node('Relu', ['y'], ['z'])).toThrow(/input "y" is not defined/);
    expect(() => graph.input('x', [1])).toThrow(/defined twice/);
    expect(() => graph.initializer('w', [2, 3], new Float32Array(5))).toThrow(/expected 6 values for dims \[2, 3\], received 5/);
    expect(() => graph.output('nothing', [1])).toThrow(SdkError);
    expect(() => readOnnxModel(Uint8Array.of(0xff, 0xff, 0xff), 'broken.onnx')).toThrow(/broken\.onnx: not an ONNX model file/);
  });
});
