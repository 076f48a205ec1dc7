import type { OrderIntent } from '@grandmodel/framework';
import { APPROVE, SeededRandom } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { simulatePortfolioReturns } from '../../src/math/index.js';
import { PortfolioPathSimulator, VarRiskModel, varOptions, type VarOptionsInput } from '../../src/models/index.js';
import { createHarness } from './risk-harness.js';

/**
 * Twenty constructed returns. Sorted: −0.04, −0.035, −0.03, −0.025, −0.02, −0.015, −0.01, −0.005, 0, 0.004, 0.005, …
 * Historical (numpy-linear) quantiles by hand:
 * - 5 %: h = 19 × 0.05 = 0.95 → −0.04 + 0.95 × 0.005 = −0.03525, so VaR95 = 0.03525
 * - 1 %: h = 19 × 0.01 = 0.19 → −0.04 + 0.19 × 0.005 = −0.03905, so VaR99 = 0.03905
 * - ES95: the only return at or below −0.03525 is −0.04, so ES95 = 0.04
 */
const RETURNS = [-0.04, 0.01, -0.025, 0.03, -0.01, 0.005, 0.02, -0.015, 0, 0.012, -0.035, 0.018, -0.005, 0.025, -0.02, 0.008, 0.015, -0.03, 0.004, 0.01];
const VAR95 = 0.03525;
const VAR99 = 0.03905;
const ES95 = 0.04;
const EQUITY = 100_000;
const Z95 = 1.6448536269514722;

function setup(options: VarOptionsInput, returns: readonly number[] = RETURNS) {
  const harness = createHarness({ instanceId: 'var', cash: EQUITY });
  const model = new VarRiskModel(varOptions.parse({ window: 20, minObservations: 10, ...options }), harness.services, new SeededRandom(42));
  let price = 100;
  harness.step({ X: price });
  harness.account();
  for (const r of returns) {
    price *= 1 + r;
    harness.step({ X: price });
    harness.account();
  }
  /** Trades at the last close to make the position worth `weight` × equity (equity stays 100,000: no P&L at the mark). */
  const holdWeight = (weight: number): void => {
    const current = harness.portfolio.position('X')?.quantity ?? 0;
    const target = (weight * EQUITY) / price;
    if (target > current) harness.fill('X', 'buy', target - current, price);
    else harness.fill('X', 'sell', current - target, price);
    harness.account();
  };
  const buyWeight = (weight: number): OrderIntent => ({ symbol: 'X', side: 'buy', quantity: (weight * EQUITY) / price, type: 'market' });
  return { harness, model, holdWeight, buyWeight, price: () => price };
}

/** RiskMetrics EWMA variance by its closed form (1 − λ)·Σₜ λ^(T−t)·rₜ² (no recursion). */
function ewmaVariance(returns: readonly number[], lambda = 0.94): number {
  return returns.reduce((sum, r, t) => sum + (1 - lambda) * lambda ** (returns.length - 1 - t) * r * r, 0);
}

