import { APPROVE } from '@grandmodel/framework';
import type { OrderIntent, RiskCheckContext, RiskModel, RiskVerdict, SeededRandom } from '@grandmodel/framework';
import { InstrumentBook } from '../market/instrument-book.js';
import { ReturnHistory } from '../market/return-history.js';
import { TimeframeFilter } from '../market/timeframe-filter.js';
import { BreachResponder } from '../shared/breach-responder.js';
import { percent, short } from '../shared/format-measure.js';
import { deny, reducesPosition, signedQuantity, sizingPrice } from '../shared/order-sizing.js';
import type { RiskModelServices } from '../shared/risk-services.js';
import { PortfolioRiskEstimator, type EstimateMethod } from './portfolio-risk-estimator.js';
import type { VarLimit, VarOptions } from './var-options.js';

/** The latest value of one configured limit's measure. */
export interface VarReading {
  readonly metric: string;
  readonly confidence: number;
  readonly measure: 'var' | 'es';
  /** Loss as a fraction of equity; NaN before the first estimate. */
  readonly value: number;
  readonly limit: number;
  readonly breached: boolean;
}

/**
 * Portfolio value at risk and expected shortfall, per bar. Returns of every instrument go into an aligned
 * ring buffer and an EWMA covariance; after each new return step (and each position change) the model
 * values the book (weights = position value / equity, equity from `account.updated`), estimates every
 * configured limit's measure and raises `risk.breached` once per crossing, applying the configured action.
 * With `preTrade`, an entry whose post-trade estimate breaches a limit (and is worse than now) is denied.
 */
export class VarRiskModel implements RiskModel {
  private readonly book: InstrumentBook;
  private readonly history: ReturnHistory;
  private readonly estimator: PortfolioRiskEstimator;
  private readonly responder: BreachResponder;
  private readonly filter: TimeframeFilter;
  private readonly metrics: readonly string[];
  private readonly weights: Float64Array;
  private readonly values: Float64Array;
  private readonly before: Float64Array;
  private readonly breached: Uint8Array;
  private equity = Number.NaN;
  private dirty = false;

  constructor(
    private readonly options: VarOptions,
    private readonly services: RiskModelServices,
    random: SeededRandom,
  ) {
    const capacity = options.maxInstruments;
    this.book = new InstrumentBook({ capacity, owner: services.instanceId, multiplierOf: (symbol) => services.instruments.get(symbol).multiplier });
    this.history = new ReturnHistory({ capacity, window: options.window, lambda: options.lambda });
    this.estimator = new PortfolioRiskEstimator(this.history, { method: options.method, horizon: options.horizon, paths: options.paths, random });
    this.responder = new BreachResponder(services);
    this.filter = new TimeframeFilter(options.timeframe);
    this.metrics = options.limits.map(metricName);
    this.weights = new Float64Array(capacity);
    this.values = new Float64Array(options.limits.length).fill(Number.NaN);
    this.before = new Float64Array(options.limits.length);
    this.breached = new Uint8Array(options.limits.length);
    services.bus.on('bar.closed', ({ bar }) => {
      if (!this.filter.accepts(bar)) return;
      const slot = this.book.slotOf(bar.symbol);
      this.book.prices[slot] = bar.close;
      if (this.history.onClose(slot, bar.end, bar.close)) this.dirty = true;
    });
    services.bus.on('position.changed', ({ position }) => {
      this.book.setPosition(position);
      this.dirty = true;
    });
    services.bus.on('account.updated', ({ equity }) => {
      this.equity = equity;
      if (this.dirty) this.evaluate();
    });
  }

  /** Method of the latest estimate (historical falls back to parametric until its window is full). */
  get method(): EstimateMethod {
    return this.estimator.method;
  }

  /** Return steps recorded so far (at most `window` are kept). */
  get observations(): number {
    return this.history.steps;
  }

