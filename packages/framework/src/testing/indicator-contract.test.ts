import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BarInput, Indicator } from '../kinds/indicator.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { contractBars, describeIndicatorContract, indicatorContractChecks } from './indicator-contract.js';

/** Sum of the last `period` closes, written correctly; the broken variants below each bend one rule. */
class WindowSum implements Indicator {
  readonly outputs: readonly string[] = ['value'];
  readonly values = new Float64Array(1).fill(Number.NaN);
  readonly warmUp: number;
  timeframe: string | undefined;
  symbol: string | undefined;
  protected window: number[] = [];
  protected count = 0;

  constructor(readonly period = 3) {
    this.warmUp = period;
  }

  get samples(): number {
    return this.count;
  }

  get isReady(): boolean {
    return this.count >= this.warmUp;
  }

  update(bar: BarInput): void {
    this.count++;
    this.window.push(bar.close);
    if (this.window.length > this.period) this.window.shift();
    if (this.window.length === this.period) this.values[0] = this.window.reduce((sum, x) => sum + x, 0);
  }

  reset(): void {
    this.count = 0;
    this.window = [];
    this.values[0] = Number.NaN;
  }
}

class ReadyTooEarly extends WindowSum {
  override get isReady(): boolean {
    return this.count >= this.warmUp - 1;
  }
}

class ValueBeforeWarmUp extends WindowSum {
  override update(bar: BarInput): void {
    super.update(bar);
    if (this.count === 1) this.values[0] = bar.close;
  }
}

class InfiniteAfterWarmUp extends WindowSum {
  override update(bar: BarInput): void {
    super.update(bar);
    if (this.count === 10) this.values[0] = Number.POSITIVE_INFINITY;
  }
}

class ResetKeepsWindow extends WindowSum {
  override reset(): void {
    this.count = 0;
    this.values[0] = Number.NaN;
  }
}

class ExtraValueSlot extends WindowSum {
  override readonly values = new Float64Array(2).fill(Number.NaN);
}

let drift = 0;
class NotDeterministic extends WindowSum {
  override update(bar: BarInput): void {
    super.update(bar);
    if (this.isReady) this.values[0]! += drift++;
  }
}

const bars = contractBars(60, 3);
const windowSumOptions = z.strictObject({
  period: z.number().int().positive().default(3).describe('Window'),
  timeframe: z.string().min(1).optional().describe('Timeframe'),
  symbol: z.string().min(1).optional().describe('Symbol'),
});
const windowSumPlugin = definePlugin({
  manifest: { id: 'window-sum', kind: 'indicator', version: '1.0.0', apiVersion: 1 },
  options: windowSumOptions,
  create: (ctx) => Object.assign(new WindowSum(ctx.options.period), { timeframe: ctx.options.timeframe, symbol: ctx.options.symbol }),
});

/** Batch form computed independently: plain sums over array slices. */
function windowSumBatch(input: readonly BarInput[], period = 3): Float64Array[] {
  const column = new Float64Array(input.length).fill(Number.NaN);
  for (let i = period - 1; i < input.length; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += input[j]!.close;
    column[i] = sum;
  }
  return [column];
}

describe('contractBars', () => {
  it('returns deterministic, well-formed OHLCV bars 30 minutes apart', () => {
    const first = contractBars(200, 11);
    expect(contractBars(200, 11)).toEqual(first);
    expect(contractBars(200, 12)).not.toEqual(first);
    first.forEach((bar, i) => {
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.low).toBeGreaterThan(0);
      expect(bar.volume).toBeGreaterThanOrEqual(1);
      if (i > 0) expect(bar.start - first[i - 1]!.start).toBe(1_800_000);
    });
  });
});

