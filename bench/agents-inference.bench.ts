/**
 * Inference benchmark of @grandmodel/plugins-agents:
 *  - a strategic decision (MLMI, NW-RQK and Regime actors + the gating network, batch 1) through OnnxPolicy,
 *    against raw onnxruntime `session.run` of the same sessions (p50/p99, ratio; goal: wrapper within 1.2x);
 *  - MC-dropout with 50 samples as ONE batched call, against one batch-1 call and against 50 batch-1 calls.
 * Uses the shipped models when present, else random networks with the contracts' shapes.
 *
 * Run: node --import tsx --conditions=@grandmodel/source bench/agents-inference.bench.ts   (about 20 s)
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { SeededRandom } from '@grandmodel/framework';
import {
  exportPolicyNetwork,
  GATING_CONTRACT,
  McDropout,
  OnnxPolicy,
  shippedModelPath,
  STRATEGIC_MLMI_CONTRACT,
  STRATEGIC_NWRQK_CONTRACT,
  STRATEGIC_REGIME_CONTRACT,
  type ModelContract,
  type PolicyNetwork,
} from '../packages/plugins-agents/src/inference/index.js';
import { printTable } from './bench-timer.js';

const DECISIONS = 3000;
const WARM_UP = 300;
const MC_CALLS = 300;

/** A random network with a contract's input, hidden and output widths. */
function randomNetwork(contract: ModelContract, seed: number): PolicyNetwork {
  const random = new SeededRandom(seed);
  const layer = (inputs: number, outputs: number) => ({
    inputs,
    outputs,
    weight: Float32Array.from({ length: inputs * outputs }, () => random.normal() / Math.sqrt(inputs)),
    bias: new Float32Array(outputs),
  });
  const input = contract.inputs[0]!;
  const widths = [input.shape[1]!, ...contract.masks.map((m) => m.shape[1]!)];
  const output = contract.outputs[0]!;
  return {
    input: input.name,
    inputSize: widths[0]!,
    hidden: contract.masks.map((_, i) => layer(widths[i]!, widths[i + 1]!)),
    heads: [{ output: output.name, layer: layer(widths[widths.length - 1]!, output.shape[1]!), activation: { kind: 'softmax' } }],
    maskNames: contract.masks.map((m) => m.name),
  };
}

