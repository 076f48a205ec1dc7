import type { Bar, Tick } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import type { Order } from '../model/order.js';
import type { Position } from '../model/position.js';
import type { Decision, Signal } from '../model/signal.js';
import type { TradingState } from '../kinds/risk-model.js';

/** Fields every event payload carries: when it happened and when it was created, from the injected clock. */
export interface EventMeta {
  /** When the fact happened (e.g. a bar's close), epoch ms. */
  readonly tsEvent: number;
  /** When the payload was created, epoch ms; equals tsEvent in backtests. */
  readonly tsInit: number;
}

/** Payload of order lifecycle events. */
export interface OrderEvent extends EventMeta {
  readonly order: Order;
  readonly reason?: string;
}

/** Payload of fill events. */
export interface FillEvent extends EventMeta {
  readonly order: Order;
  readonly fill: Fill;
}

/** Payload of `plugin.faulted`. */
export interface PluginFaultedEvent extends EventMeta {
  readonly pluginId: string;
  readonly instanceId: string;
  readonly event: string;
  readonly error: Error;
}

/** Payload of `risk.breached`. */
export interface RiskBreachedEvent extends EventMeta {
  readonly model: string;
  readonly metric: string;
  readonly value: number;
  readonly limit: number;
  /** What the breach caused: `none`, `reduce`, `halt`, `flatten`, `kill`. */
  readonly action: string;
  readonly message: string;
}

/**
 * Every built-in event and its payload. Names are lowercase dotted facts in the past tense.
 * Plugin-specific events use `<plugin id>:<name>` through `ScopedBus.emitCustom`.
 */
export interface EventMap {
  'kernel.started': EventMeta & { readonly mode: string };
  'kernel.stopped': EventMeta & { readonly reason: string };
  'plugin.faulted': PluginFaultedEvent;
  'tick.received': EventMeta & { readonly tick: Tick };
  'bar.closed': EventMeta & { readonly bar: Bar };
  'indicators.updated': EventMeta & { readonly symbol: string; readonly timeframe: string; readonly values: Readonly<Record<string, number>> };
  'signal.emitted': EventMeta & { readonly signal: Signal };
  'decision.made': EventMeta & { readonly decision: Decision };
  'synergy.detected': EventMeta & { readonly symbol: string; readonly synergyType: string; readonly direction: number; readonly strength: number; readonly confidence: number; readonly details?: Readonly<Record<string, unknown>> };
  'order.submitted': OrderEvent;
  'order.accepted': OrderEvent;
  'order.rejected': OrderEvent;
  'order.denied': OrderEvent;
  'order.modified': OrderEvent;
  'order.canceled': OrderEvent;
  'order.expired': OrderEvent;
  'order.partially_filled': FillEvent;
  'order.filled': FillEvent;
  'position.changed': EventMeta & { readonly position: Position };
  'account.updated': EventMeta & { readonly equity: number; readonly cash: number; readonly drawdown: number };
  'risk.breached': RiskBreachedEvent;
  'trading_state.changed': EventMeta & { readonly from: TradingState; readonly to: TradingState; readonly reason: string; readonly by: string };
  'kill_switch.engaged': EventMeta & { readonly reason: string; readonly by: string; readonly flatten: boolean };
  'kill_switch.reset': EventMeta & { readonly by: string };
  'run.progress': EventMeta & { readonly processed: number; readonly total?: number };
}

/** A built-in event name. */
export type EventName = keyof EventMap;
