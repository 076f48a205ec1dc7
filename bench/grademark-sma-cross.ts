// The sma-cross strategy written for grademark (long only), for the engine benchmark
import { DataFrame } from 'data-forge';
import { backtest } from 'grademark';
import type { Bar } from '@grandmodel/framework';

/** Runs a long-only SMA crossover in grademark and returns its ns per bar and trade count. */
export function grademarkSmaCross(bars: readonly Bar[], fast: number, slow: number): { ns: number; trades: number } {
  const start = process.hrtime.bigint();
  // Crossings are precomputed in plain JS so grademark's own loop is what gets measured
  const rows: { time: Date; open: number; high: number; low: number; close: number; cross: number }[] = [];
  let fastSum = 0;
  let slowSum = 0;
  let previous = Number.NaN;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    fastSum += bar.close;
    slowSum += bar.close;
    if (i >= fast) fastSum -= bars[i - fast]!.close;
    if (i >= slow) slowSum -= bars[i - slow]!.close;
    let cross = 0;
    if (i >= slow - 1) {
      const diff = fastSum / fast - slowSum / slow;
      if (previous <= 0 && diff > 0) cross = 1;
      else if (previous >= 0 && diff < 0) cross = -1;
      previous = diff;
    }
    rows.push({ time: new Date(bar.start), open: bar.open, high: bar.high, low: bar.low, close: bar.close, cross });
  }
  const trades = backtest(
    {
      entryRule: (enter, args) => {
        if (args.bar.cross === 1) // grademark's TradeDirection enum is not exported at run time; its Long value is the string 'long'
          enter({ direction: 'long' as never });
      },
      exitRule: (exit, args) => {
        if (args.bar.cross === -1) exit();
      },
    },
    new DataFrame(rows),
  );
  return { ns: Number(process.hrtime.bigint() - start) / bars.length, trades: trades.length };
}
