import type { Clock, EventMap, EventName } from '@grandmodel/framework';

/** The slice of the component's scoped bus the pipeline agents use (a `ScopedBus` satisfies it). */
export interface AgentBus {
  on<K extends EventName>(event: K, listener: (payload: EventMap[K]) => void): () => void;
  emit<K extends EventName>(event: K, payload: EventMap[K]): void;
  emitCustom(event: string, payload: unknown): void;
}

/** What every pipeline agent is given besides its options and inputs. */
export interface AgentServices {
  readonly instanceId: string;
  readonly bus: AgentBus;
  readonly clock: Clock;
  /** While engaged, agents do nothing (spec §7.5: every plugin checks the kill switch at entry). */
  readonly killSwitch?: { readonly engaged: boolean } | undefined;
}

/** The synergy an agent acts on (the `synergy.detected` payload). */
export type SynergyEvent = EventMap['synergy.detected'];
/** The `decision.made` payload. */
export type DecisionEvent = EventMap['decision.made'];
