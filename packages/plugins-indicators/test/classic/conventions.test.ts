// Conventions the references cannot show: first bars, ties, flat windows, sessions, displacement, option errors
import { SdkError } from '@grandmodel/framework';
import type { BarInput, Indicator } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import * as classic from '../../src/classic/index.js';
import { classicEntries } from './classic-entries.js';
import { streamColumns } from './reference-data.js';

function bar(high: number, low: number, close: number, volume = 100, start = 0, open = close): BarInput {
  return { start, open, high, low, close, volume };
}

/** Values of output `name` after each bar. */
function series(indicator: Indicator, bars: readonly BarInput[], name = 'value'): number[] {
  const k = indicator.outputs.indexOf(name);
  return Array.from(streamColumns(indicator, bars)[k]!);
}

describe('first-bar conventions', () => {
  it('OBV reads 0 on the first bar, then adds volume on up closes, subtracts it on down closes', () => {
    const bars = [bar(11, 9, 10, 500), bar(12, 10, 11, 300), bar(12, 10, 11, 200), bar(11, 8, 9, 100)];
    expect(series(new classic.OnBalanceVolume(), bars)).toEqual([0, 300, 300, 200]);
  });

  it('true range is high − low on the first bar and includes gaps after it', () => {
    const bars = [bar(11, 9, 10), bar(15, 14, 14.5), bar(13, 12, 12)];
    expect(series(new classic.TrueRange(), bars)).toEqual([2, 5, 2.5]);
  });

  it('ATR counts the first bar as high − low in its seed average', () => {
    const bars = [bar(11, 9, 10), bar(15, 14, 14.5), bar(13, 12, 12), bar(13, 11, 12)];
    // Seed (2 + 5)/2 = 3.5, then Wilder: 3.5 + (2.5 − 3.5)/2 = 3, then 3 + (2 − 3)/2 = 2.5
    expect(series(new classic.AverageTrueRange({ period: 2 }), bars)).toEqual([Number.NaN, 3.5, 3, 2.5]);
  });

  it('parabolic SAR starts long at the first low and reports from the second bar', () => {
    const sar = new classic.ParabolicSar();
    const bars = [bar(10, 9, 9.5), bar(11, 9.5, 10.5), bar(12, 10, 11.5)];
    const values = series(sar, bars);
    // Bar 2: 9 + 0.02·(10 − 9) = 9.02, clamped to the first low 9; new high 11 raises AF to 0.04
    // Bar 3: 9 + 0.04·(11 − 9) = 9.08, clamped below the lows of bars 1–2 (9): 9
    expect(values).toEqual([Number.NaN, 9, 9]);
    expect(sar.values[1]).toBe(1);
  });
});

describe('directional movement ties (Wilder): equal up and down moves count for neither side', () => {
  it('gives 0 to +DM and −DM when the moves are equal, and the full move otherwise', () => {
    const adx = new classic.AverageDirectionalIndex({ period: 1 });
    const bars = [bar(10, 8, 9), bar(11, 7, 9), bar(12, 7.5, 11)];
    const plus = series(adx, bars, 'plusDi');
    adx.reset();
    const minus = series(adx, bars, 'minusDi');
    adx.reset();
    const index = series(adx, bars, 'adx');
    // Bar 2: up 1 = down 1, so both 0 and DX 0. Bar 3: +DM 1, TR max(4.5, 3, 1.5) = 4.5, +DI = 100/4.5, DX 100
    expect(plus).toEqual([Number.NaN, 0, 100 / 4.5]);
    expect(minus).toEqual([Number.NaN, 0, 0]);
    expect(index).toEqual([Number.NaN, 0, 100]);
  });
});

