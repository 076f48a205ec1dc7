import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus, ScopedBus, SeededRandom, SimulatedClock, type Bar, type EventMap, type OrderIntent, type Position } from '@grandmodel/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrategicMatrixAssembler, strategicMatrixOptions, TacticalMatrixAssembler, tacticalMatrixOptions, TACTICAL_FVG_OUTPUTS } from '../../src/assemblers/index.js';
import type { StrategicMatrixSources } from '@grandmodel/plugins-indicators';
import {
  PolicyRunner,
  RiskAgent,
  riskAgentOptions,
  StrategicAgent,
  strategicAgentOptions,
  TacticalAgent,
  tacticalAgentOptions,
  type DecisionEvent,
} from '../../src/agents/index.js';
import {
  GATING_CONTRACT,
  OnnxPolicy,
  RISK_CONTRACT,
  STRATEGIC_MLMI_CONTRACT,
  STRATEGIC_NWRQK_CONTRACT,
  STRATEGIC_REGIME_CONTRACT,
  TACTICAL_ENTRY_CONTRACT,
  TACTICAL_FVG_CONTRACT,
  TACTICAL_MOMENTUM_CONTRACT,
  type ModelContract,
} from '../../src/inference/index.js';
import { FakeIndicator } from './fake-indicator.js';
import { constantNetwork, writeModel, type Sensitivity } from './test-models.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-agents-'));
const T0 = Date.parse('2024-03-04T14:00:00Z');
const policies: OnnxPolicy[] = [];

async function runner(contract: ModelContract, values: Record<string, readonly number[]>, options: { masks?: boolean; sensitivity?: Sensitivity; samples?: number } = {}): Promise<PolicyRunner> {
  const path = writeModel(dir, `${contract.name}-${policies.length}`, constantNetwork(contract, values, options));
  const policy = await OnnxPolicy.load(path, contract);
  policies.push(policy);
  return new PolicyRunner(policy, { mcDropoutSamples: options.samples ?? 0, timeoutMs: undefined, random: new SeededRandom(3) });
}

function services(bus = new EventBus(), engaged = { engaged: false }) {
  const clock = new SimulatedClock(T0);
  bus.now = () => clock.now();
  return { instanceId: 'under-test', bus: new ScopedBus(bus, { pluginId: 'test', instanceId: 'under-test' }), clock, killSwitch: engaged, raw: bus };
}

function record<K extends keyof EventMap>(bus: EventBus, name: K): EventMap[K][] {
  const seen: EventMap[K][] = [];
  bus.on(name as never, ((payload: EventMap[K]) => void seen.push(payload)) as never);
  return seen;
}

function bar(timeframe: '5m' | '30m', end: number, close = 100): Bar {
  const length = timeframe === '5m' ? 300_000 : 1_800_000;
  return { symbol: 'NQ', timeframe, start: end - length, end, open: close, high: close + 1, low: close - 1, close, volume: 100, synthetic: false };
}

/** A strategic matrix fed 48 rows from hand-set fake sources; the last row has mlmi_signal = `lastSignal`. */
function readyStrategicMatrix(lastSignal: number): StrategicMatrixAssembler {
  const named = (count: number, names: Record<number, string>) => Array.from({ length: count }, (_, i) => names[i] ?? `unused_${i}`);
  const mlmi = new FakeIndicator(named(11, { 8: 'mlmi_value', 9: 'mlmi_signal' }), '30m');
  const sources = {
    mlmi,
    nwrqk: new FakeIndicator(named(5, { 0: 'nwrqk_yhat1', 2: 'nwrqk_slope' }), '30m'),
    lvn: new FakeIndicator(named(9, {}), '30m'),
    mmd: new FakeIndicator(named(13, {}), '30m'),
    auxiliary: new FakeIndicator(named(5, {}), '30m'),
  };
  const assembler = new StrategicMatrixAssembler(strategicMatrixOptions.parse({}), sources as unknown as StrategicMatrixSources);
  for (let i = 0; i < 48; i++) {
    mlmi.set({ mlmi_signal: i === 47 ? lastSignal : 0 });
    assembler.update(bar('30m', T0 + i * 1_800_000));
  }
  return assembler;
}

afterAll(async () => {
  await Promise.all(policies.map((policy) => policy.dispose()));
});

