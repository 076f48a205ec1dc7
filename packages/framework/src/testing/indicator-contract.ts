import { describe, it } from 'vitest';
import { EventBus } from '../bus/event-bus.js';
import { ScopedBus } from '../bus/scoped-bus.js';
import { SimulatedClock } from '../clock/clock.js';
import type { BarInput, Indicator, IndicatorComponent } from '../kinds/indicator.js';
import { createSilentLogger } from '../logging/create-logger.js';
import type { AnyPluginDefinition } from '../plugin/define-plugin.js';
import type { PluginContext } from '../plugin/plugin-context.js';
import { SeededRandom } from '../random/seeded-random.js';

/** What `describeIndicatorContract` checks an indicator with. */
export interface IndicatorContractOptions {
  /** Makes a fresh indicator; called with no argument for the defaults. */
  readonly create: (options?: Record<string, unknown>) => Indicator;
  /** The indicator's plugin definition: its schema and factory are checked too. */
  readonly plugin?: AnyPluginDefinition;
  /** Bars to feed; longer than the warm-up. Defaults to `contractBars()` (400 seeded random-walk bars). */
  readonly bars?: readonly BarInput[];
  /** Option objects the plugin's schema must reject. */
  readonly invalidOptions?: readonly unknown[];
  /** A batch form: returns one array per output holding every bar's values; must equal the streaming values exactly. */
  readonly batch?: (bars: readonly BarInput[]) => readonly Float64Array[];
}

/**
 * Returns `count` deterministic random-walk OHLCV bars, 30 minutes apart from 2024-01-01T00:00Z
 * (so day-anchored indicators see several sessions): high ≥ max(open, close), low ≤ min(open, close), volume ≥ 1.
 */
export function contractBars(count = 400, seed = 7): BarInput[] {
  const random = new SeededRandom(seed);
  const bars: BarInput[] = [];
  let close = 100;
  const first = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const open = close;
    close = Math.max(1, open * (1 + 0.01 * random.normal()));
    const high = Math.max(open, close) * (1 + 0.004 * random.next());
    const low = Math.min(open, close) * (1 - 0.004 * random.next());
    const volume = 1 + random.int(5000);
    bars.push({ start: first + i * 1_800_000, open, high, low, close, volume });
  }
  return bars;
}

/** Feeds `bars` to `indicator` and returns a copy of its values after every bar. */
function run(indicator: Indicator, bars: readonly BarInput[]): Float64Array[] {
  return bars.map((bar) => {
    indicator.update(bar);
    return Float64Array.from(indicator.values);
  });
}

/** Describes where two runs first differ, or returns undefined when every value is identical (NaN equals NaN). */
function firstDifference(expected: readonly Float64Array[], actual: readonly Float64Array[], outputs: readonly string[]): string | undefined {
  for (let i = 0; i < expected.length; i++) {
    for (let k = 0; k < outputs.length; k++) {
      if (!Object.is(expected[i]![k], actual[i]![k])) return `bar ${i} output "${outputs[k]}": expected ${expected[i]![k]}, was ${actual[i]![k]}`;
    }
  }
  return undefined;
}

/** A plugin context good enough for an indicator factory (indicators use only their options). */
function indicatorContext(options: Record<string, unknown>, instanceId: string): PluginContext<Record<string, unknown>> {
  const owner = { pluginId: instanceId, instanceId };
  return {
    options,
    instanceId,
    logger: createSilentLogger(),
    bus: new ScopedBus(new EventBus(), owner),
    clock: new SimulatedClock(0),
    random: new SeededRandom(1),
    mode: 'backtest',
    baseDir: '.',
    resolve: () => {
      throw new Error(`indicator contract: ${instanceId} resolved a token; indicators should need none`);
    },
    signal: new AbortController().signal,
  };
}

