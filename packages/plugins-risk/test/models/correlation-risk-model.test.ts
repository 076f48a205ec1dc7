import type { OrderIntent } from '@grandmodel/framework';
import { APPROVE, createLogger } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { CorrelationRiskModel, CorrelationShockDetector, correlationOptions, type CorrelationOptionsInput } from '../../src/models/index.js';
import { createHarness, fixedContext, MINUTE } from './risk-harness.js';

const FIVE_MINUTES = 5 * MINUTE;

/** 40 steps of unrelated moves, then both instruments fall 3 % together for 4 steps. */
const CALM = 40;
const RETURNS: [number, number][] = [
  ...Array.from({ length: CALM }, (_, t): [number, number] => [0.01 * Math.sin(1.3 * t), 0.01 * Math.cos(2.1 * t)]),
  ...Array.from({ length: 4 }, (): [number, number] => [-0.03, -0.03]),
];

/** EWMA correlation after the first `count` rows, from the closed form of the covariance (no recursion). */
function ewmaCorrelation(count: number, lambda = 0.94): number {
  let aa = 0;
  let bb = 0;
  let ab = 0;
  for (let t = 0; t < count; t++) {
    const weight = (1 - lambda) * lambda ** (count - 1 - t);
    const [a, b] = RETURNS[t]!;
    aa += weight * a * a;
    bb += weight * b * b;
    ab += weight * a * b;
  }
  return ab / Math.sqrt(aa * bb);
}

function setup(options: CorrelationOptionsInput = {}) {
  const harness = createHarness({ instanceId: 'correlation', cash: 100_000, barMs: FIVE_MINUTES });
  const model = new CorrelationRiskModel(correlationOptions.parse(options), harness.services);
  let a = 100;
  let b = 50;
  harness.step({ A: a, B: b });
  /** Plays rows [from, to) of RETURNS; returns the averages the model reported after each. */
  const play = (from: number, to: number): number[] => {
    const seen: number[] = [];
    for (let t = from; t < to; t++) {
      a *= 1 + RETURNS[t]![0];
      b *= 1 + RETURNS[t]![1];
      harness.step({ A: a, B: b });
      seen.push(model.averageCorrelation);
    }
    return seen;
  };
  const buy = (leverage: number): OrderIntent => ({ symbol: 'A', side: 'buy', quantity: Math.floor((leverage * 100_000) / a), type: 'market' });
  return { harness, model, play, buy, priceA: () => a };
}

