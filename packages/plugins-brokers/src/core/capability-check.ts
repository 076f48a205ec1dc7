import { BrokerError, type BrokerCapabilities, type BrokerCapability, type Order } from '@grandmodel/framework';

const TYPE_CAPABILITY = { market: 'market', limit: 'limit', stop: 'stop', stop_limit: 'stopLimit' } as const satisfies Record<Order['type'], BrokerCapability>;

/** Throws GM_BROKER_NOT_SUPPORTED when the capability is false or absent. */
export function requireCapability(venue: string, has: BrokerCapabilities, capability: BrokerCapability): void {
  if (has[capability] === true || has[capability] === 'emulated') return;
  throw new BrokerError('GM_BROKER_NOT_SUPPORTED', `${venue}: ${capability} is not supported by this broker`, { venue, retryable: false });
}

/** Throws GM_BROKER_NOT_SUPPORTED for an order type, bracket or short sale the broker cannot do. */
export function requireOrderSupported(venue: string, has: BrokerCapabilities, order: Order): void {
  const capability = TYPE_CAPABILITY[order.type];
  if (!(has[capability] === true || has[capability] === 'emulated')) {
    throw new BrokerError('GM_BROKER_NOT_SUPPORTED', `${venue}: ${order.type} orders are not supported by this broker`, { venue, retryable: false });
  }
  if (order.bracket !== undefined && !(has.bracket === true || has.bracket === 'emulated')) {
    throw new BrokerError('GM_BROKER_NOT_SUPPORTED', `${venue}: bracket orders are not supported by this broker`, { venue, retryable: false });
  }
}