describe('StrategicAgent', () => {
  let agents: { mlmi: PolicyRunner; nwrqk: PolicyRunner; regime: PolicyRunner; gating: PolicyRunner };
  beforeAll(async () => {
    agents = {
      // The MLMI actor reads input 47·4 + 1 = the latest row's mlmi_signal column: buy logit + 2 per unit
      mlmi: await runner(STRATEGIC_MLMI_CONTRACT, { probabilities: [0.3, 0.4, 0.3] }, { sensitivity: { input: 47 * 4 + 1, output: 'probabilities', slopes: [2, 0, 0] } }),
      nwrqk: await runner(STRATEGIC_NWRQK_CONTRACT, { probabilities: [0.6, 0.3, 0.1] }),
      regime: await runner(STRATEGIC_REGIME_CONTRACT, { probabilities: [0.5, 0.3, 0.2] }),
      gating: await runner(GATING_CONTRACT, { weights: [0.6, 0.3, 0.1] }),
    };
  });

  const synergy = (direction: number, confidence: number, end: number): EventMap['synergy.detected'] => ({
    symbol: 'NQ',
    synergyType: 'TYPE_1',
    direction,
    strength: 0.5,
    confidence,
    tsEvent: end,
    tsInit: end,
    details: { synergyId: `s-${end}` },
  });

  it('feeds each actor its column slice, oldest row first (the MLMI actor sees the latest mlmi_signal)', async () => {
    const s = services();
    const signals = record(s.raw, 'signal.emitted');
    const decisions = record(s.raw, 'decision.made');
    const agent = new StrategicAgent(strategicAgentOptions.parse({ confidence: 'max', strategySupport: { enabled: false } }), readyStrategicMatrix(1), agents, s);
    const end = T0 + 48 * 1_800_000;
    s.bus.emit('synergy.detected', synergy(1, 0.5, end));
    await agent.onBar(bar('30m', end));
    const mlmi = signals.find((e) => e.signal.source === 'under-test/mlmi')!;
    // softmax([ln 0.3 + 2, ln 0.4, ln 0.3]) = [0.3e², 0.4, 0.3] / (0.3e² + 0.7)
    const z = 0.3 * Math.exp(2) + 0.7;
    const expected = [(0.3 * Math.exp(2)) / z, 0.4 / z, 0.3 / z];
    (mlmi.signal.metadata!['probabilities'] as number[]).forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 5));
    // Ensemble with gating weights [0.6, 0.3, 0.1] and confidences = max probabilities
    const e = [0.6 * expected[0]!, 0.3 * 0.6, 0.1 * 0.5];
    const buy = (e[0]! * expected[0]! + e[1]! * 0.6 + e[2]! * 0.5) / (e[0]! + e[1]! + e[2]!);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.decision).toMatchObject({ agent: 'under-test', action: 'buy', time: end });
    expect(decisions[0]!.decision.confidence).toBeCloseTo(buy, 5);
    expect(decisions[0]!.decision.metadata!['shouldProceed']).toBe(buy >= 0.65);
  });

  it('waits for the 30-minute bar when the synergy came on the 5-minute bar that closes it', async () => {
    const s = services();
    const decisions = record(s.raw, 'decision.made');
    const agent = new StrategicAgent(strategicAgentOptions.parse({}), readyStrategicMatrix(0), agents, s);
    const end = T0 + 48 * 1_800_000;
    s.bus.emit('synergy.detected', synergy(1, 0.5, end));
    expect(agent.onBar(bar('5m', end))).toBeUndefined();
    expect(decisions).toHaveLength(0);
    await agent.onBar(bar('30m', end));
    expect(decisions).toHaveLength(1);
    // A synergy in the middle of a half hour is decided at once
    s.bus.emit('synergy.detected', synergy(1, 0.5, end + 300_000));
    await agent.onBar(bar('5m', end + 300_000));
    expect(decisions).toHaveLength(2);
  });

  it('falls back (0.33/0.34/0.33, confidence 0.1, ×0.1) when an actor fails, and then needs 1.2·θ', async () => {
    const s = services();
    const decisions = record(s.raw, 'decision.made');
    const failing = await runner(STRATEGIC_REGIME_CONTRACT, { probabilities: [0.5, 0.3, 0.2] });
    failing.policy.run = () => Promise.reject(new Error('boom'));
    const agent = new StrategicAgent(strategicAgentOptions.parse({ confidence: 'max', threshold: 0.5, strategySupport: { enabled: false } }), readyStrategicMatrix(1), { ...agents, regime: failing }, s);
    const end = T0 + 48 * 1_800_000;
    s.bus.emit('synergy.detected', synergy(1, 0.5, end));
    await agent.onBar(bar('30m', end));
    const decision = decisions[0]!.decision;
    expect(decision.metadata!['fallbacks']).toEqual(['regime']);
    const z = 0.3 * Math.exp(2) + 0.7;
    const pMlmi = (0.3 * Math.exp(2)) / z;
    const e = [0.6 * pMlmi, 0.3 * 0.6, 0.1 * 0.1 * 0.1];
    const buy = (e[0]! * pMlmi + e[1]! * 0.6 + e[2]! * 0.33) / (e[0]! + e[1]! + e[2]!);
    expect(decision.confidence).toBeCloseTo(buy, 5);
    expect(decision.metadata!['shouldProceed']).toBe(buy >= 0.6);
    expect(agent.stats()).toMatchObject({ decisions: 1, fallbacks: 1 });
  });

  it('holds while the matrix warms up and does nothing while the kill switch is engaged', async () => {
    const s = services(new EventBus(), { engaged: false });
    const decisions = record(s.raw, 'decision.made');
    const cold = new StrategicMatrixAssembler(strategicMatrixOptions.parse({ warmUp: 48 }), {
      mlmi: new FakeIndicator(Array.from({ length: 11 }, (_, i) => `m${i}`)),
      nwrqk: new FakeIndicator(Array.from({ length: 5 }, (_, i) => `n${i}`)),
      lvn: new FakeIndicator(Array.from({ length: 9 }, (_, i) => `l${i}`)),
      mmd: new FakeIndicator(Array.from({ length: 13 }, (_, i) => `d${i}`)),
      auxiliary: new FakeIndicator(Array.from({ length: 5 }, (_, i) => `a${i}`)),
    } as unknown as StrategicMatrixSources);
    const agent = new StrategicAgent(strategicAgentOptions.parse({}), cold, agents, s);
    s.bus.emit('synergy.detected', synergy(1, 0.5, T0));
    await agent.onBar(bar('30m', T0));
    expect(decisions[0]!.decision).toMatchObject({ action: 'hold', reason: 'strategic matrix warming up: 0 of 48 rows' });
    const killed = services(new EventBus(), { engaged: true });
    const silent = record(killed.raw, 'decision.made');
    const stopped = new StrategicAgent(strategicAgentOptions.parse({}), readyStrategicMatrix(0), agents, killed);
    killed.bus.emit('synergy.detected', synergy(1, 0.5, T0));
    expect(stopped.onBar(bar('30m', T0))).toBeUndefined();
    expect(silent).toHaveLength(0);
  });
});

