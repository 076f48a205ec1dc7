import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { MachineLearningMarketIndicator } from './machine-learning-market-indicator.js';

function randomBars(seed: number, count: number): BarInput[] {
  const random = new SeededRandom(seed);
  const bars: BarInput[] = [];
  let price = 1000;
  for (let index = 0; index < count; index += 1) {
    const open = price;
    const close = Math.round((open + random.normal() * 4) * 4) / 4;
    bars.push({ start: index * 1_800_000, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 100 });
    price = close;
  }
  return bars;
}

// Batch reference written from the spec's array definitions
function wma(series: number[], length: number): number[] {
  return series.map((_, index) => {
    if (index < length - 1) return 0;
    let sum = 0;
    for (let back = 0; back < length; back += 1) sum += (series[index - back] as number) * (length - back);
    return sum / ((length * (length + 1)) / 2);
  });
}

function rsi(prices: number[], period: number): number[] {
  const gains = prices.map((price, index) => (index === 0 ? 0 : Math.max(price - (prices[index - 1] as number), 0)));
  const losses = prices.map((price, index) => (index === 0 ? 0 : Math.max((prices[index - 1] as number) - price, 0)));
  const out = prices.map(() => 0);
  let gain = 0;
  let loss = 0;
  for (let index = period - 1; index < prices.length; index += 1) {
    if (index === period - 1) {
      gain = gains.slice(0, period).reduce((sum, value) => sum + value, 0) / period;
      loss = losses.slice(0, period).reduce((sum, value) => sum + value, 0) / period;
    } else {
      gain = (gain * (period - 1) + (gains[index] as number)) / period;
      loss = (loss * (period - 1) + (losses[index] as number)) / period;
    }
    out[index] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

function batchMlmi(prices: number[], k: number) {
  const quick = wma(prices, 5);
  const slow = wma(prices, 20);
  const fQuick = wma(rsi(prices, 5), 20);
  const fSlow = wma(rsi(prices, 20), 20);
  const store: { slow: number; quick: number; price: number; label: number }[] = [];
  const cross: number[] = [];
  const value: number[] = [];
  for (let index = 0; index < prices.length; index += 1) {
    let event = 0;
    if (index > 0) {
      const [q, s, pq, ps] = [quick[index], slow[index], quick[index - 1], slow[index - 1]] as number[];
      if (q! > s! && pq! <= ps!) event = 1;
      else if (q! < s! && pq! >= ps!) event = -1;
    }
    cross.push(event);
    if (event !== 0) {
      const previous = store.at(-1);
      const price = prices[index] as number;
      store.push({ slow: fSlow[index] as number, quick: fQuick[index] as number, price, label: previous === undefined ? 0 : price >= previous.price ? 1 : -1 });
    }
    if (index < 20) {
      value.push(Number.NaN);
      continue;
    }
    const ranked = store
      .map((entry, order) => ({ order, label: entry.label, distance: Math.hypot(entry.slow - (fSlow[index] as number), entry.quick - (fQuick[index] as number)) }))
      .sort((a, b) => a.distance - b.distance || a.order - b.order);
    value.push(ranked.slice(0, k).reduce((sum, entry) => sum + entry.label, 0));
  }
  return { quick, slow, fQuick, fSlow, cross, value, storeSizes: cross.map((_, index) => cross.slice(0, index + 1).filter((event) => event !== 0).length) };
}

describe('MachineLearningMarketIndicator', () => {
  it('matches a batch re-implementation of the spec on raw closes', () => {
    const bars = randomBars(5, 700);
    const expected = batchMlmi(bars.map((bar) => bar.close), 7);
    const mlmi = new MachineLearningMarketIndicator({ source: 'close', numNeighbors: 7 });
    let previousValue = 0;
    bars.forEach((bar, index) => {
      mlmi.update(bar);
      const values = mlmi.latestValues;
      expect(values[0]).toBeCloseTo(expected.quick[index] as number, 9);
      expect(values[1]).toBeCloseTo(expected.slow[index] as number, 9);
      expect(values[4]).toBeCloseTo(expected.fQuick[index] as number, 9);
      expect(values[5]).toBeCloseTo(expected.fSlow[index] as number, 9);
      expect(values[6]).toBe(expected.cross[index]);
      expect(values[7]).toBe(expected.storeSizes[index]);
      const value = expected.value[index] as number;
      if (index < 20) {
        expect(Number.isNaN(values[8])).toBe(true);
        return;
      }
      expect(values[8]).toBe(value);
      const zeroCross = value > 0 && previousValue <= 0 ? 1 : value < 0 && previousValue >= 0 ? -1 : 0;
      expect(values[9]).toBe(zeroCross);
      const cross = expected.cross[index];
      const engine = value > 0 && cross === 1 ? 1 : value < 0 && cross === -1 ? -1 : value > 2 ? 1 : value < -2 ? -1 : 0;
      expect(values[10]).toBe(engine);
      previousValue = value;
    });
    expect(mlmi.isReady).toBe(true);
  });

  it('runs on Heiken-Ashi closes by default and stores the row-4 warm-up crossover with label 0', () => {
    const bars = randomBars(8, 300);
    let haOpen = 0;
    let haClose = 0;
    const haCloses = bars.map((bar, index) => {
      haOpen = index === 0 ? (bar.open + bar.close) / 2 : (haOpen + haClose) / 2;
      haClose = (bar.open + bar.high + bar.low + bar.close) / 4;
      return haClose;
    });
    const expected = batchMlmi(haCloses, 200);
    const mlmi = new MachineLearningMarketIndicator();
    bars.forEach((bar, index) => {
      mlmi.update(bar);
      if (index === 4) expect([mlmi.latestValues[6], mlmi.latestValues[7]]).toEqual([1, 1]);
      if (index >= 20) expect(mlmi.latestValues[8]).toBe(expected.value[index]);
    });
  });

  it('puts the engine variant in mlmi_signal when asked and suffixes output names', () => {
    const bars = randomBars(9, 200);
    const engine = new MachineLearningMarketIndicator({ signalVariant: 'engine', outputSuffix: '_close', source: 'close' });
    for (const bar of bars) engine.update(bar);
    expect(engine.outputs[9]).toBe('mlmi_signal_close');
    expect(engine.latestValues[9]).toBe(engine.latestValues[10]);
  });

  it('rejects invalid options with a message naming the option', () => {
    expect(() => new MachineLearningMarketIndicator({ numNeighbors: 0 })).toThrow(/mlmi\.options\.numNeighbors/);
    expect(() => new MachineLearningMarketIndicator({ unknown: 1 } as never)).toThrow(/GM_CONFIG_INVALID|Invalid configuration/);
  });
});
