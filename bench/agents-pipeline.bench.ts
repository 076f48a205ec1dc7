// GrandModel pipeline speed: a full backtest on 5-minute bars (indicators, matrix assemblers, synergy detector,
// strategic/tactical/risk agents with the shipped ONNX models, risk chain, simulated broker) in bars per second,
// against baselines measured in the same run: the engine with sma-cross only, and the pipeline without agents.
// Inference runs only on synergy events, so the indicators dominate. Rates are per CPU second (one core), which
// stays steady on a busy machine; wall-clock rates are shown too.
//
// Run: node --import tsx --conditions=@grandmodel/source bench/agents-pipeline.bench.ts   (about a minute)
import { createSilentLogger, Engine, generateSyntheticBars, loadSystem, type Bar, type ConfigInput } from '@grandmodel/framework';
import { arrayDataSourcePlugin } from '@grandmodel/framework/testing';
import { grandmodelIndicators } from '@grandmodel/plugins-indicators';
import { riskModels } from '@grandmodel/plugins-risk';
import { grandmodelPipeline, pipelinePlugins, pipelineStats } from '../packages/plugins-agents/src/presets/index.js';
import { printTable } from './bench-timer.js';

const MONTHS = 12;
const bars: Bar[] = [...generateSyntheticBars({ symbol: 'MNQ', from: '2024-01-01', to: `${2024 + Math.floor(MONTHS / 12)}-${String((MONTHS % 12) + 1).padStart(2, '0')}-01`, seed: 21, tickSize: 0.25, startPrice: 17000, timeframe: '5m' })];
const pipeline = grandmodelPipeline({ tickSize: 0.25 });

interface Measured {
  readonly seconds: number;
  /** Bars per second of CPU time (user + system): the one-core figure, steady on a busy machine. */
  readonly barsPerSecond: number;
  readonly wallBarsPerSecond: number;
  readonly stats?: ReturnType<typeof pipelineStats>;
}

/** One engine run over the bars (after a warm-up run of the first tenth); wall time of `run` only. */
async function measure(config: Partial<ConfigInput>): Promise<Measured> {
  const once = async (input: readonly Bar[]) => {
    const system = await loadSystem(
      { data: { use: 'array' }, instruments: [{ symbol: 'MNQ', tickSize: 0.25, multiplier: 2 }], logging: { level: 'silent' }, backtest: { cash: 250_000 }, ...config },
      { plugins: [arrayDataSourcePlugin(input), ...grandmodelIndicators, ...riskModels, ...pipelinePlugins], env: {} },
    );
    const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await engine.run();
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const stats = pipelineStats(engine.kernel.components);
    await engine.dispose();
    return { seconds, barsPerSecond: input.length / seconds, wallBarsPerSecond: input.length / wall, stats };
  };
  await once(bars.slice(0, Math.floor(bars.length / 10)));
  return once(bars);
}

const baseline = await measure({ agents: [{ use: 'sma-cross', options: { fast: 10, slow: 30, quantity: 1, timeframe: '5m' } }], bars: pipeline.bars });
const featuresOnly = await measure({ bars: pipeline.bars, indicators: pipeline.indicators });
const full = await measure({ bars: pipeline.bars, indicators: pipeline.indicators, agents: pipeline.agents });
const withRisk = await measure({
  bars: pipeline.bars,
  indicators: pipeline.indicators,
  agents: pipeline.agents,
  risk: [{ use: 'kelly', options: { source: 'metadata', sizing: 'cap' } }, { use: 'drawdown' }, { use: 'limits', options: { maxPosition: 5 } }],
});

printTable([
  [`${bars.length} five-minute bars (${MONTHS} months)`, 'CPU seconds', 'bars/CPU-s', 'bars/wall-s', 'ratio to sma-cross'],
  ['engine + sma-cross (baseline)', baseline.seconds, baseline.barsPerSecond, baseline.wallBarsPerSecond, 1],
  ['indicators + assemblers, no agents', featuresOnly.seconds, featuresOnly.barsPerSecond, featuresOnly.wallBarsPerSecond, featuresOnly.barsPerSecond / baseline.barsPerSecond],
  ['full pipeline (shipped models)', full.seconds, full.barsPerSecond, full.wallBarsPerSecond, full.barsPerSecond / baseline.barsPerSecond],
  ['full pipeline + kelly, drawdown, limits', withRisk.seconds, withRisk.barsPerSecond, withRisk.wallBarsPerSecond, withRisk.barsPerSecond / baseline.barsPerSecond],
]);
const stats = full.stats!;
const synergies = Object.values(stats.synergies).reduce((a, b) => a + b, 0);
process.stdout.write(`\nsynergies ${synergies} (${JSON.stringify(stats.synergies)}); decisions ${JSON.stringify(stats.decisions)}\n`);
process.stdout.write(`decision latency ms (p50/p99): ${Object.entries(stats.latencyMs).map(([id, l]) => `${id} ${l.p50.toFixed(3)}/${l.p99.toFixed(3)}`).join(', ')}\n`);
process.stdout.write('goal: full pipeline >= 100,000 bars/s on one core with inference only on synergy events\n');
