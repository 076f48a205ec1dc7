import { describe, expect, it } from 'vitest';
import { LvnInteractionHistory } from './lvn-interaction-history.js';

const SETTINGS = { historySeconds: 7 * 86_400, testFraction: 0.0025, rejectionMultiplier: 2, rejectionBars: 4, recencyHours: 168, countRejections: true };
const HALF_HOUR = 1_800;

// Level 100 (key 400 on a 0.25 grid): a test is within 0.25, a rejection beyond 0.5
function step(history: LvnInteractionHistory, index: number, close: number, key = 400, price = 100): number[] {
  history.observeClose(index, close);
  history.evaluate(index, index * HALF_HOUR, close, price, key);
  return [history.testCount, history.rejectionCount, history.recency];
}

describe('LvnInteractionHistory', () => {
  it('counts tests, rejections within 4 bars and recency in bar time', () => {
    const history = new LvnInteractionHistory(SETTINGS);
    expect(step(history, 0, 100.2)).toEqual([1, 0, 1]);
    // Not a test; the next close moves 0.6 away, rejecting the test of bar 0
    expect(step(history, 1, 100.6)).toEqual([1, 1, 1 - 0.5 / 168]);
    expect(step(history, 2, 99.8)).toEqual([2, 1, 1]);
    // Bars 3–6 stay between the test and rejection distances; bar 7 moves away, 5 bars after the bar-2 test: too late
    for (let index = 3; index < 7; index += 1) expect(step(history, index, 100.4)).toEqual([2, 1, 1 - ((index - 2) * 0.5) / 168]);
    expect(step(history, 7, 101)).toEqual([2, 1, 1 - 2.5 / 168]);
  });

  it('keeps levels apart by tick key', () => {
    const history = new LvnInteractionHistory(SETTINGS);
    step(history, 0, 100.1);
    expect(step(history, 1, 100.1, 401, 100.25)).toEqual([1, 0, 1]);
    // Only the key-400 test counts; the close of 90 rejects it
    expect(step(history, 2, 90, 400, 100)).toEqual([1, 1, 1 - 1 / 168]);
  });

  it('forgets tests older than the history window', () => {
    const history = new LvnInteractionHistory(SETTINGS);
    history.observeClose(0, 100);
    history.evaluate(0, 0, 100, 100, 400);
    history.observeClose(1, 95);
    // Exactly 7 days later the bar-0 test is pruned before counting
    history.evaluate(1, 7 * 86_400, 95, 100, 400);
    expect([history.testCount, history.rejectionCount, history.recency]).toEqual([0, 0, 0]);
  });

  it('never counts rejections in repo-compatible mode, and grows past its initial capacity', () => {
    const history = new LvnInteractionHistory({ ...SETTINGS, countRejections: false });
    for (let index = 0; index < 1200; index += 1) step(history, index, index % 2 === 0 ? 100 : 102);
    // The 7-day window holds 336 half-hour bars, so the tests of the 168 even bars among them
    expect([history.testCount, history.rejectionCount]).toEqual([168, 0]);
    const longMemory = new LvnInteractionHistory({ ...SETTINGS, historySeconds: 1e9 });
    for (let index = 0; index < 1200; index += 1) step(longMemory, index, index % 2 === 0 ? 100 : 102);
    expect([longMemory.testCount, longMemory.rejectionCount]).toEqual([600, 600]);
  });
});
