import type { Logger } from 'pino';
import type { InjectionToken } from 'tsyringe';
import type { ScopedBus } from '../bus/scoped-bus.js';
import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../random/seeded-random.js';

/** Which mode the run is in; components should rarely need to know. */
export type RunMode = 'backtest' | 'paper' | 'live';

/** What a plugin's `create` receives. */
export interface PluginContext<Options> {
  /** Options already parsed and defaulted by the plugin's schema. */
  readonly options: Readonly<Options>;
  /** Instance id from config (`id:`), or the plugin id when absent. */
  readonly instanceId: string;
  /** pino child logger bound to `{ plugin, instance }`. */
  readonly logger: Logger;
  /** Event bus scoped to this component: its listeners are isolated and attributed to it. */
  readonly bus: ScopedBus;
  readonly clock: Clock;
  /** Random numbers for this component, seeded from the run seed and the instance id. */
  readonly random: SeededRandom;
  readonly mode: RunMode;
  /** Folder that relative paths in options are resolved against (the config file's folder). */
  readonly baseDir: string;
  /** Resolves a service or another component from this component's child container. */
  resolve<T>(token: InjectionToken<T>): T;
  /** Aborted when the kernel stops. */
  readonly signal: AbortSignal;
}

/** Optional lifecycle hooks a created component may implement. */
export interface Lifecycle {
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  dispose?(): void | Promise<void>;
}
