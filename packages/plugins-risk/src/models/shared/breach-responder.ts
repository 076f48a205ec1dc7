import type { TradingState } from '@grandmodel/framework';
import type { RiskModelServices } from './risk-services.js';

/**
 * What a breach does besides raising `risk.breached`: nothing, move trading to REDUCING or HALTED,
 * or engage the kill switch without (`kill`) or with (`flatten`) closing every position.
 */
export type BreachAction = 'none' | 'reduce' | 'halt' | 'kill' | 'flatten';

/** One limit crossing, as published in `risk.breached`. */
export interface Breach {
  /** What was measured, e.g. `drawdown`, `var_95`, `stress_loss`. */
  readonly metric: string;
  readonly value: number;
  readonly limit: number;
  readonly action: BreachAction;
  readonly message: string;
}

const SEVERITY: Readonly<Record<TradingState, number>> = { active: 0, reducing: 1, halted: 2 };

/**
 * Publishes a model's breaches and carries out their actions. Trading-state changes only ever tighten
 * (a `reduce` never lifts a HALTED state); `release` lifts the state back to ACTIVE only when this model
 * made the last change and the kill switch is not engaged, so one model never undoes another's decision.
 */
export class BreachResponder {
  private lastChangedBy: string | undefined;

  constructor(private readonly services: RiskModelServices) {
    services.bus.on('trading_state.changed', (event) => {
      this.lastChangedBy = event.by;
    });
  }

  /** Publishes `risk.breached` for the breach, then applies its action. */
  raise(breach: Breach): void {
    const { bus, clock, instanceId, logger } = this.services;
    const now = clock.now();
    bus.emit('risk.breached', { model: instanceId, metric: breach.metric, value: breach.value, limit: breach.limit, action: breach.action, message: breach.message, tsEvent: now, tsInit: now });
    logger?.warn({ metric: breach.metric, value: breach.value, limit: breach.limit, action: breach.action }, breach.message);
    this.apply(breach.action, breach.message);
  }

  /** Returns trading to ACTIVE if this model set the current state and the kill switch is not engaged. */
  release(reason: string): boolean {
    const { tradingState, killSwitch, instanceId } = this.services;
    if (tradingState.tradingState === 'active' || this.lastChangedBy !== instanceId || killSwitch.engaged) return false;
    tradingState.setTradingState('active', reason, instanceId);
    this.lastChangedBy = instanceId;
    return true;
  }

  private apply(action: BreachAction, reason: string): void {
    const { killSwitch, instanceId } = this.services;
    if (action === 'reduce') this.tighten('reducing', reason);
    else if (action === 'halt') this.tighten('halted', reason);
    else if (action === 'kill' || action === 'flatten') killSwitch.engage({ reason, by: instanceId, flatten: action === 'flatten' });
  }

  private tighten(to: TradingState, reason: string): void {
    const control = this.services.tradingState;
    if (SEVERITY[to] <= SEVERITY[control.tradingState]) return;
    control.setTradingState(to, reason, this.services.instanceId);
    // Set here too: a host whose engine publishes on another bus still keeps ownership right
    this.lastChangedBy = this.services.instanceId;
  }
}