describe('TacticalAgent', () => {
  it('acts only on proceeding strategic decisions in the synergy direction, and brackets at 2×/3× ATR', async () => {
    const s = services();
    const decisions = record(s.raw, 'decision.made');
    const fvg = new FakeIndicator([...TACTICAL_FVG_OUTPUTS], '5m');
    const matrix = new TacticalMatrixAssembler(tacticalMatrixOptions.parse({}), fvg);
    const atr = new FakeIndicator(['atr_tr', 'atr14', 'atr14_ewma'], '5m').set({ atr14: 4 });
    const runners = {
      fvg: await runner(TACTICAL_FVG_CONTRACT, { probabilities: [0.1, 0.1, 0.8] }),
      momentum: await runner(TACTICAL_MOMENTUM_CONTRACT, { probabilities: [0.7, 0.2, 0.1] }),
      entry: await runner(TACTICAL_ENTRY_CONTRACT, { probabilities: [0.1, 0.2, 0.7] }),
    };
    const agent = new TacticalAgent(tacticalAgentOptions.parse({ strategic: 'boss' }), matrix, runners, { component: atr, index: 1 }, s);
    const strategic = (action: 'buy' | 'sell', proceed: boolean, direction: number): EventMap['decision.made'] => ({
      decision: { agent: 'boss', symbol: 'NQ', action, confidence: 0.8, time: T0, metadata: { stage: 'strategic', shouldProceed: proceed, synergy: { id: 'x', type: 'TYPE_2', direction } } },
      tsEvent: T0,
      tsInit: T0,
    });
    s.bus.emit('decision.made', strategic('buy', false, 1));
    expect(agent.onBar(bar('5m', T0, 200))).toBeUndefined();
    s.bus.emit('decision.made', strategic('sell', true, 1));
    expect(agent.onBar(bar('5m', T0, 200))).toBeUndefined();
    expect(agent.stats().strategicHolds).toBe(2);
    s.bus.emit('decision.made', strategic('buy', true, 1));
    await agent.onBar(bar('5m', T0, 200));
    const tactical = decisions.filter((d) => d.decision.agent === 'under-test').map((d) => d.decision as DecisionEvent['decision']);
    expect(tactical).toHaveLength(1);
    // TYPE_2 weights [0.4, 0.4, 0.2]: S[+1] = 0.8·0.4 + 0.7·0.2 = 0.46; S[−1] = 0.7·0.4 = 0.28 → long, aligned
    // 0.46 + min(0.1, 0.27) = 0.56 < 0.65: no execution
    expect(tactical[0]).toMatchObject({ action: 'hold', metadata: { veto: 'belowThreshold', execute: false } });
    expect(tactical[0]!.confidence).toBeCloseTo(0.56, 6);
    // With a lower threshold it executes: bracket 200 − 2·4 and 200 + 3·4
    const eager = new TacticalAgent(tacticalAgentOptions.parse({ strategic: 'boss', executionThreshold: 0.5, minConfidence: 0.5 }), matrix, runners, { component: atr, index: 1 }, s);
    s.bus.emit('decision.made', strategic('buy', true, 1));
    await eager.onBar(bar('5m', T0 + 300_000, 200));
    const executed = decisions.at(-1)!.decision;
    expect(executed).toMatchObject({ action: 'buy', metadata: { execute: true, entryPrice: 200, atr: 4, stopLoss: 192, takeProfit: 212 } });
  });
});

