// runBatch: column-wise bars into caller-provided buffers, equal to the streaming form
import { SdkError } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { BollingerBands, ExponentialMovingAverage, VolumeWeightedAveragePrice, runBatch, toBatchInput } from '../../src/classic/index.js';
import { seededBars, streamColumns } from './reference-data.js';

const bars = seededBars(300, 5);
const input = toBatchInput(bars);

describe('runBatch', () => {
  it('writes every output into the caller buffers and returns them, equal to the streaming values', () => {
    const out = [0, 1, 2, 3, 4].map(() => new Float64Array(bars.length));
    const result = runBatch(new BollingerBands(), input, out);
    expect(result).toBe(out);
    const streamed = streamColumns(new BollingerBands(), bars);
    streamed.forEach((column, k) => expect(Array.from(out[k]!)).toEqual(Array.from(column)));
    expect(out[0]![18]).toBeNaN();
    expect(Number.isFinite(out[0]![19])).toBe(true);
  });

  it('resets the indicator first, so reusing an instance and the buffers gives the same result', () => {
    const indicator = new ExponentialMovingAverage({ period: 10 });
    const first = Array.from(runBatch(indicator, input)[0]!);
    const again = runBatch(indicator, input, [new Float64Array(bars.length + 5).fill(7)]);
    expect(Array.from(again[0]!.subarray(0, bars.length))).toEqual(first);
    expect(again[0]![bars.length]).toBe(7);
  });

  it('uses start 0 for every bar when no start column is given (one VWAP session)', () => {
    const { start: _start, ...withoutStart } = input;
    const oneSession = runBatch(new VolumeWeightedAveragePrice(), withoutStart)[0]!;
    const cumulative = streamColumns(new VolumeWeightedAveragePrice({ reset: 'never' }), bars)[0]!;
    expect(Array.from(oneSession)).toEqual(Array.from(cumulative));
    const sessions = runBatch(new VolumeWeightedAveragePrice(), input)[0]!;
    expect(Array.from(sessions)).not.toEqual(Array.from(cumulative));
  });

  it('rejects columns of different lengths and wrong output buffers with GM_INPUT_INVALID', () => {
    const expectInvalid = (run: () => unknown, message: string) => {
      try {
        run();
      } catch (error) {
        expect(SdkError.is(error) && error.code).toBe('GM_INPUT_INVALID');
        expect((error as Error).message).toBe(message);
        return;
      }
      throw new Error('expected runBatch to throw');
    };
    expectInvalid(() => runBatch(new ExponentialMovingAverage(), { ...input, volume: new Float64Array(3) }), 'runBatch input "volume": expected 300 values like "close", was 3');
    expectInvalid(() => runBatch(new BollingerBands(), input, [new Float64Array(300)]), 'runBatch out: expected 5 arrays (middle, upper, lower, bandwidth, percentB), was 1');
    expectInvalid(() => runBatch(new ExponentialMovingAverage(), input, [new Float64Array(10)]), 'runBatch out[0] (value): expected at least 300 slots, was 10');
  });
});

describe('toBatchInput', () => {
  it('copies bars into one Float64Array per field', () => {
    expect(input.close.length).toBe(bars.length);
    bars.forEach((bar, i) => {
      expect([input.start![i], input.open[i], input.high[i], input.low[i], input.close[i], input.volume[i]]).toEqual([bar.start, bar.open, bar.high, bar.low, bar.close, bar.volume]);
    });
  });
});
