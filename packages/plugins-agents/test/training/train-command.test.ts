import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SdkError } from '@grandmodel/framework';
import { afterAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../../../framework/src/cli/commands/train-command.js';
import { MODEL_CONTRACTS, OnnxPolicy, readOnnxModel } from '../../src/inference/index.js';

const packages = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gm-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Three weeks of seeded synthetic NQ minutes, the GrandModel indicators and both matrix assemblers
const configPath = join(dir, 'train.yaml');
writeFileSync(
  configPath,
  `name: train-test
seed: 11
plugins:
  - ${join(packages, 'plugins-indicators/src/grandmodel/index.ts')}
  - ${join(packages, 'plugins-agents/src/assemblers/index.ts')}
instruments: [{ symbol: NQ, tickSize: 0.25, multiplier: 20, marginRate: 0.05 }]
data: { use: synthetic, options: { symbol: NQ, from: 2024-01-01, to: 2024-01-22, seed: 3, tickSize: 0.25, startPrice: 17000 } }
bars: [5m, 30m]
indicators:
  - { use: mlmi, options: { timeframe: 30m } }
  - { use: nw-rqk, options: { timeframe: 30m } }
  - { use: lvn, options: { timeframe: 30m, tickSize: 0.25 } }
  - { use: mmd, options: { timeframe: 30m } }
  - { use: aux-30m, options: { timeframe: 30m } }
  - { use: strategic-matrix }
  - { use: fvg, options: { timeframe: 5m } }
  - { use: tactical-matrix }
  - { use: atr-gm, options: { timeframe: 5m } }
`,
);

function io(): { io: Parameters<typeof trainCommand>[2]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t), isTTY: false }, cwd: dir, env: {} }, out, err };
}

const loadAgents = (): Promise<unknown> => import('../../src/training/index.js');
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const ARGS = { agents: 'strategic,tactical,risk', episodes: '2', episodeSteps: '12', epochs: '2', seed: '5' };

