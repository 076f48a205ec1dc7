import type { OrderIntent } from '@grandmodel/framework';
import { APPROVE } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { DrawdownRiskModel, drawdownOptions, type DrawdownOptionsInput } from '../../src/models/index.js';
import { sessionIndex, sessionOffsetMs } from '../../src/models/drawdown/trading-session.js';
import { createHarness, MINUTE, T0 } from './risk-harness.js';

const HOUR = 60 * MINUTE;
const BREACH_FLOW = ['risk.breached', 'trading_state.changed', 'kill_switch.engaged'];

function setup(options: DrawdownOptionsInput = {}) {
  const harness = createHarness({ instanceId: 'drawdown', cash: 100_000 });
  const model = new DrawdownRiskModel(drawdownOptions.parse(options), harness.services);
  let time = T0 + 10 * HOUR;
  /** Publishes `account.updated` with this equity, one minute after the previous one (or at `at`). */
  const equity = (value: number, at?: number): void => {
    time = at ?? time + MINUTE;
    harness.account(value, time);
  };
  return { harness, model, equity };
}

describe('drawdown: the circuit-breaker ladder', () => {
  it('steps 10 % → REDUCING, 15 % → HALTED, 20 % → kill switch with flattening, each breach once per crossing', () => {
    const { harness, model, equity } = setup({ dailyLossLimit: null });
    equity(100_000);
    equity(104_000); // new peak
    equity(98_800); // 5 % below 104,000: nothing
    expect(harness.names(BREACH_FLOW)).toEqual([]);
    equity(93_600); // (104,000 − 93,600) / 104,000 = 10 % exactly
    expect(model.drawdown).toBe(0.1);
    expect(harness.risk.tradingState).toBe('reducing');
    equity(90_000); // 13.46 %: nothing new
    equity(88_400); // 15 %
    expect(harness.risk.tradingState).toBe('halted');
    equity(83_200); // 20 %
    expect(harness.killSwitch.engaged).toBe(true);
    expect(harness.names(BREACH_FLOW)).toEqual([
      'risk.breached',
      'trading_state.changed',
      'risk.breached',
      'trading_state.changed',
      'risk.breached',
      'kill_switch.engaged', // already HALTED: the switch does not change the state again
    ]);
    expect(harness.payloads('risk.breached').map((e) => [e['metric'], e['limit'], e['action']])).toEqual([
      ['drawdown', 0.1, 'reduce'],
      ['drawdown', 0.15, 'halt'],
      ['drawdown', 0.2, 'flatten'],
    ]);
    expect(harness.payloads('risk.breached')[0]!['message']).toBe('drawdown 10% from the equity peak 104000 (equity 93600) reached the 10% step: reduce');
    expect(harness.payloads('trading_state.changed').map((e) => [e['from'], e['to'], e['by']])).toEqual([
      ['active', 'reducing', 'drawdown'],
      ['reducing', 'halted', 'drawdown'],
    ]);
    expect(harness.payloads('kill_switch.engaged')[0]).toMatchObject({ by: 'drawdown', flatten: true });
  });

  it('fires every step crossed in one jump, in order, and re-arms a step once the drawdown falls back below it', () => {
    const { harness, equity } = setup({ dailyLossLimit: null, steps: [{ drawdown: 0.1, action: 'none' }, { drawdown: 0.2, action: 'none' }] });
    equity(200_000);
    equity(150_000); // 25 %: both steps at once
    equity(170_000); // 15 %: the 20 % step re-arms
    equity(190_000); // 5 %: the 10 % step re-arms
    equity(178_000); // 11 %: the 10 % step again
    expect(harness.payloads('risk.breached').map((e) => [e['limit'], e['value']])).toEqual([
      [0.1, 0.25],
      [0.2, 0.25],
      [0.1, 0.11],
    ]);
    expect(harness.risk.tradingState).toBe('active'); // action none
  });

  it('never loosens a tighter state set by someone else', () => {
    const { harness, equity } = setup({ dailyLossLimit: null });
    harness.risk.setTradingState('halted', 'operator pause', 'operator');
    equity(100_000);
    equity(89_000); // the reduce step must not turn HALTED into REDUCING
    expect(harness.risk.tradingState).toBe('halted');
    expect(harness.payloads('risk.breached')).toHaveLength(1);
  });

  it('reset() re-arms the ladder, measures from the current equity, and lifts the state it set', () => {
    const { harness, model, equity } = setup({ dailyLossLimit: null });
    equity(100_000);
    equity(84_000); // 16 %: reduce, then halt
    expect(harness.risk.tradingState).toBe('halted');
    model.reset('ops');
    expect(harness.risk.tradingState).toBe('active');
    expect(harness.payloads('trading_state.changed').at(-1)).toMatchObject({ from: 'halted', to: 'active', by: 'drawdown', reason: 'drawdown reset by ops' });
    equity(84_000); // the new peak is 84,000: no drawdown
    expect(model.peakEquity).toBe(84_000);
    equity(75_600); // 10 % of 84,000
    expect(harness.risk.tradingState).toBe('reducing');
    expect(harness.payloads('risk.breached')).toHaveLength(3);
  });

  it('leaves an engaged kill switch engaged on reset(); the operator resets the switch itself', () => {
    const { harness, model, equity } = setup({ dailyLossLimit: null });
    equity(100_000);
    equity(79_000);
    model.reset('ops');
    expect(harness.killSwitch.engaged).toBe(true);
    expect(harness.risk.tradingState).toBe('halted');
    harness.killSwitch.reset('ops');
    expect(harness.risk.tradingState).toBe('active');
  });

  it('scales entries by the sizeMultiplier of the deepest step reached (the spec ladder: −50 %, −75 %)', () => {
    const { harness, model, equity } = setup({
      dailyLossLimit: null,
      steps: [
        { drawdown: 0.1, action: 'none', sizeMultiplier: 0.5 },
        { drawdown: 0.15, action: 'none', sizeMultiplier: 0.25 },
        { drawdown: 0.2, action: 'halt' },
      ],
    });
    const buy = (quantity: number): OrderIntent => ({ symbol: 'X', side: 'buy', quantity, type: 'market' });
    equity(100_000);
    expect(model.check(buy(10), harness.context)).toBe(APPROVE);
    equity(88_000); // 12 %
    expect(model.check(buy(10), harness.context)).toEqual({ action: 'adjust', intent: buy(5), reason: 'drawdown 12% scales entries by 0.5: quantity 10 → 5' });
    equity(84_000); // 16 %
    const verdict = model.check(buy(10), harness.context);
    expect(verdict.action === 'adjust' && verdict.intent.quantity).toBe(2); // 2.5 → 2 lots
    expect(model.check(buy(3), harness.context)).toEqual({ action: 'deny', reason: 'drawdown 16% scales entries by 0.25: quantity 3 rounds to 0' });
    // A reduction passes
    harness.step({ X: 100 });
    harness.fill('X', 'buy', 4, 100);
    expect(model.check({ symbol: 'X', side: 'sell', quantity: 4, type: 'market' }, harness.context)).toBe(APPROVE);
  });
});

