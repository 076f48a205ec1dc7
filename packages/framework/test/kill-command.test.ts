import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSystem } from '../src/engine/run-system.js';
import { runDataSynth } from '../src/data/synthetic/run-data-synth.js';
import { createSilentLogger } from '../src/logging/create-logger.js';
import { runCli } from '../src/cli/run-cli.js';
import type { CliIo } from '../src/cli/cli-io.js';

const quietIo = (cwd: string): CliIo & { text: () => string } => {
  let text = '';
  return { stdout: { write: (t: string) => (text += t) }, stderr: { write: (t: string) => (text += t) }, cwd, env: {}, text: () => text };
};

describe('grandmodel kill', () => {
  it('engages the kill switch of a running paper run: orders canceled, book flattened, trading halted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-kill-'));
    const { path } = await runDataSynth({ symbol: 'NQ', from: '2024-02-05', to: '2024-02-06', seed: 9, tickSize: 0.25, out: join(dir, 'nq.csv') });
    const runDir = join(dir, 'run');
    const running = runSystem({
      config: {
        mode: 'paper',
        instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
        // 1-minute bars at 30000x: one bar every 2 ms of wall time
        data: { use: 'replay', options: { speed: 30000, csv: { path, symbol: 'NQ' } } },
        agents: [{ use: 'sma-cross', options: { fast: 3, slow: 8, quantity: 2 } }],
      },
      out: runDir,
      env: {},
      logger: createSilentLogger(),
    });
    // Wait until the run is live, let it trade for ~150 bars, then ask it to stop trading from "outside"
    for (let i = 0; i < 400 && !existsSync(join(runDir, 'run.lock.json')); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const io = quietIo(dir);
    expect(await runCli(['kill', 'run', '--reason', 'desk limit'], io)).toBe(0);
    expect(io.text()).toContain('kill switch requested');
    await running;

    const journal = readFileSync(join(runDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; payload: Record<string, unknown> });
    const engaged = journal.findIndex((entry) => entry.event === 'kill_switch.engaged');
    expect(engaged).toBeGreaterThan(0);
    expect(journal[engaged]!.payload).toMatchObject({ reason: 'desk limit', by: 'operator', flatten: true });
    const halted = journal.findIndex((entry) => entry.event === 'trading_state.changed' && entry.payload['to'] === 'halted');
    expect(halted).toBeGreaterThan(0);
    // After the switch, new entries are denied and the book ends flat
    const later = journal.slice(engaged + 1);
    const submittedAfter = later.filter((entry) => entry.event === 'order.submitted').map((entry) => (entry.payload['order'] as { tag?: string }).tag);
    const deniedAfter = later.filter((entry) => entry.event === 'order.denied').length;
    expect(submittedAfter.filter((tag) => tag !== 'kill-switch').length).toBe(deniedAfter);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { openTrades: unknown[] };
    expect(summary.openTrades).toEqual([]);
    expect(existsSync(join(runDir, 'run.lock.json'))).toBe(false);
  });

  it('fails clearly when no process runs the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-kill-'));
    const io = quietIo(dir);
    expect(await runCli(['kill', '.'], io)).toBe(1);
    expect(io.text()).toContain('no process is running this run folder');
    writeFileSync(join(dir, 'run.lock.json'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    expect(await runCli(['kill', '.'], io)).toBe(1);
    expect(io.text()).toContain('is no longer running');
  });
});
