import { APPROVE } from '@grandmodel/framework';
import type { OrderIntent, RiskCheckContext, RiskModel, RiskVerdict } from '@grandmodel/framework';
import { BreachResponder } from '../shared/breach-responder.js';
import { percent, short } from '../shared/format-measure.js';
import { adjustQuantity, deny, floorToLot, reducesPosition } from '../shared/order-sizing.js';
import type { RiskModelServices } from '../shared/risk-services.js';
import type { DrawdownOptions } from './drawdown-options.js';
import { sessionIndex, sessionOffsetMs } from './trading-session.js';

/**
 * Drawdown circuit breakers and a daily loss limit, on every `account.updated`.
 *
 * Drawdown is (peak − equity) / peak, the peak being the highest equity seen since the start or the last
 * `reset()`. Each ladder step raises `risk.breached` once per crossing (it re-arms when the drawdown falls
 * back below it) and applies its action; trading-state actions hold until `reset()`. The daily loss is
 * (session start equity − equity) / session start equity, the session start equity being the equity at
 * the last update before the session began; it raises once per session, and a reduce or halt it caused
 * is lifted when the next session starts (unless a ladder step acted meanwhile).
 */
export class DrawdownRiskModel implements RiskModel {
  private readonly responder: BreachResponder;
  private readonly beyond: Uint8Array;
  private readonly offsetMs: number;
  private latched = false;
  private peak = Number.NaN;
  private equity = Number.NaN;
  private current = 0;
  private session = Number.NaN;
  private sessionStartEquity = Number.NaN;
  private dailyFired = false;
  private dailyHold = false;

  constructor(
    private readonly options: DrawdownOptions,
    private readonly services: RiskModelServices,
  ) {
    this.responder = new BreachResponder(services);
    this.beyond = new Uint8Array(options.steps.length);
    this.offsetMs = sessionOffsetMs(options.sessionStart);
    services.bus.on('account.updated', ({ equity, tsEvent }) => this.onAccount(equity, tsEvent));
  }

  /** Current drawdown from the peak, a fraction. */
  get drawdown(): number {
    return this.current;
  }

  /** Highest equity since the start or the last reset. */
  get peakEquity(): number {
    return this.peak;
  }

  /** Loss since the current session started, a fraction of the session's starting equity (negative for a gain). */
  get dailyLoss(): number {
    return this.sessionStartEquity > 0 ? (this.sessionStartEquity - this.equity) / this.sessionStartEquity : 0;
  }

  /** Applies one equity observation at `time` (the engine calls it through `account.updated`). */
  onAccount(equity: number, time: number): void {
    if (!Number.isFinite(equity)) return;
    const session = sessionIndex(time, this.offsetMs);
    if (session !== this.session) this.startSession(session, equity);
    this.equity = equity;
    if (!(equity <= this.peak)) this.peak = equity;
    this.current = this.peak > 0 ? Math.max(0, (this.peak - equity) / this.peak) : 0;
    const steps = this.options.steps;
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index]!;
      if (this.current < step.drawdown) {
        this.beyond[index] = 0;
        continue;
      }
      if (this.beyond[index] === 1) continue;
      this.beyond[index] = 1;
      if (step.action !== 'none') this.latched = true;
      const message = `drawdown ${percent(this.current)} from the equity peak ${short(this.peak)} (equity ${short(equity)}) reached the ${percent(step.drawdown)} step: ${step.action}`;
      this.responder.raise({ metric: 'drawdown', value: this.current, limit: step.drawdown, action: step.action, message });
    }
    const limit = this.options.dailyLossLimit;
    if (limit === null || this.dailyFired || !(this.sessionStartEquity > 0)) return;
    const loss = this.dailyLoss;
    if (loss < limit) return;
    this.dailyFired = true;
    const action = this.options.dailyLossAction;
    if (action === 'reduce' || action === 'halt') this.dailyHold = true;
    const message = `session loss ${percent(loss)} of the session's starting equity ${short(this.sessionStartEquity)} (equity ${short(equity)}) reached the daily limit ${percent(limit)}: ${action}`;
    this.responder.raise({ metric: 'daily_loss', value: loss, limit, action, message });
  }

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    if (reducesPosition(intent, context)) return APPROVE;
    let multiplier = 1;
    for (const step of this.options.steps) {
      if (this.current >= step.drawdown && step.sizeMultiplier !== undefined) multiplier = Math.min(multiplier, step.sizeMultiplier);
    }
    if (multiplier === 1) return APPROVE;
    const quantity = floorToLot(intent.quantity * multiplier, this.options.lotSize);
    const why = `drawdown ${percent(this.current)} scales entries by ${short(multiplier)}`;
    if (!(quantity > 0)) return deny(`${why}: quantity ${short(intent.quantity)} rounds to 0`);
    if (quantity === intent.quantity) return APPROVE;
    return adjustQuantity(intent, quantity, `${why}: quantity ${short(intent.quantity)} → ${short(quantity)}`);
  }

  /**
   * Operator reset: re-arms every step and the daily limit, measures drawdown and the session loss afresh
   * from the current equity, and returns trading to ACTIVE if this model set the state. An engaged kill
   * switch stays engaged (reset it with `killSwitch.reset(by)`).
   */
  reset(by = 'operator'): void {
    this.beyond.fill(0);
    this.latched = false;
    this.dailyFired = false;
    this.dailyHold = false;
    if (Number.isFinite(this.equity)) {
      this.peak = this.equity;
      this.sessionStartEquity = this.equity;
    }
    this.current = 0;
    this.responder.release(`${this.services.instanceId} reset by ${by}`);
  }

  private startSession(session: number, equity: number): void {
    this.session = session;
    // The equity at the last update before the session began (the first update's own equity at the start)
    this.sessionStartEquity = Number.isNaN(this.equity) ? equity : this.equity;
    this.dailyFired = false;
    if (!this.dailyHold) return;
    this.dailyHold = false;
    if (!this.latched) this.responder.release(`${this.services.instanceId}: a new session started, the daily loss limit is lifted`);
  }
}
