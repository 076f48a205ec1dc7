import { PluginError } from '../errors/plugin-error.js';
import type { EventBus, ListenerOwner } from './event-bus.js';
import type { EventMap, EventName } from './event-map.js';

/**
 * The bus as one component sees it: its listeners are attributed to it (fault isolation, policies)
 * and its custom events must carry its own `<plugin id>:` prefix.
 */
export class ScopedBus {
  private readonly subscriptions: Array<{ event: string; listener: (payload: never) => void }> = [];

  constructor(
    private readonly bus: EventBus,
    private readonly owner: ListenerOwner,
  ) {}

  /** Subscribes to a built-in event; returns a function that unsubscribes. */
  on<K extends EventName>(event: K, listener: (payload: EventMap[K]) => void): () => void {
    return this.subscribe(event, listener as (payload: never) => void);
  }

  /** Subscribes to a custom event of any plugin (`<plugin id>:<name>`). */
  onCustom(event: `${string}:${string}`, listener: (payload: unknown) => void): () => void {
    return this.subscribe(event, listener as (payload: never) => void);
  }

  /** Emits a built-in event. */
  emit<K extends EventName>(event: K, payload: EventMap[K]): void {
    this.bus.publish(event, payload);
  }

  /** Emits a custom event; the name must start with this plugin's id and a colon. */
  emitCustom(event: string, payload: unknown): void {
    if (!event.startsWith(`${this.owner.pluginId}:`)) {
      throw new PluginError('GM_PLUGIN_EVENT_NAMESPACE', `Plugin "${this.owner.pluginId}" may only emit custom events named "${this.owner.pluginId}:<name>", was "${event}"`, {
        pluginId: this.owner.pluginId,
        instanceId: this.owner.instanceId,
      });
    }
    this.bus.emit(event, payload);
  }

  /** True when someone listens to the event, so payload building can be skipped. */
  wants(event: string): boolean {
    return this.bus.wants(event);
  }

  /** Removes every listener this component registered. */
  dispose(): void {
    for (const { event, listener } of this.subscriptions) this.bus.off(event as never, listener as never);
    this.subscriptions.length = 0;
  }

  private subscribe(event: string, listener: (payload: never) => void): () => void {
    this.bus.onOwned(event, listener, this.owner);
    const entry = { event, listener };
    this.subscriptions.push(entry);
    return () => {
      this.bus.off(event as never, listener as never);
      const index = this.subscriptions.indexOf(entry);
      if (index >= 0) this.subscriptions.splice(index, 1);
    };
  }
}
