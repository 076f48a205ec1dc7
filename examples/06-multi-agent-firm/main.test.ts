import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSilentLogger, generateSyntheticBars, runSystem, type ConfigInput } from '@grandmodel/framework';
import { classicIndicators, grandmodelIndicators } from '@grandmodel/plugins-indicators';
import { riskModels } from '@grandmodel/plugins-risk';
// The agents package's index does not list the pipeline yet; its preset module does
import { pipelinePlugins } from '@grandmodel/plugins-agents';

const here = fileURLToPath(new URL('.', import.meta.url));

interface Entry {
  readonly event: string;
  readonly payload: Record<string, any>;
}

function config(): Record<string, any> {
  const parsed = parseYaml(readFileSync(join(here, 'grandmodel.config.yaml'), 'utf8')) as Record<string, any>;
  expect(parsed['plugins']).toEqual(['@grandmodel/plugins-indicators', '@grandmodel/plugins-risk', '@grandmodel/plugins-agents']);
  delete parsed['plugins'];
  return parsed;
}

async function run(out: string) {
  const result = await runSystem({
    config: config() as ConfigInput,
    baseDir: here,
    out,
    env: {},
    // Only the classic indicators the firm uses: the classic `correlation` indicator and the `correlation` risk model share an id
    plugins: [...classicIndicators.filter((p) => ['macd', 'rsi', 'roc'].includes(p.manifest.id)), ...grandmodelIndicators, ...riskModels, ...pipelinePlugins],
    logger: createSilentLogger(),
  });
  const journal = readFileSync(join(result.dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Entry);
  return { result, journal };
}

const time = (value: unknown): number => Date.parse(String(value));

describe('example 06: a multi-agent firm composed by config', () => {
  it('decides as an independent gated vote over the desk signals, and every order passes risk desk and compliance', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ex06-'));
    const { result, journal } = await run(join(dir, 'a'));
    const desks = ['trend-desk', 'reversion-desk', 'momentum-desk'];

    // Replay the CIO from the journal's signals and the market's closes (the same seeded bars the config generates)
    const options = config()['data'].options;
    const bars = [...generateSyntheticBars(options)];
    const signals = new Map<number, Map<string, { direction: number; strength: number }>>();
    for (const entry of journal.filter((e) => e.event === 'signal.emitted')) {
      const signal = entry.payload['signal'];
      const at = time(signal.time);
      if (!signals.has(at)) signals.set(at, new Map());
      signals.get(at)!.set(signal.source, { direction: signal.direction, strength: signal.strength });
    }
    const cio = new Map(journal.filter((e) => e.event === 'decision.made' && e.payload['decision'].agent === 'cio').map((e) => [time(e.payload['decision'].time), e.payload['decision']]));
    expect(cio.size).toBe(bars.length);
    const accuracy = [0, 0, 0];
    let previous: { directions: number[]; close: number } | undefined;
    let acted = 0;
    for (const bar of bars) {
      const heard = signals.get(bar.end) ?? new Map();
      const directions = desks.map((desk) => heard.get(desk)?.direction ?? Number.NaN);
      const weights = accuracy.map((a) => Math.exp(4 * a));
      const total = weights.reduce((a, b) => a + b, 0);
      const scores = [0, 0, 0];
      desks.forEach((desk, i) => {
        const vote = heard.get(desk);
        if (vote !== undefined) scores[Math.sign(vote.direction) + 1] += (weights[i]! / total) * Math.min(1, Math.max(0, vote.strength));
      });
      const top = Math.max(...scores);
      const leaders = [-1, 0, 1].filter((a) => scores[a + 1] === top);
      const action = leaders.length === 1 ? leaders[0]! : 0;
      const expected = action !== 0 && scores[action + 1]! >= 0.4 ? (action > 0 ? 'buy' : 'sell') : 'hold';
      const decision = cio.get(bar.end)!;
      expect(decision.action, new Date(bar.end).toISOString()).toBe(expected);
      // The journal rounds numbers to 8 decimals
      expect(decision.confidence).toBeCloseTo(scores[action + 1]!, 6);
      if (expected !== 'hold') acted++;
      // Score last bar's votes against this bar's move, then remember this bar's
      if (previous !== undefined) {
        const move = Math.sign(bar.close / previous.close - 1);
        previous.directions.forEach((d, i) => {
          if (!Number.isNaN(d) && d !== 0) accuracy[i] = accuracy[i]! + 0.05 * (Math.sign(d) * move - accuracy[i]!);
        });
      }
      previous = { directions, close: bar.close };
    }
    expect(acted).toBeGreaterThan(5);

    // Every entry follows a CIO decision and a risk-desk decision on the same bar; compliance bounds every order
    const entries = journal.filter((e) => e.event === 'order.submitted' && e.payload['order'].parentId === undefined);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const order = entry.payload['order'];
      const at = time(order.createdAt);
      const index = journal.indexOf(entry);
      const before = journal.slice(0, index);
      expect(before.some((e) => e.event === 'decision.made' && e.payload['decision'].agent === 'cio' && time(e.payload['decision'].time) === at && e.payload['decision'].action === order.side)).toBe(true);
      expect(before.some((e) => e.event === 'decision.made' && e.payload['decision'].agent === 'risk-desk' && time(e.payload['decision'].time) === at && e.payload['decision'].action === order.side)).toBe(true);
      expect(order.quantity).toBeLessThanOrEqual(3);
      expect(order.bracket.stopLoss).toBeGreaterThan(0);
    }
    const denied = journal.filter((e) => e.event === 'order.denied');
    for (const entry of denied) expect(entry.payload['order'].reason).toMatch(/^(compliance|trading-state): /);
    expect(result.summary.statistics.endEquity).toBeGreaterThan(0);

    // Composed by config only, and reproducible
    const again = await run(join(dir, 'b'));
    for (const file of ['orders.csv', 'trades.csv', 'journal.jsonl']) {
      expect(readFileSync(join(again.result.dir, file), 'utf8'), file).toBe(readFileSync(join(result.dir, file), 'utf8'));
    }
  });
});