async function loadModels(contracts: readonly ModelContract[]): Promise<{ policies: OnnxPolicy[]; origin: string; cleanup: () => void }> {
  if (contracts.every((c) => existsSync(shippedModelPath(c.name)))) {
    return { policies: await Promise.all(contracts.map((c) => OnnxPolicy.load(shippedModelPath(c.name), c))), origin: 'shipped models', cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gm-bench-'));
  const policies = await Promise.all(
    contracts.map((c, i) => {
      const path = join(dir, `${c.name}.onnx`);
      writeFileSync(path, exportPolicyNetwork(randomNetwork(c, i + 1)));
      return OnnxPolicy.load(path, c);
    }),
  );
  return { policies, origin: 'random networks (no shipped models found)', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Runs `decide` `count` times and returns each call's time in µs, sorted. */
async function timings(count: number, decide: (i: number) => Promise<unknown>): Promise<Float64Array> {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await decide(i);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return times.sort();
}

const random = new SeededRandom(7);
const contracts = [STRATEGIC_MLMI_CONTRACT, STRATEGIC_NWRQK_CONTRACT, STRATEGIC_REGIME_CONTRACT, GATING_CONTRACT];
const { policies, origin, cleanup } = await loadModels(contracts);
const observations = contracts.map((c) => Array.from({ length: 16 }, () => Float32Array.from({ length: c.inputs[0]!.shape[1]! }, () => random.normal())));

// The raw path: onnxruntime sessions with feeds built once (ones for the masks), no checks, no buffer reuse
const rawFeeds = policies.map((policy, k) => {
  const contract = contracts[k]!;
  return observations[k]!.map((x) => {
    const feeds: Record<string, Tensor> = { [contract.inputs[0]!.name]: new Tensor('float32', x, [1, x.length]) };
    if (policy.hasMasks) for (const m of contract.masks) feeds[m.name] = new Tensor('float32', new Float32Array(m.shape[1]!).fill(1), [1, m.shape[1]!]);
    return feeds;
  });
});
const sessions: InferenceSession[] = policies.map((p) => p.session);

async function wrapperDecision(i: number): Promise<number> {
  let sink = 0;
  for (let k = 0; k < 4; k++) {
    const out = await policies[k]!.run({ [contracts[k]!.inputs[0]!.name]: observations[k]![i % 16]! });
    sink += out[contracts[k]!.outputs[0]!.name]![0]!;
  }
  return sink;
}

async function rawDecision(i: number): Promise<number> {
  let sink = 0;
  for (let k = 0; k < 4; k++) {
    const out = await sessions[k]!.run(rawFeeds[k]![i % 16]!);
    sink += (out[contracts[k]!.outputs[0]!.name]!.data as Float32Array)[0]!;
  }
  return sink;
}

await timings(WARM_UP, wrapperDecision);
await timings(WARM_UP, rawDecision);
// Alternate blocks so drift affects both paths alike
const wrapperTimes: number[] = [];
const rawTimes: number[] = [];
for (let block = 0; block < 6; block++) {
  wrapperTimes.push(...(await timings(DECISIONS / 6, wrapperDecision)));
  rawTimes.push(...(await timings(DECISIONS / 6, rawDecision)));
}
const wrapper = Float64Array.from(wrapperTimes).sort();
const raw = Float64Array.from(rawTimes).sort();

process.stdout.write(`Strategic decision (3 actors + gating, batch 1, ${DECISIONS} decisions, ${origin})\n`);
printTable([
  ['path', 'p50 µs', 'p99 µs', 'mean µs'],
  ['OnnxPolicy.run', percentile(wrapper, 0.5), percentile(wrapper, 0.99), wrapper.reduce((a, b) => a + b, 0) / wrapper.length],
  ['raw session.run', percentile(raw, 0.5), percentile(raw, 0.99), raw.reduce((a, b) => a + b, 0) / raw.length],
  ['ratio', percentile(wrapper, 0.5) / percentile(raw, 0.5), percentile(wrapper, 0.99) / percentile(raw, 0.99), ''],
]);

// MC-dropout on the MLMI actor: 50 samples in one call vs one deterministic call vs 50 separate calls
const mlmi = policies[0]!;
const x = observations[0]![0]!;
const mc = new McDropout(mlmi, { samples: 50, random: new SeededRandom(1) });
await timings(50, () => mc.run({ features: x }));
const mcTimes = await timings(MC_CALLS, () => mc.run({ features: x }));
const singleTimes = await timings(MC_CALLS, () => mlmi.run({ features: x }));
const separate = await timings(MC_CALLS / 10, async () => {
  for (let s = 0; s < 50; s++) await mlmi.run({ features: x });
});
process.stdout.write(`\nMC-dropout, ${STRATEGIC_MLMI_CONTRACT.name} (${mlmi.hasMasks ? 'mask inputs' : 'no masks'})\n`);
printTable([
  ['call', 'p50 µs', 'p99 µs', 'vs one batch-1 call'],
  ['50 samples, one batched call', percentile(mcTimes, 0.5), percentile(mcTimes, 0.99), percentile(mcTimes, 0.5) / percentile(singleTimes, 0.5)],
  ['one batch-1 call', percentile(singleTimes, 0.5), percentile(singleTimes, 0.99), 1],
  ['50 batch-1 calls in a row', percentile(separate, 0.5), percentile(separate, 0.99), percentile(separate, 0.5) / percentile(singleTimes, 0.5)],
]);

for (const policy of policies) await policy.dispose();
cleanup();
