import { generateSyntheticBars, roundToTick, type Bar, type Order } from '@grandmodel/framework';
import { beforeAll, describe, expect, it } from 'vitest';
import { pipelineStats } from '../../src/presets/index.js';
import { runPipeline, TEST_MODEL_OUTPUTS, withTestModels, writeTestModels, type RecordedEvent, type TestModelSet } from './pipeline-harness.js';

const TICK = 0.25;
const bars: Bar[] = [...generateSyntheticBars({ symbol: 'MNQ', from: '2024-01-01', to: '2024-03-01', seed: 7, tickSize: TICK, startPrice: 17000, timeframe: '5m' })];
let models: TestModelSet;
let run: Awaited<ReturnType<typeof runPipeline>>;

const decisions = (events: readonly RecordedEvent[], stage: string) =>
  events.filter((e) => e.name === 'decision.made' && (e.payload['decision'] as { metadata?: { stage?: string } }).metadata?.stage === stage).map((e) => e.payload['decision'] as Record<string, unknown> & { metadata: Record<string, unknown>; time: number });

/** ATR(14) as the mean of the last 14 true ranges of the 5-minute bars up to index i, computed here from the raw bars. */
function atrAt(i: number): number {
  let sum = 0;
  for (let j = i - 13; j <= i; j++) {
    const bar = bars[j]!;
    const previous = bars[j - 1]!.close;
    sum += Math.max(bar.high - bar.low, Math.abs(bar.high - previous), Math.abs(bar.low - previous));
  }
  return sum / 14;
}

beforeAll(async () => {
  models = writeTestModels();
  run = await runPipeline(bars, withTestModels(models, { tickSize: TICK }));
});

