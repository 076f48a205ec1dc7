import type { Clock, SeededRandom } from '@grandmodel/framework';
import type { Logger } from 'pino';
import { GatewayBroker } from '../core/gateway-broker.js';
import { realScheduler, type Scheduler } from '../core/scheduler.js';
import type { CcxtExchange } from './ccxt-exchange.js';
import { CcxtGateway } from './ccxt-gateway.js';
import type { CcxtBrokerOptions } from './ccxt-options.js';

/** What `createCcxtBroker` needs besides options. */
export interface CcxtBrokerDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly scheduler?: Scheduler;
  readonly random?: SeededRandom;
  /** A ready exchange client (tests pass one pointed at a fake). */
  readonly exchange?: CcxtExchange;
}

/** Creates the `ccxt` broker: a GatewayBroker over a CcxtGateway. */
export function createCcxtBroker(options: CcxtBrokerOptions, dependencies: CcxtBrokerDependencies): GatewayBroker {
  const gateway = new CcxtGateway(options, dependencies.clock, dependencies.logger, dependencies.exchange);
  return new GatewayBroker(gateway, options.resilience, {
    clock: dependencies.clock,
    logger: dependencies.logger,
    scheduler: dependencies.scheduler ?? realScheduler,
    ...(dependencies.random === undefined ? {} : { random: dependencies.random }),
  });
}
