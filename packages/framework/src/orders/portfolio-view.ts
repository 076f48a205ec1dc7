import type { Position } from '../model/position.js';

/** What order routing and risk checks read from the portfolio. */
export interface PortfolioView {
  readonly equity: number;
  readonly cash: number;
  /** Sum of |quantity · mark · multiplier| over open positions. */
  readonly grossExposure: number;
  position(symbol: string): Position | undefined;
}