/** Throws unless the indicator's shape is sound: one value per output, unique names, integer warm-up shorter than `bars`. */
function checkShape(create: () => Indicator, bars: readonly BarInput[]): void {
  const indicator = create();
  const { outputs, values, warmUp } = indicator;
  if (outputs.length === 0) throw new Error('outputs is empty');
  if (values.length !== outputs.length) throw new Error(`values.length was ${values.length}, expected outputs.length ${outputs.length}`);
  if (new Set(outputs).size !== outputs.length) throw new Error(`output names repeat: ${outputs.join(', ')}`);
  if (!Number.isInteger(warmUp) || warmUp < 1) throw new Error(`warmUp was ${warmUp}, expected a positive integer`);
  if (bars.length <= warmUp) throw new Error(`only ${bars.length} bars for a warm-up of ${warmUp}; pass more bars`);
}

/** Throws unless a fresh indicator has no samples, is not ready and holds only NaN. */
function checkFresh(indicator: Indicator, when: string): void {
  if (indicator.samples !== 0) throw new Error(`${when}: samples was ${indicator.samples}, expected 0`);
  if (indicator.isReady) throw new Error(`${when}: isReady was true, expected false`);
  for (let k = 0; k < indicator.values.length; k++) {
    if (!Number.isNaN(indicator.values[k])) throw new Error(`${when}: output "${indicator.outputs[k]}" was ${indicator.values[k]}, expected NaN`);
  }
}

/** Throws unless `samples` counts updates, values are NaN and not ready before `warmUp` updates, then ready and finite. */
function checkWarmUp(create: () => Indicator, bars: readonly BarInput[]): void {
  const indicator = create();
  checkFresh(indicator, 'new instance');
  for (let i = 0; i < bars.length; i++) {
    indicator.update(bars[i]!);
    if (indicator.samples !== i + 1) throw new Error(`after ${i + 1} updates samples was ${indicator.samples}`);
    const ready = i + 1 >= indicator.warmUp;
    if (indicator.isReady !== ready) throw new Error(`after ${i + 1} updates isReady was ${indicator.isReady}; warmUp is ${indicator.warmUp}`);
    for (let k = 0; k < indicator.values.length; k++) {
      const value = indicator.values[k]!;
      if (ready ? !Number.isFinite(value) : !Number.isNaN(value)) {
        throw new Error(`after ${i + 1} updates output "${indicator.outputs[k]}" was ${value}; expected ${ready ? 'a finite number' : 'NaN'} (warmUp ${indicator.warmUp})`);
      }
    }
  }
}

/** Throws unless `reset()` restores the fresh state and the reset instance then matches a new one bar for bar. */
function checkReset(create: () => Indicator, bars: readonly BarInput[]): void {
  const used = create();
  run(used, bars.slice(0, Math.ceil(bars.length / 2)));
  used.reset();
  checkFresh(used, 'after reset()');
  const difference = firstDifference(run(create(), bars), run(used, bars), used.outputs);
  if (difference !== undefined) throw new Error(`after reset() the indicator differs from a new one: ${difference}`);
}

/** Throws unless two instances fed the same bars agree exactly. */
function checkDeterminism(create: () => Indicator, bars: readonly BarInput[]): void {
  const first = create();
  const difference = firstDifference(run(first, bars), run(create(), bars), first.outputs);
  if (difference !== undefined) throw new Error(`two instances disagree: ${difference}`);
}

/** Throws unless the batch form returns one column per output equal to the streaming values (NaN included). */
function checkBatch(create: () => Indicator, batch: (bars: readonly BarInput[]) => readonly Float64Array[], bars: readonly BarInput[]): void {
  const indicator = create();
  const streamed = run(indicator, bars);
  const columns = batch(bars);
  if (columns.length !== indicator.outputs.length) throw new Error(`batch returned ${columns.length} columns, expected ${indicator.outputs.length}`);
  const rows = bars.map((_, i) => Float64Array.from(columns, (column) => column[i]!));
  const difference = firstDifference(streamed, rows, indicator.outputs);
  if (difference !== undefined) throw new Error(`batch differs from streaming: ${difference}`);
}