describe('correlation: EWMA correlation and the shock rule on constructed series', () => {
  /** The shock rule applied by hand to the closed-form correlations: rise over the lowest of the two previous averages. */
  function expectedShocks(): { step: number; rise: number; severity: string }[] {
    const shocks: { step: number; rise: number; severity: string }[] = [];
    // Averages exist from row 29 (30 returns each); 10 minutes of 5-minute bars = the two previous steps
    for (let t = 30; t < RETURNS.length; t++) {
      const baseline = Math.min(...[t - 1, t - 2].filter((k) => k >= 29).map((k) => ewmaCorrelation(k + 1)));
      const average = ewmaCorrelation(t + 1);
      const rise = average - baseline;
      if (rise > 0.5) shocks.push({ step: t, rise, severity: average > 0.9 || rise > 0.7 ? 'critical' : average > 0.8 || rise > 0.6 ? 'high' : 'moderate' });
    }
    return shocks;
  }

  it('tracks the EWMA correlation and reports shocks on the steps the rule computed by hand says', () => {
    const { harness, model, play } = setup();
    const averages = play(0, RETURNS.length);
    // No average before both instruments have 30 returns
    expect(averages.slice(0, 29).every(Number.isNaN)).toBe(true);
    for (let t = 29; t < RETURNS.length; t++) expect(averages[t]).toBeCloseTo(ewmaCorrelation(t + 1), 12);
    const expected = expectedShocks();
    // The calm phase never trips it; the joint fall does: a moderate shock, then a high one on the next bar
    expect(expected.map((s) => [s.step, s.severity])).toEqual([
      [CALM, 'moderate'],
      [CALM + 1, 'high'],
    ]);
    const shocks = harness.payloads('correlation:shock');
    expect(shocks.map((s) => s['severity'])).toEqual(expected.map((s) => s.severity));
    shocks.forEach((shock, index) => {
      expect(shock['rise'] as number).toBeCloseTo(expected[index]!.rise, 12);
      // One 5-minute bar per row, after the first bar
      expect(shock['time']).toBe(harness.clock.now() - (RETURNS.length - 1 - expected[index]!.step) * FIVE_MINUTES);
    });
    // Only the high one acts (actOnSeverity "high"), once per episode
    expect(shocks.map((s) => s['acted'])).toEqual([false, true]);
    expect(model.allowedLeverage).toBe(2);
    expect(model.activeShock?.severity).toBe('high');
    expect(harness.payloads('risk.breached')).toHaveLength(1);
    expect(harness.payloads('risk.breached')[0]).toMatchObject({ model: 'correlation', metric: 'correlation_shock', limit: 0.5, action: 'none' });
    expect(harness.payloads('risk.breached')[0]!['message']).toContain('allowed leverage 4 → 2 until reset');
  });

  it('acts only on shocks of at least actOnSeverity, and applies a configured trading-state action', () => {
    const critical = setup({ actOnSeverity: 'critical' });
    critical.play(0, RETURNS.length);
    expect(critical.harness.payloads('correlation:shock').map((s) => s['acted'])).toEqual([false, false]);
    expect(critical.model.allowedLeverage).toBe(4);
    expect(critical.harness.payloads('risk.breached')).toEqual([]);
    const moderate = setup({ actOnSeverity: 'moderate', leverageFactor: 0.25, action: 'reduce' });
    moderate.play(0, RETURNS.length);
    expect(moderate.harness.payloads('correlation:shock').map((s) => s['acted'])).toEqual([true, false]);
    expect(moderate.model.allowedLeverage).toBe(1);
    expect(moderate.harness.risk.tradingState).toBe('reducing');
    moderate.model.reset();
    expect(moderate.harness.risk.tradingState).toBe('active');
  });

  it('halves the allowed leverage after a shock: downsizes, or denies, entries beyond it; reset() restores it', () => {
    const { harness, model, play, buy, priceA } = setup();
    play(0, CALM);
    expect(model.check(buy(3), harness.context)).toBe(APPROVE); // 3× under the normal 4×
    play(CALM, RETURNS.length);
    expect(model.allowedLeverage).toBe(2);
    const verdict = model.check(buy(3), harness.context);
    const fits = Math.floor((2 * 100_000) / priceA()); // the largest whole quantity within 2× equity
    expect(verdict.action).toBe('adjust');
    expect(verdict.action === 'adjust' && verdict.intent.quantity).toBe(fits);
    expect(verdict.action === 'adjust' && verdict.reason).toContain('beyond the allowed 2 (cut after a correlation shock)');
    const strict = setup({ downsize: false });
    strict.play(0, RETURNS.length);
    expect(strict.model.check(strict.buy(3), strict.harness.context).action).toBe('deny');
    model.reset('ops', 'desk reviewed the shock');
    expect(model.allowedLeverage).toBe(4);
    expect(harness.payloads('correlation:reset')).toMatchObject([{ by: 'ops', reason: 'desk reviewed the shock', previousLeverage: 2, allowedLeverage: 4 }]);
    expect(model.check(buy(3), harness.context)).toBe(APPROVE);
  });

  it('counts other positions in gross exposure, sizes reversals, and lets reductions pass', () => {
    const { model } = setup({ maxLeverage: 2 });
    // Equity 100,000, 150,000 already in other positions: room for 50,000 = 500 units at 100
    const context = fixedContext({ equity: 100_000, price: 100, position: 0, grossExposure: 150_000, symbol: 'A' });
    const verdict = model.check({ symbol: 'A', side: 'buy', quantity: 800, type: 'market' }, context);
    expect(verdict.action === 'adjust' && verdict.intent.quantity).toBe(500);
    // Short 300 (30,000 of the gross): a buy closes 300 then may open up to (200,000 − 120,000)/100 = 800
    const short = fixedContext({ equity: 100_000, price: 100, position: -300, grossExposure: 150_000, symbol: 'A' });
    const reversal = model.check({ symbol: 'A', side: 'buy', quantity: 2000, type: 'market' }, short);
    expect(reversal.action === 'adjust' && reversal.intent.quantity).toBe(1100);
    expect(model.check({ symbol: 'A', side: 'buy', quantity: 200, type: 'market' }, short)).toBe(APPROVE);
    expect(model.check({ symbol: 'A', side: 'buy', quantity: 10, type: 'market' }, fixedContext({ equity: 0, price: 100 }))).toEqual({ action: 'deny', reason: 'equity is 0: no leverage is allowed' });
  });
});

