// Test helpers: the GrandModel pipeline run in the engine on in-memory bars, with test models and recorded events.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger, Engine, loadSystem, type Bar, type ConfigInput } from '@grandmodel/framework';
import { arrayDataSourcePlugin } from '@grandmodel/framework/testing';
import { grandmodelIndicators } from '@grandmodel/plugins-indicators';
import {
  GATING_CONTRACT,
  RISK_CONTRACT,
  STRATEGIC_MLMI_CONTRACT,
  STRATEGIC_NWRQK_CONTRACT,
  STRATEGIC_REGIME_CONTRACT,
  TACTICAL_ENTRY_CONTRACT,
  TACTICAL_FVG_CONTRACT,
  TACTICAL_MOMENTUM_CONTRACT,
} from '../../src/inference/index.js';
import { grandmodelPipeline, pipelinePlugins, type GrandModelPipelineSettings } from '../../src/presets/index.js';
import { riskModels } from '@grandmodel/plugins-risk';
import { constantNetwork, writeModel } from './test-models.js';

/** Paths of a full set of test models (constant outputs, known exactly). */
export interface TestModelSet {
  readonly strategic: Record<'mlmi' | 'nwrqk' | 'regime' | 'gating', string>;
  readonly tactical: Record<'fvg' | 'momentum' | 'entry', string>;
  readonly risk: string;
}

/** Outputs of the test models. */
export const TEST_MODEL_OUTPUTS = {
  strategic: { mlmi: [0.6, 0.3, 0.1], nwrqk: [0.5, 0.3, 0.2], regime: [0.4, 0.4, 0.2], gating: [0.5, 0.3, 0.2] },
  // Long-biased tactical actors: long synergies execute, short ones meet the counter-synergy veto
  tactical: { fvg: [0.1, 0.1, 0.8], momentum: [0.1, 0.2, 0.7], entry: [0.2, 0.2, 0.6] },
  risk: { size_probabilities: [0.1, 0.6, 0.1, 0.1, 0.1], stop_target: [1.5, 2.5], monitor_probabilities: [0.7, 0.2, 0.05, 0.05] },
} as const;

/** Writes the test models into a fresh temporary folder. */
export function writeTestModels(dir = mkdtempSync(join(tmpdir(), 'gm-pipeline-models-'))): TestModelSet {
  const o = TEST_MODEL_OUTPUTS;
  return {
    strategic: {
      mlmi: writeModel(dir, 'mlmi', constantNetwork(STRATEGIC_MLMI_CONTRACT, { probabilities: o.strategic.mlmi })),
      nwrqk: writeModel(dir, 'nwrqk', constantNetwork(STRATEGIC_NWRQK_CONTRACT, { probabilities: o.strategic.nwrqk })),
      regime: writeModel(dir, 'regime', constantNetwork(STRATEGIC_REGIME_CONTRACT, { probabilities: o.strategic.regime })),
      gating: writeModel(dir, 'gating', constantNetwork(GATING_CONTRACT, { weights: o.strategic.gating })),
    },
    tactical: {
      fvg: writeModel(dir, 'fvg', constantNetwork(TACTICAL_FVG_CONTRACT, { probabilities: o.tactical.fvg })),
      momentum: writeModel(dir, 'momentum', constantNetwork(TACTICAL_MOMENTUM_CONTRACT, { probabilities: o.tactical.momentum })),
      entry: writeModel(dir, 'entry', constantNetwork(TACTICAL_ENTRY_CONTRACT, { probabilities: o.tactical.entry })),
    },
    risk: writeModel(dir, 'risk', constantNetwork(RISK_CONTRACT, o.risk, { masks: true })),
  };
}

/** Pipeline settings that point every agent at the test models. */
export function withTestModels(models: TestModelSet, settings: GrandModelPipelineSettings): GrandModelPipelineSettings {
  const options = settings.options ?? {};
  return {
    ...settings,
    options: {
      ...options,
      strategic: { models: models.strategic, ...options.strategic },
      tactical: { models: models.tactical, ...options.tactical },
      risk: { model: models.risk, ...options.risk },
    },
  };
}

/** One recorded event. */
export interface RecordedEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

const RECORDED = ['synergy.detected', 'decision.made', 'order.submitted', 'order.denied', 'order.filled', 'signal.emitted'] as const;

/** Runs the pipeline config in the engine over `bars` and records its events in order. */
export async function runPipeline(bars: readonly Bar[], settings: GrandModelPipelineSettings, config: Partial<ConfigInput> = {}) {
  const pipeline = grandmodelPipeline(settings);
  const system = await loadSystem(
    {
      data: { use: 'array' },
      instruments: [{ symbol: 'MNQ', tickSize: settings.tickSize, multiplier: 2 }],
      bars: pipeline.bars,
      indicators: pipeline.indicators,
      agents: pipeline.agents,
      broker: { use: 'sim', options: { fees: { perContract: 0.5 }, slippage: { ticks: 1 } } },
      backtest: { cash: 250_000 },
      logging: { level: 'silent' },
      ...config,
    },
    { plugins: [arrayDataSourcePlugin(bars), ...grandmodelIndicators, ...pipelinePlugins, ...riskModels], env: {} },
  );
  const engine = await Engine.create(system.config, system.registry, { logger: createSilentLogger() });
  const events: RecordedEvent[] = [];
  for (const name of RECORDED) engine.kernel.bus.on(name, (payload) => void events.push({ name, payload: payload as unknown as Record<string, unknown> }));
  const custom: Record<string, unknown> = {};
  for (const id of ['synergy-detector', 'strategic-marl', 'tactical-marl', 'risk-marl']) {
    engine.kernel.bus.onOwned(`${id}:stats`, (payload: never) => void (custom[id] = payload), { pluginId: 'test', instanceId: 'test' });
  }
  const stats = () =>
    Object.fromEntries(
      ['synergy-detector', 'strategic', 'tactical', 'risk'].map((id) => [id, (engine.kernel.component(id)?.instance as { stats?: () => unknown } | undefined)?.stats?.()]),
    );
  const result = await engine.run();
  return { engine, events, result, stats: stats(), customStats: custom };
}
