import type { SeededRandom } from '@grandmodel/framework';
import { expectedShortfall, normalExpectedShortfall } from '../../math/expected-shortfall.js';
import { historicalVaR } from '../../math/historical-var.js';
import { normalVaR } from '../../math/parametric-var.js';
import { portfolioVariance } from '../../math/portfolio-var.js';
import type { RiskMeasureOptions } from '../../math/risk-options.js';
import type { ReturnHistory } from '../market/return-history.js';
import { PortfolioPathSimulator } from './portfolio-path-simulator.js';

/** How a portfolio's loss distribution is estimated. */
export type EstimateMethod = 'historical' | 'parametric' | 'monte-carlo';

/** Settings of a `PortfolioRiskEstimator`. */
export interface PortfolioRiskEstimatorOptions {
  readonly method: EstimateMethod;
  /** Horizon in return steps. */
  readonly horizon: number;
  /** Monte Carlo paths. */
  readonly paths: number;
  /** Draws of the Monte Carlo method. */
  readonly random: SeededRandom;
}

/**
 * VaR and expected shortfall of a portfolio (weights = position value / equity per instrument) from a
 * `ReturnHistory`, as fractions of equity:
 * - historical: the weighted sum of each stored row (today's weights over past returns), once the window is
 *   full (before that, parametric, as the historical method needs a full sample);
 * - parametric: zero-mean normal with σ² = wᵀΣw from the EWMA covariance (RiskMetrics);
 * - monte-carlo: correlated normal paths from the same covariance.
 * `prepare` builds the distribution once; `measure` then reads any confidence from it. Preallocated.
 */
export class PortfolioRiskEstimator {
  private readonly series: Float64Array;
  private readonly work: Float64Array;
  private readonly simulator: PortfolioPathSimulator;
  private readonly seriesOptions: RiskMeasureOptions;
  private readonly pathOptions: RiskMeasureOptions;
  private prepared: EstimateMethod = 'parametric';
  private deviation = 0;

  constructor(
    private readonly history: ReturnHistory,
    private readonly options: PortfolioRiskEstimatorOptions,
  ) {
    this.series = new Float64Array(history.window);
    this.work = new Float64Array(Math.max(history.window, options.paths));
    this.simulator = new PortfolioPathSimulator(history.capacity, options.paths);
    this.seriesOptions = { horizon: options.horizon, scratch: this.work };
    this.pathOptions = { scratch: this.work };
  }

  /** The method the last `prepare` used. */
  get method(): EstimateMethod {
    return this.prepared;
  }

  /** Builds the loss distribution of `weights` (one per slot; only the first `active` may be non-zero). */
  prepare(weights: Float64Array, active: number): EstimateMethod {
    const history = this.history;
    const method = this.options.method;
    if (method === 'historical' && history.length >= history.window) {
      history.portfolioReturns(weights, this.series);
    } else if (method === 'monte-carlo') {
      this.simulator.simulate(history.covariance.covariance(), weights, this.options.horizon, this.options.random, active);
    } else {
      this.deviation = Math.sqrt(portfolioVariance(history.covariance.covariance(), weights));
    }
    this.prepared = method === 'historical' && history.length < history.window ? 'parametric' : method;
    return this.prepared;
  }

  /** VaR (`var`) or expected shortfall (`es`) of the prepared distribution at `confidence`, a fraction of equity. */
  measure(confidence: number, kind: 'var' | 'es'): number {
    switch (this.prepared) {
      case 'historical':
        return kind === 'var' ? historicalVaR(this.series, confidence, this.seriesOptions) : expectedShortfall(this.series, confidence, this.seriesOptions);
      case 'monte-carlo':
        return kind === 'var' ? historicalVaR(this.simulator.paths, confidence, this.pathOptions) : expectedShortfall(this.simulator.paths, confidence, this.pathOptions);
      default:
        return kind === 'var' ? normalVaR(0, this.deviation, confidence, this.options.horizon) : normalExpectedShortfall(0, this.deviation, confidence, this.options.horizon);
    }
  }
}