describe('correlation: window sanity', () => {
  it('warns once when the window cannot reach back to an earlier bar', () => {
    const warnings = (timeframeMinutes: number, window: string): string[] => {
      const lines: string[] = [];
      const harness = createHarness({ instanceId: 'correlation', barMs: timeframeMinutes * MINUTE });
      const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
      new CorrelationRiskModel(correlationOptions.parse({ window }), { ...harness.services, logger });
      harness.step({ A: 100, B: 50 });
      harness.step({ A: 101, B: 51 });
      return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    };
    expect(warnings(30, '10m')).toEqual(['correlation window 10m spans no earlier 30m bar: widen it (e.g. to several bars) or no shock can be detected']);
    expect(warnings(5, '10m')).toEqual([]);
    expect(warnings(10, '10m')).toEqual([]); // exactly one bar back is still inside
  });
});

describe('CorrelationShockDetector', () => {
  it('measures the rise from the lowest average within the window, the current entry excluded', () => {
    const detector = new CorrelationShockDetector(0.5, 10 * MINUTE, 100);
    expect(detector.observe(0, 0.1)).toBeUndefined();
    expect(detector.observe(5 * MINUTE, 0.2)).toBeUndefined();
    // min(0.1 at 0, 0.2 at 5m) = 0.1 (0 is exactly 10 minutes back: inside); rise 0.55: moderate
    expect(detector.observe(10 * MINUTE, 0.65)).toEqual({ time: 10 * MINUTE, average: 0.65, baseline: 0.1, rise: 0.55, severity: 'moderate' });
    // At 20m only 10m (0.65) and 15m are inside; 0.1 is out of the window
    expect(detector.observe(15 * MINUTE, 0.3)).toBeUndefined();
    expect(detector.observe(20 * MINUTE, 0.85)).toEqual({ time: 20 * MINUTE, average: 0.85, baseline: 0.3, rise: 0.55, severity: 'high' });
  });

  it('grades severity: critical above 0.9 or a rise above 0.7, high above 0.8 or 0.6', () => {
    const grade = (baseline: number, average: number) => {
      const detector = new CorrelationShockDetector(0.5, 10 * MINUTE, 10);
      detector.observe(0, baseline);
      return detector.observe(MINUTE, average)?.severity;
    };
    expect(grade(0.3, 0.75)).toBeUndefined(); // rise 0.45
    expect(grade(0.1, 0.65)).toBe('moderate');
    expect(grade(0.0, 0.65)).toBe('high'); // rise 0.65
    expect(grade(0.3, 0.85)).toBe('high'); // average above 0.8
    expect(grade(0.0, 0.75)).toBe('critical'); // rise 0.75
    expect(grade(0.35, 0.95)).toBe('critical'); // average above 0.9
  });

  it('forgets its history on clear() and stays bounded', () => {
    const detector = new CorrelationShockDetector(0.5, 60 * MINUTE, 3);
    detector.observe(0, -0.5);
    detector.clear();
    expect(detector.observe(MINUTE, 0.5)).toBeUndefined();
    for (let t = 2; t < 10; t++) detector.observe(t * MINUTE, 0.5);
    expect(detector.length).toBe(3);
  });
});
