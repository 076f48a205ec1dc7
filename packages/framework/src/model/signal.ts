/** A directional opinion from an agent or indicator, before sizing and risk. */
export interface Signal {
  readonly source: string;
  readonly symbol: string;
  /** -1 short, 0 flat, +1 long; fractional values express conviction. */
  readonly direction: number;
  /** 0..1 */
  readonly strength: number;
  readonly time: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** What an agent decided to do, with the reasons; journaled for audit. */
export interface Decision {
  readonly agent: string;
  readonly symbol: string;
  readonly action: 'buy' | 'sell' | 'hold' | 'flatten';
  /** Target position after the decision, in units. */
  readonly targetQuantity?: number;
  /** 0..1 */
  readonly confidence: number;
  readonly time: number;
  readonly reason?: string;
  /** Win probability and payoff ratio for sizing models such as Kelly. */
  readonly winProbability?: number;
  readonly payoffRatio?: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
}
