import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import {
  createSilentLogger,
  Engine,
  loadSystem,
  SdkError,
  SeededRandom,
  type AnyPluginDefinition,
  type ConfigInput,
  type ResolvedConfig,
} from '@grandmodel/framework';
import type { Logger } from 'pino';
import { MODEL_CONTRACTS } from '../inference/model-contracts.js';
import { OnnxPolicy } from '../inference/onnx-policy.js';
import { parameterCount } from '../inference/policy-network.js';
import { exportPolicyNetwork } from '../onnx/export-policy-network.js';
import { ONNX_IR_VERSION, ONNX_OPSET_VERSION } from '../onnx/onnx-schema.js';
import { synergyDetectorOptions } from '../synergy/synergy-detector-options.js';
import { SYNERGY_DETECTOR_ID } from '../synergy/synergy-detector-plugin.js';
import { MappoTrainer } from './mappo-trainer.js';
import { DEFAULT_MAPPO_SETTINGS, type MappoSettings } from './mappo-settings.js';
import { formatModelCard, sha256Hex, type ModelCard } from './model-card.js';
import { RiskSystem } from './risk-system.js';
import { StrategicSystem } from './strategic-system.js';
import { TacticalSystem } from './tactical-system.js';
import { TRAINING_AGENT_PLUGIN_ID, trainingAgentPlugin, type TrainingHarness } from './training-agent.js';
import { TrainingSession, type EpisodeReport } from './training-session.js';
import type { SystemName, TrainingSystem } from './training-system.js';

/** Every system, in training order. */
export const SYSTEM_NAMES: readonly SystemName[] = ['strategic', 'tactical', 'risk'];

/** Decisions per episode unless set: 64 synergies (one minibatch) for the strategic and tactical systems, two days of 30-minute bars for the risk system. */
export const DEFAULT_EPISODE_STEPS: Readonly<Record<SystemName, number>> = { strategic: 64, tactical: 64, risk: 96 };

const PRODUCER_VERSION = '0.1.0';

/** Options of `trainModels` (the `grandmodel train` command). */
export interface TrainModelsOptions {
  /** Config file path or object: its data, bars, instruments, indicators and risk models are the environment. */
  readonly config: string | ConfigInput;
  /** Systems to train (default all three). */
  readonly systems?: readonly SystemName[];
  /** Episodes per system. */
  readonly episodes: number;
  /** Seed of weights, sampling and shuffles (default: the config's seed). */
  readonly seed?: number;
  /** Folder the `.onnx` files and cards are written to. */
  readonly out: string;
  readonly episodeSteps?: Partial<Record<SystemName, number>>;
  /** Contracts per unit decision of the strategic and tactical systems (default 1). */
  readonly contracts?: number;
  /** Symbol to trade (default: the first one in the data). */
  readonly symbol?: string;
  /** PPO settings overriding the spec defaults (e.g. fewer epochs). */
  readonly settings?: Partial<MappoSettings>;
  /** `key.path=value` config overrides. */
  readonly set?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly baseDir?: string;
  /** Extra plugins passed in code. */
  readonly plugins?: readonly AnyPluginDefinition[];
  readonly logger?: Logger;
  /** Called after every episode (progress output). */
  readonly onEpisode?: (report: EpisodeReport) => void;
  /** The command line, recorded in the cards. */
  readonly command?: string;
}

