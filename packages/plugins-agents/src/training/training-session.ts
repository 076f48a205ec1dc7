import type { Fill } from '@grandmodel/framework';
import type { MappoTrainer, UpdateMetrics } from './mappo-trainer.js';
import { RunningStatistics } from './running-statistics.js';
import type { DecisionContext, SystemName, TrainingSystem } from './training-system.js';

/** Reported after every finished episode. */
export interface EpisodeReport {
  readonly system: SystemName;
  /** Episodes finished so far (1-based). */
  readonly episode: number;
  readonly episodes: number;
  /** Mean raw reward per step of the episode. */
  readonly reward: number;
  /** Mean of each reward part over the episode. */
  readonly parts: Readonly<Record<string, number>>;
  /** Equity change over the episode (currency). */
  readonly pnl: number;
  readonly steps: number;
  readonly metrics: UpdateMetrics;
}

/** Settings of a session. */
export interface TrainingSessionSettings {
  readonly episodes: number;
  /** Decisions per episode. */
  readonly episodeSteps: number;
  readonly onEpisode?: (report: EpisodeReport) => void;
}

/**
 * Drives one system's training across engine runs: at every decision bar it rewards the previous step,
 * closes the episode after `episodeSteps` decisions (PPO update, position flattened), then observes and
 * acts. Episodes are consecutive windows of decision bars; a run that ends mid-episode drops that part.
 */
export class TrainingSession {
  episodesDone = 0;
  readonly reports: EpisodeReport[] = [];
  /** Set by the runner: ends the current engine run after this bar. */
  requestStop: (reason: string) => void = () => undefined;
  private pending = false;
  private lastEquity = Number.NaN;
  private peakEquity = Number.NaN;
  private steps = 0;
  private rewardSum = 0;
  private partSums: Record<string, number> = {};
  private episodeStartEquity = Number.NaN;
  private readonly pnlStatistics = new RunningStatistics();
  private readonly rewardStatistics = new RunningStatistics();
  private fillSlippage = 0;
  private fillCount = 0;
  private referencePrice = Number.NaN;

  constructor(
    readonly system: TrainingSystem,
    readonly trainer: MappoTrainer,
    readonly settings: TrainingSessionSettings,
  ) {}

  /** True once every episode is done. */
  get finished(): boolean {
    return this.episodesDone >= this.settings.episodes;
  }

  /** Drawdown of equity from its peak since the episode started. */
  drawdownAt(equity: number): number {
    if (!(this.peakEquity > 0)) return 0;
    return Math.max(0, 1 - equity / this.peakEquity);
  }

  /** Forgets run-local state (call before each engine run). */
  startRun(): void {
    this.pending = false;
    this.trainer.discardRollout();
    this.resetEpisode(Number.NaN);
  }

  /** Records a fill's slippage against the close of the bar its order was decided on. */
  onFill(fill: Fill): void {
    if (!(this.referencePrice > 0)) return;
    this.fillSlippage += Math.abs(fill.price - this.referencePrice) / this.referencePrice;
    this.fillCount++;
  }

  /** One decision bar. `context` must reflect the account after the bar. */
  decide(context: DecisionContext): void {
    if (this.finished) return;
    const equity = context.equity;
    if (Number.isNaN(this.peakEquity) || equity > this.peakEquity) this.peakEquity = equity;
    const system = this.system;
    // Observe once per bar: some systems keep bar history inside observe
    const ready = system.observe(context);
    if (this.pending) {
      const pnl = equity - this.lastEquity;
      this.pnlStatistics.push(pnl);
      const slippage = this.fillCount > 0 ? this.fillSlippage / this.fillCount : undefined;
      const breakdown = system.reward({ pnl, pnlStd: this.pnlStatistics.std, slippage }, context);
      let reward = breakdown.total;
      if (system.normalizeRewards) {
        this.rewardStatistics.push(reward);
        reward = this.rewardStatistics.zScore(reward, 10);
      }
      this.steps++;
      this.rewardSum += breakdown.total;
      for (const [name, value] of Object.entries(breakdown.parts)) this.partSums[name] = (this.partSums[name] ?? 0) + value;
      this.pending = false;
      if (this.steps >= this.settings.episodeSteps) {
        // The window ends here, not the market: bootstrap from this bar's value when it is observable
        this.trainer.record(reward, !ready);
        const metrics = this.trainer.update(ready ? system.joint : undefined);
        this.finishEpisode(equity, metrics);
        context.desk.flatten();
        if (this.finished) {
          this.requestStop('training finished');
          return;
        }
        this.resetEpisode(Number.NaN);
        // The flatten order is working: the next episode starts at the next decision bar
        return;
      }
      this.trainer.record(reward, false);
    }
    if (!ready) return;
    if (Number.isNaN(this.episodeStartEquity)) this.resetEpisode(equity);
    const decisions = this.trainer.act(system.observations, system.joint, true);
    this.fillSlippage = 0;
    this.fillCount = 0;
    this.referencePrice = context.bar.close;
    system.act(decisions, context);
    this.lastEquity = equity;
    this.pending = true;
  }

  private finishEpisode(equity: number, metrics: UpdateMetrics): void {
    this.episodesDone++;
    const parts: Record<string, number> = {};
    for (const [name, sum] of Object.entries(this.partSums)) parts[name] = sum / this.steps;
    const report: EpisodeReport = {
      system: this.system.name,
      episode: this.episodesDone,
      episodes: this.settings.episodes,
      reward: this.rewardSum / this.steps,
      parts,
      pnl: equity - this.episodeStartEquity,
      steps: this.steps,
      metrics,
    };
    this.reports.push(report);
    this.settings.onEpisode?.(report);
  }

  private resetEpisode(equity: number): void {
    this.steps = 0;
    this.rewardSum = 0;
    this.partSums = {};
    this.episodeStartEquity = equity;
    this.peakEquity = equity;
  }
}
