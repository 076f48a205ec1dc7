import { z } from 'zod';

/** The indicator signals a synergy is made of. */
export const SIGNAL_TYPES = ['mlmi', 'nwrqk', 'fvg'] as const;
/** One of `mlmi`, `nwrqk`, `fvg`. */
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** A synergy pattern: which ordered signal sequence it is. */
export type SynergyPatternMap = Readonly<Record<string, readonly [SignalType, SignalType, SignalType]>>;

/** The standard mapping: TYPE_1 MLMI → NW-RQK → FVG, TYPE_2 MLMI → FVG → NW-RQK, TYPE_3 NW-RQK → FVG → MLMI, TYPE_4 NW-RQK → MLMI → FVG. */
export const STANDARD_SYNERGY_PATTERNS: SynergyPatternMap = Object.freeze({
  TYPE_1: ['mlmi', 'nwrqk', 'fvg'],
  TYPE_2: ['mlmi', 'fvg', 'nwrqk'],
  TYPE_3: ['nwrqk', 'fvg', 'mlmi'],
  TYPE_4: ['nwrqk', 'mlmi', 'fvg'],
});

/** The research mapping: TYPE_1/TYPE_2 and TYPE_3/TYPE_4 swapped relative to the standard one. */
export const RESEARCH_SYNERGY_PATTERNS: SynergyPatternMap = Object.freeze({
  TYPE_1: ['mlmi', 'fvg', 'nwrqk'],
  TYPE_2: ['mlmi', 'nwrqk', 'fvg'],
  TYPE_3: ['nwrqk', 'mlmi', 'fvg'],
  TYPE_4: ['nwrqk', 'fvg', 'mlmi'],
});

const signalType = z.enum(SIGNAL_TYPES);

/** Config schema of a pattern map: names to ordered triples of distinct signal types. */
export const synergyPatternsSchema = z
  .record(z.string().min(1), z.tuple([signalType, signalType, signalType]))
  .superRefine((patterns, context) => {
    const seen = new Map<string, string>();
    for (const [name, order] of Object.entries(patterns)) {
      if (new Set(order).size !== 3) context.addIssue({ code: 'custom', path: [name], message: `expected three different signal types, was [${order.join(', ')}]` });
      const key = order.join('>');
      const other = seen.get(key);
      if (other !== undefined) context.addIssue({ code: 'custom', path: [name], message: `the order [${order.join(', ')}] is already pattern ${other}` });
      seen.set(key, name);
    }
  });

/**
 * Finds patterns by signal order in O(1): a 3-digit base-3 code of the order indexes a table of names.
 * Orders not in the map give undefined (the detector resets on them).
 */
export class PatternTable {
  readonly #names: (string | undefined)[] = new Array<string | undefined>(27).fill(undefined);
  readonly #heads = new Set<SignalType>();

  constructor(readonly patterns: SynergyPatternMap) {
    for (const [name, order] of Object.entries(patterns)) {
      this.#names[PatternTable.code(order[0], order[1], order[2])] = name;
      this.#heads.add(order[0]);
    }
  }

  /** True when some pattern begins with this signal type. */
  isHead(type: SignalType): boolean {
    return this.#heads.has(type);
  }

  /** Pattern name of an ordered triple, or undefined. */
  lookup(first: SignalType, second: SignalType, third: SignalType): string | undefined {
    return this.#names[PatternTable.code(first, second, third)];
  }

  private static code(first: SignalType, second: SignalType, third: SignalType): number {
    return SIGNAL_TYPES.indexOf(first) * 9 + SIGNAL_TYPES.indexOf(second) * 3 + SIGNAL_TYPES.indexOf(third);
  }
}
