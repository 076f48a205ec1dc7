import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger, Engine, loadSystem, runSystem, SeededRandom, type ConfigInput } from '@grandmodel/framework';
import { grandmodelIndicators } from '@grandmodel/plugins-indicators';
import { afterAll, describe, expect, it } from 'vitest';
import { assemblerPlugins } from '../../src/assemblers/index.js';
import { synergyDetectorOptions, synergyDetectorPlugin } from '../../src/synergy/index.js';
import {
  MappoTrainer,
  StrategicSystem,
  TacticalSystem,
  TRAINING_AGENT_PLUGIN_ID,
  trainingAgentPlugin,
  TrainingSession,
  type ActorDecision,
  type DecisionContext,
  type StepOutcome,
  type TrainingHarness,
  type TrainingSystem,
} from '../../src/training/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-synergy-training-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Six weeks of seeded synthetic NQ minutes with the indicators both systems and the synergy detector read
const CONFIG: ConfigInput = {
  name: 'synergy-training',
  seed: 4,
  instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20, marginRate: 0.05 }],
  data: { use: 'synthetic', options: { symbol: 'NQ', from: '2024-01-01', to: '2024-02-12', seed: 9, tickSize: 0.25, startPrice: 17000 } },
  bars: ['5m', '30m'],
  indicators: [
    { use: 'mlmi', options: { timeframe: '30m' } },
    { use: 'nw-rqk', options: { timeframe: '30m' } },
    { use: 'lvn', options: { timeframe: '30m', tickSize: 0.25 } },
    { use: 'mmd', options: { timeframe: '30m' } },
    { use: 'aux-30m', options: { timeframe: '30m' } },
    { use: 'strategic-matrix' },
    { use: 'fvg', options: { timeframe: '5m' } },
    { use: 'tactical-matrix' },
    { use: 'atr-gm', options: { timeframe: '5m' } },
  ],
  backtest: { cash: 100000 },
};
const plugins = [...grandmodelIndicators, ...assemblerPlugins, synergyDetectorPlugin];

interface Published {
  readonly time: number;
  readonly type: string;
  readonly direction: number;
}

/** What a system saw during training: the synergy of every observed bar, every decision, every settlement. */
interface Trace {
  readonly observed: { time: number; timeframe: string; synergy: Published }[];
  readonly decided: { time: number; entered: boolean }[];
  readonly settled: number[];
}

/** Wraps a system so every observation with a synergy, every decision and every settled step is recorded. */
function traced<T extends TrainingSystem>(system: T, trace: Trace): T {
  const observe = system.observe.bind(system);
  const act = system.act.bind(system);
  const reward = system.reward.bind(system);
  return Object.assign(system, {
    observe: (context: DecisionContext) => {
      const ready = observe(context);
      const s = context.synergy;
      if (s !== undefined) trace.observed.push({ time: context.bar.end, timeframe: context.bar.timeframe, synergy: { time: s.tsEvent, type: s.synergyType, direction: s.direction } });
      return ready;
    },
    act: (decisions: readonly ActorDecision[], context: DecisionContext) => {
      const before = context.desk.working;
      act(decisions, context);
      trace.decided.push({ time: context.bar.end, entered: !before && context.desk.working });
    },
    reward: (outcome: StepOutcome, context: DecisionContext) => {
      trace.settled.push(context.bar.end);
      return reward(outcome, context);
    },
  });
}

/** One engine run of `system` with the training agent, as `grandmodel train` runs it (no update: long episodes). */
async function trainOneRun(system: TrainingSystem, detector: Record<string, unknown> = {}): Promise<void> {
  const trainer = await MappoTrainer.create(system.actors, system.critic, { totalUpdates: 1 }, new SeededRandom(3));
  const session = new TrainingSession(system, trainer, { episodes: 1, episodeSteps: 10_000 });
  const harness: TrainingHarness = { session, riskTimeframe: '5m', atr: { id: 'atr-gm', output: 'atr14' }, contracts: 1, synergy: synergyDetectorOptions.parse(detector) };
  const loaded = await loadSystem(CONFIG, { plugins: [trainingAgentPlugin(harness), ...plugins], baseDir: dir });
  const engine = await Engine.create({ ...loaded.config, agents: [{ use: TRAINING_AGENT_PLUGIN_ID, id: 'trainer', options: {}, onFault: 'stop' }] }, loaded.registry, { logger: createSilentLogger() });
  session.startRun();
  try {
    await engine.run();
  } finally {
    await engine.dispose();
    trainer.dispose();
  }
  if (harness.error !== undefined) throw harness.error;
}

