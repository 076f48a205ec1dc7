import type { Clock, SeededRandom } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { GatewayBroker } from '../core/gateway-broker.js';
import { realScheduler, type Scheduler } from '../core/scheduler.js';
import { AlpacaGateway } from './alpaca-gateway.js';
import type { AlpacaBrokerOptions } from './alpaca-options.js';

/** What `createAlpacaBroker` needs besides options. */
export interface AlpacaBrokerDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler?: Scheduler;
  readonly random?: SeededRandom;
}

/** Creates the `alpaca` broker: a GatewayBroker over an AlpacaGateway. */
export function createAlpacaBroker(options: AlpacaBrokerOptions, dependencies: AlpacaBrokerDependencies): GatewayBroker {
  return new GatewayBroker(new AlpacaGateway(options, dependencies.clock), options.resilience, {
    clock: dependencies.clock,
    logger: dependencies.logger,
    scheduler: dependencies.scheduler ?? realScheduler,
    ...(dependencies.random === undefined ? {} : { random: dependencies.random }),
  });
}
