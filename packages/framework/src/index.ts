/**
 * @grandmodel/framework — the kernel, plugin contracts, config, event bus, engine and built-in plugins of the
 * GrandModel SDK. Curated named exports only; internals stay internal.
 * @module
 */
export { z } from 'zod';

// Domain model
export * from './model/index.js';

// Errors
export * from './errors/index.js';

// Plugin contracts
export * from './kinds/index.js';

// Plugins, config and kernel
export { definePlugin, isPluginDefinition } from './plugin/define-plugin.js';
export type { PluginDefinition, AnyPluginDefinition, OptionsSchema } from './plugin/define-plugin.js';
export { PLUGIN_API_VERSION, PLUGIN_KINDS, manifestSchema } from './plugin/manifest.js';
export type { PluginKind, PluginManifest, ResolvedManifest } from './plugin/manifest.js';
export type { PluginContext, Lifecycle, RunMode } from './plugin/plugin-context.js';
export { PluginRegistry } from './plugin/plugin-registry.js';
export type { RegisteredPlugin } from './plugin/plugin-registry.js';
export { loadPlugins, collectPlugins, discoverPluginPackages } from './plugin/plugin-loader.js';
export { defineConfig, configEnvelopeSchema, componentEntrySchema, instrumentSchema, COMPONENT_SECTIONS, FAULT_POLICIES } from './config/envelope.js';
export type { ConfigInput, ComponentEntry, ComponentEntryInput, ResolvedConfig, ComponentSection } from './config/envelope.js';
export { loadConfigSource, textConfigSource, objectConfigSource, importModule } from './config/config-source.js';
export type { ConfigSource } from './config/config-source.js';
export { resolveConfig, envelopeJsonSchema } from './config/resolve-config.js';
export type { ResolveConfigOptions, ConfigResolution } from './config/resolve-config.js';
export { interpolateEnv } from './config/interpolate-env.js';
export { createKernel, Kernel } from './kernel/kernel.js';
export type { KernelOptions, KernelState } from './kernel/kernel.js';
export type { ComponentRecord, ComponentState } from './kernel/component-state.js';
export { TOKENS, token, instanceToken } from './di/tokens.js';
export type { InstrumentRegistry } from './di/tokens.js';

// Events, time, randomness, logging
export { EventBus } from './bus/event-bus.js';
export type { ListenerOwner, FaultHandler, EventSink } from './bus/event-bus.js';
export { ScopedBus } from './bus/scoped-bus.js';
export type { EventMap, EventName, EventMeta, OrderEvent, FillEvent, PluginFaultedEvent, RiskBreachedEvent } from './bus/event-map.js';
export { SimulatedClock, LiveClock } from './clock/clock.js';
export { DelegatingClock } from './clock/delegating-clock.js';
export type { Clock } from './clock/clock.js';
export { SeededRandom } from './random/seeded-random.js';
export { createLogger, createSilentLogger, REDACTED_PATHS } from './logging/create-logger.js';
export type { LoggerOptions } from './logging/create-logger.js';

// Data and bars
export * from './data/index.js';
export * from './bars/index.js';

// Orders, risk, execution, portfolio
export { OrderManager } from './orders/order-manager.js';
export type { OrderObserver, SubmitOptions } from './orders/order-manager.js';
export type { PortfolioView } from './orders/portfolio-view.js';
export { validateIntent, isReducing } from './orders/order-validation.js';
export { RiskEngine } from './risk/risk-engine.js';
export type { RiskDecision, NamedRiskModel } from './risk/risk-engine.js';
export { KillSwitch } from './risk/kill-switch.js';
export type { EngageOptions } from './risk/kill-switch.js';
export { LimitsRiskModel, limitsOptions } from './risk/limits-risk-model.js';
export type { LimitsOptions } from './risk/limits-risk-model.js';
export * from './execution/index.js';
export * from './portfolio/index.js';

// Analytics and run output
export * from './analytics/index.js';

// Engine and built-ins
export { Engine } from './engine/engine.js';
export type { EngineOptions, EngineResult, RunObserver } from './engine/engine.js';
export { loadSystem } from './engine/load-system.js';
export { runSystem } from './engine/run-system.js';
export type { RunSystemOptions, RunSystemResult } from './engine/run-system.js';
export type { LoadedSystem, LoadSystemOptions } from './engine/load-system.js';
export { IndicatorHub } from './engine/indicator-hub.js';
export { RunInstruments } from './engine/instrument-registry.js';
export { parseTime } from './engine/parse-time.js';
export { listenForKillRequests, requestKill } from './engine/kill-control.js';
export type { KillRequest } from './engine/kill-control.js';
export { builtinPlugins, simBrokerPlugin, smaCrossPlugin, limitsPlugin } from './builtins/index.js';
export { SmaCrossAgent } from './builtins/sma-cross-agent.js';

// The command line, embeddable
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/cli-io.js';
