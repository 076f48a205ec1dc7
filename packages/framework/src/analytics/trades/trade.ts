/** Direction of a round-trip trade. */
export type TradeSide = 'long' | 'short';

/**
 * A round-trip trade built from fills. A closed trade covers the quantity one exit order took off
 * the position (FIFO against the entry lots); an open trade is what is still held at the end,
 * marked at the last known price (its `exit*` fields hold the mark and `exitFees` is 0).
 */
export interface Trade {
  /** Sequence number, 1-based, in the order trades closed; open trades follow the closed ones. */
  readonly id: number;
  readonly status: 'closed' | 'open';
  readonly symbol: string;
  readonly side: TradeSide;
  /** Time of the earliest entry fill matched into this trade, epoch ms. */
  readonly entryTime: number;
  /** Time of the last exit fill (open trades: the mark time), epoch ms. */
  readonly exitTime: number;
  /** Units closed (always positive). */
  readonly quantity: number;
  /** Quantity-weighted average price of the matched entry lots. */
  readonly entryPrice: number;
  /** Quantity-weighted average exit price (open trades: the mark price). */
  readonly exitPrice: number;
  /** (exit − entry) × quantity × multiplier for longs; the negative of it for shorts. */
  readonly grossPnl: number;
  /** Entry fees, pro rata to the quantity taken from each entry fill. */
  readonly entryFees: number;
  /** Exit fees, pro rata when an exit fill also opened the opposite side. */
  readonly exitFees: number;
  /** entryFees + exitFees. */
  readonly fees: number;
  /** grossPnl − fees. */
  readonly netPnl: number;
  /** netPnl / (entryPrice × quantity × multiplier). */
  readonly returnOnNotional: number;
  /** Bars of the symbol that started at or after the entry and closed before the exit; null when no bars were fed. */
  readonly barsHeld: number | null;
  /** Maximum adverse excursion: the worst unrealised PnL seen (≤ 0, currency); null when no bars were fed. */
  readonly mae: number | null;
  /** Maximum favourable excursion: the best unrealised PnL seen (≥ 0, currency); null when no bars were fed. */
  readonly mfe: number | null;
  /** Tag of the first matched entry fill. */
  readonly entryTag?: string;
  /** Tag of the exit fill. */
  readonly exitTag?: string;
}
