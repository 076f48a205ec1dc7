import type { OrderIntent } from '../model/order.js';
import type { Position } from '../model/position.js';

/** Whether new orders may trade: all, only position-reducing ones, or none. */
export type TradingState = 'active' | 'reducing' | 'halted';

/** A risk model's answer for one order intent. */
export type RiskVerdict =
  | { readonly action: 'approve' }
  | { readonly action: 'adjust'; readonly intent: OrderIntent; readonly reason: string }
  | { readonly action: 'deny'; readonly reason: string };

/** What a risk model can see when it checks an order. */
export interface RiskCheckContext {
  readonly time: number;
  readonly tradingState: TradingState;
  readonly equity: number;
  readonly cash: number;
  position(symbol: string): Position | undefined;
  lastPrice(symbol: string): number | undefined;
  /** Sum of |quantity · price · multiplier| over open positions. */
  readonly grossExposure: number;
}

/** A pre-trade check in the risk chain: approve, adjust (e.g. size) or deny each order intent. */
export interface RiskModel {
  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict;
}

/** Approves everything. */
export class NullRiskModel implements RiskModel {
  check(): RiskVerdict {
    return APPROVE;
  }
}

/** The shared approve verdict (no allocation per check). */
export const APPROVE: RiskVerdict = Object.freeze({ action: 'approve' });
