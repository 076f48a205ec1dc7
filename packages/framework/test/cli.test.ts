import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { memoryIo } from '../src/testing/memory-io.js';

const io = (cwd: string, env: Record<string, string> = {}) => memoryIo(cwd, env);

const workdir = (): string => mkdtempSync(join(tmpdir(), 'gm-cli-'));

describe('grandmodel validate', () => {
  it('reports every problem in one go with YAML lines and paths, and exits non-zero', async () => {
    const dir = workdir();
    writeFileSync(
      join(dir, 'system.yaml'),
      [
        'name: demo', //                                         1
        'data: { use: csv, options: { path: ./x.csv } }', //        2 (symbol missing)
        'agents:', //                                            3
        '  - use: sma-cross', //                                  4
        '    options: { fast: 50, slow: 20, quantity: -1 }', //  5 (fast >= slow, negative quantity)
        '  - use: no-such-agent', //                              6
        'broker: { use: sim, options: { slippage: { ticks: -2 } } }', // 7
      ].join('\n'),
    );
    const cli = io(dir);
    const code = await runCli(['validate', 'system.yaml'], cli);
    expect(code).toBe(1);
    const text = cli.err();
    expect(text).toMatch(/system\.yaml:2 data\.options\.symbol: /);
    expect(text).toMatch(/system\.yaml:5 agents\[0\]\.options\.quantity: /);
    expect(text).toMatch(/system\.yaml:5 agents\[0\]\.options\.fast: fast must be smaller than slow/);
    expect(text).toMatch(/system\.yaml:6 agents\[1\]\.use: no installed plugin is named "no-such-agent"/);
    expect(text).toMatch(/system\.yaml:7 broker\.options\.slippage\.ticks: /);
    expect(text).toContain('5 problems');
  });

  it('prints a short summary for a valid file and exits 0', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'ok.yaml'), 'name: ok\ndata: { use: synthetic, options: { symbol: NQ } }\nbars: [5m]\nagents: [{ use: sma-cross }]\n');
    const cli = io(dir);
    expect(await runCli(['validate', 'ok.yaml'], cli)).toBe(0);
    expect(cli.out()).toContain('ok.yaml: valid');
    expect(cli.out()).toMatch(/agents\s+sma-cross/);
  });

  it('names a missing environment variable', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'env.yaml'), 'name: ${RUN_NAME}\n');
    const cli = io(dir);
    expect(await runCli(['validate', 'env.yaml'], cli)).toBe(1);
    expect(cli.err()).toContain('env.yaml:1 name: environment variable RUN_NAME is not set');
  });
});

describe('grandmodel schema and plugins', () => {
  it('prints a JSON Schema that includes every built-in plugin and its options', async () => {
    const cli = io(workdir());
    expect(await runCli(['schema'], cli)).toBe(0);
    const schema = JSON.parse(cli.out()) as { properties: Record<string, { items?: { anyOf: { properties: { use: { const: string }; options: { properties: Record<string, unknown> } } }[] } }> };
    const agents = schema.properties['agents']!.items!.anyOf;
    const smaCross = agents.find((variant) => variant.properties.use.const === 'sma-cross')!;
    expect(Object.keys(smaCross.properties.options.properties)).toEqual(expect.arrayContaining(['fast', 'slow', 'quantity', 'allowShort']));
  });

  it('lists plugins with kind, version and options, as text and JSON', async () => {
    const text = io(workdir());
    expect(await runCli(['plugins'], text)).toBe(0);
    expect(text.out()).toMatch(/^sma-cross {2}agent {2}v0\.1\.0 {2}\(built-in\)/m);
    expect(text.out()).toMatch(/fast: integer, default 10 — Fast SMA length in bars/);
    const json = io(workdir());
    await runCli(['plugins', '--json'], json);
    const rows = JSON.parse(json.out()) as { id: string; kind: string; options: { name: string; default?: unknown }[] }[];
    expect(rows.find((row) => row.id === 'csv')?.kind).toBe('data-source');
    expect(rows.find((row) => row.id === 'sim')?.options.map((o) => o.name)).toEqual(expect.arrayContaining(['fees', 'slippage', 'latencyMs']));
  });
});

describe('grandmodel run, report and data synth', () => {
  it('generates data, runs a backtest into a run folder and rebuilds the report', async () => {
    const dir = workdir();
    const synth = io(dir);
    expect(await runCli(['data', 'synth', '--symbol', 'NQ', '--from', '2024-01-02', '--to', '2024-01-09', '--seed', '3', '--tick-size', '0.25', '--out', 'nq.csv'], synth)).toBe(0);
    expect(synth.out()).toMatch(/wrote \d+ bars of NQ to nq\.csv/);
    writeFileSync(
      join(dir, 'system.yaml'),
      'name: cli-run\ninstruments: [{ symbol: NQ, tickSize: 0.25, multiplier: 20 }]\ndata: { use: csv, options: { path: ./nq.csv, symbol: NQ } }\nbars: [5m]\nagents: [{ use: sma-cross, options: { timeframe: 5m } }]\n',
    );
    const run = io(dir);
    expect(await runCli(['run', 'system.yaml', '--out', 'runs/one', '--quiet'], run)).toBe(0);
    for (const file of ['summary.json', 'trades.csv', 'orders.csv', 'equity.csv', 'journal.jsonl', 'report.html', 'config.json']) {
      expect(existsSync(join(dir, 'runs/one', file)), file).toBe(true);
    }
    expect(run.out()).toContain('run folder: runs/one');
    const summary = JSON.parse(readFileSync(join(dir, 'runs/one/summary.json'), 'utf8')) as { run: { name: string }; statistics: Record<string, unknown> };
    expect(summary.run.name).toBe('cli-run');
    for (const key of ['totalReturn', 'cagr', 'volatility', 'sharpe', 'sortino', 'calmar', 'maxDrawdown', 'maxDrawdownDuration', 'trades', 'winRate', 'profitFactor', 'expectancy', 'exposure', 'fees', 'startEquity', 'endEquity']) {
      expect(summary.statistics, key).toHaveProperty(key);
    }
    const report = io(dir);
    expect(await runCli(['report', 'runs/one'], report)).toBe(0);
    expect(report.out()).toContain('report.html');
  });

  it('explains a run folder that is not one', async () => {
    const cli = io(workdir());
    expect(await runCli(['report', 'nowhere'], cli)).toBe(1);
    expect(cli.err()).toContain('GM_RUN_INVALID');
  });

  it('refuses bad data synth flags, naming them', async () => {
    const cli = io(workdir());
    expect(await runCli(['data', 'synth', '--symbol', 'NQ', '--from', 'yesterday', '--to', '2024-01-09', '--out', 'x.csv', '--tick-size', '-1'], cli)).toBe(1);
    expect(cli.err()).toContain('--from');
    expect(cli.err()).toContain('--tick-size');
  });
});
