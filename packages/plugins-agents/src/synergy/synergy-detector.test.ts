import type { Bar } from '@grandmodel/framework';
import { SimulatedClock } from '@grandmodel/framework';
import { describe, expect, it } from 'vitest';
import { FakeIndicator } from '../../test/pipeline/fake-indicator.js';
import { SynergyDetector, type SynergyDetectedPayload } from './synergy-detector.js';
import { synergyDetectorOptions, type SynergyDetectorOptions } from './synergy-detector-options.js';

const T0 = Date.parse('2024-03-04T14:00:00Z');
const M5 = 5 * 60_000;
const M30 = 30 * 60_000;

function bar(timeframe: '5m' | '30m', start: number, close = 100): Bar {
  const length = timeframe === '5m' ? M5 : M30;
  return { symbol: 'NQ', timeframe, start, end: start + length, open: close, high: close, low: close, close, volume: 10, synthetic: false };
}

const FVG_OUTPUTS = ['fvg_mitigation_signal', 'fvg_bullish_mitigated', 'fvg_bullish_size', 'fvg_bullish_level', 'fvg_bearish_mitigated', 'fvg_bearish_size', 'fvg_bearish_level'];

function harness(options: Record<string, unknown> = {}, engaged = { engaged: false }) {
  const parsed: SynergyDetectorOptions = synergyDetectorOptions.parse(options);
  const mlmi = new FakeIndicator(['mlmi_value', 'mlmi_signal', 'mlmi_signal_engine'], '30m');
  const nwrqk = new FakeIndicator(['nwrqk_slope', 'nwrqk_signal'], '30m');
  const fvg = new FakeIndicator(FVG_OUTPUTS, '5m');
  const events: SynergyDetectedPayload[] = [];
  const clock = new SimulatedClock(T0);
  const detector = new SynergyDetector(parsed, { mlmi, nwrqk, fvg }, { emit: (p) => events.push(p), clock, killSwitch: engaged });
  /** Feeds every 5m bar in [from, to) (start offsets from T0 in 5m bars), with the 30m bar after the 5m bar that closes it. */
  const run = (fromBar: number, toBar: number, before: (b: Bar) => void = () => undefined): void => {
    for (let i = fromBar; i < toBar; i++) {
      const five = bar('5m', T0 + i * M5);
      clock.set(five.end);
      before(five);
      detector.onBar(five);
      fvg.set({ fvg_mitigation_signal: 0, fvg_bullish_mitigated: 0, fvg_bearish_mitigated: 0 });
      if ((i + 1) % 6 === 0) {
        const thirty = bar('30m', T0 + (i - 5) * M5);
        before(thirty);
        detector.onBar(thirty);
        mlmi.set({ mlmi_signal_engine: 0 });
        nwrqk.set({ nwrqk_signal: 0 });
      }
    }
  };
  return { detector, mlmi, nwrqk, fvg, events, run };
}

