/** A net position in one instrument: positive quantity is long, negative is short. */
export interface Position {
  readonly symbol: string;
  readonly quantity: number;
  /** Average entry price of the open quantity; NaN when flat. */
  readonly averagePrice: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  /** Last price the position was marked at. */
  readonly markPrice: number;
}
