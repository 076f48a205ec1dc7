/**
 * @grandmodel/plugins-brokers — broker and data-source plugins (`paper`, `ccxt`, `ccxt-data`, `alpaca`,
 * `alpaca-data`) and the kit they are built from. The plugin definitions here load no venue SDK: ccxt or the
 * Alpaca SDK is imported only when such a component is created. Import `./paper`, `./ccxt` or `./alpaca` for the
 * adapter classes of one venue.
 * @module
 */
import type { AnyPluginDefinition } from '@grandmodel/framework';
import { alpacaBrokerPlugin, alpacaDataPlugin } from './alpaca/alpaca-plugins.js';
import { ccxtBrokerPlugin, ccxtDataPlugin } from './ccxt/ccxt-plugins.js';
import { paperBrokerPlugin } from './paper/paper-plugin.js';

/** Every plugin of this package, for `loadSystem(config, { plugins: brokerPlugins })`. */
export const brokerPlugins: readonly AnyPluginDefinition[] = [paperBrokerPlugin, ccxtBrokerPlugin, ccxtDataPlugin, alpacaBrokerPlugin, alpacaDataPlugin];

export { paperBrokerPlugin, ccxtBrokerPlugin, ccxtDataPlugin, alpacaBrokerPlugin, alpacaDataPlugin };
export { ccxtBrokerOptions, ccxtDataOptions } from './ccxt/ccxt-options.js';
export type { CcxtBrokerOptions, CcxtDataOptions } from './ccxt/ccxt-options.js';
export { alpacaBrokerOptions, alpacaDataOptions } from './alpaca/alpaca-options.js';
export type { AlpacaBrokerOptions, AlpacaDataOptions } from './alpaca/alpaca-options.js';

// The kit for writing a venue adapter
export { GatewayBroker } from './core/gateway-broker.js';
export type { GatewayBrokerDependencies, BrokerConnectionStats } from './core/gateway-broker.js';
export type { VenueGateway, OrderStreamHandlers } from './core/venue-gateway.js';
export type { VenueOrderSnapshot } from './core/venue-order.js';
export { OrderTracker } from './core/order-tracker.js';
export type { TrackedOrder } from './core/order-tracker.js';
export type { ReconcileReport, ReconcileReason, ReconcilingListener } from './core/reconcile-report.js';
export { CircuitBreaker, circuitBreakerOptions } from './core/circuit-breaker.js';
export type { CircuitBreakerOptions, CircuitState } from './core/circuit-breaker.js';
export { ExponentialBackoff, backoffOptions } from './core/backoff.js';
export type { BackoffOptions } from './core/backoff.js';
export { withRetries, isAmbiguous, retryOptions } from './core/retry-policy.js';
export type { RetryContext, ErrorClassifier } from './core/retry-policy.js';
export { resilienceOptions } from './core/resilience-options.js';
export type { ResilienceOptions } from './core/resilience-options.js';
export { realScheduler, VirtualScheduler } from './core/scheduler.js';
export type { Scheduler } from './core/scheduler.js';
export { requireCapability, requireOrderSupported } from './core/capability-check.js';
export { AsyncQueue } from './core/async-queue.js';
export { mergePages } from './core/bar-merge.js';
export type { PageFetcher } from './core/bar-merge.js';
