import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock/clock.js';
import { SdkError } from '../errors/sdk-error.js';
import type { Order } from '../model/order.js';
import type { OrderManager } from '../orders/order-manager.js';
import type { Position } from '../model/position.js';
import type { RiskEngine } from './risk-engine.js';

/** Options of `engage`. */
export interface EngageOptions {
  readonly reason: string;
  /** Who engaged it: a risk model id, `operator`, or `cli`. */
  readonly by: string;
  /** Close every open position with market orders. */
  readonly flatten?: boolean;
}

/**
 * The emergency stop: cancels every open order, optionally flattens every position, moves trading to HALTED
 * and stays engaged until an explicit `reset`. Engaged by risk models, the operator API or `grandmodel kill`.
 */
export class KillSwitch {
  private engagedBy: string | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly risk: RiskEngine,
    private readonly orders: OrderManager,
    /** Current positions, flat ones allowed. */
    private readonly positions: () => readonly Position[],
  ) {}

  /** True while engaged. */
  get engaged(): boolean {
    return this.engagedBy !== undefined;
  }

  /** Engages the switch; a second call while engaged only flattens if asked. Returns the flattening orders. */
  engage(options: EngageOptions): Order[] {
    const first = this.engagedBy === undefined;
    this.engagedBy = options.by;
    this.orders.cancelAll();
    const flattening: Order[] = [];
    if (options.flatten) {
      for (const { symbol, quantity } of this.positions()) {
        if (quantity === 0) continue;
        flattening.push(
          this.orders.submit(
            { symbol, side: quantity > 0 ? 'sell' : 'buy', quantity: Math.abs(quantity), type: 'market', reduceOnly: true, tag: 'kill-switch' },
            { force: true },
          ),
        );
      }
    }
    this.risk.setTradingState('halted', `kill switch: ${options.reason}`, options.by);
    if (first || options.flatten) {
      const now = this.clock.now();
      this.bus.publish('kill_switch.engaged', { reason: options.reason, by: options.by, flatten: options.flatten ?? false, tsEvent: now, tsInit: now });
    }
    return flattening;
  }

  /** Releases the switch and returns trading to ACTIVE. Throws when it is not engaged. */
  reset(by: string): void {
    if (this.engagedBy === undefined) throw new SdkError('GM_KERNEL_STATE', 'The kill switch is not engaged');
    this.engagedBy = undefined;
    const now = this.clock.now();
    this.bus.publish('kill_switch.reset', { by, tsEvent: now, tsInit: now });
    this.risk.setTradingState('active', 'kill switch reset', by);
  }
}
