/** Options shared by the VaR and expected-shortfall functions. */
export interface RiskMeasureOptions {
  /**
   * Number of return periods the risk is measured over (default 1). Historical measures scale by √horizon
   * (square-root-of-time rule); normal measures use the exact i.i.d. normal aggregation
   * (mean × horizon, standard deviation × √horizon). Both agree when the mean is zero.
   * @default 1
   */
  readonly horizon?: number;
  /**
   * A reusable buffer of length ≥ the number of returns, so repeated calls (one per bar) allocate nothing.
   * Its contents are overwritten; without it each call allocates one copy of the returns.
   */
  readonly scratch?: Float64Array;
}