describe('drawdown: the daily loss limit', () => {
  it('halts once the session loss reaches the limit and lifts it when the next session starts', () => {
    const { harness, model, equity } = setup({ steps: [{ drawdown: 0.5, action: 'none' }] });
    const day = (n: number, hour: number) => T0 + n * 24 * HOUR + hour * HOUR;
    equity(100_000, day(0, 10));
    equity(96_000, day(0, 12)); // 4 %
    expect(harness.payloads('risk.breached')).toEqual([]);
    equity(94_900, day(0, 13)); // 5.1 %
    expect(model.dailyLoss).toBeCloseTo(0.051, 15);
    expect(harness.risk.tradingState).toBe('halted');
    equity(94_000, day(0, 14)); // once per session
    expect(harness.payloads('risk.breached')).toHaveLength(1);
    expect(harness.payloads('risk.breached')[0]).toMatchObject({ metric: 'daily_loss', limit: 0.05, action: 'halt' });
    expect(harness.payloads('risk.breached')[0]!['message']).toBe("session loss 5.1% of the session's starting equity 100000 (equity 94900) reached the daily limit 5%: halt");
    // Next session (UTC midnight): starts from the last equity of the day before, 94,000
    equity(94_500, day(1, 1));
    expect(harness.risk.tradingState).toBe('active');
    expect(harness.payloads('trading_state.changed').at(-1)).toMatchObject({ from: 'halted', to: 'active', by: 'drawdown' });
    equity(89_300, day(1, 5)); // (94,000 − 89,300) / 94,000 = 5 % exactly
    expect(harness.risk.tradingState).toBe('halted');
    expect(harness.payloads('risk.breached')).toHaveLength(2);
  });

  it('keeps the state when a ladder step acted during the session', () => {
    const { harness, equity } = setup({ dailyLossLimit: 0.05 });
    equity(100_000, T0 + 10 * HOUR);
    equity(89_000, T0 + 11 * HOUR); // daily 11 % (halt) and drawdown 11 % (reduce: already tighter)
    equity(89_500, T0 + 25 * HOUR);
    expect(harness.risk.tradingState).toBe('halted');
  });

  it('uses the configured UTC session start', () => {
    const offset = sessionOffsetMs('22:00');
    expect(offset).toBe(22 * HOUR);
    expect(sessionIndex(T0 + 21 * HOUR + 59 * MINUTE, offset)).toBe(sessionIndex(T0 - HOUR, offset));
    expect(sessionIndex(T0 + 22 * HOUR, offset)).toBe(sessionIndex(T0 + 21 * HOUR + 59 * MINUTE, offset) + 1);
    const { harness, equity } = setup({ sessionStart: '22:00', steps: [{ drawdown: 0.5, action: 'none' }] });
    equity(100_000, T0 + 20 * HOUR);
    equity(95_000, T0 + 21 * HOUR); // 5 % in the session that began at 22:00 the day before
    expect(harness.risk.tradingState).toBe('halted');
    equity(95_000, T0 + 22 * HOUR); // a new session begins at 22:00
    expect(harness.risk.tradingState).toBe('active');
  });
});
