import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, MODEL_CONTRACTS, shippedModelCardPath, shippedModelPath } from '../../src/inference/index.js';

describe('shipped models', () => {
  for (const contract of Object.values(MODEL_CONTRACTS)) {
    it(`${contract.name}: loads against its contract, matches its card's hash, and gives valid outputs`, async () => {
      const bytes = readFileSync(shippedModelPath(contract.name));
      const card = JSON.parse(readFileSync(shippedModelCardPath(contract.name), 'utf8'));
      expect(card.model).toBe(contract.name);
      expect(card.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(card.bytes).toBe(bytes.length);
      expect(card.training.command).toMatch(/^grandmodel train models\/training\.yaml /);
      expect(bytes.length).toBeLessThan(1_000_000);
      const policy = await loadPolicy(contract, undefined, process.cwd());
      expect(policy.hasMasks).toBe(contract.masks.length > 0);
      const inputs = Object.fromEntries(contract.inputs.map((spec) => [spec.name, new Float32Array(spec.shape[1]!).fill(0.1)]));
      const outputs = await policy.run(inputs);
      for (const spec of contract.outputs) {
        const values = outputs[spec.name]!;
        expect(values).toHaveLength(spec.shape[1]!);
        for (const v of values) expect(Number.isFinite(v)).toBe(true);
        if (spec.name.endsWith('probabilities') || spec.name === 'weights') expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        if (spec.name === 'stop_target') for (const v of values) expect(v >= 0.5 && v <= 3).toBe(true);
      }
      await policy.dispose();
    });
  }

  it('names a missing model file clearly', async () => {
    await expect(loadPolicy(MODEL_CONTRACTS['risk-agent']!, './nowhere/risk.onnx', '/tmp')).rejects.toThrow('Model file /tmp/nowhere/risk.onnx (options.model "./nowhere/risk.onnx") does not exist');
  });
});