describe('RiskAgent', () => {
  function market(position: Partial<Position> = {}, equity = 100_000) {
    const submitted: OrderIntent[] = [];
    return {
      submitted,
      orders: { submit: (intent: OrderIntent) => (submitted.push(intent), intent as never), openOrders: () => [] },
      portfolio: { equity, cash: equity, grossExposure: 0, position: () => ({ symbol: 'NQ', quantity: 0, averagePrice: Number.NaN, realizedPnl: 0, unrealizedPnl: 0, markPrice: 100, ...position }) },
      instruments: { get: () => ({ symbol: 'NQ', tickSize: 0.25, multiplier: 20, currency: 'USD', marginRate: 0.1 }) },
    };
  }
  const proposal = (confidence: number, extra: Record<string, unknown> = {}): EventMap['decision.made'] => ({
    decision: { agent: 'tactical', symbol: 'NQ', action: 'buy', confidence, time: T0, metadata: { stage: 'tactical', execute: true, entryPrice: 100, stopLoss: 96, takeProfit: 106, synergy: { id: 'y' }, ...extra } },
    tsEvent: T0,
    tsInit: T0,
  });
  const atr = new FakeIndicator(['atr_tr', 'atr14', 'atr14_ewma'], '5m').set({ atr14: 2 });

  it('sizes from the size head, keeps the proposal bracket and passes Kelly metadata', async () => {
    const s = services();
    const m = market();
    const model = await runner(RISK_CONTRACT, { size_probabilities: [0.1, 0.1, 0.6, 0.1, 0.1], stop_target: [1, 2], monitor_probabilities: [0.85, 0.05, 0.05, 0.05] }, { masks: true, samples: 8 });
    const agent = new RiskAgent(riskAgentOptions.parse({}), model, { component: atr, index: 1 }, m, s);
    s.bus.emit('decision.made', proposal(0.8));
    await agent.onBar(bar('5m', T0));
    expect(m.submitted).toHaveLength(1);
    expect(m.submitted[0]).toMatchObject({ symbol: 'NQ', side: 'buy', quantity: 3, type: 'market', timeInForce: 'ioc', bracket: { stopLoss: 96, takeProfit: 106 } });
    // p = 0.5 + 0.5·(0.8 − 0.5) = 0.65; b = (106 − 100)/(100 − 96) = 1.5
    expect(m.submitted[0]!.metadata).toMatchObject({ winProbability: 0.65, payoffRatio: 1.5, proposedBy: 'tactical' });
  });

  it('halves on reduce_risk, vetoes on emergency_stop, drawdown and an open position, and uses model stops when asked', async () => {
    const outputs = (monitor: number[]) => ({ size_probabilities: [0.05, 0.05, 0.05, 0.8, 0.05], stop_target: [1.5, 2.5], monitor_probabilities: monitor });
    const reduce = await runner(RISK_CONTRACT, outputs([0.2, 0.1, 0.6, 0.1]), { masks: true });
    const stop = await runner(RISK_CONTRACT, outputs([0.1, 0.05, 0.05, 0.8]), { masks: true });

    const s1 = services();
    const m1 = market();
    const a1 = new RiskAgent(riskAgentOptions.parse({ stops: 'model', emergency: { maxRiskScore: 0.95 } }), reduce, { component: atr, index: 1 }, m1, s1);
    await a1.onBar(bar('5m', T0 - 300_000, 100));
    s1.bus.emit('decision.made', proposal(0.9));
    await a1.onBar(bar('5m', T0, 100));
    // size head → 4 contracts, reduce_risk ×0.5 → 2; model stops 100 − 1.5·2, 100 + 2.5·2
    expect(m1.submitted[0]).toMatchObject({ quantity: 2, bracket: { stopLoss: expect.closeTo(97, 5), takeProfit: expect.closeTo(105, 5) } });
    expect(a1.stats()).toMatchObject({ reducedByMonitor: 1, submitted: 1 });

    const s2 = services();
    const m2 = market();
    const a2 = new RiskAgent(riskAgentOptions.parse({ emergency: { maxRiskScore: 0.99 } }), stop, { component: atr, index: 1 }, m2, s2);
    s2.bus.emit('decision.made', proposal(0.9));
    await a2.onBar(bar('5m', T0));
    expect(m2.submitted).toHaveLength(0);
    expect(a2.stats().vetoes.emergencyStop).toBe(1);

    const s3 = services();
    const m3 = market({ quantity: 1 });
    const a3 = new RiskAgent(riskAgentOptions.parse({}), reduce, { component: atr, index: 1 }, m3, s3);
    s3.bus.emit('decision.made', proposal(0.9));
    await a3.onBar(bar('5m', T0));
    expect(a3.stats().vetoes.positioned).toBe(1);

    // Drawdown: equity falls from 100k (the peak seen on the first bar) to 70k → 30% ≥ 20%
    const s4 = services();
    const m4 = market();
    const a4 = new RiskAgent(riskAgentOptions.parse({}), reduce, { component: atr, index: 1 }, m4, s4);
    await a4.onBar(bar('5m', T0 - 300_000));
    (m4.portfolio as { equity: number }).equity = 70_000;
    s4.bus.emit('decision.made', proposal(0.9));
    await a4.onBar(bar('5m', T0));
    expect(a4.stats().vetoes.drawdown).toBe(1);
    expect(m4.submitted).toHaveLength(0);
  });
});

