import { EventEmitter } from 'eventemitter3';
import { toError } from '../errors/sdk-error.js';
import type { EventMap, EventName } from './event-map.js';

/** Listener storage entry of eventemitter3 (`{ fn, context, once }`). */
interface ListenerEntry {
  fn: (payload: unknown) => void;
  context: unknown;
  once: boolean;
}

type EventFunctions = { [K in EventName]: (payload: EventMap[K]) => void } & Record<string, (payload: never) => void>;

const OWNER = Symbol.for('@grandmodel/bus/owner');

// eventemitter3 keys its storage by name, or by '~' + name where Object.create(null) objects have a __proto__
const PREFIX = (() => {
  const probe = new EventEmitter();
  probe.on('probe', () => undefined);
  return (probe as unknown as { _events: Record<string, unknown> })._events['probe'] === undefined ? '~' : '';
})();

/** Who owns a listener, for fault attribution. */
export interface ListenerOwner {
  readonly pluginId: string;
  readonly instanceId: string;
}

/** Called when a listener throws; the bus has already gone on with the other listeners. */
export type FaultHandler = (owner: ListenerOwner, event: string, error: Error) => void;

/** Receives every event before listeners run (journal sinks). */
export type EventSink = (event: string, payload: unknown) => void;

const KERNEL_OWNER: ListenerOwner = Object.freeze({ pluginId: 'kernel', instanceId: 'kernel' });

/**
 * The typed, synchronous event bus: eventemitter3's API (`on`, `once`, `off`, `listenerCount`)
 * with isolated delivery. A listener that throws does not stop delivery to the others; the fault
 * handler hears about it and `plugin.faulted` is emitted. Delivery is in registration order and
 * allocates nothing per emit. Listeners are called without `this` unless registered with a context.
 */
export class EventBus extends EventEmitter<EventFunctions> {
  private faultHandler: FaultHandler | undefined;
  private sinks: { readonly write: EventSink; readonly accepts: (event: string) => boolean }[] = [];

  /** eventemitter3's listener storage; it replaces the object when the last listener goes, so read it each time. */
  private get store(): Record<string, ListenerEntry | ListenerEntry[] | undefined> {
    return (this as unknown as { _events: Record<string, ListenerEntry | ListenerEntry[] | undefined> })._events;
  }

  /** Sets the handler told about faulting listeners (the kernel applies fault policies there). */
  setFaultHandler(handler: FaultHandler): void {
    this.faultHandler = handler;
  }

  /** Adds a sink that sees every emitted event it accepts (e.g. the journal), before listeners do. */
  addSink(sink: EventSink, accepts: (event: string) => boolean = () => true): void {
    this.sinks = [...this.sinks, { write: sink, accepts }];
  }

  /** Registers a listener attributed to a plugin instance. */
  onOwned<K extends string>(event: K, listener: (payload: never) => void, owner: ListenerOwner): this {
    Object.defineProperty(listener, OWNER, { value: owner, configurable: true });
    return this.on(event as never, listener as never);
  }

  /** True when at least one listener or sink would see the event (lets emitters skip building payloads). */
  wants(event: string): boolean {
    if (this.store[PREFIX + event] !== undefined) return true;
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) if (sinks[i]!.accepts(event)) return true;
    return false;
  }

  /** Emits a built-in event with its typed payload. */
  publish<K extends EventName>(event: K, payload: EventMap[K]): void {
    this.emit(event, payload);
  }

  /** Delivers an event to every listener; returns false when nobody listens. */
  override emit(event: string, payload?: unknown): boolean {
    const sinks = this.sinks;
    if (sinks.length !== 0) this.writeSinks(event, payload);
    const stored = this.store[PREFIX === '' ? event : PREFIX + event];
    if (stored === undefined) return false;
    if ((stored as ListenerEntry).fn === undefined) {
      this.deliver(stored as ListenerEntry[], event, payload);
      return true;
    }
    const entry = stored as ListenerEntry;
    if (entry.once) this.removeListener(event as never, entry.fn as never, undefined, true);
    try {
      if (entry.context === this) entry.fn(payload);
      else entry.fn.call(entry.context, payload);
    } catch (thrown) {
      this.fault(entry, event, toError(thrown));
    }
    return true;
  }

  /** @internal Writes an event to every sink that accepts it. */
  writeSinks(event: string, payload: unknown): void {
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) if (sinks[i]!.accepts(event)) sinks[i]!.write(event, payload);
  }

  /**
   * @internal Calls every listener in `list` with one try block per emit (not per listener): after a throw,
   * delivery resumes with the next listener. eventemitter3 replaces arrays on removal, so `list` is stable.
   */
  deliver(list: readonly ListenerEntry[], event: string, payload: unknown): void {
    const count = list.length;
    let i = 0;
    while (i < count) {
      try {
        for (; i < count; i++) {
          const entry = list[i]!;
          if (entry.once) this.removeListener(event as never, entry.fn as never, undefined, true);
          // A call with a receiver is several times slower; only listeners registered with a context get one
          if (entry.context === this) entry.fn(payload);
          else entry.fn.call(entry.context, payload);
        }
      } catch (thrown) {
        this.fault(list[i]!, event, toError(thrown));
        i++;
      }
    }
  }

  private fault(entry: ListenerEntry, event: string, error: Error): void {
    const owner = ((entry.fn as unknown as Record<symbol, ListenerOwner | undefined>)[OWNER]) ?? KERNEL_OWNER;
    this.faultHandler?.(owner, event, error);
    // A faulting plugin.faulted listener is only reported to the handler, never re-emitted
    if (event !== 'plugin.faulted') {
      this.emit('plugin.faulted', { pluginId: owner.pluginId, instanceId: owner.instanceId, event, error, tsEvent: this.now(), tsInit: this.now() });
    }
  }

  /** Time source for bus-made payloads; the kernel points it at the run clock. */
  now: () => number = () => 0;
}
