import { SeededRandom } from '@grandmodel/framework';
import type { BarInput } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { NadarayaWatsonRationalQuadratic, rationalQuadraticWeights } from './nadaraya-watson-rational-quadratic.js';

function randomBars(count: number): BarInput[] {
  const random = new SeededRandom(21);
  const bars: BarInput[] = [];
  let price = 15_000;
  for (let index = 0; index < count; index += 1) {
    const close = price + random.normal() * 10;
    bars.push({ start: index, open: price, high: Math.max(price, close) + 2, low: Math.min(price, close) - 2, close, volume: 1 });
    price = close;
  }
  return bars;
}

// Full-history regression straight from the formula, no truncation
function regression(prices: number[], bandwidth: number, relativeWeight: number): number[] {
  return prices.map((_, index) => {
    if (index < 25) return Number.NaN;
    let numerator = 0;
    let denominator = 0;
    for (let lag = 0; lag <= index; lag += 1) {
      const weight = (1 + (lag * lag) / (2 * relativeWeight * bandwidth * bandwidth)) ** -relativeWeight;
      numerator += (prices[index - lag] as number) * weight;
      denominator += weight;
    }
    return numerator / denominator;
  });
}

describe('NadarayaWatsonRationalQuadratic', () => {
  const bars = randomBars(900);
  const closes = bars.map((bar) => bar.close);
  const yhat1 = regression(closes, 8, 8);
  const yhat2 = regression(closes, 6, 8);

  it('matches the full-history regression, slope, turn signal and cross on raw closes', () => {
    const nwrqk = new NadarayaWatsonRationalQuadratic({ source: 'close' });
    bars.forEach((bar, index) => {
      nwrqk.update(bar);
      const values = nwrqk.latestValues;
      if (index < 25) {
        expect([...values].every(Number.isNaN)).toBe(true);
        return;
      }
      const [now, previous, before] = [yhat1[index], yhat1[index - 1], yhat1[index - 2]] as number[];
      expect(Math.abs((values[0] as number) - now!)).toBeLessThan(1e-9);
      expect(Math.abs((values[1] as number) - (yhat2[index] as number))).toBeLessThan(1e-9);
      if (index === 25) expect(Number.isNaN(values[2])).toBe(true);
      else expect(values[2]).toBeCloseTo((now! - previous!) / previous!, 12);
      const signal = index < 27 ? 0 : now! > previous! && previous! < before! ? 1 : now! < previous! && previous! > before! ? -1 : 0;
      expect(values[3]).toBe(signal);
      const [lagged, laggedPrevious] = [yhat2[index], yhat2[index - 1]] as number[];
      const cross = index < 26 ? 0 : lagged! > now! && laggedPrevious! <= previous! ? 1 : lagged! < now! && laggedPrevious! >= previous! ? -1 : 0;
      expect(values[4]).toBe(cross);
    });
  });

  it('negates the signal in Pine alert-stream mode and signals on crosses with smoothColors', () => {
    const plain = new NadarayaWatsonRationalQuadratic({ source: 'close' });
    const pine = new NadarayaWatsonRationalQuadratic({ source: 'close', pineAlertStreamCompat: true });
    const smooth = new NadarayaWatsonRationalQuadratic({ source: 'close', smoothColors: true });
    let turns = 0;
    for (const bar of bars) {
      plain.update(bar);
      pine.update(bar);
      smooth.update(bar);
      if (plain.latestValues[3] !== 0 && !Number.isNaN(plain.latestValues[3])) turns += 1;
      expect(pine.latestValues[3]).toBe(plain.latestValues[3] === 0 ? 0 : -(plain.latestValues[3] as number));
      expect(smooth.latestValues[3]).toBe(plain.latestValues[4]);
    }
    expect(turns).toBeGreaterThan(20);
  });

  it('uses the golden weight denominators, 1024 for h = 8 and 576 for h = 6', () => {
    expect(rationalQuadraticWeights(8, 8, 3)[2]).toBe(Math.pow(1 + 4 / 1024, -8));
    expect(rationalQuadraticWeights(6, 8, 2)[1]).toBe(Math.pow(1 + 1 / 576, -8));
  });

  it('rejects a lag that leaves no bandwidth', () => {
    expect(() => new NadarayaWatsonRationalQuadratic({ bandwidth: 2, lag: 2 })).toThrow(/nw-rqk\.options\.lag/);
  });
});
