import type { Logger } from 'pino';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { EventBus } from '../bus/event-bus.js';
import { ScopedBus } from '../bus/scoped-bus.js';
import { SimulatedClock, type Clock } from '../clock/clock.js';
import { objectConfigSource } from '../config/config-source.js';
import { COMPONENT_SECTIONS, type ComponentEntry, type ComponentSection, type ConfigInput, type ResolvedConfig } from '../config/envelope.js';
import { resolveConfig } from '../config/resolve-config.js';
import { createRootContainer } from '../di/container.js';
import { instanceToken, TOKENS } from '../di/tokens.js';
import { PluginError } from '../errors/plugin-error.js';
import { SdkError, toError } from '../errors/sdk-error.js';
import { createLogger } from '../logging/create-logger.js';
import type { AnyPluginDefinition } from '../plugin/define-plugin.js';
import type { Lifecycle, RunMode } from '../plugin/plugin-context.js';
import { PluginRegistry } from '../plugin/plugin-registry.js';
import { SeededRandom } from '../random/seeded-random.js';
import type { ComponentRecord } from './component-state.js';
import { orderByDependencies, type DependencyNode } from './dependency-order.js';

/** Creation order of config sections when plugins declare no dependencies between them. */
const STAGE_ORDER: readonly ComponentSection[] = ['services', 'data', 'broker', 'execution', 'indicators', 'risk', 'agents'];

/** Options of `createKernel`. */
export interface KernelOptions {
  /** Plugin definitions (or a registry) the config may `use`. */
  readonly plugins: readonly AnyPluginDefinition[] | PluginRegistry;
  /** A resolved config, or a config object to validate against the plugins. */
  readonly config: ResolvedConfig | ConfigInput;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly bus?: EventBus;
  /** Registers services in the root container before any component is created. */
  readonly registerServices?: (container: DependencyContainer, kernel: Kernel) => void;
  /** Called when a faulting component's policy is `halt` or `stop`. */
  readonly onFaultAction?: (action: 'halt' | 'stop', component: ComponentRecord, error: Error) => void;
}

/** Kernel lifecycle: created → started → stopped → disposed. */
export type KernelState = 'created' | 'started' | 'stopped' | 'disposed';

/**
 * The dependency-injected kernel: creates every configured component in dependency order, each with its
 * own child container, logger, scoped bus, clock and random source; starts them in that order and stops and
 * disposes them in reverse. Nothing can be added after start.
 */
export class Kernel {
  state: KernelState = 'created';
  readonly components: ComponentRecord[] = [];
  private readonly abort = new AbortController();

  private constructor(
    readonly config: ResolvedConfig,
    readonly registry: PluginRegistry,
    readonly container: DependencyContainer,
    readonly bus: EventBus,
    readonly clock: Clock,
    readonly logger: Logger,
  ) {}

  /** Creates a kernel and all its components (async plugin factories are awaited in order). */
  static async create(options: KernelOptions): Promise<Kernel> {
    const registry = options.plugins instanceof PluginRegistry ? options.plugins : new PluginRegistry().register(options.plugins);
    const config = isResolved(options.config) ? options.config : resolveConfig(objectConfigSource(options.config, process.cwd()), registry).config;
    const clock = options.clock ?? new SimulatedClock();
    const logger = options.logger ?? createLogger({ level: config.logging.level });
    const bus = options.bus ?? new EventBus();
    bus.now = () => clock.now();
    const kernel = new Kernel(config, registry, createRootContainer(), bus, clock, logger);
    kernel.container.register(TOKENS.clock, { useValue: clock });
    kernel.container.register(TOKENS.bus, { useValue: bus });
    kernel.container.register(TOKENS.logger, { useValue: logger });
    bus.setFaultHandler((owner, event, error) => kernel.reportFault(owner.instanceId, event, error));
    kernel.faultAction = options.onFaultAction;
    options.registerServices?.(kernel.container, kernel);
    await kernel.createComponents();
    return kernel;
  }

  /** Resolves a service or component registered in the root container. */
  resolve<T>(token: InjectionToken<T>): T {
    if (!this.container.isRegistered(token, true)) {
      throw new SdkError('GM_DI_TOKEN_NOT_REGISTERED', `Nothing is registered for ${String(token)}`);
    }
    return this.container.resolve(token);
  }