/** Throws unless the plugin's schema is strict, accepts its defaults (twice) and the binding options, and rejects every invalid option. */
function checkPluginSchema(plugin: AnyPluginDefinition, invalidOptions: readonly unknown[]): void {
  if (plugin.manifest.kind !== 'indicator') throw new Error(`manifest.kind was "${plugin.manifest.kind}", expected "indicator"`);
  if (!/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/.test(plugin.manifest.id)) throw new Error(`manifest.id "${plugin.manifest.id}" is not kebab-case`);
  const defaults = plugin.options.safeParse({});
  if (!defaults.success) throw new Error(`the schema rejects its own defaults: ${defaults.error.message}`);
  if (!plugin.options.safeParse(defaults.data).success) throw new Error('the schema rejects its parsed defaults');
  if (!plugin.options.safeParse({ timeframe: '30m', symbol: 'NQ' }).success) throw new Error('the schema rejects the binding options timeframe and symbol');
  if (plugin.options.safeParse({ notAnOption: 1 }).success) throw new Error('the schema accepts an unknown option (use z.strictObject)');
  for (const invalid of invalidOptions) {
    if (plugin.options.safeParse(invalid).success) throw new Error(`the schema accepts invalid options ${JSON.stringify(invalid)}`);
  }
}

/** Throws unless the plugin factory returns an indicator bound to timeframe and symbol that matches `create()` with defaults. */
async function checkPluginFactory(plugin: AnyPluginDefinition, create: () => Indicator, bars: readonly BarInput[]): Promise<void> {
  const parsed = plugin.options.parse({ timeframe: '30m', symbol: 'NQ' }) as Record<string, unknown>;
  const component = (await plugin.create(indicatorContext(parsed, plugin.manifest.id))) as IndicatorComponent;
  if (component.timeframe !== '30m' || component.symbol !== 'NQ') {
    throw new Error(`the created indicator is bound to timeframe ${String(component.timeframe)}, symbol ${String(component.symbol)}; expected 30m, NQ`);
  }
  const reference = create();
  if (component.outputs.join() !== reference.outputs.join() || component.warmUp !== reference.warmUp) {
    throw new Error(`plugin defaults differ from create(): outputs ${component.outputs.join()} / ${reference.outputs.join()}, warmUp ${component.warmUp} / ${reference.warmUp}`);
  }
  const difference = firstDifference(run(reference, bars), run(component, bars), reference.outputs);
  if (difference !== undefined) throw new Error(`plugin defaults differ from create(): ${difference}`);
}

/** The individual checks of the contract, each throwing a descriptive Error on failure (exported to test the suite itself). */
export const indicatorContractChecks = {
  checkShape,
  checkWarmUp,
  checkReset,
  checkDeterminism,
  checkBatch,
  checkPluginSchema,
  checkPluginFactory,
} as const;

/**
 * Registers vitest tests every indicator must pass (LEAN's common indicator tests, as a suite):
 * shape (`outputs.length === values.length`), NaN and not ready before warm-up, ready after exactly `warmUp`
 * updates with finite values from then on, `samples` counting, `reset()` back to the fresh state, determinism,
 * stream/batch equality when a batch form is given, and, with a plugin, a strict schema that accepts its
 * defaults and rejects each of `invalidOptions`, and a factory whose indicator is bound and matches `create()`.
 *
 * Convention: `isReady` turns true on the `warmUp`-th update (never earlier) and every value is finite from there.
 */
export function describeIndicatorContract(name: string, options: IndicatorContractOptions): void {
  const bars = options.bars ?? contractBars();
  const create = (): Indicator => options.create();

  describe(`${name} indicator contract`, () => {
    it('has one value slot per output and a positive integer warm-up', () => checkShape(create, bars));
    it('starts empty, stays NaN and not ready before warm-up, then is ready after exactly warmUp updates with finite values', () =>
      checkWarmUp(create, bars));
    it('returns to the fresh state on reset() and then matches a new instance on the same bars', () => checkReset(create, bars));
    it('is deterministic: two instances fed the same bars agree exactly', () => checkDeterminism(create, bars));
    const batch = options.batch;
    if (batch !== undefined) it('batch form equals the streaming form exactly', () => checkBatch(create, batch, bars));
    const plugin = options.plugin;
    if (plugin !== undefined) {
      it(`plugin "${plugin.manifest.id}": strict schema accepts its defaults and rejects ${options.invalidOptions?.length ?? 0} invalid option sets`, () =>
        checkPluginSchema(plugin, options.invalidOptions ?? []));
      it(`plugin "${plugin.manifest.id}": creates a bound indicator matching create() with defaults`, () => checkPluginFactory(plugin, create, bars));
    }
  });
}