describe('grandmodel train', () => {
  it('trains every system on the engine, writes contract-conforming ONNX models with cards, and is deterministic', async () => {
    const first = io();
    expect(await trainCommand('train.yaml', { ...ARGS, out: 'models-a' }, first.io, loadAgents)).toBe(0);
    const names = Object.keys(MODEL_CONTRACTS).sort();
    expect(readdirSync(join(dir, 'models-a')).sort()).toEqual(names.flatMap((n) => [`${n}.card.json`, `${n}.onnx`]).sort());
    // Progress: one plain line per episode (stderr is not a terminal), then the summary
    const progress = first.err.join('');
    for (const system of ['strategic', 'tactical', 'risk']) {
      expect(progress).toContain(`${system} episode 1/2: reward `);
      expect(progress).toContain(`${system} episode 2/2: reward `);
    }
    expect(first.out.join('')).toContain('trained strategic, tactical, risk (2 episodes each)');

    for (const name of names) {
      const path = join(dir, 'models-a', `${name}.onnx`);
      const card = JSON.parse(readFileSync(join(dir, 'models-a', `${name}.card.json`), 'utf8'));
      expect(card.sha256).toBe(sha256(path));
      expect(card.bytes).toBe(readFileSync(path).length);
      expect(card.training.seed).toBe(5);
      expect(card.training.episodes).toBe(2);
      expect(card.training.command).toBe('grandmodel train train.yaml --agents strategic,tactical,risk --episodes 2 --seed 5 --episode-steps 12 --epochs 2 --out models-a');
      expect(card.data.source).toEqual({ use: 'synthetic', options: expect.objectContaining({ symbol: 'NQ', seed: 3 }) });
      expect(card.metrics.episodes).toHaveLength(2);
      expect(card.metrics.episodes[0].steps).toBe(12);
      // The file loads against its contract and says which contract it is
      const policy = await OnnxPolicy.load(path, MODEL_CONTRACTS[name]!);
      expect(policy.hasMasks).toBe(MODEL_CONTRACTS[name]!.masks.length > 0);
      expect(readOnnxModel(readFileSync(path)).metadata['contract']).toBe(name);
      await policy.dispose();
    }

    // Same config and seed: byte-identical models and cards (apart from the output folder in the command)
    const second = io();
    expect(await trainCommand('train.yaml', { ...ARGS, out: 'models-b' }, second.io, loadAgents)).toBe(0);
    for (const name of names) {
      expect(sha256(join(dir, 'models-b', `${name}.onnx`))).toBe(sha256(join(dir, 'models-a', `${name}.onnx`)));
      const a = readFileSync(join(dir, 'models-a', `${name}.card.json`), 'utf8').replace('--out models-a', '');
      const b = readFileSync(join(dir, 'models-b', `${name}.card.json`), 'utf8').replace('--out models-b', '');
      expect(b).toBe(a);
    }
  });

  it('gives a different model for another seed, with the documented parameter count and bounded outputs', async () => {
    const run = io();
    expect(await trainCommand('train.yaml', { agents: 'risk', episodes: '2', episodeSteps: '12', epochs: '2', seed: '6', out: 'models-c' }, run.io, loadAgents)).toBe(0);
    expect(sha256(join(dir, 'models-c', 'risk-agent.onnx'))).not.toBe(sha256(join(dir, 'models-a', 'risk-agent.onnx')));
    const card = JSON.parse(readFileSync(join(dir, 'models-c', 'risk-agent.card.json'), 'utf8'));
    expect(card.network.parameters).toBe(10 * 64 + 64 + 64 * 32 + 32 + 32 * 5 + 5 + 32 * 2 + 2 + 32 * 4 + 4);
    // The exported stop/target head stays inside its documented bounds for any state
    const policy = await OnnxPolicy.load(join(dir, 'models-c', 'risk-agent.onnx'), MODEL_CONTRACTS['risk-agent']!);
    const state = Float32Array.of(1, 0, 0.5, 0, 0.01, 0.02, 0.1, 0.5, 0.2, 1);
    const out = await policy.run({ state });
    for (const v of out['stop_target']!) expect(v >= 0.5 && v <= 3).toBe(true);
    expect(out['size_probabilities']!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await policy.dispose();
  });

  it('draws a live progress bar with the latest reward on a terminal, and nothing with --quiet', async () => {
    const err: string[] = [];
    const terminal = { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t), isTTY: true }, cwd: dir, env: {} };
    expect(await trainCommand('train.yaml', { agents: 'risk', episodes: '2', episodeSteps: '8', epochs: '1', out: 'models-tty' }, terminal, loadAgents)).toBe(0);
    expect(err[0]).toMatch(/^\rrisk {6}\[#{12}\.{12}\] 1\/2 {2}reward -?\d+\.\d{4} {2}pnl -?\d+ {2}value loss \d+\.\d{3} {2}entropy \d+\.\d{3}\u001b\[K$/);
    expect(err[1]).toMatch(/^\rrisk {6}\[#{24}\] 2\/2 /);
    expect(err[2]).toBe('\n');
    const quiet: string[] = [];
    const silent = { stdout: { write: () => true }, stderr: { write: (t: string) => quiet.push(t), isTTY: true }, cwd: dir, env: {} };
    expect(await trainCommand('train.yaml', { agents: 'risk', episodes: '1', episodeSteps: '8', epochs: '1', out: 'models-quiet', quiet: true }, silent, loadAgents)).toBe(0);
    expect(quiet).toEqual([]);
  });

  it('reports every usage problem at once', async () => {
    const run = io();
    const error = await trainCommand('train.yaml', { agents: 'strategic,execution', episodes: '0', seed: '-1' }, run.io, loadAgents).catch((e: unknown) => e);
    expect(SdkError.is(error)).toBe(true);
    expect((error as SdkError).code).toBe('GM_CLI_USAGE');
    expect((error as SdkError).message).toContain('3 problems');
    expect((error as SdkError).message).toContain('--agents: unknown system "execution" (expected strategic, tactical, risk)');
    expect((error as SdkError).message).toContain('--episodes: expected an integer >= 1, was "0"');
    expect((error as SdkError).message).toContain('--seed: expected an integer >= 0, was "-1"');
  });

  it('explains a config without the matrix assemblers', async () => {
    const bare = join(dir, 'bare.yaml');
    writeFileSync(bare, readFileSync(configPath, 'utf8').replace(/indicators:[\s\S]*$/, 'indicators: []\n'));
    const error = await trainCommand('bare.yaml', { agents: 'strategic', episodes: '1', out: 'models-bare' }, io().io, loadAgents).catch((e: unknown) => e);
    expect((error as Error).message).toContain('Training needs the indicator "strategic-matrix" (plugin strategic-matrix)');
  });
});
