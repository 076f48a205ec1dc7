import { SdkError } from '@grandmodel/framework';
import type { BarInput, Indicator } from '@grandmodel/framework';

/** Column-wise bars for batch runs; every array has the same length. `start` (epoch ms) is needed by session-anchored indicators. */
export interface BatchInput {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Bar start times, epoch ms; 0 for every bar when absent (one session). */
  readonly start?: Float64Array;
}

/** A mutable bar reused across a batch run so the loop does not allocate. */
interface ScratchBar {
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Runs `indicator` over column-wise bars and writes output k of bar i into `out[k][i]` (NaN before warm-up).
 * Resets the indicator first; the result is exactly what the streaming form produces bar by bar.
 * Allocates output arrays only when `out` is not given.
 */
export function runBatch(indicator: Indicator, input: BatchInput, out?: Float64Array[]): Float64Array[] {
  const length = input.close.length;
  for (const field of ['open', 'high', 'low', 'volume', 'start'] as const) {
    const column = input[field];
    if (column !== undefined && column.length !== length) {
      throw new SdkError('GM_INPUT_INVALID', `runBatch input "${field}": expected ${length} values like "close", was ${column.length}`);
    }
  }
  const outputs = indicator.outputs.length;
  const target = out ?? indicator.outputs.map(() => new Float64Array(length));
  if (target.length !== outputs) {
    throw new SdkError('GM_INPUT_INVALID', `runBatch out: expected ${outputs} arrays (${indicator.outputs.join(', ')}), was ${target.length}`);
  }
  for (let k = 0; k < outputs; k++) {
    if (target[k].length < length) {
      throw new SdkError('GM_INPUT_INVALID', `runBatch out[${k}] (${indicator.outputs[k]}): expected at least ${length} slots, was ${target[k].length}`);
    }
  }
  indicator.reset();
  const bar: ScratchBar = { start: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const { open, high, low, close, volume, start } = input;
  const values = indicator.values;
  for (let i = 0; i < length; i++) {
    bar.start = start === undefined ? 0 : start[i];
    bar.open = open[i];
    bar.high = high[i];
    bar.low = low[i];
    bar.close = close[i];
    bar.volume = volume[i];
    indicator.update(bar);
    for (let k = 0; k < outputs; k++) target[k][i] = values[k];
  }
  return target;
}

/** Copies bars into column-wise arrays for `runBatch` (allocates; for tests and one-off conversions). */
export function toBatchInput(bars: readonly BarInput[]): BatchInput {
  const n = bars.length;
  const input = {
    start: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const bar = bars[i];
    input.start[i] = bar.start;
    input.open[i] = bar.open;
    input.high[i] = bar.high;
    input.low[i] = bar.low;
    input.close[i] = bar.close;
    input.volume[i] = bar.volume;
  }
  return input;
}
