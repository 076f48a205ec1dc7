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
 * Drives one system's training across engine runs: at every decision bar it rewards the previous step
 * (once the system says it is settled), closes the episode after `episodeSteps` decisions (PPO update,
 * position flattened), then observes and acts. Episodes are consecutive windows of decision bars; a run
 * that ends mid-episode drops that part, except for systems with independent steps, whose episodes carry
 * on in the next run (only an unsettled step is dropped).
 */
export class TrainingSession {
  episodesDone = 0;
  /** Steps rewarded in the current engine run. */
  stepsThisRun = 0;
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
  private episodePnl = 0;
  private readonly pnlStatistics = new RunningStatistics();
  private readonly rewardStatistics = new RunningStatistics();
  /** Per actor, when rewards come one per actor. */
  private readonly actorRewardStatistics: RunningStatistics[] = [];
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
    this.stepsThisRun = 0;
    if (this.system.independentSteps === true) {
      // Recorded steps stay valid: each was settled on its own; the account starts afresh
      this.trainer.discardPending();
      this.peakEquity = Number.NaN;
      return;
    }
    this.trainer.discardRollout();
    this.resetEpisode(Number.NaN);
  }

  /** Records the slippage of the step's first fill against the close of the bar its order was decided on. */
  onFill(fill: Fill): void {
    if (!(this.referencePrice > 0) || this.fillCount > 0) return;
    this.fillSlippage = Math.abs(fill.price - this.referencePrice) / this.referencePrice;
    this.fillCount = 1;
  }

  /** One decision bar. `context` must reflect the account after the bar. */
  decide(context: DecisionContext): void {
    if (this.finished) return;
    const equity = context.equity;
    if (Number.isNaN(this.peakEquity) || equity > this.peakEquity) this.peakEquity = equity;
    const system = this.system;
    // Observe once per bar: some systems keep bar history inside observe
    const ready = system.observe(context);
    const independent = system.independentSteps === true;
    if (this.pending) {
      // A step whose trade is still open is not rewarded yet, and no new decision is taken meanwhile
      if (system.settled !== undefined && !system.settled(context)) return;
      const pnl = equity - this.lastEquity;
      this.pnlStatistics.push(pnl);
      const slippage = this.fillCount > 0 ? this.fillSlippage : undefined;
      const breakdown = system.reward({ pnl, pnlStd: this.pnlStatistics.std, slippage }, context);
      let reward: number | readonly number[] = breakdown.perActor ?? breakdown.total;
      if (system.normalizeRewards) reward = typeof reward === 'number' ? this.normalize(this.rewardStatistics, reward) : reward.map((r, i) => this.normalize((this.actorRewardStatistics[i] ??= new RunningStatistics()), r));
      this.steps++;
      this.stepsThisRun++;
      this.episodePnl += pnl;
      this.rewardSum += breakdown.total;
      for (const [name, value] of Object.entries(breakdown.parts)) this.partSums[name] = (this.partSums[name] ?? 0) + value;
      this.pending = false;
      if (this.steps >= this.settings.episodeSteps) {
        // The window ends here, not the market: bootstrap from this bar's value when it is observable
        this.trainer.record(reward, independent || !ready);
        const metrics = this.trainer.update(ready && !independent ? system.joint : undefined);
        this.finishEpisode(equity, metrics);
        if (!independent) context.desk.flatten();
        if (this.finished) {
          this.requestStop('training finished');
          return;
        }
        this.resetEpisode(Number.NaN);
        // The flatten order is working: the next episode starts at the next decision bar
        if (!independent) return;
      } else {
        this.trainer.record(reward, independent);
      }
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

  /** Running z-score, clipped to ±10 (spec §6.6). */
  private normalize(statistics: RunningStatistics, reward: number): number {
    statistics.push(reward);
    return statistics.zScore(reward, 10);
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
      // Independent steps may span runs (each with a fresh account): their PnL is the sum over the steps
      pnl: this.system.independentSteps === true ? this.episodePnl : equity - this.episodeStartEquity,
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
    this.episodePnl = 0;
    this.episodeStartEquity = equity;
    this.peakEquity = equity;
  }
}
