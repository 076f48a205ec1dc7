import { EventBus, ScopedBus, SimulatedClock, type Bar, type EventMap } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { Coordinator, coordinatorOptions, signalOf, indicatorSignalOptions, IndicatorSignalAgent } from '../../src/agents/index.js';
import { FakeIndicator } from './fake-indicator.js';

const T0 = Date.parse('2024-03-04T14:00:00Z');

function bar(end: number, close = 100): Bar {
  return { symbol: 'NQ', timeframe: '5m', start: end - 300_000, end, open: close, high: close, low: close, close, volume: 1, synthetic: false };
}

function setup(mode: 'backtest' | 'live', options: Record<string, unknown> = {}) {
  const raw = new EventBus();
  const bus = new ScopedBus(raw, { pluginId: 'test', instanceId: 'cio' });
  const decisions: EventMap['decision.made'][] = [];
  raw.on('decision.made', (payload) => void decisions.push(payload));
  const coordinator = new Coordinator(
    coordinatorOptions.parse({ sources: [{ id: 'a' }, { id: 'b', weight: 3 }], threshold: 0.5, publishHolds: true, barrier: { timeoutMs: 40 }, ...options }),
    { instanceId: 'cio', bus, clock: new SimulatedClock(T0) },
    mode,
  );
  const signal = (source: string, direction: number, strength: number, time: number) =>
    bus.emit('signal.emitted', { signal: { source, symbol: 'NQ', direction, strength, time }, tsEvent: time, tsInit: time });
  return { coordinator, decisions, signal };
}

describe('Coordinator barrier', () => {
  it('decides at once in a backtest with the signals it has', () => {
    const { coordinator, decisions, signal } = setup('backtest');
    signal('b', 1, 0.8, T0);
    expect(coordinator.onBar(bar(T0))).toBeUndefined();
    // b alone: (3/4)·0.8 = 0.6 ≥ 0.5
    expect(decisions[0]!.decision).toMatchObject({ action: 'buy', metadata: { missing: ['a'] } });
    expect(decisions[0]!.decision.confidence).toBeCloseTo(0.6, 12);
    expect(coordinator.stats()).toMatchObject({ bars: 1, incomplete: 1, timeouts: 0 });
  });

  it('in live mode waits for the missing source and decides when it reports', async () => {
    const { coordinator, decisions, signal } = setup('live');
    signal('a', -1, 1, T0);
    const pending = coordinator.onBar(bar(T0));
    expect(pending).toBeInstanceOf(Promise);
    expect(decisions).toHaveLength(0);
    signal('b', 1, 1, T0);
    await pending;
    // a: (1/4)·1 short, b: (3/4)·1 long → buy 0.75
    expect(decisions[0]!.decision.action).toBe('buy');
    expect(decisions[0]!.decision.confidence).toBeCloseTo(0.75, 12);
    expect(coordinator.stats().timeouts).toBe(0);
  });

  it('in live mode decides without the late source after the timeout', async () => {
    const { coordinator, decisions, signal } = setup('live');
    signal('a', -1, 1, T0);
    await coordinator.onBar(bar(T0));
    // Only a: (1/4)·1 = 0.25 short < 0.5 → hold
    expect(decisions[0]!.decision).toMatchObject({ action: 'hold', metadata: { missing: ['b'] } });
    expect(coordinator.stats().timeouts).toBe(1);
  });
});

describe('indicator-signal', () => {
  it('maps values to direction and strength by the sign and band rules', () => {
    const options = indicatorSignalOptions.parse({ indicator: 'x', scale: 4 });
    expect(signalOf(3, options)).toEqual({ direction: 1, strength: 0.75 });
    expect(signalOf(-8, options)).toEqual({ direction: -1, strength: 1 });
    expect(signalOf(0, options)).toEqual({ direction: 0, strength: 0 });
    const band = indicatorSignalOptions.parse({ indicator: 'x', rule: 'band', lower: 30, upper: 70, scale: 10 });
    expect(signalOf(25, band)).toEqual({ direction: 1, strength: 0.5 });
    expect(signalOf(85, band)).toEqual({ direction: -1, strength: 1 });
    expect(signalOf(50, band)).toEqual({ direction: 0, strength: 0 });
    expect(signalOf(25, { ...band, invert: true })).toEqual({ direction: -1, strength: 0.5 });
    expect(indicatorSignalOptions.safeParse({ indicator: 'x', lower: 80, upper: 20 }).success).toBe(false);
  });

  it('publishes a signal per bar of its timeframe once the indicator is ready', () => {
    const raw = new EventBus();
    const seen: EventMap['signal.emitted'][] = [];
    raw.on('signal.emitted', (payload) => void seen.push(payload));
    const indicator = new FakeIndicator(['value'], '5m');
    const agent = new IndicatorSignalAgent(indicatorSignalOptions.parse({ indicator: 'x', center: 50, scale: 10 }), indicator, 0, {
      instanceId: 'desk',
      bus: new ScopedBus(raw, { pluginId: 'test', instanceId: 'desk' }),
      clock: new SimulatedClock(T0),
    });
    agent.onBar(bar(T0));
    expect(seen).toHaveLength(0); // not ready
    indicator.update(bar(T0));
    indicator.set({ value: 45 });
    agent.onBar(bar(T0 + 300_000));
    agent.onBar({ ...bar(T0 + 300_000), timeframe: '30m' });
    expect(seen.map((e) => e.signal)).toEqual([{ source: 'desk', symbol: 'NQ', direction: -1, strength: 0.5, time: T0 + 300_000, metadata: { value: 45 } }]);
  });
});
