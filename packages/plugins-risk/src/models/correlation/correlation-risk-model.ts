import { APPROVE, timeframeToMs } from '@grandmodel/framework';
import type { OrderIntent, RiskCheckContext, RiskModel, RiskVerdict } from '@grandmodel/framework';
import { InstrumentBook } from '../market/instrument-book.js';
import { ReturnHistory } from '../market/return-history.js';
import { TimeframeFilter } from '../market/timeframe-filter.js';
import { BreachResponder } from '../shared/breach-responder.js';
import { short } from '../shared/format-measure.js';
import { adjustQuantity, deny, reducesPosition, sizingPrice } from '../shared/order-sizing.js';
import type { RiskModelServices } from '../shared/risk-services.js';
import type { CorrelationOptions } from './correlation-options.js';
import { CorrelationShockDetector, SEVERITY_RANK, type CorrelationShock } from './correlation-shock-detector.js';
import { quantityWithinGross } from './leverage-limit.js';
import { qualifiedAverageCorrelation } from './qualified-average-correlation.js';

/**
 * EWMA correlation across instruments and the correlation-shock rule, enforced as a gross-leverage limit.
 * Every return step updates the EWMA covariance and the average correlation of the instruments with
 * `minSamples` returns; a rise of more than `threshold` within `window` is a shock (`correlation:shock`).
 * The first shock of at least `actOnSeverity` multiplies the allowed leverage by `leverageFactor`, raises
 * `risk.breached` and holds until `reset()`. Entries that would take gross exposure beyond
 * allowed leverage × equity are downsized to fit or denied; orders that only reduce pass.
 */
export class CorrelationRiskModel implements RiskModel {
  private readonly book: InstrumentBook;
  private readonly history: ReturnHistory;
  private readonly detector: CorrelationShockDetector;
  private readonly responder: BreachResponder;
  private readonly filter: TimeframeFilter;
  private readonly samples = (slot: number): number => this.history.returnsOf(slot);
  private allowed: number;
  private shock: CorrelationShock | undefined;
  private average = Number.NaN;
  private qualified = 0;

  constructor(
    private readonly options: CorrelationOptions,
    private readonly services: RiskModelServices,
  ) {
    const capacity = options.maxInstruments;
    this.allowed = options.maxLeverage;
    this.book = new InstrumentBook({ capacity, owner: services.instanceId, multiplierOf: (symbol) => services.instruments.get(symbol).multiplier });
    // The ring only has to feed the EWMA; the covariance carries the memory
    this.history = new ReturnHistory({ capacity, window: 2, lambda: options.lambda });
    const windowMs = timeframeToMs(options.window);
    this.detector = new CorrelationShockDetector(options.threshold, windowMs, options.history);
    this.responder = new BreachResponder(services);
    this.filter = new TimeframeFilter(options.timeframe);
    let windowChecked = false;
    services.bus.on('bar.closed', ({ bar }) => {
      if (!this.filter.accepts(bar)) return;
      if (!windowChecked) {
        windowChecked = true;
        // No earlier step falls within a window shorter than one bar: the rule could never fire
        if (bar.end - bar.start > windowMs) services.logger?.warn({ window: options.window, timeframe: bar.timeframe }, `correlation window ${options.window} spans no earlier ${bar.timeframe} bar: widen it (e.g. to several bars) or no shock can be detected`);
      }
      const slot = this.book.slotOf(bar.symbol);
      if (this.history.onClose(slot, bar.end, bar.close)) this.onStep(bar.end);
    });
  }

  /** Gross exposure / equity allowed now: `maxLeverage`, cut by `leverageFactor` after a shock. */
  get allowedLeverage(): number {
    return this.allowed;
  }

  /** Latest average correlation of the qualified instruments (NaN with fewer than two). */
  get averageCorrelation(): number {
    return this.average;
  }

  /** The shock that cut leverage, until `reset()`. */
  get activeShock(): CorrelationShock | undefined {
    return this.shock;
  }

