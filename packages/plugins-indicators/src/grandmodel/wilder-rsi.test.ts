import { describe, expect, it } from 'vitest';
import { WilderRsi } from './wilder-rsi.js';

describe('WilderRsi', () => {
  it('seeds at index period − 1 with the first delta counted as 0, then smooths, as computed by hand', () => {
    const rsi = new WilderRsi(3);
    const values = [10, 11, 10.5, 12, 11].map((price) => {
      rsi.push(price);
      return rsi.value;
    });
    // gains 0,1,0,1.5,0 and losses 0,0,0.5,0,1
    const gain2 = (0 + 1 + 0) / 3;
    const loss2 = (0 + 0 + 0.5) / 3;
    const gain3 = (gain2 * 2 + 1.5) / 3;
    const loss3 = (loss2 * 2 + 0) / 3;
    const gain4 = (gain3 * 2 + 0) / 3;
    const loss4 = (loss3 * 2 + 1) / 3;
    const rsiOf = (gain: number, loss: number) => 100 - 100 / (1 + gain / loss);
    expect(values[0]).toBe(0);
    expect(values[1]).toBe(0);
    expect(values[2]).toBeCloseTo(100 - 100 / 3, 12);
    expect(values[2]).toBe(rsiOf(gain2, loss2));
    expect(values[3]).toBe(rsiOf(gain3, loss3));
    expect(values[4]).toBe(rsiOf(gain4, loss4));
  });

  it('is 100 when there has been no loss', () => {
    const rsi = new WilderRsi(2);
    expect([1, 2, 3, 3].map((price) => {
        rsi.push(price);
        return rsi.value;
      })).toEqual([0, 100, 100, 100]);
  });
});
