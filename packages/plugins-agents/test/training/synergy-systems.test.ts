import type { Bar, IndicatorRegistry, OrderIntent, SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import type { RiskStateTracker } from '../../src/agents/risk-state.js';
import type { SynergyDetectedPayload } from '../../src/synergy/index.js';
import {
  mirrorTacticalMatrix,
  StrategicSystem,
  SYNERGY_TRADE_HOLDING_MINUTES,
  TacticalSystem,
  TradingDesk,
  type ActorDecision,
  type DecisionContext,
} from '../../src/training/index.js';

const T0 = Date.parse('2024-03-05T15:00:00Z');
const ATR = 12.3;
const CLOSE = 17_001.5;

/** A venue stand-in: records submitted orders; position and working orders are set by the test. */
class FakeVenue {
  readonly submitted: OrderIntent[] = [];
  position = 0;
  working = 0;
  readonly orders: { readonly openOrderCount: number; cancelAll(): void; submit(intent: OrderIntent): void };
  readonly portfolio = { position: () => ({ quantity: this.position }) };

  constructor() {
    const venue = this;
    this.orders = {
      get openOrderCount(): number {
        return venue.working;
      },
      cancelAll: () => {
        venue.working = 0;
      },
      submit: (intent) => {
        venue.submitted.push(intent);
        venue.working++;
      },
    };
  }
}
let venue = new FakeVenue();

/** A matrix assembler stand-in holding one fixed row-major window. */
function matrixSource(window: Float32Array, rows: number, columns: number) {
  return {
    isReady: true,
    matrix: {
      window: rows,
      columns,
      gather: (selected: readonly number[] | undefined, target: Float32Array) => {
        if (selected === undefined) target.set(window);
        else for (let r = 0; r < rows; r++) selected.forEach((c, j) => (target[r * selected.length + j] = window[r * columns + c]!));
        return target;
      },
      latest: (column: number) => window[(rows - 1) * columns + column]!,
    },
  };
}

function registry(id: string, source: unknown): IndicatorRegistry {
  return { has: (name) => name === id, get: () => source as never, ids: () => [id] };
}

function synergy(direction: number, synergyType = 'TYPE_1'): SynergyDetectedPayload {
  return { symbol: 'NQ', synergyType, direction, strength: 0.6, confidence: 0.8, tsEvent: T0, tsInit: T0, details: {} };
}

function context(minutes: number, options: { synergy?: SynergyDetectedPayload; timeframe?: string } = {}): DecisionContext {
  const end = T0 + minutes * 60_000;
  const bar: Bar = { symbol: 'NQ', timeframe: options.timeframe ?? '5m', start: end - 300_000, end, open: CLOSE, high: CLOSE + 2, low: CLOSE - 2, close: CLOSE, volume: 100, synthetic: false };
  const riskState = { atr: ATR, volatilityPercentile: () => 0.4 } as unknown as RiskStateTracker;
  return {
    bar,
    indicators: registry('none', undefined),
    desk: new TradingDesk(venue.orders as never, venue.portfolio as never, 'NQ', 'test'),
    riskState,
    account: { equity: 100_000, initialEquity: 100_000, peakEquity: 100_000, grossExposure: 0, marginUsed: 0, openPositions: 0 },
    equity: 100_000,
    drawdown: 0.01,
    multiplier: 20,
    marginRate: 0.05,
    tickSize: 0.25,
    contracts: 2,
    hasAtr: true,
    synergy: options.synergy,
  };
}

/** A sampled decision: `choice` with the given probabilities. */
function decision(choice: number, probabilities: readonly number[]): ActorDecision {
  const p = Float32Array.from(probabilities);
  return { outputs: [p], choices: Int32Array.of(choice), continuous: [], logProbability: Math.log(p[choice]!), entropy: -p.reduce((s, q) => s + q * Math.log(q), 0) };
}

const fixedDraw = (value: number) => ({ next: () => value }) as unknown as SeededRandom;
const onTick = (price: number): number => Math.round(price / 0.25) * 0.25;

describe('TacticalSystem (decides on synergies, trades the pipeline vote)', () => {
  const window = Float32Array.from({ length: 420 }, (_, i) => ((i * 37) % 11) / 10 - 0.5);

  function tactical(draw: number): TacticalSystem {
    venue = new FakeVenue();
    const system = new TacticalSystem({ random: fixedDraw(draw) });
    system.bind(registry('tactical-matrix', matrixSource(window, 60, 7)));
    return system;
  }

  it('decides only on a synergy bar, executes an aligned consensus with the 2/3 ATR bracket, and settles when the trade is closed', () => {
    const system = tactical(0.9); // no mirror
    expect(system.observe(context(0))).toBe(false);
    expect(system.observe(context(0, { synergy: synergy(1) }))).toBe(true);
    expect(Array.from(system.observations[0]!)).toEqual(Array.from(window));
    expect(Array.from(system.joint.subarray(420))).toEqual([1, Math.fround(0.6), Math.fround(0.8)]);
    // TYPE_1 weights [0.5, 0.3, 0.2]: long 0.8·0.5 + 0.7·0.3 = 0.61, + min(0.1, 0.5·0.39) = 0.71 ≥ 0.65
    system.act([decision(2, [0.1, 0.1, 0.8]), decision(2, [0.2, 0.1, 0.7]), decision(1, [0.25, 0.5, 0.25])], context(0));
    expect(venue.submitted).toHaveLength(1);
    expect(venue.submitted[0]).toMatchObject({ side: 'buy', quantity: 2, type: 'market', bracket: { stopLoss: onTick(CLOSE - 2 * ATR), takeProfit: onTick(CLOSE + 3 * ATR) } });
    // Entry working, then filled with the bracket working: not settled; flat with nothing working: settled
    expect(system.settled(context(5))).toBe(false);
    venue.position = 2;
    expect(system.settled(context(10))).toBe(false);
    venue.position = 0;
    venue.working = 0;
    expect(system.settled(context(15))).toBe(true);
    // Per agent: tanh(pnl/100) + 0.2·[own vote aligned] + 0.1·[entry slippage < 0.05 %]; capital at risk 2·12.3·2·20/100000 = 0.98 % ≤ 2 %
    const reward = system.reward({ pnl: 80, pnlStd: 50, slippage: 0.0002 });
    const expected = [0.2, 0.2, 0].map((alignment) => Math.tanh(0.8) + alignment + 0.1);
    reward.perActor!.forEach((r, i) => expect(r).toBeCloseTo(expected[i]!, 12));
    expect(reward.total).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 12);
    expect(reward.parts['alignment']).toBeCloseTo(0.2 * (2 / 3), 12);
  });

  it('vetoes a consensus against the synergy below 0.95 (no trade, settled at once) and closes a trade at the holding limit', () => {
    const system = tactical(0.9);
    system.observe(context(0, { synergy: synergy(1) }));
    // Short consensus 0.9·0.5 + 0.9·0.3 = 0.72 < 0.95 against a long synergy
    system.act([decision(0, [0.9, 0.05, 0.05]), decision(0, [0.9, 0.05, 0.05]), decision(1, [0.3, 0.4, 0.3])], context(0));
    expect(venue.submitted).toHaveLength(0);
    expect(system.settled(context(5))).toBe(true);
    expect(system.reward({ pnl: 0, pnlStd: 1, slippage: undefined }).perActor).toEqual([0, 0, 0]);

    system.observe(context(10, { synergy: synergy(-1, 'TYPE_3') }));
    system.act([decision(0, [0.9, 0.05, 0.05]), decision(0, [0.9, 0.05, 0.05]), decision(0, [0.9, 0.05, 0.05])], context(10));
    expect(venue.submitted[0]).toMatchObject({ side: 'sell', quantity: 2 });
    venue.position = -2;
    expect(system.settled(context(10 + SYNERGY_TRADE_HOLDING_MINUTES - 5))).toBe(false);
    expect(venue.submitted).toHaveLength(1);
    // At the limit the bracket is cancelled and the position closed at the market
    expect(system.settled(context(10 + SYNERGY_TRADE_HOLDING_MINUTES))).toBe(false);
    expect(venue.submitted[1]).toMatchObject({ side: 'buy', quantity: 2, type: 'market' });
    expect(venue.submitted[1]!.bracket).toBeUndefined();
  });

  it('shows a mirrored synergy as the reflected matrix with the direction flipped, and trades the consensus reflected back', () => {
    const system = tactical(0.1); // draw < 0.5: mirrored
    system.observe(context(0, { synergy: synergy(1) }));
    expect(Array.from(system.observations[0]!)).toEqual(Array.from(mirrorTacticalMatrix(window, new Float32Array(420))));
    expect(system.joint[420]).toBe(-1);
    // Aligned in the mirror (short) → long here
    system.act([decision(0, [0.8, 0.1, 0.1]), decision(0, [0.7, 0.2, 0.1]), decision(0, [0.6, 0.2, 0.2])], context(0));
    expect(venue.submitted[0]).toMatchObject({ side: 'buy', bracket: { stopLoss: onTick(CLOSE - 2 * ATR), takeProfit: onTick(CLOSE + 3 * ATR) } });
    venue.working = 0;
    expect(system.reward({ pnl: -30, pnlStd: 1, slippage: 0.01 }).perActor).toEqual([0, 1, 2].map(() => Math.tanh(-0.3) + 0.2));
  });
});