  /** Current EWMA correlation matrix (maxInstruments × maxInstruments, row-major; a live view). */
  correlation(): Float64Array {
    return this.history.covariance.correlation();
  }

  /** Slot of a symbol in `correlation()`, or −1. */
  slotOf(symbol: string): number {
    return this.book.find(symbol);
  }

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    if (reducesPosition(intent, context)) return APPROVE;
    const equity = context.equity;
    if (!(equity > 0)) return deny(`equity is ${short(equity)}: no leverage is allowed`);
    const price = sizingPrice(intent, context);
    if (price === undefined || !(price > 0)) return deny(`no price is known for ${intent.symbol} to value the order`);
    const unitValue = price * this.services.instruments.get(intent.symbol).multiplier;
    const current = context.position(intent.symbol)?.quantity ?? 0;
    const maxGross = this.allowed * equity;
    const otherGross = Math.max(0, context.grossExposure - Math.abs(current) * unitValue);
    const direction = intent.side === 'buy' ? 1 : -1;
    const after = Math.abs(current + direction * intent.quantity);
    const leverageAfter = (otherGross + after * unitValue) / equity;
    if (leverageAfter <= this.allowed + 1e-12) return APPROVE;
    const why = `gross leverage after the order would be ${short(leverageAfter)}, beyond the allowed ${short(this.allowed)}${this.shock === undefined ? '' : ' (cut after a correlation shock)'}`;
    if (!this.options.downsize) return deny(why);
    const fits = Math.min(intent.quantity, quantityWithinGross({ current, direction, unitValue, otherGross, maxGross, lotSize: this.options.lotSize }));
    if (!(fits > 0)) return deny(why);
    return adjustQuantity(intent, fits, `${why}: quantity ${short(intent.quantity)} → ${short(fits)}`);
  }

  /** Operator reset after a shock: restores `maxLeverage`, re-arms the rule and publishes `correlation:reset`. */
  reset(by = 'operator', reason = 'manual reset'): void {
    const previous = this.allowed;
    this.allowed = this.options.maxLeverage;
    this.shock = undefined;
    this.detector.clear();
    const now = this.services.clock.now();
    this.services.bus.emitCustom('correlation:reset', { by, reason, previousLeverage: previous, allowedLeverage: this.allowed, tsEvent: now, tsInit: now });
    this.responder.release(`${this.services.instanceId} reset by ${by}: ${reason}`);
  }

  private onStep(time: number): void {
    const size = this.book.size;
    let qualified = 0;
    for (let slot = 0; slot < size; slot++) if (this.history.returnsOf(slot) >= this.options.minSamples) qualified++;
    if (qualified < 2) return;
    // A new instrument in the average changes its level: compare only like with like
    if (qualified !== this.qualified) {
      this.qualified = qualified;
      this.detector.clear();
    }
    this.average = qualifiedAverageCorrelation(this.history.covariance.correlation(), this.history.capacity, this.samples, this.options.minSamples);
    const shock = this.detector.observe(time, this.average);
    if (shock === undefined) return;
    const acts = this.shock === undefined && SEVERITY_RANK[shock.severity] >= SEVERITY_RANK[this.options.actOnSeverity];
    this.services.bus.emitCustom('correlation:shock', { ...shock, acted: acts, tsEvent: time, tsInit: time });
    if (!acts) return;
    this.shock = shock;
    const previous = this.allowed;
    this.allowed = previous * this.options.leverageFactor;
    const message = `${shock.severity} correlation shock: average correlation rose ${short(shock.rise)} (from ${short(shock.baseline)} to ${short(shock.average)}) within ${this.options.window}, beyond the ${short(this.options.threshold)} threshold; allowed leverage ${short(previous)} → ${short(this.allowed)} until reset`;
    this.responder.raise({ metric: 'correlation_shock', value: shock.rise, limit: this.options.threshold, action: this.options.action, message });
  }
}