describe('flat windows and zero volume give documented neutral values, never NaN', () => {
  const flat = Array.from({ length: 120 }, (_, i) => bar(50, 50, 50, 0, i * 1_800_000));

  it('every classic indicator stays finite after warm-up on flat, zero-volume bars', () => {
    for (const [name, entry] of Object.entries(classicEntries)) {
      const indicator = entry.create();
      const columns = streamColumns(indicator, flat);
      columns.forEach((column, k) => {
        for (let i = indicator.warmUp - 1; i < flat.length; i++) {
          if (!Number.isFinite(column[i]!)) throw new Error(`${name} output "${indicator.outputs[k]}" at bar ${i} was ${column[i]}`);
        }
      });
    }
  });

  it.each([
    ['RSI', 50, 'value', () => new classic.RelativeStrengthIndex()],
    ['Stochastic %K', 50, 'k', () => new classic.StochasticOscillator()],
    ['Stochastic RSI', 50, 'stochRsi', () => new classic.StochasticRsi()],
    ['Williams %R', -50, 'value', () => new classic.WilliamsPercentRange()],
    ['CCI', 0, 'value', () => new classic.CommodityChannelIndex()],
    ['CMO', 0, 'value', () => new classic.ChandeMomentumOscillator()],
    ['MFI', 50, 'value', () => new classic.MoneyFlowIndex()],
    ['CMF', 0, 'value', () => new classic.ChaikinMoneyFlow()],
    ['Bollinger %B', 0.5, 'percentB', () => new classic.BollingerBands()],
    ['Z-score', 0, 'value', () => new classic.ZScore()],
    ['Correlation', 0, 'value', () => new classic.PearsonCorrelation()],
    ['Ultimate oscillator', 50, 'value', () => new classic.UltimateOscillator()],
    ['TSI', 0, 'tsi', () => new classic.TrueStrengthIndex()],
    ['Vortex VI+', 0, 'plus', () => new classic.VortexIndicator()],
    ['VWAP (price while no volume)', 50, 'value', () => new classic.VolumeWeightedAveragePrice()],
    ['EMV', 0, 'value', () => new classic.EaseOfMovement()],
  ] as const)('%s is %d on a flat window', (_, expected, output, create) => {
    const values = series(create(), flat, output);
    expect(values.at(-1)).toBe(expected);
  });

  it('RSI is 100 after only gains and 0 after only losses', () => {
    const rising = Array.from({ length: 20 }, (_, i) => bar(i + 1, i, i + 1));
    expect(series(new classic.RelativeStrengthIndex(), rising).at(-1)).toBe(100);
    const falling = Array.from({ length: 20 }, (_, i) => bar(100 - i, 99 - i, 99 - i));
    expect(series(new classic.RelativeStrengthIndex(), falling).at(-1)).toBe(0);
  });
});

describe('Ichimoku displacement: the spans shown at a bar were computed `displacement` bars earlier', () => {
  it('matches hand-computed midpoints on a rising staircase', () => {
    // high = t + 1, low = t, so an n-bar midpoint at bar t is t + 1 − n/2
    const bars = Array.from({ length: 10 }, (_, t) => bar(t + 1, t, t + 0.5));
    const cloud = new classic.IchimokuCloud({ tenkanPeriod: 2, kijunPeriod: 3, senkouBPeriod: 4, displacement: 2 });
    const columns = streamColumns(cloud, bars);
    expect(cloud.warmUp).toBe(6);
    const at = (name: string, t: number) => columns[cloud.outputs.indexOf(name)]![t];
    for (let t = 5; t < 10; t++) {
      expect(at('tenkan', t)).toBe(t);
      expect(at('kijun', t)).toBe(t - 0.5);
      expect(at('senkouA', t)).toBe((t - 2 + (t - 2 - 0.5)) / 2);
      expect(at('senkouB', t)).toBe(t - 2 - 1);
      expect(at('chikou', t)).toBe(t + 0.5);
    }
    expect(at('senkouB', 4)).toBeNaN();
  });
});