describe('StrategicSystem (decides on synergies, each actor rewarded for its own action)', () => {
  const window = Float32Array.from({ length: 48 * 13 }, (_, i) => Math.sin(i / 7));

  it('slices the columns of each actor, follows the gated actor, and rewards every actor with the synergy term of its own action', () => {
    venue = new FakeVenue();
    const system = new StrategicSystem({ mirror: false });
    system.bind(registry('strategic-matrix', matrixSource(window, 48, 13)));
    expect(system.observe(context(0, { timeframe: '30m' }))).toBe(false);
    expect(system.observe(context(0, { timeframe: '30m', synergy: synergy(-1) }))).toBe(true);
    // MLMI reads columns [0, 1, 9, 10] row by row
    for (const [row, j] of [[0, 0], [5, 2], [47, 3]] as const) expect(system.observations[0]![row * 4 + j]).toBe(window[row * 13 + [0, 1, 9, 10][j]!]);
    expect(system.observations[2]![47 * 3 + 1]).toBe(window[47 * 13 + 11]);
    expect(Array.from(system.joint.subarray(630))).toEqual([-1, Math.fround(0.6), Math.fround(0.8)]);
    // MLMI sells, NW-RQK holds, Regime buys; the gating network picks MLMI → short
    system.act([decision(2, [0.1, 0.2, 0.7]), decision(1, [0.3, 0.4, 0.3]), decision(0, [0.5, 0.3, 0.2]), decision(0, [0.6, 0.2, 0.2])], context(0, { timeframe: '30m' }));
    expect(venue.submitted[0]).toMatchObject({ side: 'sell', quantity: 2, bracket: { stopLoss: onTick(CLOSE + 2 * ATR), takeProfit: onTick(CLOSE - 3 * ATR) } });
    venue.working = 0;
    expect(system.settled(context(30, { timeframe: '30m' }))).toBe(true);
    const reward = system.reward({ pnl: 200, pnlStd: 100, slippage: undefined }, context(30, { timeframe: '30m' }));
    // tanh(200/200) + 0.2·0.6·direction·(−1) − 0.3·(0 + 0.05·1·0.4) + 0.1·mean entropy of the three actors
    const entropy = [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.5, 0.3, 0.2]].map((p) => -p.reduce((s, q) => s + q * Math.log(q), 0)).reduce((a, b) => a + b) / 3;
    const base = Math.tanh(1) - 0.3 * 0.05 * 0.4 + 0.1 * entropy;
    const expected = [-1, 0, 1, -1].map((direction) => base + 0.2 * 0.6 * direction * -1);
    reward.perActor!.forEach((r, i) => expect(r).toBeCloseTo(expected[i]!, 5));
    expect(reward.total).toBeCloseTo(expected[3]!, 5);
  });
});
