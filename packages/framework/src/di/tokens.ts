import type { InjectionToken } from 'tsyringe';
import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock/clock.js';
import type { IndicatorRegistry } from '../kinds/indicator.js';
import type { Instrument } from '../model/instrument.js';
import type { Logger } from 'pino';
import type { OrderManager } from '../orders/order-manager.js';
import type { PortfolioView } from '../orders/portfolio-view.js';
import type { KillSwitch } from '../risk/kill-switch.js';
import type { RiskEngine } from '../risk/risk-engine.js';

/** Typed token for a service; `Symbol.for` keeps tokens equal across duplicate package copies. */
export function token<T>(name: string): InjectionToken<T> {
  return Symbol.for(`@grandmodel/framework/${name}`) as InjectionToken<T>;
}

/** Read access to the run's instruments. */
export interface InstrumentRegistry {
  get(symbol: string): Instrument;
  has(symbol: string): boolean;
  all(): readonly Instrument[];
}

/** Tokens of the services a kernel (clock, bus, logger) and the engine (the rest) register for components. */
export const TOKENS = {
  clock: token<Clock>('Clock'),
  bus: token<EventBus>('EventBus'),
  logger: token<Logger>('Logger'),
  instruments: token<InstrumentRegistry>('Instruments'),
  indicators: token<IndicatorRegistry>('Indicators'),
  orders: token<OrderManager>('OrderManager'),
  portfolio: token<PortfolioView>('Portfolio'),
  risk: token<RiskEngine>('RiskEngine'),
  killSwitch: token<KillSwitch>('KillSwitch'),
} as const;

/** Token under which the component created for a config entry with this instance id is registered. */
export function instanceToken<T = unknown>(instanceId: string): InjectionToken<T> {
  return Symbol.for(`@grandmodel/instance/${instanceId}`) as InjectionToken<T>;
}
