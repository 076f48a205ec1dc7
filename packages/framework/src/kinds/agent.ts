import type { Bar } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import type { Order } from '../model/order.js';

/**
 * A decision maker. It reads bars (and indicators through `ctx.resolve(TOKENS.indicators)`), and acts
 * through the order manager (`ctx.resolve(TOKENS.orders)`); it never calls a broker directly.
 * Hooks run synchronously, after the indicators for the same bar have updated.
 */
export interface Agent {
  /** Called for every closed bar of every timeframe in the run. */
  onBar?(bar: Bar): void;
  /** Called when one of this run's orders changes state. */
  onOrder?(order: Order): void;
  onFill?(fill: Fill): void;
}

/** An agent that does nothing. */
export class NullAgent implements Agent {}