describe('RiskStateTracker', () => {
  it('builds the 10 state values from bars and the account, by hand', async () => {
    const { RiskStateTracker } = await import('../../src/agents/risk-state.js');
    const tracker = new RiskStateTracker({ historyBars: 4, returnBars: 3, sessionClose: '17:00', timeZone: 'America/New_York', closingMinutes: 60 });
    const closes = [100, 101, 99, 102];
    const atrs = [1, 2, 3, 4];
    closes.forEach((close, i) => tracker.update(close, 100 * (i + 1), atrs[i]!));
    // 16:30 New York (EST, UTC−5) on 2024-03-04 is 21:30 UTC: inside the last hour
    const time = Date.parse('2024-03-04T21:30:00Z');
    const state = Array.from(tracker.state({ equity: 90_000, initialEquity: 100_000, peakEquity: 120_000, grossExposure: 50_000, marginUsed: 9_000, openPositions: 1 }, time, new Float32Array(10)));
    const returns = [101 / 100 - 1, 99 / 101 - 1, 102 / 99 - 1];
    const mean = returns.reduce((a, b) => a + b, 0) / 3;
    const sigma = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / 3);
    expect(state[0]).toBeCloseTo(0.9, 6);
    expect(state[1]).toBe(1);
    expect(state[2]).toBe(1); // the latest ATR (4) is the largest of the four
    expect(state[3]).toBe(0);
    expect(state[4]).toBeCloseTo((1.6448536269514722 * sigma * 50_000) / 90_000, 6);
    expect(state[5]).toBeCloseTo(0.25, 6);
    expect(state[6]).toBeCloseTo(0.1, 6);
    expect(state[7]).toBe(1);
    expect(state[8]).toBeCloseTo(Math.min(1, 4 / 2.5 - 1), 6);
    expect(tracker.timeOfDayRisk(Date.parse('2024-03-04T20:00:00Z'))).toBe(0); // 15:00 New York
  });
});
