import { relative, resolve } from 'node:path';
import { importModule } from '../../config/config-source.js';
import { SdkError } from '../../errors/sdk-error.js';
import type { CliIo } from '../cli-io.js';

/** Options of `grandmodel train` as commander passes them. */
export interface TrainCommandOptions {
  /** Comma-separated systems: strategic, tactical, risk (default all). */
  readonly agents?: string;
  readonly episodes?: string;
  readonly seed?: string;
  /** Output folder of the models (default `models`). */
  readonly out?: string;
  /** Decisions per episode (default per system). */
  readonly episodeSteps?: string;
  /** PPO epochs per update (default 10). */
  readonly epochs?: string;
  readonly contracts?: string;
  readonly symbol?: string;
  readonly set?: string[];
  readonly quiet?: boolean;
}

const SYSTEMS = ['strategic', 'tactical', 'risk'] as const;

/** The part of an episode report the command prints (the plugin package defines the full type). */
interface EpisodeLine {
  readonly system: string;
  readonly episode: number;
  readonly episodes: number;
  readonly reward: number;
  readonly pnl: number;
  readonly metrics: { readonly valueLoss: number; readonly entropy: number };
}

/** The training entry point `@grandmodel/plugins-agents` exports (structural, so the framework needs no import of it). */
type TrainModels = (options: Record<string, unknown>) => Promise<{ models: readonly { name: string; path: string; sha256: string; bytes: number }[] }>;

/** Loads the agents package; tests pass their own loader. */
export type AgentsModuleLoader = (cwd: string) => Promise<unknown>;

const loadAgentsPackage: AgentsModuleLoader = (cwd) => importModule('@grandmodel/plugins-agents', cwd);

/**
 * `grandmodel train <config>`: trains the strategic, tactical and/or risk agents with MAPPO on the config's
 * data (the backtest engine is the environment) and writes ONNX models plus JSON cards to `--out`.
 * The agents package is loaded at run time: the framework never imports plugin packages.
 */
export async function trainCommand(config: string, options: TrainCommandOptions, io: CliIo, load: AgentsModuleLoader = loadAgentsPackage): Promise<number> {
  const problems: string[] = [];
  const systems = (options.agents ?? SYSTEMS.join(',')).split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const system of systems) if (!(SYSTEMS as readonly string[]).includes(system)) problems.push(`--agents: unknown system "${system}" (expected ${SYSTEMS.join(', ')})`);
  if (systems.length === 0) problems.push(`--agents: expected at least one of ${SYSTEMS.join(', ')}`);
  const integer = (flag: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) problems.push(`${flag}: expected an integer >= ${min}, was "${text}"`);
    return value;
  };
  const episodes = integer('--episodes', options.episodes ?? '40', 1);
  const seed = integer('--seed', options.seed, 0);
  const episodeSteps = integer('--episode-steps', options.episodeSteps, 8);
  const epochs = integer('--epochs', options.epochs, 1);
  const contracts = integer('--contracts', options.contracts, 1);
  if (problems.length > 0) throw new SdkError('GM_CLI_USAGE', `grandmodel train: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);

  const module = (await load(io.cwd)) as { trainModels?: unknown };
  if (typeof module.trainModels !== 'function') {
    throw new SdkError('GM_PLUGIN_NOT_FOUND', '@grandmodel/plugins-agents does not export trainModels; install a version of the agents package with training support');
  }
  const trainModels = module.trainModels as TrainModels;
  const out = resolve(io.cwd, options.out ?? 'models');
  const progress = options.quiet ? undefined : new TrainingProgress(io.stderr);
  const command = ['grandmodel train', relative(io.cwd, resolve(io.cwd, config)) || config, `--agents ${systems.join(',')}`, `--episodes ${episodes}`];
  if (seed !== undefined) command.push(`--seed ${seed}`);
  if (episodeSteps !== undefined) command.push(`--episode-steps ${episodeSteps}`);
  if (epochs !== undefined) command.push(`--epochs ${epochs}`);
  if (contracts !== undefined) command.push(`--contracts ${contracts}`);
  command.push(`--out ${relative(io.cwd, out) || '.'}`);
  const result = await trainModels({
    config: resolve(io.cwd, config),
    systems,
    episodes,
    seed,
    out,
    ...(episodeSteps === undefined ? {} : { episodeSteps: Object.fromEntries(systems.map((s) => [s, episodeSteps])) }),
    ...(epochs === undefined ? {} : { settings: { epochs } }),
    contracts,
    symbol: options.symbol,
    set: options.set,
    env: io.env,
    command: command.join(' '),
    onEpisode: progress === undefined ? undefined : (report: EpisodeLine) => progress.episode(report),
  });
  progress?.done();
  const lines = result.models.map((m) => `  ${relative(io.cwd, m.path)}  ${(m.bytes / 1024).toFixed(1)} KB  sha256 ${m.sha256.slice(0, 16)}…`);
  io.stdout.write(`trained ${systems.join(', ')} (${episodes} episode${episodes === 1 ? '' : 's'} each); models and cards in ${relative(io.cwd, out) || '.'}:\n${lines.join('\n')}\n`);
  return 0;
}

/** A live progress bar with the latest reward on a terminal; one plain line per episode otherwise. */
class TrainingProgress {
  private active = false;

  constructor(private readonly stream: { write(text: string): unknown; readonly isTTY?: boolean }) {}

  episode(report: EpisodeLine): void {
    const width = 24;
    const filled = Math.round((report.episode / report.episodes) * width);
    const stats = `reward ${report.reward.toFixed(4)}  pnl ${report.pnl.toFixed(0)}  value loss ${report.metrics.valueLoss.toFixed(3)}  entropy ${report.metrics.entropy.toFixed(3)}`;
    if (this.stream.isTTY === true) {
      this.stream.write(`\r${report.system.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${report.episode}/${report.episodes}  ${stats}\u001b[K`);
      this.active = true;
      if (report.episode === report.episodes) {
        this.stream.write('\n');
        this.active = false;
      }
    } else {
      this.stream.write(`${report.system} episode ${report.episode}/${report.episodes}: ${stats}\n`);
    }
  }

  done(): void {
    if (this.active) this.stream.write('\n');
    this.active = false;
  }
}
