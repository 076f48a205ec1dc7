import type { Bar } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import type { Order } from '../model/order.js';

/**
 * A decision maker. It reads bars (and indicators through `ctx.resolve(TOKENS.indicators)`), and acts
 * through the order manager (`ctx.resolve(TOKENS.orders)`); it never calls a broker directly.
 * Hooks run after the indicators for the same bar have updated.
 */
export interface Agent {
  /**
   * Called for every closed bar of every timeframe in the run. It may return a promise (e.g. while a model
   * runs); the engine awaits it before the next agent and the next bar, so runs stay deterministic. Return
   * nothing on bars you ignore: the synchronous path is the fast one.
   */
  onBar?(bar: Bar): void | Promise<void>;
  /** Called when one of this run's orders changes state. */
  onOrder?(order: Order): void;
  onFill?(fill: Fill): void;
}

/** An agent that does nothing. */
export class NullAgent implements Agent {}
