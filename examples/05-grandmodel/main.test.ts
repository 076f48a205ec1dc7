import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSilentLogger, runDataSynth, runSystem, type ConfigInput } from '@grandmodel/framework';
import { grandmodelIndicators } from '@grandmodel/plugins-indicators';
import { riskModels } from '@grandmodel/plugins-risk';
// The agents package's index does not list the pipeline yet; its preset module does
import { pipelinePlugins } from '@grandmodel/plugins-agents';
import { bracketsOffAtr, countPipelineEvents, customStats, entriesWithoutChain, readBars, readJournal } from './pipeline-invariants.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../..');
const sharedData = resolve(repoRoot, '../shared/data/nq-30m.csv');
const plugins = [...grandmodelIndicators, ...riskModels, ...pipelinePlugins];

/** The example's config as written, minus `plugins:` (passed in code here). */
function exampleConfig(): Record<string, any> {
  const config = parseYaml(readFileSync(join(here, 'grandmodel.config.yaml'), 'utf8')) as Record<string, any>;
  expect(config['plugins']).toEqual(['@grandmodel/plugins-indicators', '@grandmodel/plugins-risk', '@grandmodel/plugins-agents']);
  delete config['plugins'];
  return config;
}

async function run(config: Record<string, any>, out: string) {
  return runSystem({ config: config as ConfigInput, baseDir: here, out, env: {}, plugins, logger: createSilentLogger() });
}

describe('example 05: the GrandModel pipeline on synthetic 5- and 30-minute bars', () => {
  it('trades only on synergy → strategic → tactical → risk chains, with 2×/3× ATR brackets, reproducibly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex05-'));
    const data = join(dir, 'mnq-5m.csv');
    // The same market `npm run data` writes, over four months to keep the test short
    await runDataSynth({ symbol: 'MNQ', from: '2024-07-01', to: '2024-11-01', seed: 21, timeframe: '5m', tickSize: 0.25, startPrice: 18000, out: data });
    const config = exampleConfig();
    config['data'].options.path = data;
    const first = await run(config, join(dir, 'a'));
    const journal = readJournal(first.dir);

    const counts = countPipelineEvents(journal);
    const total = Object.values(counts.synergies).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10);
    expect(counts.decisions['strategic']).toBe(total);
    expect(counts.submitted).toBeGreaterThan(0);

    // Every entry follows its synergy and the three decisions; every bracket sits at 2×/3× ATR(14) of the raw bars
    expect(entriesWithoutChain(journal)).toEqual([]);
    expect(bracketsOffAtr(journal, readBars(data, 5), 0.25)).toEqual([]);
    const entries = journal.filter((e) => e.event === 'order.submitted' && e.payload['order'].parentId === undefined);
    expect(entries.length).toBe(counts.submitted);
    // Kelly (half, capped at 25 %) lets at least some of them through to the venue
    expect(journal.filter((e) => e.event === 'order.filled' && e.payload['order'].parentId === undefined).length).toBeGreaterThan(0);

    // The counts each component published on stop agree with the events in the journal
    expect(customStats(journal, 'synergy-detector')).toMatchObject({ synergies: counts.synergies, synergiesTotal: total });
    expect(customStats(journal, 'strategic-marl')).toMatchObject({ decisions: total, proceed: counts.proceed });
    expect(customStats(journal, 'tactical-marl')).toMatchObject({ decisions: counts.decisions['tactical'], executes: counts.executes });
    expect(customStats(journal, 'tactical-marl')!['vetoes']).toMatchObject(counts.tacticalVetoes);
    expect(customStats(journal, 'risk-marl')).toMatchObject({ proposals: counts.decisions['risk'], submitted: counts.submitted });
    expect(customStats(journal, 'risk-marl')!['vetoes']).toMatchObject(counts.riskVetoes);

    // Same data, config and seed: byte-identical output
    const second = await run(config, join(dir, 'b'));
    for (const file of ['orders.csv', 'trades.csv', 'journal.jsonl']) {
      expect(readFileSync(join(second.dir, file), 'utf8'), file).toBe(readFileSync(join(first.dir, file), 'utf8'));
    }
  });
});

describe.skipIf(!existsSync(sharedData))('example 05 on real NQ 30-minute bars (skipped: ../shared/data/nq-30m.csv not found)', () => {
  it('runs the same system with every stage on 30-minute bars (no 5-minute data exists) and keeps the invariants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex05-nq-'));
    const config = exampleConfig();
    // Same components and options; the tactical stage (FVG, ATR, 60×7 matrix, entries) moves to the only timeframe there is
    const retimed = JSON.parse(JSON.stringify(config).replaceAll('"5m"', '"30m"')) as Record<string, any>;
    retimed['instruments'] = [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20, marginRate: 0.05 }];
    retimed['data'] = { use: 'csv', options: { path: sharedData, symbol: 'NQ' } };
    retimed['bars'] = [];
    retimed['agents'][0].options = { ...retimed['agents'][0].options, strategicTimeframe: '30m', tacticalTimeframe: '30m', barMinutes: 30 };
    for (const agent of retimed['agents'].slice(1)) agent.options = { ...agent.options, timeframe: '30m' };
    retimed['backtest'] = { cash: 1_000_000, from: '2023-01-01' };
    const result = await run(retimed, join(dir, 'run'));
    const journal = readJournal(result.dir);
    const counts = countPipelineEvents(journal);
    expect(Object.values(counts.synergies).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    expect(counts.decisions['strategic']).toBeGreaterThan(10);
    expect(entriesWithoutChain(journal)).toEqual([]);
    expect(bracketsOffAtr(journal, readBars(sharedData, 30, Date.parse('2023-01-01T00:00:00Z')), 0.25)).toEqual([]);
  });
});
