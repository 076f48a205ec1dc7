import { describe, expect, it } from 'vitest';
import { RESEARCH_SYNERGY_PATTERNS, PatternTable, STANDARD_SYNERGY_PATTERNS, type SignalType } from './synergy-patterns.js';
import { SynergySequence, type SynergySignal } from './synergy-sequence.js';

const BAR = 5 * 60_000;
const T0 = Date.parse('2024-03-04T14:00:00Z');

function signal(type: SignalType, bar: number, direction = 1, strength = 0.5): SynergySignal {
  return { type, direction, time: T0 + bar * BAR, strength, value: bar };
}

function sequence(patterns = STANDARD_SYNERGY_PATTERNS, windowBars = 10, cooldownBars = 5, sequenceStart: 'pattern-heads' | 'any' = 'pattern-heads'): SynergySequence {
  return new SynergySequence({ barMs: BAR, windowBars, cooldownBars, sequenceStart }, new PatternTable(patterns));
}

/** The repo start rule: any signal opens a sequence. */
const anyStart = () => sequence(STANDARD_SYNERGY_PATTERNS, 10, 5, 'any');

describe('SynergySequence', () => {
  it.each([
    ['TYPE_1', ['mlmi', 'nwrqk', 'fvg']],
    ['TYPE_2', ['mlmi', 'fvg', 'nwrqk']],
    ['TYPE_3', ['nwrqk', 'fvg', 'mlmi']],
    ['TYPE_4', ['nwrqk', 'mlmi', 'fvg']],
  ] as const)('completes %s from the PRD order %j', (pattern, order) => {
    const s = sequence();
    expect(s.add(signal(order[0], 0, -1))).toBe('started');
    expect(s.add(signal(order[1], 2, -1))).toBe('appended');
    expect(s.add(signal(order[2], 4, -1))).toBe('completed');
    expect(s.completed).toMatchObject({ pattern, direction: -1, barsToComplete: 5 });
    expect(s.completed!.signals.map((x) => x.type)).toEqual(order);
    expect(s.signals).toHaveLength(0);
  });

  it('uses the configured map: the research map names the standard TYPE_1 order TYPE_2', () => {
    const s = sequence(RESEARCH_SYNERGY_PATTERNS);
    s.add(signal('mlmi', 0));
    s.add(signal('nwrqk', 1));
    expect(s.add(signal('fvg', 1))).toBe('completed');
    expect(s.completed!.pattern).toBe('TYPE_2');
  });

  it('opens no sequence with a signal that begins no pattern (pattern-heads rule)', () => {
    const s = sequence();
    expect(s.add(signal('fvg', 0))).toBe('not-a-start');
    expect(s.counters.notAStart).toBe(1);
    // So a later MLMI → NW-RQK → FVG still completes
    s.add(signal('mlmi', 1));
    s.add(signal('nwrqk', 2));
    expect(s.add(signal('fvg', 3))).toBe('completed');
  });

  it('with the repo start rule, resets on an order that no pattern has (FVG first) and counts it', () => {
    const s = anyStart();
    s.add(signal('fvg', 0));
    s.add(signal('mlmi', 1));
    expect(s.add(signal('nwrqk', 2))).toBe('unknown-order');
    expect(s.counters.unknownOrders).toBe(1);
    expect(s.signals).toHaveLength(0);
  });

  it('allows exactly windowBars bars after the first signal and expires one bar later', () => {
    const inside = sequence();
    inside.add(signal('mlmi', 0));
    inside.add(signal('nwrqk', 5));
    // floor((t − start)/5 min) = 10 is not greater than 10: still inside
    expect(inside.add(signal('fvg', 10))).toBe('completed');
    expect(inside.completed!.barsToComplete).toBe(11);

    const late = anyStart();
    late.add(signal('mlmi', 0));
    late.add(signal('nwrqk', 5));
    // 11 bars: the old sequence expires and the FVG starts a new one
    expect(late.add(signal('fvg', 11))).toBe('started');
    expect(late.counters.expired).toBe(1);
    expect(late.signals.map((x) => x.type)).toEqual(['fvg']);
    // With the pattern-heads rule the FVG cannot open one: the sequence is simply gone
    const pruned = sequence();
    pruned.add(signal('mlmi', 0));
    expect(pruned.add(signal('fvg', 11))).toBe('not-a-start');
    expect(pruned.signals).toHaveLength(0);
    // The window counts whole bars: 10 bars and 4 minutes is still bar 10
    const partial = sequence();
    partial.add(signal('mlmi', 0));
    partial.add(signal('nwrqk', 1));
    expect(partial.add({ ...signal('fvg', 10), time: T0 + 10 * BAR + 4 * 60_000 })).toBe('completed');
  });

  it('restarts with the new signal when its direction differs from the first signal', () => {
    const s = anyStart();
    s.add(signal('mlmi', 0, 1));
    s.add(signal('nwrqk', 1, 1));
    expect(s.add(signal('fvg', 2, -1))).toBe('started');
    expect(s.counters.directionResets).toBe(1);
    expect(s.signals).toEqual([signal('fvg', 2, -1)]);
    // The restarted sequence is short: it cannot complete a pattern beginning with FVG
    s.add(signal('mlmi', 3, -1));
    expect(s.add(signal('nwrqk', 4, -1))).toBe('unknown-order');
    // pattern-heads: the opposite NW-RQK restarts the sequence, being a pattern head
    const heads = sequence();
    heads.add(signal('mlmi', 0, 1));
    expect(heads.add(signal('nwrqk', 1, -1))).toBe('started');
    expect(heads.signals.map((x) => [x.type, x.direction])).toEqual([['nwrqk', -1]]);
  });

  it('ignores a second signal of a type already in the sequence without resetting it', () => {
    const s = sequence();
    s.add(signal('mlmi', 0, 1, 0.2));
    expect(s.add(signal('mlmi', 1, 1, 0.9))).toBe('duplicate');
    expect(s.counters.duplicates).toBe(1);
    s.add(signal('nwrqk', 2));
    expect(s.add(signal('fvg', 3))).toBe('completed');
    // The first MLMI signal is the one kept
    expect(s.completed!.signals[0]).toEqual(signal('mlmi', 0, 1, 0.2));
  });

  it('drops completions within cooldownBars of the last emission and resets, then emits again at the boundary', () => {
    const s = sequence();
    for (const [type, bar] of [['mlmi', 0], ['nwrqk', 0], ['fvg', 1]] as const) s.add(signal(type, bar));
    expect(s.completed!.pattern).toBe('TYPE_1');
    // Emitted at bar 1; a completion at bar 5 is 4 bars later: inside the 5-bar cooldown
    for (const [type, bar] of [['mlmi', 2], ['nwrqk', 3]] as const) s.add(signal(type, bar));
    expect(s.add(signal('fvg', 5))).toBe('cooldown');
    expect(s.counters.cooldownDrops).toBe(1);
    expect(s.signals).toHaveLength(0);
    // Exactly 5 bars after the emission the pattern is allowed again
    for (const [type, bar] of [['nwrqk', 6], ['mlmi', 6]] as const) s.add(signal(type, bar));
    expect(s.add(signal('fvg', 6))).toBe('completed');
    expect(s.completed!.pattern).toBe('TYPE_4');
  });

  it('completes all three on the same bar in the order the detector offers them (MLMI, NW-RQK, FVG = TYPE_1)', () => {
    const s = sequence();
    s.add(signal('mlmi', 7));
    s.add(signal('nwrqk', 7));
    expect(s.add(signal('fvg', 7))).toBe('completed');
    expect(s.completed).toMatchObject({ pattern: 'TYPE_1', barsToComplete: 1 });
  });
});

describe('PatternTable', () => {
  it('finds every configured order and nothing else', () => {
    const table = new PatternTable(STANDARD_SYNERGY_PATTERNS);
    const types: SignalType[] = ['mlmi', 'nwrqk', 'fvg'];
    const found: string[] = [];
    for (const a of types) for (const b of types) for (const c of types) {
      const name = table.lookup(a, b, c);
      if (name !== undefined) found.push(`${name}=${a}>${b}>${c}`);
    }
    expect(found.sort()).toEqual(['TYPE_1=mlmi>nwrqk>fvg', 'TYPE_2=mlmi>fvg>nwrqk', 'TYPE_3=nwrqk>fvg>mlmi', 'TYPE_4=nwrqk>mlmi>fvg']);
  });
});