describe('var: historical VaR breaches on a constructed return series', () => {
  it('measures w × VaR of the series and raises once per crossing, then recovers when back within limits', () => {
    const { harness, model, holdWeight } = setup({});
    expect(model.observations).toBe(20);
    holdWeight(0.5);
    const [var95, var99] = model.readings();
    expect(model.method).toBe('historical');
    expect(var95!.value).toBeCloseTo(0.5 * VAR95, 12); // 0.017625 < 2 %
    expect(var99!.value).toBeCloseTo(0.5 * VAR99, 12);
    expect(harness.payloads('risk.breached')).toEqual([]);

    holdWeight(0.6); // 0.6 × 0.03525 = 0.02115 > 2 %
    holdWeight(0.62); // still beyond: no second event
    holdWeight(1.3); // 99 %: 1.3 × 0.03905 = 0.050765 > 5 %
    holdWeight(0.4); // 0.0141 and 0.01562: both met again
    expect(harness.names(['risk.breached', 'trading_state.changed'])).toEqual(['risk.breached', 'trading_state.changed', 'risk.breached', 'trading_state.changed']);
    const [first, second] = harness.payloads('risk.breached');
    expect(first).toMatchObject({ model: 'var', metric: 'var_95', limit: 0.02, action: 'reduce', message: '1-bar historical VaR at 95% is 2.115% of equity 100000, beyond the 2% limit' });
    expect(first!['value'] as number).toBeCloseTo(0.6 * VAR95, 12);
    expect(second).toMatchObject({ metric: 'var_99', limit: 0.05, action: 'reduce' });
    expect(second!['value'] as number).toBeCloseTo(1.3 * VAR99, 12);
    expect(harness.payloads('trading_state.changed').map((e) => [e['from'], e['to'], e['by']])).toEqual([
      ['active', 'reducing', 'var'],
      ['reducing', 'active', 'var'],
    ]);
  });

  it('sits exactly at the threshold without breaching (the limit is "beyond", not "at")', () => {
    const { harness, model, holdWeight } = setup({ limits: [{ confidence: 0.95, limit: 0.5 * VAR95 + 1e-9 }] });
    holdWeight(0.5);
    expect(model.readings()[0]!.breached).toBe(false);
    expect(harness.payloads('risk.breached')).toEqual([]);
  });

  it('halts on a breach when configured, and holds the state until reset() with recovery "manual"', () => {
    const { harness, model, holdWeight } = setup({ action: 'halt', recovery: 'manual' });
    holdWeight(0.6);
    expect(harness.risk.tradingState).toBe('halted');
    holdWeight(0.1); // back within, but manual recovery
    expect(harness.risk.tradingState).toBe('halted');
    model.reset('ops');
    expect(harness.risk.tradingState).toBe('active');
    expect(harness.payloads('trading_state.changed').at(-1)).toMatchObject({ from: 'halted', to: 'active', by: 'var', reason: 'var reset by ops' });
  });

  it('limits expected shortfall when asked: ES95 = w × 0.04', () => {
    const { harness, model, holdWeight } = setup({ limits: [{ confidence: 0.95, limit: 0.02, measure: 'es' }] });
    holdWeight(0.45);
    expect(model.readings()[0]!.value).toBeCloseTo(0.45 * ES95, 12); // 0.018
    expect(harness.payloads('risk.breached')).toEqual([]);
    holdWeight(0.55);
    expect(harness.payloads('risk.breached')).toMatchObject([{ metric: 'es_95', message: '1-bar historical expected shortfall at 95% is 2.2% of equity 100000, beyond the 2% limit' }]);
  });

  it('scales historical VaR by √horizon', () => {
    const { model, holdWeight } = setup({ horizon: 4, limits: [{ confidence: 0.95, limit: 1 }] });
    holdWeight(0.5);
    expect(model.readings()[0]!.value).toBeCloseTo(2 * 0.5 * VAR95, 12);
  });

  it('measures a short: the loss tail is the top of the return distribution', () => {
    const { harness, model } = setup({ limits: [{ confidence: 0.95, limit: 1 }] });
    harness.account(); // flat: nothing at risk
    expect(model.readings()[0]!.value).toBe(0);
    const { harness: h2, model: short } = setup({ limits: [{ confidence: 0.95, limit: 1 }] });
    h2.fill('X', 'sell', 500, h2.portfolio.lastPrice('X')!);
    h2.account();
    // −w·r has 5 % quantile −w × (95 % quantile of r); sorted top: …, 0.025, 0.03 → h = 18.05: 0.025 + 0.05 × 0.005 = 0.02525
    const weight = (500 * h2.portfolio.lastPrice('X')!) / EQUITY;
    expect(short.readings()[0]!.value).toBeCloseTo(weight * 0.02525, 12);
  });
});