describe('VWAP session anchoring', () => {
  const hour = 3_600_000;
  const sunday = Date.UTC(2024, 5, 2);

  it('starts a new session at sessionStart on the session clock and dates evening sessions to the next day', () => {
    const vwap = new classic.VolumeWeightedAveragePrice({ sessionStart: '17:00', utcOffsetMinutes: -300 });
    // 17:00 at UTC−5 is 22:00 UTC
    const beforeOpen = vwap.periodOf({ start: sunday + 21.5 * hour });
    const atOpen = vwap.periodOf({ start: sunday + 22 * hour });
    const mondayNoon = vwap.periodOf({ start: sunday + 24 * hour + 17 * hour });
    expect(atOpen).toBe(beforeOpen + 1);
    expect(mondayNoon).toBe(atOpen);
    // The session that opens on Sunday evening is Monday's: day number of 2024-06-03
    expect(atOpen).toBe(Date.UTC(2024, 5, 3) / 86_400_000);
  });

  it('groups Monday-to-Friday sessions into one week with the weekly reset', () => {
    const vwap = new classic.VolumeWeightedAveragePrice({ reset: 'week', sessionStart: '17:00', utcOffsetMinutes: -300 });
    const sundayOpen = vwap.periodOf({ start: sunday + 22 * hour });
    const fridayAfternoon = vwap.periodOf({ start: sunday + 5 * 24 * hour + 20 * hour });
    const previousFriday = vwap.periodOf({ start: sunday - 2 * 24 * hour + 20 * hour });
    expect(fridayAfternoon).toBe(sundayOpen);
    expect(previousFriday).toBe(sundayOpen - 1);
  });

  it('restarts the volume-weighted sums at each session', () => {
    const bars = [bar(12, 8, 10, 100, 0), bar(22, 18, 20, 300, hour), bar(32, 28, 30, 100, 25 * hour), bar(42, 38, 40, 100, 26 * hour)];
    // hlc3 equals the close here; day 1: (10·100 + 20·300)/400 = 17.5; day 2 starts over: 30, then 35
    expect(series(new classic.VolumeWeightedAveragePrice(), bars)).toEqual([10, 17.5, 30, 35]);
    // Never reset: (1000 + 6000 + 3000)/500 = 20, then (10000 + 4000)/600
    expect(series(new classic.VolumeWeightedAveragePrice({ reset: 'never' }), bars)).toEqual([10, 17.5, 20, 14_000 / 600]);
  });
});

describe('price sources', () => {
  const sample = { start: 0, open: 10, high: 16, low: 8, close: 12, volume: 700 };
  it.each([
    ['open', 10],
    ['high', 16],
    ['low', 8],
    ['close', 12],
    ['volume', 700],
    ['hl2', 12],
    ['hlc3', 12],
    ['ohlc4', 11.5],
  ] as const)('source %s reads %d', (source, expected) => {
    expect(series(new classic.SimpleMovingAverage({ period: 1, source }), [sample])).toEqual([expected]);
  });
});

describe('option errors', () => {
  function thrown(create: () => unknown): SdkError {
    try {
      create();
    } catch (error) {
      if (SdkError.is(error)) return error;
      throw error;
    }
    throw new Error('expected an SdkError, nothing was thrown');
  }

  it('names the indicator, the option and the value received', () => {
    const error = thrown(() => new classic.SimpleMovingAverage({ period: 0 }));
    expect(error.code).toBe('GM_INPUT_INVALID');
    expect(error.message).toBe('SimpleMovingAverage option "period": Too small: expected number to be >=1, was 0');
    expect(thrown(() => new classic.RelativeStrengthIndex({ source: 'mid' as never })).message).toMatch(/^RelativeStrengthIndex option "source": .*, was "mid"$/);
  });

  it('rejects unknown options and inconsistent periods', () => {
    expect(thrown(() => new classic.ExponentialMovingAverage({ length: 9 } as never)).message).toMatch(/^ExponentialMovingAverage options: Unrecognized key: "length"/);
    expect(thrown(() => new classic.MovingAverageConvergenceDivergence({ fastPeriod: 30 })).message).toBe(
      'MovingAverageConvergenceDivergence option "fastPeriod": expected fastPeriod < slowPeriod, was 30',
    );
  });
});