describe('SynergyDetector', () => {
  it('reads MLMI and NW-RQK on 30m closes and FVG on 5m closes, and publishes TYPE_1 with hand-computed quality', () => {
    const h = harness();
    h.mlmi.effectiveK = 200;
    h.run(0, 20, (b) => {
      // MLMI cross on the 30m bar closing at 30 min, NW-RQK turn on the one closing at 60 min, FVG on the 5m bar closing at 65 min
      if (b.timeframe === '30m' && b.end === T0 + M30) h.mlmi.set({ mlmi_signal_engine: 1, mlmi_value: 30 });
      if (b.timeframe === '30m' && b.end === T0 + 2 * M30) h.nwrqk.set({ nwrqk_signal: 1, nwrqk_slope: 0.0001 });
      if (b.timeframe === '5m' && b.end === T0 + 65 * 60_000) h.fvg.set({ fvg_mitigation_signal: 1, fvg_bullish_mitigated: 1, fvg_bullish_size: 0.05, fvg_bullish_level: 99 });
    });
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    // Strengths: MLMI u = 30/200 = 0.15 → 0.15/0.25 = 0.6; NW-RQK 1 bp / 2 bp = 0.5; FVG (0.05/100)/0.001 = 0.5
    const average = (0.6 + 0.5 + 0.5) / 3;
    // bars to complete: floor((65 − 30)/5) + 1 = 8
    expect(event).toMatchObject({ symbol: 'NQ', synergyType: 'TYPE_1', direction: 1, tsEvent: T0 + 65 * 60_000 });
    expect(event.strength).toBeCloseTo(average, 12);
    expect(event.details['barsToComplete']).toBe(8);
    expect(event.details['patternQuality'] as number).toBeCloseTo(0.6 * average + 0.3 * (1 - 8 / 10) + 0.1, 12);
    // state-managed confidence: 0.4 + 0.3·avg + 0.2·timing(8 bars → 0.6) + 0.1·coherence
    expect(event.confidence).toBeCloseTo(0.4 + 0.3 * average + 0.2 * 0.6 + 0.1, 12);
    expect((event.details['signalSequence'] as { type: string; time: number }[]).map((s) => [s.type, s.time - T0])).toEqual([
      ['mlmi', M30],
      ['nwrqk', 2 * M30],
      ['fvg', 65 * 60_000],
    ]);
    expect(h.detector.stats()).toMatchObject({ signals: { mlmi: 1, nwrqk: 1, fvg: 1 }, synergies: { TYPE_1: 1, TYPE_2: 0, TYPE_3: 0, TYPE_4: 0 }, synergiesTotal: 1 });
  });

  it('edge triggering counts a held 30m signal once; level triggering re-counts it on every bar and restarts after an emission', () => {
    const feed = (h: ReturnType<typeof harness>) =>
      h.run(0, 18, (b) => {
        // A level-style MLMI signal held for the whole run; one NW-RQK turn; one FVG mitigation
        h.mlmi.set({ mlmi_signal_engine: 1, mlmi_value: 100 });
        if (b.timeframe === '30m' && b.end === T0 + M30) h.nwrqk.set({ nwrqk_signal: 1, nwrqk_slope: 0.0002 });
        if (b.timeframe === '5m' && b.end === T0 + 40 * 60_000) h.fvg.set({ fvg_mitigation_signal: 1, fvg_bullish_mitigated: 1, fvg_bullish_size: 0.1, fvg_bullish_level: 99 });
      });
    const edge = harness({ triggering: 'edge' });
    feed(edge);
    // 3 thirty-minute closes in 18 five-minute bars: MLMI counted on each of them, never on 5m bars
    expect(edge.detector.stats().signals).toEqual({ mlmi: 3, nwrqk: 1, fvg: 1 });
    expect(edge.events.map((e) => e.synergyType)).toEqual(['TYPE_1']);

    const level = harness({ triggering: 'level' });
    feed(level);
    // Level: MLMI counted on all 18 five-minute bars and the 3 thirty-minute bars; NW-RQK on the 30m bar and the 5m bars until it is cleared
    expect(level.detector.stats().signals.mlmi).toBe(21);
    expect(level.events.map((e) => e.synergyType)).toEqual(['TYPE_1']);
    // After the emission at 40 min, the held MLMI signal immediately starts a new sequence
    expect(level.detector.sequence.signals.map((s) => s.type)).toEqual(['mlmi']);
  });

  it('applies the §5.6 MLMI scale fix: u = |mlmi|/k_eff with a threshold, or a fixed k_ref', () => {
    const fire = (options: Record<string, unknown>, value: number, k: number) => {
      const h = harness(options);
      h.mlmi.effectiveK = k;
      h.run(0, 6, (b) => {
        if (b.timeframe === '30m') h.mlmi.set({ mlmi_signal_engine: -1, mlmi_value: value });
      });
      return h.detector.sequence.signals[0];
    };
    // 40/200 = 0.2 < 0.25: no signal with the effective k of 200
    expect(fire({ mlmi: { threshold: 0.25 } }, -40, 200)).toBeUndefined();
    // The same value with a store of 100 entries: 40/100 = 0.4 → strength 0.4/0.25 capped at 1
    expect(fire({ mlmi: { threshold: 0.25 } }, -40, 100)).toMatchObject({ type: 'mlmi', direction: -1, strength: 1 });
    // Fixed reference k = 50 (spec's k_ref): 40/50 = 0.8 ≥ 0.5; strength min(0.8/0.25, 1) = 1
    expect(fire({ mlmi: { scale: 'reference', reference: 50, threshold: 0.5 } }, -40, 200)).toMatchObject({ direction: -1, strength: 1 });
    // fullStrength scales: u = 0.1 → 0.1/0.4 = 0.25
    expect(fire({ mlmi: { fullStrength: 0.4 } }, -20, 200)!.strength).toBeCloseTo(0.25, 12);
  });

  it('reads the engine MLMI flag by default and the zero-line cross when asked', () => {
    const count = (options: Record<string, unknown>) => {
      const h = harness(options);
      h.run(0, 6, (b) => {
        if (b.timeframe === '30m') h.mlmi.set({ mlmi_signal_engine: 1, mlmi_signal: 0, mlmi_value: 50 });
      });
      return h.detector.stats().signals.mlmi;
    };
    expect(count({})).toBe(1);
    expect(count({ mlmi: { signal: 'zero-cross' } })).toBe(0);
  });

  it('thresholds the NW-RQK slope in basis points (fix) or as the raw relative slope (repo, which never fires on real slopes)', () => {
    const fire = (options: Record<string, unknown>, slope: number) => {
      const h = harness(options);
      h.run(0, 6, (b) => {
        if (b.timeframe === '30m') h.nwrqk.set({ nwrqk_signal: -1, nwrqk_slope: slope });
      });
      return h.detector.sequence.signals[0];
    };
    expect(fire({ nwrqk: { threshold: 1 } }, -0.00005)).toBeUndefined(); // 0.5 bp < 1 bp
    expect(fire({ nwrqk: { threshold: 1 } }, -0.00015)).toMatchObject({ type: 'nwrqk', direction: -1 });
    expect(fire({ nwrqk: { threshold: 1 } }, -0.00015)!.strength).toBeCloseTo(1.5 / 2, 12);
    expect(fire({ nwrqk: { slopeUnit: 'relative', threshold: 0.3, fullStrength: 2 } }, -0.009)).toBeUndefined();
  });

  it('takes FVG direction from the side mitigated on this bar and filters small gaps by size/price', () => {
    // One 5m bar closing at 100
    const fire = (options: Record<string, unknown>, values: Record<string, number>) => {
      // The repo start rule lets the FVG open a sequence, so the signal can be inspected there
      const h = harness({ sequenceStart: 'any', ...options });
      h.run(0, 1, (b) => {
        if (b.timeframe === '5m') h.fvg.set(values);
      });
      return h.detector.sequence.signals[0];
    };
    const bearish = { fvg_mitigation_signal: 1, fvg_bearish_mitigated: 1, fvg_bearish_size: 0.05, fvg_bearish_level: 101 };
    expect(fire({}, bearish)).toMatchObject({ type: 'fvg', direction: -1, value: 101 });
    expect(fire({}, bearish)!.strength).toBeCloseTo(0.0005 / 0.001, 12);
    // 0.05 / 100 = 0.0005 < the repo minimum 0.001
    expect(fire({ fvg: { minGapFraction: 0.001 } }, bearish)).toBeUndefined();
    // Mitigation signal without a mitigation on this bar: nothing
    expect(fire({}, { fvg_mitigation_signal: 1 })).toBeUndefined();
    // Both sides on one bar: bullish first
    expect(fire({}, { ...bearish, fvg_bullish_mitigated: 1, fvg_bullish_size: 0.05, fvg_bullish_level: 99 })).toMatchObject({ direction: 1, value: 99 });
  });

  it('drops every bar while the kill switch is engaged', () => {
    const h = harness({}, { engaged: true });
    h.run(0, 12, (b) => {
      if (b.timeframe === '30m') h.mlmi.set({ mlmi_signal_engine: 1, mlmi_value: 100 });
    });
    expect(h.detector.stats()).toMatchObject({ signals: { mlmi: 0 }, droppedWhileKilled: 14 });
  });

  it('ignores bars of other timeframes and symbols', () => {
    const h = harness({ symbol: 'ES' });
    h.mlmi.set({ mlmi_signal_engine: 1, mlmi_value: 100 });
    h.detector.onBar(bar('30m', T0));
    h.detector.onBar({ ...bar('30m', T0), symbol: 'ES', timeframe: '1h' });
    expect(h.detector.stats().signals.mlmi).toBe(0);
    h.detector.onBar({ ...bar('30m', T0), symbol: 'ES' });
    expect(h.detector.stats().signals.mlmi).toBe(1);
  });
});