describe('var: parametric and Monte Carlo estimates', () => {
  it('uses the parametric EWMA estimate until the historical window is full', () => {
    const first15 = RETURNS.slice(0, 15);
    const { model, holdWeight } = setup({ limits: [{ confidence: 0.95, limit: 1 }] }, first15);
    holdWeight(0.5);
    expect(model.method).toBe('parametric');
    // VaR = z95 × |w| × σ with σ² the EWMA variance of the 15 returns
    expect(model.readings()[0]!.value).toBeCloseTo(Z95 * 0.5 * Math.sqrt(ewmaVariance(first15)), 12);
  });

  it('parametric method: z × √(wᵀΣw) for two correlated instruments', () => {
    const harness = createHarness({ instanceId: 'var', cash: EQUITY });
    const model = new VarRiskModel(varOptions.parse({ method: 'parametric', window: 10, minObservations: 5, limits: [{ confidence: 0.99, limit: 1 }] }), harness.services, new SeededRandom(1));
    const a = [0.01, -0.02, 0.015, 0.005, -0.01, 0.02];
    const b = [0.008, -0.01, 0.02, -0.004, -0.012, 0.01];
    let pa = 50;
    let pb = 200;
    harness.step({ A: pa, B: pb });
    a.forEach((r, t) => {
      pa *= 1 + r;
      pb *= 1 + b[t]!;
      harness.step({ A: pa, B: pb });
    });
    harness.fill('A', 'buy', 600, pa); // weight 600·pa / 1e5
    harness.fill('B', 'sell', 100, pb);
    harness.account();
    const wa = (600 * pa) / EQUITY;
    const wb = (-100 * pb) / EQUITY;
    const rows = a.map((r, t) => [r, b[t]!]);
    const cov = (i: number, j: number) => rows.reduce((sum, row, t) => sum + 0.06 * 0.94 ** (rows.length - 1 - t) * row[i]! * row[j]!, 0);
    const variance = wa * wa * cov(0, 0) + 2 * wa * wb * cov(0, 1) + wb * wb * cov(1, 1);
    expect(model.readings()[0]!.value).toBeCloseTo(2.3263478740408408 * Math.sqrt(variance), 12);
  });

  it('Monte Carlo converges to the parametric value and reproduces for a seed', () => {
    const returnsA: number[] = [];
    const returnsB: number[] = [];
    for (let t = 0; t < 25; t++) {
      const common = Math.sin(t * 1.7) * 0.01;
      returnsA.push(common + Math.cos(t * 0.9) * 0.004);
      returnsB.push(0.8 * common - Math.sin(t * 2.3) * 0.006);
    }
    const build = (seed: number) => {
      const harness = createHarness({ instanceId: 'var', cash: EQUITY });
      const model = new VarRiskModel(varOptions.parse({ method: 'monte-carlo', paths: 100_000, window: 30, minObservations: 10, limits: [{ confidence: 0.95, limit: 1 }] }), harness.services, new SeededRandom(seed));
      let pa = 100;
      let pb = 100;
      harness.step({ A: pa, B: pb });
      for (let t = 0; t < 25; t++) {
        pa *= 1 + returnsA[t]!;
        pb *= 1 + returnsB[t]!;
        harness.step({ A: pa, B: pb });
      }
      harness.fill('A', 'buy', 300, pa);
      harness.fill('B', 'buy', 200, pb);
      harness.account();
      return { model, weights: [(300 * pa) / EQUITY, (200 * pb) / EQUITY] };
    };
    const one = build(7);
    const again = build(7);
    const other = build(8);
    expect(one.model.method).toBe('monte-carlo');
    expect(again.model.readings()[0]!.value).toBe(one.model.readings()[0]!.value);
    expect(other.model.readings()[0]!.value).not.toBe(one.model.readings()[0]!.value);
    // Exact normal value z95 × √(wᵀΣw), Σ the EWMA covariance by its closed form
    const rows = returnsA.map((r, t) => [r, returnsB[t]!]);
    const cov = (i: number, j: number) => rows.reduce((sum, row, t) => sum + 0.06 * 0.94 ** (rows.length - 1 - t) * row[i]! * row[j]!, 0);
    const [wa, wb] = one.weights as [number, number];
    const exact = Z95 * Math.sqrt(wa * wa * cov(0, 0) + 2 * wa * wb * cov(0, 1) + wb * wb * cov(1, 1));
    // Sampling error of the 5 % quantile with 100,000 paths: σ√(0.05·0.95/1e5)/φ(1.645) ≈ 0.42 % of VaR; allow ~5 of them
    expect(Math.abs(one.model.readings()[0]!.value / exact - 1)).toBeLessThan(0.02);
  });

  it('PortfolioPathSimulator draws exactly what simulatePortfolioReturns draws, without allocating per call', () => {
    const covariance = [0.0004, 0.0001, 0, 0.0001, 0.0001, 0.00002, 0, 0.00002, 0.0009];
    const weights = [0.6, 0.4, -0.3];
    const simulator = new PortfolioPathSimulator(3, 500);
    const paths = simulator.simulate(covariance, weights, 2, new SeededRandom(99));
    const reference = simulatePortfolioReturns(covariance, weights, { paths: 500, seed: new SeededRandom(99), horizon: 2 });
    expect([...paths]).toEqual([...reference]);
    expect(simulator.simulate(covariance, weights, 2, new SeededRandom(99))).toBe(paths);
  });
});

describe('var: pre-trade check', () => {
  it('denies an entry whose post-trade VaR would breach and be worse, and lets the rest pass', () => {
    const { harness, model, holdWeight, buyWeight } = setup({ preTrade: true });
    holdWeight(0.5);
    expect(model.check(buyWeight(0.05), harness.context)).toBe(APPROVE); // 0.55 × 0.03525 = 0.0194
    const verdict = model.check(buyWeight(0.1), harness.context); // 0.6 → 0.02115
    expect(verdict).toEqual({ action: 'deny', reason: 'post-trade 1-bar historical VaR at 95% would be 2.115% of equity, beyond the 2% limit' });
    // Selling only reduces: always passes
    expect(model.check({ ...buyWeight(0.3), side: 'sell' }, harness.context)).toBe(APPROVE);
    // Off by default
    const { harness: h2, model: plain, holdWeight: hold2, buyWeight: buy2 } = setup({});
    hold2(0.5);
    expect(plain.check(buy2(0.5), h2.context)).toBe(APPROVE);
  });

  it('passes orders while there is not enough history to estimate', () => {
    const { harness, model, buyWeight } = setup({ preTrade: true }, RETURNS.slice(0, 5));
    expect(model.check(buyWeight(5), harness.context)).toBe(APPROVE);
  });
});