  /** Registers a service; refused once the kernel has started. */
  register<T>(token: InjectionToken<T>, value: T): void {
    if (this.state !== 'created') throw new SdkError('GM_KERNEL_ALREADY_STARTED', `Cannot register ${String(token)}: the kernel is ${this.state}; register services before start()`);
    this.container.register(token, { useValue: value });
  }

  /** Components created for one config section, in creation order. */
  componentsOf(section: ComponentSection): ComponentRecord[] {
    return this.components.filter((component) => component.section === section);
  }

  /** The component with this instance id. */
  component(instanceId: string): ComponentRecord | undefined {
    return this.components.find((component) => component.instanceId === instanceId);
  }

  /** Aborted when the kernel stops; long-running work should watch it. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Starts every component in creation order. */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new SdkError('GM_KERNEL_STATE', `Cannot start: the kernel is ${this.state}`);
    this.state = 'started';
    for (const component of this.components) {
      await this.runHook(component, 'start');
      if (component.state === 'created') component.state = 'running';
    }
    this.bus.publish('kernel.started', { mode: this.config.mode, tsEvent: this.clock.now(), tsInit: this.clock.now() });
  }

  /** Stops every component in reverse creation order; safe to call twice. */
  async stop(reason = 'completed'): Promise<void> {
    if (this.state !== 'started') return;
    this.state = 'stopped';
    this.abort.abort();
    const errors: Error[] = [];
    for (const component of [...this.components].reverse()) {
      try {
        await this.runHook(component, 'stop');
      } catch (error) {
        errors.push(toError(error));
      }
      if (component.state !== 'faulted') component.state = 'stopped';
    }
    this.bus.publish('kernel.stopped', { reason, tsEvent: this.clock.now(), tsInit: this.clock.now() });
    if (errors.length > 0) throw errors[0];
  }

  /** Stops (if needed), disposes components in reverse order and releases the container. */
  async dispose(): Promise<void> {
    if (this.state === 'disposed') return;
    if (this.state === 'started') await this.stop('disposed');
    for (const component of [...this.components].reverse()) {
      await this.runHook(component, 'dispose');
      component.bus.dispose();
      component.state = 'disposed';
    }
    this.state = 'disposed';
  }

  private async createComponents(): Promise<void> {
    const entries: { section: ComponentSection; entry: ComponentEntry; path: string }[] = [];
    for (const section of STAGE_ORDER) {
      const value = this.config[section];
      if (value === undefined) continue;
      if (Array.isArray(value)) value.forEach((entry: ComponentEntry, index: number) => entries.push({ section, entry, path: `${section}[${index}]` }));
      else entries.push({ section, entry: value as ComponentEntry, path: section });
    }
    const nodes: (DependencyNode & { item: (typeof entries)[number] })[] = entries.map((item) => {
      const plugin = this.registry.get(item.entry.use);
      if (plugin === undefined) throw new PluginError('GM_PLUGIN_NOT_FOUND', `${item.path}: no plugin named "${item.entry.use}" is registered`, { pluginId: item.entry.use });
      return { instanceId: item.entry.id, pluginId: plugin.manifest.id, dependsOn: plugin.manifest.dependsOn, path: item.path, item };
    });
    const ordered = orderByDependencies(nodes);
    if (!ordered.ok) {
      throw new PluginError(ordered.code, `Cannot create components, ${ordered.problems.length} problem${ordered.problems.length === 1 ? '' : 's'}:\n${ordered.problems.map((p) => `  - ${p}`).join('\n')}`, {
        details: { problems: ordered.problems },
      });
    }
    for (const node of ordered.order as typeof nodes) await this.createComponent(node.item.section, node.item.entry, node.item.path);
  }

  private async createComponent(section: ComponentSection, entry: ComponentEntry, path: string): Promise<void> {
    const plugin = this.registry.get(entry.use)!;
    const expected = COMPONENT_SECTIONS[section];
    if (plugin.manifest.kind !== expected) {
      throw new PluginError('GM_PLUGIN_KIND_MISMATCH', `${path}: plugin "${entry.use}" is a ${plugin.manifest.kind}, but ${section} expects a ${expected}`, { pluginId: entry.use, instanceId: entry.id });
    }
    const owner = { pluginId: plugin.manifest.id, instanceId: entry.id };
    const container = this.container.createChildContainer();
    const bus = new ScopedBus(this.bus, owner);
    const logger = this.logger.child({ plugin: plugin.manifest.id, instance: entry.id });
    const context = {
      options: entry.options,
      instanceId: entry.id,
      logger,
      bus,
      clock: this.clock,
      random: new SeededRandom(hashSeed(this.config.seed, entry.id)),
      mode: this.config.mode as RunMode,
      baseDir: this.config.baseDir,
      resolve: <T>(token: InjectionToken<T>): T => {
        if (!container.isRegistered(token, true)) {
          throw new PluginError('GM_DI_TOKEN_NOT_REGISTERED', `${path} ("${entry.id}") resolved ${String(token)}, which nothing registered (is the providing component configured before it?)`, owner);
        }
        return container.resolve(token);
      },
      signal: this.abort.signal,
    };
    let instance: Lifecycle & Record<string, unknown>;
    try {
      instance = (await plugin.definition.create(context)) as Lifecycle & Record<string, unknown>;
    } catch (cause) {
      throw new PluginError('GM_PLUGIN_CREATE_FAILED', `${path}: plugin "${plugin.manifest.id}" failed to create instance "${entry.id}": ${toError(cause).message}`, { ...owner, hook: 'create', cause });
    }
    if (instance === null || typeof instance !== 'object') {
      throw new PluginError('GM_PLUGIN_CREATE_FAILED', `${path}: plugin "${plugin.manifest.id}" create() returned ${String(instance)}, expected an object`, { ...owner, hook: 'create' });
    }
    this.container.register(instanceToken(entry.id), { useValue: instance });
    this.components.push({ instanceId: entry.id, section, path, manifest: plugin.manifest, instance, container, bus, onFault: entry.onFault, state: 'created', faults: 0 });
  }

  private async runHook(component: ComponentRecord, hook: 'start' | 'stop' | 'dispose'): Promise<void> {
    const method = component.instance[hook];
    if (typeof method !== 'function') return;
    try {
      await method.call(component.instance);
    } catch (cause) {
      throw new PluginError('GM_PLUGIN_LIFECYCLE_FAILED', `${component.path} ("${component.instanceId}") failed in ${hook}(): ${toError(cause).message}`, {
        pluginId: component.manifest.id,
        instanceId: component.instanceId,
        hook,
        cause,
      });
    }
  }

  private faultAction: KernelOptions['onFaultAction'];

  /**
   * Records that a component's listener or hook threw, and applies the component's fault policy. Hooks the
   * engine calls directly (not bus listeners) pass `publish` so `plugin.faulted` is emitted for them too.
   */
  reportFault(instanceId: string, event: string, error: Error, publish = false): void {
    const onAction = this.faultAction;
    if (publish) {
      const component = this.component(instanceId);
      const now = this.clock.now();
      this.bus.publish('plugin.faulted', { pluginId: component?.manifest.id ?? instanceId, instanceId, event, error, tsEvent: now, tsInit: now });
    }
    const component = this.component(instanceId);
    this.logger.error({ err: error, instance: instanceId, event }, 'listener failed; delivery continued');
    if (component === undefined) return;
    component.faults++;
    if (component.onFault === 'disable' && component.state !== 'faulted') {
      component.state = 'faulted';
      component.bus.dispose();
    } else if (component.onFault === 'halt' || component.onFault === 'stop') {
      onAction?.(component.onFault, component, error);
    }
  }
}

/** Creates a kernel; see `Kernel`. */
export function createKernel(options: KernelOptions): Promise<Kernel> {
  return Kernel.create(options);
}

function isResolved(config: ResolvedConfig | ConfigInput): config is ResolvedConfig {
  return Array.isArray((config as ResolvedConfig).secretPaths) && typeof (config as ResolvedConfig).baseDir === 'string';
}

/** Derives a component's seed from the run seed and its instance id (FNV-1a). */
function hashSeed(seed: number, instanceId: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < instanceId.length; i++) hash = Math.imul(hash ^ instanceId.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