describe('GrandModel pipeline in the engine (test models with known outputs)', () => {
  it('detects synergies and runs every stage on them', () => {
    const synergies = run.events.filter((e) => e.name === 'synergy.detected');
    expect(synergies.length).toBeGreaterThan(10);
    const stats = run.stats as Record<string, { synergiesTotal?: number; decisions?: number }>;
    expect(stats['synergy-detector']!.synergiesTotal).toBe(synergies.length);
    expect(decisions(run.events, 'strategic')).toHaveLength(synergies.length);
    // Counts published on stop equal the live counters
    expect(run.customStats['synergy-detector']).toMatchObject({ synergiesTotal: synergies.length });
    expect(run.customStats['risk-marl']).toMatchObject({ submitted: decisions(run.events, 'risk').filter((d) => d['action'] !== 'hold').length });
  });

  it('computes every strategic decision as the hand formula does for the constant models', () => {
    const o = TEST_MODEL_OUTPUTS.strategic;
    const synergies = run.events.filter((e) => e.name === 'synergy.detected').map((e) => e.payload as { direction: number; confidence: number });
    decisions(run.events, 'strategic').forEach((decision, k) => {
      const synergy = synergies[k]!;
      const support = (p: readonly number[]): { p: number[]; c: number } => {
        const c = Math.max(...p);
        if (!(synergy.confidence > 0.7)) return { p: [...p], c };
        const raw = synergy.direction > 0 ? [Math.max(p[0]!, 0.6), p[1]! * 0.5, p[2]! * 0.3] : [p[0]! * 0.3, p[1]! * 0.5, Math.max(p[2]!, 0.6)];
        const total = raw[0]! + raw[1]! + raw[2]!;
        return { p: raw.map((x) => x / total), c: Math.min(1, c + 0.3 * synergy.confidence) };
      };
      const agents = [support(o.mlmi), support(o.nwrqk), support(o.regime)];
      const e = agents.map((a, i) => o.gating[i]! * a.c);
      const total = e[0]! + e[1]! + e[2]!;
      const P = [0, 1, 2].map((j) => agents.reduce((s, a, i) => s + (e[i]! * a.p[j]!) / total, 0));
      const best = P.indexOf(Math.max(...P));
      expect(decision['action']).toBe(['buy', 'hold', 'sell'][best]);
      expect(decision['confidence'] as number).toBeCloseTo(P[best]!, 5);
      expect(decision.metadata['shouldProceed']).toBe(P[best]! >= 0.65);
    });
  });

  it('votes tactically as §6.2.3 says: long synergies execute, short ones meet the counter-synergy veto', () => {
    const t = TEST_MODEL_OUTPUTS.tactical;
    const weights: Record<string, number[]> = { TYPE_1: [0.5, 0.3, 0.2], TYPE_2: [0.4, 0.4, 0.2], TYPE_3: [0.3, 0.5, 0.2], TYPE_4: [0.35, 0.35, 0.3] };
    const tactical = decisions(run.events, 'tactical');
    expect(tactical.length).toBeGreaterThan(0);
    for (const decision of tactical) {
      const synergy = decision.metadata['synergy'] as { type: string; direction: number };
      const w = weights[synergy.type]!;
      const long = w[0]! * t.fvg[2] + w[1]! * t.momentum[2] + w[2]! * t.entry[2];
      if (synergy.direction > 0) {
        expect(decision['action']).toBe('buy');
        expect(decision['confidence'] as number).toBeCloseTo(Math.min(1, long + Math.min(0.1, 0.5 * (1 - long))), 5);
      } else {
        expect(decision['action']).toBe('hold');
        expect(decision.metadata['veto']).toBe('counterSynergy');
      }
    }
    // Only proceeding strategic decisions reach the tactical stage
    const proceeding = decisions(run.events, 'strategic').filter((d) => d.metadata['shouldProceed'] === true);
    expect(tactical).toHaveLength(proceeding.length);
  });

  it('submits every entry on the bar of a synergy, a strategic proceed, a tactical execute and a risk decision', () => {
    const entries = run.engine.orders.allOrders().filter((order) => order.parentId === undefined);
    expect(entries.length).toBeGreaterThan(3);
    for (const order of entries) {
      const time = order.createdAt;
      const risk = decisions(run.events, 'risk').find((d) => d.time === time && d['action'] !== 'hold');
      const tactical = decisions(run.events, 'tactical').find((d) => d.time === time && d.metadata['execute'] === true);
      const strategic = decisions(run.events, 'strategic').find((d) => d.time === time && d.metadata['shouldProceed'] === true);
      const synergy = run.events.find((e) => e.name === 'synergy.detected' && (e.payload['details'] as { synergyId: string }).synergyId === (tactical?.metadata['synergy'] as { id: string } | undefined)?.id);
      expect(risk, `risk decision at ${new Date(time).toISOString()}`).toBeDefined();
      expect(tactical).toBeDefined();
      expect(strategic).toBeDefined();
      expect(synergy).toBeDefined();
      // The synergy was found on this bar, or on the 5-minute bar closing with the 30-minute bar the decision used
      expect(synergy!.payload['tsEvent']).toBe(time);
      const submitted = run.events.findIndex((e) => e.name === 'order.submitted' && (e.payload['order'] as Order).id === order.id);
      expect(run.events.indexOf(synergy!)).toBeLessThan(submitted);
      expect(order.side).toBe('buy');
      expect(order.timeInForce).toBe('ioc');
    }
  });

  it('brackets each entry at the decision close ∓ 2 ATR and ± 3 ATR, with ATR(14) computed here from the raw bars', () => {
    const entries = run.engine.orders.allOrders().filter((order) => order.parentId === undefined);
    for (const order of entries) {
      const index = bars.findIndex((bar) => bar.end === order.createdAt);
      expect(index).toBeGreaterThan(14);
      const close = bars[index]!.close;
      const atr = atrAt(index);
      expect(order.bracket!.stopLoss).toBe(roundToTick(close - 2 * atr, TICK));
      expect(order.bracket!.takeProfit).toBe(roundToTick(close + 3 * atr, TICK));
    }
  });

  it('passes Kelly metadata and the size head through the risk chain', () => {
    const risk = decisions(run.events, 'risk').filter((d) => d['action'] !== 'hold');
    for (const decision of risk) {
      // Size head argmax → 2 contracts; no reduce_risk; winProbability = 0.5 + 0.5·(S − 0.5);
      // payoff = target distance / stop distance of the tick-rounded 3×/2× ATR bracket
      expect(decision.metadata['quantity']).toBe(2);
      expect(decision['winProbability'] as number).toBeCloseTo(0.5 + 0.5 * ((decision['confidence'] as number) - 0.5), 12);
      const { entryPrice, stopLoss, takeProfit } = decision.metadata as { entryPrice: number; stopLoss: number; takeProfit: number };
      expect(decision['payoffRatio'] as number).toBeCloseTo((takeProfit - entryPrice) / (entryPrice - stopLoss), 12);
      expect(decision['payoffRatio'] as number).toBeCloseTo(1.5, 1);
    }
    const entries = run.engine.orders.allOrders().filter((order) => order.parentId === undefined);
    for (const order of entries) {
      const { stopLoss, takeProfit } = order.bracket!;
      const close = bars.find((bar) => bar.end === order.createdAt)!.close;
      expect(order.metadata).toMatchObject({ payoffRatio: expect.closeTo((takeProfit! - close) / (close - stopLoss!), 12), proposedBy: 'tactical' });
    }
    // A proposal while a trade is still open is skipped
    const vetoed = decisions(run.events, 'risk').filter((d) => d['action'] === 'hold');
    for (const decision of vetoed) expect(decision.metadata['veto']).toBe('positioned');
  });

  it('summarises every component for summary.json: synergies by type, decisions, vetoes and latency percentiles', () => {
    const summary = pipelineStats(run.engine.kernel.components)!;
    const byType: Record<string, number> = {};
    for (const e of run.events.filter((x) => x.name === 'synergy.detected')) byType[e.payload['synergyType'] as string] = (byType[e.payload['synergyType'] as string] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(summary.synergies).filter(([, n]) => n > 0))).toEqual(byType);
    expect(summary.decisions).toEqual({ strategic: decisions(run.events, 'strategic').length, tactical: decisions(run.events, 'tactical').length, risk: decisions(run.events, 'risk').length });
    expect(summary.vetoes['tactical']!['counterSynergy']).toBe(decisions(run.events, 'tactical').filter((d) => d.metadata['veto'] === 'counterSynergy').length);
    for (const id of ['synergy-detector', 'strategic', 'tactical', 'risk']) {
      const { p50, p99 } = summary.latencyMs[id]!;
      expect(p50).toBeGreaterThan(0);
      expect(p99).toBeGreaterThanOrEqual(p50);
    }
  });

  it('is deterministic: a second run publishes the same events', async () => {
    const again = await runPipeline(bars, withTestModels(models, { tickSize: TICK }));
    expect(JSON.stringify(again.events.map((e) => [e.name, e.payload]))).toBe(JSON.stringify(run.events.map((e) => [e.name, e.payload])));
  });
});

describe('GrandModel pipeline with Kelly in the risk chain', () => {
  it('caps the 2-contract proposals at the half-Kelly quantity from the metadata', async () => {
    const kelly = await runPipeline(bars, withTestModels(models, { tickSize: TICK }), {
      risk: [{ use: 'kelly', options: { source: 'metadata', sizing: 'cap', multiplier: 0.5, maxFraction: 0.25 } }],
    });
    const entries = kelly.engine.orders.allOrders().filter((order) => order.parentId === undefined && order.status !== 'denied');
    expect(entries.length).toBeGreaterThan(0);
    for (const order of entries) {
      const { winProbability: p, payoffRatio: b } = order.metadata as { winProbability: number; payoffRatio: number };
      const fraction = Math.min(0.25, 0.5 * (p - (1 - p) / b));
      const index = bars.findIndex((bar) => bar.end === order.createdAt);
      // Kelly sizes off equity and the last price; the run's P&L moves equity far less than the ±20% that would
      // change this floor, so the starting cash gives the same target
      const target = Math.floor((fraction * kelly.engine.portfolio.initialCash) / (bars[index]!.close * 2));
      expect(target).toBe(1);
      expect(order.quantity).toBe(Math.min(2, target));
    }
  });
});
