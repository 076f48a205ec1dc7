// Checks of a GrandModel run folder computed independently of the pipeline: from journal.jsonl and the input bars.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One journal line. */
export interface JournalEntry {
  readonly seq: number;
  readonly event: string;
  readonly payload: Record<string, any>;
}

/** An input bar, as read back from the data CSV. */
export interface CsvBar {
  readonly start: number;
  readonly end: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Reads journal.jsonl of a run folder. */
export function readJournal(dir: string): JournalEntry[] {
  return readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** Reads `timestamp,open,high,low,close,volume` bars; naive timestamps are UTC (the CSV source's default). */
export function readBars(path: string, minutes: number, from = Number.NEGATIVE_INFINITY): CsvBar[] {
  const [, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const bars: CsvBar[] = [];
  for (const line of lines) {
    const [timestamp, , high, low, close] = line.split(',');
    const start = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(timestamp!) ? timestamp! : `${timestamp}Z`);
    if (start < from) continue;
    bars.push({ start, end: start + minutes * 60_000, high: Number(high), low: Number(low), close: Number(close) });
  }
  return bars;
}

/** `roundToTick` done here: nearest tick, float noise trimmed. */
export function nearestTick(price: number, tick: number): number {
  return Number((Math.round(price / tick) * tick).toFixed(12));
}

/** ATR(14) at bar i: mean of the last 14 true ranges. */
export function atr14(bars: readonly CsvBar[], i: number): number {
  let sum = 0;
  for (let j = i - 13; j <= i; j++) {
    const previous = bars[j - 1]!.close;
    sum += Math.max(bars[j]!.high - bars[j]!.low, Math.abs(bars[j]!.high - previous), Math.abs(bars[j]!.low - previous));
  }
  return sum / 14;
}

const time = (value: unknown): number => (typeof value === 'number' ? value : Date.parse(String(value)));
const stage = (entry: JournalEntry): string | undefined => entry.payload['decision']?.metadata?.stage;

/**
 * Every entry order (no parent) must follow, earlier in the journal and stamped with the order's creation time:
 * a `synergy.detected`, a proceeding strategic decision, an executing tactical decision for that synergy and a
 * buy/sell risk decision. Returns what is missing, per order.
 */
export function entriesWithoutChain(journal: readonly JournalEntry[]): string[] {
  const problems: string[] = [];
  journal.forEach((entry, index) => {
    if (entry.event !== 'order.submitted' || entry.payload['order'].parentId !== undefined) return;
    const order = entry.payload['order'];
    const at = time(order.createdAt);
    const before = journal.slice(0, index).filter((e) => time(e.payload['tsEvent']) === at);
    const risk = before.find((e) => stage(e) === 'risk' && e.payload['decision'].action === order.side);
    const tactical = before.find((e) => stage(e) === 'tactical' && e.payload['decision'].metadata.execute === true);
    const strategic = before.find((e) => stage(e) === 'strategic' && e.payload['decision'].metadata.shouldProceed === true);
    const synergyId = tactical?.payload['decision'].metadata.synergy?.id;
    const synergy = before.find((e) => e.event === 'synergy.detected' && e.payload['details']?.synergyId === synergyId);
    const missing = [risk ? '' : 'risk decision', tactical ? '' : 'tactical execute', strategic ? '' : 'strategic proceed', synergy ? '' : 'synergy'].filter(Boolean);
    if (missing.length > 0) problems.push(`${order.id} at ${order.createdAt}: no ${missing.join(', ')} before it`);
  });
  return problems;
}

/** Entries whose bracket is not at close ∓ 2·ATR(14) / ± 3·ATR(14) of the decision bar (to the tick). */
export function bracketsOffAtr(journal: readonly JournalEntry[], bars: readonly CsvBar[], tick: number): string[] {
  const byEnd = new Map(bars.map((bar, i) => [bar.end, i]));
  const problems: string[] = [];
  for (const entry of journal) {
    if (entry.event !== 'order.submitted' || entry.payload['order'].parentId !== undefined) continue;
    const order = entry.payload['order'];
    const index = byEnd.get(time(order.createdAt));
    if (index === undefined || index < 15) {
      problems.push(`${order.id}: no input bar closes at ${order.createdAt}`);
      continue;
    }
    const direction = order.side === 'buy' ? 1 : -1;
    const close = bars[index]!.close;
    const atr = atr14(bars, index);
    const stop = nearestTick(close - direction * 2 * atr, tick);
    const target = nearestTick(close + direction * 3 * atr, tick);
    if (order.bracket?.stopLoss !== stop || order.bracket?.takeProfit !== target) {
      problems.push(`${order.id}: bracket ${JSON.stringify(order.bracket)}, expected stop ${stop} and target ${target} (close ${close}, ATR ${atr})`);
    }
  }
  return problems;
}

/** Counts of the pipeline's events in a journal: synergies by type, decisions and vetoes per stage. */
export function countPipelineEvents(journal: readonly JournalEntry[]) {
  const synergies: Record<string, number> = {};
  const decisions: Record<string, number> = { strategic: 0, tactical: 0, risk: 0 };
  const tacticalVetoes: Record<string, number> = {};
  const riskVetoes: Record<string, number> = {};
  let proceed = 0;
  let executes = 0;
  let submitted = 0;
  for (const entry of journal) {
    if (entry.event === 'synergy.detected') synergies[entry.payload['synergyType']] = (synergies[entry.payload['synergyType']] ?? 0) + 1;
    const s = stage(entry);
    if (entry.event !== 'decision.made' || s === undefined) continue;
    decisions[s] = (decisions[s] ?? 0) + 1;
    const metadata = entry.payload['decision'].metadata;
    if (s === 'strategic' && metadata.shouldProceed === true) proceed++;
    if (s === 'tactical' && metadata.execute === true) executes++;
    if (s === 'tactical' && metadata.veto !== undefined) tacticalVetoes[metadata.veto] = (tacticalVetoes[metadata.veto] ?? 0) + 1;
    if (s === 'risk' && metadata.veto !== undefined) riskVetoes[metadata.veto] = (riskVetoes[metadata.veto] ?? 0) + 1;
    if (s === 'risk' && entry.payload['decision'].action !== 'hold') submitted++;
  }
  return { synergies, decisions, proceed, executes, submitted, tacticalVetoes, riskVetoes };
}

/** The payload of a custom `<plugin>:stats` event in the journal. */
export function customStats(journal: readonly JournalEntry[], plugin: string): Record<string, any> | undefined {
  return journal.find((entry) => entry.event === `${plugin}:stats`)?.payload;
}
