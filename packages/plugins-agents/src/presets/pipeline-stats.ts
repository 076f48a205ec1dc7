import { SynergyDetector, type SynergyDetectorStats } from '../synergy/synergy-detector.js';
import { StrategicAgent, type StrategicAgentStats } from '../agents/strategic-agent.js';
import { TacticalAgent, type TacticalAgentStats } from '../agents/tactical-agent.js';
import { RiskAgent, type RiskAgentStats } from '../agents/risk-agent.js';
import { Coordinator, type CoordinatorStats } from '../agents/coordinator.js';
import type { LatencySummary } from '../agents/latency-recorder.js';

/** A run's component, as the kernel lists them (`kernel.components`). */
export interface StatsSource {
  readonly instanceId: string;
  readonly instance: unknown;
}

/** The pipeline block proposed for `summary.json` → `run.pipeline`. */
export interface PipelineStatsSummary {
  /** Synergies by type, summed over detectors. */
  readonly synergies: Readonly<Record<string, number>>;
  /** Decisions per component instance id. */
  readonly decisions: Readonly<Record<string, number>>;
  /** Vetoes per component instance id, by reason. */
  readonly vetoes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Wall-clock decision latency per component instance id (ms). */
  readonly latencyMs: Readonly<Record<string, { readonly p50: number; readonly p99: number }>>;
  /** Every pipeline component's full stats, by instance id. */
  readonly components: Readonly<Record<string, unknown>>;
}

/**
 * Collects the stats of every pipeline component of a run (synergy detectors, strategic, tactical and risk
 * agents, coordinators) into one block; undefined when the run has none. Latencies are wall-clock: the block
 * belongs in `summary.json`, never in the journal.
 */
export function pipelineStats(components: readonly StatsSource[]): PipelineStatsSummary | undefined {
  const synergies: Record<string, number> = {};
  const decisions: Record<string, number> = {};
  const vetoes: Record<string, Record<string, number>> = {};
  const latencyMs: Record<string, { p50: number; p99: number }> = {};
  const all: Record<string, unknown> = {};
  const latency = (id: string, summary: LatencySummary): void => void (latencyMs[id] = { p50: summary.p50, p99: summary.p99 });
  for (const { instanceId: id, instance } of components) {
    if (instance instanceof SynergyDetector) {
      const stats: SynergyDetectorStats = instance.stats();
      for (const [type, count] of Object.entries(stats.synergies)) synergies[type] = (synergies[type] ?? 0) + count;
      latency(id, stats.latencyMs);
      all[id] = stats;
    } else if (instance instanceof StrategicAgent) {
      const stats: StrategicAgentStats = instance.stats();
      decisions[id] = stats.decisions;
      vetoes[id] = { hold: stats.hold, warmUp: stats.warmUp };
      latency(id, stats.latencyMs);
      all[id] = stats;
    } else if (instance instanceof TacticalAgent) {
      const stats: TacticalAgentStats = instance.stats();
      decisions[id] = stats.decisions;
      vetoes[id] = { ...stats.vetoes };
      latency(id, stats.latencyMs);
      all[id] = stats;
    } else if (instance instanceof RiskAgent) {
      const stats: RiskAgentStats = instance.stats();
      decisions[id] = stats.proposals;
      vetoes[id] = { ...stats.vetoes };
      latency(id, stats.latencyMs);
      all[id] = stats;
    } else if (instance instanceof Coordinator) {
      const stats: CoordinatorStats = instance.stats();
      decisions[id] = stats.decisions.buy + stats.decisions.sell;
      latency(id, stats.latencyMs);
      all[id] = stats;
    }
  }
  if (Object.keys(all).length === 0) return undefined;
  return { synergies, decisions, vetoes, latencyMs, components: all };
}