/** One written model. */
export interface TrainedModel {
  readonly name: string;
  readonly system: SystemName;
  readonly path: string;
  readonly cardPath: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What `trainModels` produced. */
export interface TrainModelsResult {
  readonly models: readonly TrainedModel[];
  readonly reports: Readonly<Partial<Record<SystemName, readonly EpisodeReport[]>>>;
}

function createSystem(name: SystemName, random: SeededRandom): TrainingSystem {
  if (name === 'strategic') return new StrategicSystem({ random });
  if (name === 'tactical') return new TacticalSystem({ random });
  return new RiskSystem();
}

/**
 * Trains the requested systems with MAPPO, using the backtest engine over the config's data as the
 * environment (episodes are consecutive windows of decision bars), then writes one ONNX model per actor
 * plus a JSON card (config, seed, data, metrics, SHA-256). Deterministic for a config and seed.
 */
export async function trainModels(options: TrainModelsOptions): Promise<TrainModelsResult> {
  const systems = options.systems ?? SYSTEM_NAMES;
  if (!Number.isInteger(options.episodes) || options.episodes < 1) throw new SdkError('GM_INPUT_INVALID', `episodes must be a positive integer, was ${options.episodes}`);
  for (const name of systems) if (!SYSTEM_NAMES.includes(name)) throw new SdkError('GM_INPUT_INVALID', `Unknown system "${name}"; expected some of ${SYSTEM_NAMES.join(', ')}`);
  const harness: TrainingHarness = {
    session: undefined,
    symbol: options.symbol,
    riskTimeframe: '5m',
    atr: { id: 'atr-gm', output: 'atr14' },
    contracts: options.contracts ?? 1,
    synergy: synergyDetectorOptions.parse({}),
  };
  const overrides = [...(options.seed === undefined ? [] : [`seed=${options.seed}`]), ...(options.set ?? [])];
  const loaded = await loadSystem(options.config, { overrides, env: options.env, plugins: [trainingAgentPlugin(harness), ...(options.plugins ?? [])], baseDir: options.baseDir });
  const config = loaded.config;
  // Systems triggered by synergies run the config's synergy detector when it lists one, else the default one
  const detector = config.agents.find((entry) => entry.use === SYNERGY_DETECTOR_ID);
  Object.assign(harness, { synergy: synergyDetectorOptions.parse(detector?.options ?? {}) });
  if (config.data === undefined) throw new SdkError('GM_CONFIG_INVALID', 'Training needs a `data:` source in the config (e.g. { use: synthetic, options: {...} })');
  const riskTimeframe = (config.bars as readonly string[]).includes('5m') ? '5m' : undefined;
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const logger = options.logger ?? createSilentLogger();
  const models: TrainedModel[] = [];
  const reports: Partial<Record<SystemName, readonly EpisodeReport[]>> = {};
  for (const name of systems) {
    const system = createSystem(name, new SeededRandom(config.seed).fork(100 + SYSTEM_NAMES.indexOf(name)));
    for (const timeframe of [system.timeframe]) {
      if (!(config.bars as readonly string[]).includes(timeframe)) throw new SdkError('GM_CONFIG_INVALID', `Training the ${name} system needs ${timeframe} bars: add it to the config's bars: (e.g. bars: [5m, 30m])`);
    }
    const episodeSteps = options.episodeSteps?.[name] ?? DEFAULT_EPISODE_STEPS[name];
    const settings: Partial<MappoSettings> = { ...options.settings, totalUpdates: options.episodes };
    const trainer = await MappoTrainer.create(system.actors, system.critic, settings, new SeededRandom(config.seed).fork(SYSTEM_NAMES.indexOf(name) + 1));
    const session = new TrainingSession(system, trainer, { episodes: options.episodes, episodeSteps, onEpisode: options.onEpisode });
    Object.assign(harness, { session, riskTimeframe: riskTimeframe ?? system.timeframe, error: undefined });
    try {
      await runEpisodes(config, loaded.registry, session, harness, logger);
      reports[name] = session.reports;
      models.push(...writeModels(system, trainer, session, { config, options, out, episodeSteps, synergy: harness.synergy }));
    } finally {
      trainer.dispose();
    }
  }
  for (const model of models) {
    // Every written file must load against its contract
    const policy = await OnnxPolicy.load(model.path, MODEL_CONTRACTS[model.name]!);
    await policy.dispose();
  }
  return { models, reports };
}

async function runEpisodes(config: ResolvedConfig, registry: Parameters<typeof Engine.create>[1], session: TrainingSession, harness: TrainingHarness, logger: Logger): Promise<void> {
  const runConfig: ResolvedConfig = { ...config, agents: [{ use: TRAINING_AGENT_PLUGIN_ID, id: 'trainer', options: {}, onFault: 'stop' }] };
  while (!session.finished) {
    const before = session.episodesDone;
    const engine = await Engine.create(runConfig, registry, { logger });
    session.requestStop = (reason) => engine.requestStop(reason);
    session.startRun();
    try {
      await engine.run();
    } finally {
      await engine.dispose();
    }
    if (harness.error !== undefined) throw harness.error;
    if (session.system.trigger === 'synergy' && session.stepsThisRun === 0 && !session.finished) {
      throw new SdkError(
        'GM_CONFIG_INVALID',
        `The data gives no ${session.system.name} decision: no synergy was detected (and settled) on ${session.system.timeframe} bars after the indicators warm up; use a longer data range`,
      );
    }
    if (session.system.independentSteps !== true && session.episodesDone === before) {
      throw new SdkError(
        'GM_CONFIG_INVALID',
        `The data gives no complete ${session.system.name} episode (${session.settings.episodeSteps} decisions on ${session.system.timeframe} bars after the indicators warm up); use a longer data range or fewer --episode-steps`,
      );
    }
  }
}

interface WriteContext {
  readonly config: ResolvedConfig;
  readonly options: TrainModelsOptions;
  readonly out: string;
  readonly episodeSteps: number;
  /** Options of the synergy detector run in the loop (recorded for systems triggered by synergies). */
  readonly synergy: TrainingHarness['synergy'];
}

function writeModels(system: TrainingSystem, trainer: MappoTrainer, session: TrainingSession, context: WriteContext): TrainedModel[] {
  const { config, options, out } = context;
  const reports = session.reports;
  const tail = reports.slice(-Math.max(1, Math.floor(reports.length / 4)));
  const head = reports.slice(0, Math.max(1, Math.floor(reports.length / 4)));
  const mean = (list: readonly EpisodeReport[], pick: (r: EpisodeReport) => number): number => list.reduce((sum, r) => sum + pick(r), 0) / list.length;
  return system.actors.map((actor, index) => {
    const network = trainer.snapshot(index);
    const contract = MODEL_CONTRACTS[actor.name]!;
    const bytes = exportPolicyNetwork(network, {
      graphName: actor.name,
      producerVersion: PRODUCER_VERSION,
      docString: contract.description,
      metadata: { contract: actor.name, dropout_rate: String(contract.dropoutRate), system: system.name, seed: String(config.seed) },
    });
    const file = `${actor.name}.onnx`;
    const path = join(out, file);
    writeFileSync(path, bytes);
    const sha256 = sha256Hex(bytes);
    const card: ModelCard = {
      model: actor.name,
      file,
      sha256,
      bytes: bytes.length,
      system: system.name,
      contract,
      network: { hidden: actor.network.hidden, masks: network.maskNames, parameters: parameterCount(network), dropoutRate: actor.dropoutRate, attention: actor.network.attention !== undefined },
      training: {
        command: options.command ?? null,
        algorithm: 'MAPPO: clipped PPO per actor, centralised critic over the joint observation, GAE',
        seed: config.seed,
        episodes: options.episodes,
        episodeSteps: context.episodeSteps,
        systems: options.systems ?? SYSTEM_NAMES,
        learningRate: actor.learningRate,
        settings: { ...DEFAULT_MAPPO_SETTINGS, ...options.settings, totalUpdates: options.episodes },
        contracts: options.contracts ?? 1,
      },
      data: {
        config: config.source === undefined ? null : basename(config.source),
        configPath: config.source === undefined ? null : relative(out, config.source),
        source: config.data === undefined ? null : { use: config.data.use, options: config.data.options },
        bars: config.bars,
        instruments: config.instruments,
        backtest: config.backtest,
        indicators: config.indicators.map((entry) => entry.id),
      },
      environment: system.trigger === 'synergy' ? { ...system.describe(), synergyDetector: context.synergy } : system.describe(),
      metrics: {
        episodes: reports.map((r) => ({
          episode: r.episode,
          meanReward: r.reward,
          pnl: r.pnl,
          steps: r.steps,
          policyLoss: r.metrics.policyLoss,
          valueLoss: r.metrics.valueLoss,
          entropy: r.metrics.entropy,
          approxKl: r.metrics.approxKl,
          epochs: r.metrics.epochs,
          parts: r.parts,
        })),
        meanRewardFirstQuarter: mean(head, (r) => r.reward),
        meanRewardLastQuarter: mean(tail, (r) => r.reward),
        valueLossFirstQuarter: mean(head, (r) => r.metrics.valueLoss),
        valueLossLastQuarter: mean(tail, (r) => r.metrics.valueLoss),
      },
      producer: { package: '@grandmodel/plugins-agents', version: PRODUCER_VERSION, onnxIrVersion: ONNX_IR_VERSION, onnxOpset: ONNX_OPSET_VERSION, backend: 'tfjs-core 4.22 wasm, 1 thread' },
    };
    const cardPath = join(out, `${actor.name}.card.json`);
    writeFileSync(cardPath, formatModelCard(card));
    return { name: actor.name, system: system.name, path, cardPath, sha256, bytes: bytes.length };
  });
}
