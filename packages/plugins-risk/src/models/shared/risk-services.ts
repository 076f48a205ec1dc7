import { TOKENS } from '@grandmodel/framework';
import type { Clock, InstrumentRegistry, KillSwitch, PluginContext, RiskEngine, ScopedBus } from '@grandmodel/framework';

/** The part of the risk engine a model uses: read the trading state and change it. */
export type TradingStateControl = Pick<RiskEngine, 'tradingState' | 'setTradingState'>;

/** The part of the kill switch a model uses: whether it is engaged, and engaging it. */
export type KillSwitchControl = Pick<KillSwitch, 'engaged' | 'engage'>;

/**
 * What the risk models of this package work with besides their options. Plugins build it from their
 * context with `riskServicesFrom(ctx)`; tests and custom hosts build it from their own engine parts.
 */
export interface RiskModelServices {
  /** Instance id the model reports as (`risk.breached.model`, `trading_state.changed.by`). */
  readonly instanceId: string;
  /** The model's scoped bus: it listens to market and account events and publishes breaches on it. */
  readonly bus: ScopedBus;
  readonly clock: Clock;
  readonly tradingState: TradingStateControl;
  readonly killSwitch: KillSwitchControl;
  readonly instruments: Pick<InstrumentRegistry, 'get'>;
  /** Breaches are logged at warn level when given. */
  readonly logger?: PluginContext<unknown>['logger'];
}

/** Builds the services of a risk model from its plugin context (the engine registers every token used). */
export function riskServicesFrom(ctx: PluginContext<unknown>): RiskModelServices {
  return {
    instanceId: ctx.instanceId,
    bus: ctx.bus,
    clock: ctx.clock,
    tradingState: ctx.resolve(TOKENS.risk),
    killSwitch: ctx.resolve(TOKENS.killSwitch),
    instruments: ctx.resolve(TOKENS.instruments),
    logger: ctx.logger,
  };
}
