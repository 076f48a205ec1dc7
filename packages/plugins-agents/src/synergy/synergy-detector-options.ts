import { z } from 'zod';
import { fvgRuleSchema, mlmiRuleSchema, nwrqkRuleSchema } from './signal-rules.js';
import { RESEARCH_SYNERGY_PATTERNS, STANDARD_SYNERGY_PATTERNS, synergyPatternsSchema } from './synergy-patterns.js';

/** Options of the `synergy-detector` agent (spec §5). */
export const synergyDetectorOptions = z.strictObject({
  sources: z
    .strictObject({
      mlmi: z.string().default('mlmi').describe('Instance id of the MLMI indicator (strategic timeframe)'),
      nwrqk: z.string().default('nw-rqk').describe('Instance id of the NW-RQK indicator (strategic timeframe)'),
      fvg: z.string().default('fvg').describe('Instance id of the FVG indicator (tactical timeframe)'),
      auxiliary: z.string().optional().describe('Instance id of aux-30m, for volatility_30 in the market context (optional)'),
      lvn: z.string().optional().describe('Instance id of the LVN indicator, for the nearest LVN in the market context (optional)'),
    })
    .prefault({})
    .describe('Indicator components the signals are read from; each must be configured in indicators:'),
  strategicTimeframe: z.string().default('30m').describe('Timeframe of the MLMI and NW-RQK signals'),
  tacticalTimeframe: z.string().default('5m').describe('Timeframe of the FVG signals (may equal the strategic one, e.g. on 30-minute data only)'),
  symbol: z.string().min(1).optional().describe('Symbol to watch; every symbol when absent (single-instrument runs)'),
  patterns: z
    .union([z.enum(['standard', 'research']), synergyPatternsSchema])
    .default('standard')
    .describe('Type → signal order: "standard" (TYPE_1 mlmi→nwrqk→fvg, TYPE_2 mlmi→fvg→nwrqk, TYPE_3 nwrqk→fvg→mlmi, TYPE_4 nwrqk→mlmi→fvg), "research" (1↔2 and 3↔4 swapped), or a map such as { TYPE_1: [mlmi, nwrqk, fvg] }'),
  sequenceStart: z
    .enum(['pattern-heads', 'any'])
    .default('pattern-heads')
    .describe('pattern-heads: only a signal that begins some pattern opens a sequence; any: every signal does (compatibility: frequent FVG mitigations then open sequences no standard pattern can complete)'),
  windowBars: z.number().int().positive().default(10).describe('A sequence expires when more than this many bars passed since its first signal'),
  cooldownBars: z.number().int().nonnegative().default(5).describe('Bars after an emission during which completed patterns are dropped'),
  barMinutes: z.number().positive().default(5).describe('Bar length that window and cooldown count in, minutes'),
  triggering: z
    .enum(['edge', 'level'])
    .default('edge')
    .describe('edge: MLMI/NW-RQK count only on their own (strategic) bars and FVG on tactical bars; level: every held signal re-counts on every bar (compatibility)'),
  mlmi: mlmiRuleSchema.describe('MLMI signal rule'),
  nwrqk: nwrqkRuleSchema.describe('NW-RQK signal rule'),
  fvg: fvgRuleSchema.describe('FVG signal rule'),
  confidence: z
    .enum(['state-managed', 'fixed'])
    .default('state-managed')
    .describe('state-managed: 0.4 + 0.3·avg strength + 0.2·timing + 0.1·coherence; fixed: always 1.0 (compatibility)'),
});

/** Parsed options of the synergy detector. */
export type SynergyDetectorOptions = z.output<typeof synergyDetectorOptions>;

/** Resolves the `patterns` option to a pattern map. */
export function patternMapOf(patterns: SynergyDetectorOptions['patterns']) {
  if (patterns === 'standard') return STANDARD_SYNERGY_PATTERNS;
  if (patterns === 'research') return RESEARCH_SYNERGY_PATTERNS;
  return patterns;
}
