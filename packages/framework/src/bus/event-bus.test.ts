import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.js';
import { ScopedBus } from './scoped-bus.js';

const reset = { by: 'test', tsEvent: 1, tsInit: 1 } as const;

describe('EventBus', () => {
  it('delivers in registration order, the same on every run', () => {
    const order: number[] = [];
    const bus = new EventBus();
    for (let i = 0; i < 5; i++) bus.on('kill_switch.reset', () => void order.push(i));
    bus.publish('kill_switch.reset', reset);
    bus.publish('kill_switch.reset', reset);
    expect(order).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
  });

  it('isolates a throwing listener: later listeners still run, the fault handler and plugin.faulted hear of it', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const faults: string[] = [];
    bus.setFaultHandler((owner, event, error) => faults.push(`${owner.instanceId}/${event}/${error.message}`));
    const scoped = new ScopedBus(bus, { pluginId: 'buggy', instanceId: 'buggy-1' });
    bus.on('kill_switch.reset', () => void seen.push('first'));
    scoped.on('kill_switch.reset', () => {
      throw new Error('bad listener');
    });
    bus.on('kill_switch.reset', () => void seen.push('third'));
    bus.on('plugin.faulted', (event) => void seen.push(`faulted:${event.pluginId}:${event.event}`));
    bus.publish('kill_switch.reset', reset);
    expect(seen).toEqual(['first', 'faulted:buggy:kill_switch.reset', 'third']);
    expect(faults).toEqual(['buggy-1/kill_switch.reset/bad listener']);
  });

  it('wraps thrown non-errors and does not recurse when a plugin.faulted listener throws', () => {
    const bus = new EventBus();
    const faults: string[] = [];
    bus.setFaultHandler((_owner, event, error) => faults.push(`${event}:${error.message}`));
    bus.on('kill_switch.reset', () => {
      throw 'plain string';
    });
    bus.on('plugin.faulted', () => {
      throw new Error('second');
    });
    bus.publish('kill_switch.reset', reset);
    expect(faults).toEqual(['kill_switch.reset:plain string', 'plugin.faulted:second']);
  });

  it('runs once-listeners once and lets a listener unsubscribe another during delivery', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const late = (): void => void seen.push('late');
    bus.once('kill_switch.reset', () => void seen.push('once'));
    bus.on('kill_switch.reset', () => {
      seen.push('remover');
      bus.off('kill_switch.reset', late);
    });
    bus.on('kill_switch.reset', late);
    bus.publish('kill_switch.reset', reset);
    bus.publish('kill_switch.reset', reset);
    // The snapshot taken when delivery began still includes `late` for the first emit
    expect(seen).toEqual(['once', 'remover', 'late', 'remover']);
  });

  it('sends every event to sinks before listeners (journal)', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.addSink((event) => void seen.push(`sink:${event}`));
    bus.on('kill_switch.reset', () => void seen.push('listener'));
    bus.publish('kill_switch.reset', reset);
    expect(seen).toEqual(['sink:kill_switch.reset', 'listener']);
    expect(bus.wants('order.filled')).toBe(true);
  });

  it('scoped buses only emit custom events in their own namespace and remove their listeners on dispose', () => {
    const bus = new EventBus();
    const scoped = new ScopedBus(bus, { pluginId: 'acme/agent', instanceId: 'a' });
    const got: unknown[] = [];
    scoped.onCustom('acme/agent:crossed', (payload) => void got.push(payload));
    scoped.emitCustom('acme/agent:crossed', { up: true });
    expect(got).toEqual([{ up: true }]);
    expect(() => scoped.emitCustom('other:crossed', {})).toThrowError(expect.objectContaining({ code: 'GM_PLUGIN_EVENT_NAMESPACE' }));
    scoped.dispose();
    expect(bus.listenerCount('acme/agent:crossed' as never)).toBe(0);
  });

  it('keeps delivering after every listener was removed and new ones were added', () => {
    // eventemitter3 replaces its storage object when the last listener goes; the bus must follow it
    const bus = new EventBus();
    const seen: string[] = [];
    const first = (): void => void seen.push('first');
    bus.on('kill_switch.reset', first);
    bus.off('kill_switch.reset', first);
    bus.on('kill_switch.reset', () => void seen.push('second'));
    bus.publish('kill_switch.reset', reset);
    expect(seen).toEqual(['second']);
    expect(bus.wants('kill_switch.reset')).toBe(true);
  });
});