  /** Latest value of every configured limit's measure. */
  readings(): VarReading[] {
    return this.options.limits.map((limit, index) => ({
      metric: this.metrics[index]!,
      confidence: limit.confidence,
      measure: limit.measure,
      value: this.values[index]!,
      limit: limit.limit,
      breached: this.breached[index] === 1,
    }));
  }

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    if (!this.options.preTrade || reducesPosition(intent, context)) return APPROVE;
    const slot = this.book.find(intent.symbol);
    const equity = context.equity;
    // Without returns of the instrument, or a positive equity, there is nothing to estimate against
    if (slot < 0 || this.history.returnsOf(slot) === 0 || this.history.length < this.options.minObservations || !(equity > 0)) return APPROVE;
    const price = sizingPrice(intent, context) ?? this.book.prices[slot]!;
    const limits = this.options.limits;
    this.estimateInto(this.before, equity);
    const weights = this.book.weights(equity, this.weights);
    weights[slot] = ((this.book.quantities[slot]! + signedQuantity(intent)) * price * this.book.multipliers[slot]!) / equity;
    this.estimator.prepare(weights, this.book.size);
    for (let index = 0; index < limits.length; index++) {
      const limit = limits[index]!;
      const after = this.estimator.measure(limit.confidence, limit.measure);
      if (after > limit.limit && after > this.before[index]!) {
        return deny(`post-trade ${describeMeasure(limit, this.options.horizon, this.estimator.method)} would be ${percent(after)} of equity, beyond the ${percent(limit.limit)} limit`);
      }
    }
    return APPROVE;
  }

  /** Re-arms every limit and, if this model set the trading state, returns it to ACTIVE. */
  reset(by = 'operator'): void {
    this.breached.fill(0);
    this.responder.release(`${this.services.instanceId} reset by ${by}`);
  }

  /** Estimates every limit for the current book and raises breaches on crossings. */
  private evaluate(): void {
    this.dirty = false;
    const equity = this.equity;
    if (this.history.length < this.options.minObservations || !(equity > 0)) return;
    this.estimateInto(this.values, equity);
    const limits = this.options.limits;
    let anyBeyond = false;
    for (let index = 0; index < limits.length; index++) {
      const limit = limits[index]!;
      const value = this.values[index]!;
      const beyond = value > limit.limit;
      anyBeyond ||= beyond;
      if (beyond && this.breached[index] === 0) {
        this.breached[index] = 1;
        const message = `${describeMeasure(limit, this.options.horizon, this.estimator.method)} is ${percent(value)} of equity ${short(equity)}, beyond the ${percent(limit.limit)} limit`;
        this.responder.raise({ metric: this.metrics[index]!, value, limit: limit.limit, action: this.options.action, message });
      } else if (!beyond && this.options.recovery === 'automatic') {
        this.breached[index] = 0;
      }
    }
    if (!anyBeyond && this.options.recovery === 'automatic') this.responder.release(`${this.services.instanceId}: every VaR limit is met again`);
  }

  /** Writes each limit's measure for the current book into `into` (zeros when flat). */
  private estimateInto(into: Float64Array, equity: number): void {
    if (!this.book.hasPositions()) {
      into.fill(0);
      return;
    }
    this.estimator.prepare(this.book.weights(equity, this.weights), this.book.size);
    const limits = this.options.limits;
    for (let index = 0; index < limits.length; index++) into[index] = this.estimator.measure(limits[index]!.confidence, limits[index]!.measure);
  }
}

/** `var_95`, `es_97.5`: the metric name of a limit in `risk.breached`. */
function metricName(limit: VarLimit): string {
  return `${limit.measure}_${Number((limit.confidence * 100).toPrecision(6))}`;
}

/** E.g. "1-bar historical VaR at 95%". */
function describeMeasure(limit: VarLimit, horizon: number, method: EstimateMethod): string {
  return `${short(horizon)}-bar ${method} ${limit.measure === 'var' ? 'VaR' : 'expected shortfall'} at ${percent(limit.confidence)}`;
}