describe('indicator contract checks', () => {
  const checks = indicatorContractChecks;

  it('pass for a correct indicator, its batch form and its plugin', async () => {
    const create = () => new WindowSum();
    expect(() => checks.checkShape(create, bars)).not.toThrow();
    expect(() => checks.checkWarmUp(create, bars)).not.toThrow();
    expect(() => checks.checkReset(create, bars)).not.toThrow();
    expect(() => checks.checkDeterminism(create, bars)).not.toThrow();
    expect(() => checks.checkBatch(create, windowSumBatch, bars)).not.toThrow();
    expect(() => checks.checkPluginSchema(windowSumPlugin, [{ period: 0 }])).not.toThrow();
    await expect(checks.checkPluginFactory(windowSumPlugin, create, bars)).resolves.toBeUndefined();
  });

  it('catch readiness before warm-up', () => {
    expect(() => checks.checkWarmUp(() => new ReadyTooEarly(), bars)).toThrow('after 2 updates isReady was true; warmUp is 3');
  });

  it('catch values published before warm-up', () => {
    expect(() => checks.checkWarmUp(() => new ValueBeforeWarmUp(), bars)).toThrow(/after 1 updates output "value" was .*expected NaN/);
  });

  it('catch non-finite values after warm-up', () => {
    expect(() => checks.checkWarmUp(() => new InfiniteAfterWarmUp(), bars)).toThrow('after 10 updates output "value" was Infinity; expected a finite number');
  });

  it('catch a reset that keeps state', () => {
    expect(() => checks.checkReset(() => new ResetKeepsWindow(), bars)).toThrow(/after reset\(\) the indicator differs from a new one: bar 0/);
  });

  it('catch values and outputs of different lengths', () => {
    expect(() => checks.checkShape(() => new ExtraValueSlot(), bars)).toThrow('values.length was 2, expected outputs.length 1');
  });

  it('catch too few bars for the warm-up', () => {
    expect(() => checks.checkShape(() => new WindowSum(80), bars)).toThrow('only 60 bars for a warm-up of 80');
  });

  it('catch non-deterministic output', () => {
    expect(() => checks.checkDeterminism(() => new NotDeterministic(), bars)).toThrow(/two instances disagree/);
  });

  it('catch a batch form that differs from streaming', () => {
    const shifted = (input: readonly BarInput[]) => windowSumBatch(input).map((column) => column.map((value) => value + 1e-12));
    expect(() => checks.checkBatch(() => new WindowSum(), shifted, bars)).toThrow(/batch differs from streaming: bar 2 output "value"/);
    expect(() => checks.checkBatch(() => new WindowSum(), () => [], bars)).toThrow('batch returned 0 columns, expected 1');
  });

  it('catch a loose schema and invalid options it accepts', () => {
    const loose = definePlugin({ ...windowSumPlugin, options: windowSumOptions.loose() });
    expect(() => checks.checkPluginSchema(loose, [])).toThrow('the schema accepts an unknown option');
    expect(() => checks.checkPluginSchema(windowSumPlugin, [{ period: 2 }])).toThrow('the schema accepts invalid options {"period":2}');
    const noBinding = definePlugin({ ...windowSumPlugin, options: z.strictObject({ period: z.number().default(3) }) });
    expect(() => checks.checkPluginSchema(noBinding, [])).toThrow('the schema rejects the binding options');
  });

  it('catch a factory that ignores the binding or uses other defaults', async () => {
    const unbound = definePlugin({ ...windowSumPlugin, create: () => new WindowSum() });
    await expect(checks.checkPluginFactory(unbound, () => new WindowSum(), bars)).rejects.toThrow('bound to timeframe undefined, symbol undefined');
    await expect(checks.checkPluginFactory(windowSumPlugin, () => new WindowSum(4), bars)).rejects.toThrow(/plugin defaults differ from create\(\)/);
  });
});

describeIndicatorContract('WindowSum (reference)', {
  create: (options) => new WindowSum((options?.['period'] as number | undefined) ?? 3),
  plugin: windowSumPlugin,
  bars,
  invalidOptions: [{ period: 0 }, { period: 'three' }],
  batch: (input) => windowSumBatch(input),
});