/** The synergies the pipeline's own synergy-detector agent publishes on the same data. */
async function pipelineSynergies(detector: Record<string, unknown> = {}): Promise<Published[]> {
  const run = await runSystem({ config: { ...CONFIG, agents: [{ use: 'synergy-detector', options: detector }] }, baseDir: dir, out: join(dir, 'detector'), env: {}, plugins, logger: createSilentLogger() });
  return readFileSync(join(run.dir, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"synergy.detected"'))
    .map((line) => JSON.parse(line).payload)
    .map((p) => ({ time: Date.parse(p.tsEvent), type: p.synergyType, direction: p.direction }));
}

/** Checks that decisions were taken exactly on the synergies that arrived while no trade was open. */
function expectDecisionsOnFreeSynergies(trace: Trace, decisionTimes: readonly number[]): void {
  let open: { from: number; until: number } | undefined;
  let d = 0;
  for (const time of decisionTimes) {
    const step = trace.decided[d];
    // A synergy on the bar the open step settles on is decided (the session rewards the step, then acts)
    const busy = open !== undefined && time > open.from && time < open.until;
    if (busy) continue;
    expect(step?.time, `decision at ${new Date(time).toISOString()}`).toBe(time);
    // The step settles at the first later bar once its trade (if any) is closed
    const until = trace.settled[d]!;
    expect(until).toBeGreaterThan(time);
    if (step!.entered) open = { from: time, until };
    else expect(until - time).toBeLessThanOrEqual(30 * 60_000);
    d++;
  }
  expect(d).toBe(trace.decided.length);
}

describe('training on synergies (the detector in the loop)', () => {
  it('the tactical system sees every synergy of the pipeline detector, on its bar, and decides on each one no trade is open for', async () => {
    const published = await pipelineSynergies();
    expect(published.length).toBeGreaterThan(8);
    expect(new Set(published.map((p) => p.direction))).toEqual(new Set([1, -1]));
    const trace: Trace = { observed: [], decided: [], settled: [] };
    await trainOneRun(traced(new TacticalSystem({ random: new SeededRandom(1) }), trace));
    // The same synergies, each handed over on the bar that completed it
    expect(trace.observed.map((o) => o.synergy)).toEqual(published);
    for (const o of trace.observed) expect(o.time).toBe(o.synergy.time);
    expect(trace.decided.length).toBeGreaterThan(4);
    // Once the tactical matrix is ready, every synergy is decided unless a trade is still open (a fresh policy rarely
    // reaches the 0.65 vote, so here nearly every one is)
    const ready = published.filter((p) => p.time >= trace.decided[0]!.time).map((p) => p.time);
    expectDecisionsOnFreeSynergies(trace, ready);
  });

  it('the strategic system decides a synergy that completes on a half-hour 5-minute bar on that half hour\'s 30-minute bar', async () => {
    // The detector's options come from the config: level triggering without cooldown makes synergies frequent enough to overlap trades
    const detector = { triggering: 'level', cooldownBars: 0 };
    const trace: Trace = { observed: [], decided: [], settled: [] };
    await trainOneRun(traced(new StrategicSystem({ random: new SeededRandom(1) }), trace), detector);
    const published = await pipelineSynergies(detector);
    expect(trace.observed.map((o) => o.synergy)).toEqual(published);
    const onBoundary = trace.observed.filter((o) => o.synergy.time % 1_800_000 === 0);
    expect(onBoundary.length).toBeGreaterThan(0);
    // Every synergy is seen at its own time; those on a half hour on the 30-minute bar (the fresher strategic row)
    for (const o of trace.observed) {
      expect(o.time).toBe(o.synergy.time);
      if (o.synergy.time % 1_800_000 === 0) expect(o.timeframe).toBe('30m');
    }
    expect(trace.observed.some((o) => o.timeframe === '5m')).toBe(true);
    // A fresh strategic policy trades two thirds of the time: some synergies arrive during an open trade and are skipped
    const ready = published.filter((p) => p.time >= trace.decided[0]!.time).map((p) => p.time);
    expect(trace.decided.filter((step) => step.entered).length).toBeGreaterThan(2);
    expect(trace.decided.length).toBeLessThan(ready.length);
    expectDecisionsOnFreeSynergies(trace, ready);
  });
});
