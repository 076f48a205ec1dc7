import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import type { Fill } from '../../model/fill.js';
import type { Instrument } from '../../model/instrument.js';
import type { Trade, TradeSide } from './trade.js';

/** A quantity this small relative to its reference is float residue, not a position. */
const DUST = 1e-9;

/** Part of one entry fill still held: FIFO matching consumes lots oldest first. */
interface Lot {
  quantity: number;
  readonly initialQuantity: number;
  readonly price: number;
  readonly time: number;
  readonly feePerUnit: number;
  readonly tag: string | undefined;
  bars: number;
  low: number;
  high: number;
}

/** Sums of the lot portions one exit order has closed so far. */
interface PendingExit {
  readonly orderId: string;
  readonly side: TradeSide;
  quantity: number;
  entryCost: number;
  exitValue: number;
  entryFees: number;
  exitFees: number;
  entryTime: number;
  exitTime: number;
  bars: number;
  mae: number;
  mfe: number;
  readonly entryTag: string | undefined;
  exitTag: string | undefined;
}

/** Per-symbol matching state. */
interface Book {
  readonly symbol: string;
  readonly multiplier: number;
  /** +1 long, −1 short; meaningful while lots are held. */
  direction: number;
  readonly lots: Lot[];
  pending: PendingExit | undefined;
  barsFed: boolean;
  lastPrice: number;
  lastTime: number;
}

/** Options of a `TradeLedger`. */
export interface TradeLedgerOptions {
  /** Keep closed trades in `trades`; turn off when a listener streams them elsewhere. @default true */
  readonly retainTrades?: boolean;
  /** Called with every trade as it closes. */
  readonly onTrade?: (trade: Trade) => void;
}

/**
 * Builds round-trip trades from fills, per symbol, matching exits against entry lots first in,
 * first out. Fills of one exit order that arrive back to back form one trade (average exit
 * price); a partial close is its own trade; a fill that flips the position closes one trade and
 * opens the next lot with the rest of its quantity and fee. Feed bars of one timeframe through
 * `onBar` to get bars held, MAE/MFE and the mark price for open trades.
 */
export class TradeLedger {
  private readonly instruments = new Map<string, Instrument>();
  private readonly books = new Map<string, Book>();
  private readonly closed: Trade[] = [];
  private readonly retain: boolean;
  private readonly listener: ((trade: Trade) => void) | undefined;
  private sequence = 0;

  constructor(instruments: Iterable<Instrument>, options: TradeLedgerOptions = {}) {
    for (const instrument of instruments) this.instruments.set(instrument.symbol, instrument);
    this.retain = options.retainTrades ?? true;
    this.listener = options.onTrade;
  }

  /** Closed trades so far (empty when `retainTrades` is off). */
  get trades(): readonly Trade[] {
    return this.closed;
  }

  /** Number of trades closed so far. */
  get closedCount(): number {
    return this.sequence;
  }

  /** Net open quantity of a symbol: positive long, negative short, 0 flat. */
  positionQuantity(symbol: string): number {
    const book = this.books.get(symbol);
    if (book === undefined) return 0;
    let sum = 0;
    for (const lot of book.lots) sum += lot.quantity;
    return book.direction * sum;
  }

  /** Applies one fill: closes lots FIFO, opens a lot with what is left. */
  onFill(fill: Fill): void {
    validateFill(fill);
    const book = this.book(fill.symbol, `Fill of order "${fill.orderId}" field "symbol"`);
    if (fill.time >= book.lastTime) {
      book.lastPrice = fill.price;
      book.lastTime = fill.time;
    }
    const direction = fill.side === 'buy' ? 1 : -1;
    const feePerUnit = fill.fee / fill.quantity;
    let remaining = fill.quantity;
    if (book.pending !== undefined && (book.pending.orderId !== fill.orderId || direction === book.direction)) this.seal(book);
    if (book.lots.length > 0 && direction !== book.direction) {
      while (remaining > fill.quantity * DUST && book.lots.length > 0) {
        const lot = book.lots[0]!;
        const taken = Math.min(lot.quantity, remaining);
        this.close(book, lot, taken, fill, feePerUnit);
        lot.quantity -= taken;
        remaining -= taken;
        if (lot.quantity <= lot.initialQuantity * DUST) book.lots.shift();
      }
      // A flat book can take no more exit fills, so the trade is complete
      if (book.lots.length === 0) this.seal(book);
    }
    if (remaining > fill.quantity * DUST) {
      book.direction = direction;
      book.lots.push({
        quantity: remaining,
        initialQuantity: remaining,
        price: fill.price,
        time: fill.time,
        feePerUnit,
        tag: fill.tag,
        bars: 0,
        low: fill.price,
        high: fill.price,
      });
    }
  }

  /** Counts a bar for the open lots of its symbol and widens their excursion ranges; bars of unknown symbols are ignored. */
  onBar(bar: Bar): void {
    const instrument = this.instruments.get(bar.symbol);
    if (instrument === undefined) return;
    const book = this.book(bar.symbol, 'Bar');
    book.barsFed = true;
    if (bar.end >= book.lastTime) {
      book.lastPrice = bar.close;
      book.lastTime = bar.end;
    }
    const lots = book.lots;
    for (let i = 0; i < lots.length; i++) {
      const lot = lots[i]!;
      // A bar that began before the entry fill may have made its high or low before the position existed
      if (bar.start < lot.time) continue;
      lot.bars++;
      if (bar.low < lot.low) lot.low = bar.low;
      if (bar.high > lot.high) lot.high = bar.high;
    }
  }

  /** Completes exits still waiting for more fills of their order (call at the end of a run). */
  flush(): void {
    for (const book of this.books.values()) this.seal(book);
  }

  /**
   * Returns one open trade per symbol still held, aggregating its lots, marked at the last price
   * seen (latest bar close or fill). Ids continue after the closed trades.
   */
  openTrades(): Trade[] {
    const result: Trade[] = [];
    let id = this.sequence;
    for (const book of this.books.values()) {
      if (book.lots.length === 0) continue;
      const side: TradeSide = book.direction > 0 ? 'long' : 'short';
      const sums = emptySums(book.lots[0]!.time);
      for (const lot of book.lots) addPortion(sums, book, lot, lot.quantity, book.lastPrice);
      result.push(buildTrade(++id, 'open', book.symbol, side, sums, book, book.lastPrice, book.lastTime, 0, book.lots[0]!.tag, undefined));
    }
    return result;
  }

  private book(symbol: string, what: string): Book {
    let book = this.books.get(symbol);
    if (book !== undefined) return book;
    const instrument = this.instruments.get(symbol);
    if (instrument === undefined) {
      const known = [...this.instruments.keys()].join(', ') || 'none';
      throw new SdkError('GM_INPUT_INVALID', `${what}: expected a symbol with a known instrument (${known}), was "${symbol}"`);
    }
    book = { symbol, multiplier: instrument.multiplier, direction: 0, lots: [], pending: undefined, barsFed: false, lastPrice: Number.NaN, lastTime: -Infinity };
    this.books.set(symbol, book);
    return book;
  }

  private close(book: Book, lot: Lot, quantity: number, fill: Fill, feePerUnit: number): void {
    let pending = book.pending;
    if (pending === undefined) {
      pending = { orderId: fill.orderId, side: book.direction > 0 ? 'long' : 'short', entryTag: lot.tag, exitTag: fill.tag, ...emptySums(lot.time) };
      book.pending = pending;
    }
    addPortion(pending, book, lot, quantity, fill.price);
    pending.exitFees += quantity * feePerUnit;
    pending.exitTime = fill.time;
    pending.exitTag = fill.tag;
  }

  private seal(book: Book): void {
    const pending = book.pending;
    if (pending === undefined) return;
    book.pending = undefined;
    const exitPrice = pending.exitValue / pending.quantity;
    const trade = buildTrade(++this.sequence, 'closed', book.symbol, pending.side, pending, book, exitPrice, pending.exitTime, pending.exitFees, pending.entryTag, pending.exitTag);
    if (this.retain) this.closed.push(trade);
    this.listener?.(trade);
  }
}

/** Running sums over matched lot portions. */
interface PortionSums {
  quantity: number;
  entryCost: number;
  exitValue: number;
  entryFees: number;
  entryTime: number;
  bars: number;
  mae: number;
  mfe: number;
}

function emptySums(entryTime: number): PortionSums & { exitFees: number; exitTime: number } {
  return { quantity: 0, entryCost: 0, exitValue: 0, entryFees: 0, exitFees: 0, entryTime, exitTime: entryTime, bars: 0, mae: 0, mfe: 0 };
}

/** Adds `quantity` of a lot, valued at `price`, to the sums. */
function addPortion(sums: PortionSums, book: Book, lot: Lot, quantity: number, price: number): void {
  const scale = quantity * book.multiplier;
  sums.quantity += quantity;
  sums.entryCost += quantity * lot.price;
  sums.exitValue += quantity * price;
  sums.entryFees += quantity * lot.feePerUnit;
  sums.entryTime = Math.min(sums.entryTime, lot.time);
  sums.bars = Math.max(sums.bars, lot.bars);
  const low = Math.min(lot.low, price);
  const high = Math.max(lot.high, price);
  const worst = book.direction > 0 ? low - lot.price : lot.price - high;
  const best = book.direction > 0 ? high - lot.price : lot.price - low;
  sums.mae += Math.min(0, worst) * scale;
  sums.mfe += Math.max(0, best) * scale;
}

function buildTrade(
  id: number,
  status: Trade['status'],
  symbol: string,
  side: TradeSide,
  sums: PortionSums,
  book: Book,
  exitPrice: number,
  exitTime: number,
  exitFees: number,
  entryTag: string | undefined,
  exitTag: string | undefined,
): Trade {
  const sign = side === 'long' ? 1 : -1;
  const grossPnl = sign * (sums.exitValue - sums.entryCost) * book.multiplier;
  const fees = sums.entryFees + exitFees;
  const netPnl = grossPnl - fees;
  const notional = Math.abs(sums.entryCost) * book.multiplier;
  return {
    id,
    status,
    symbol,
    side,
    entryTime: sums.entryTime,
    exitTime,
    quantity: sums.quantity,
    entryPrice: sums.entryCost / sums.quantity,
    exitPrice,
    grossPnl,
    entryFees: sums.entryFees,
    exitFees,
    fees,
    netPnl,
    returnOnNotional: notional === 0 ? Number.NaN : netPnl / notional,
    barsHeld: book.barsFed ? sums.bars : null,
    mae: book.barsFed ? sums.mae : null,
    mfe: book.barsFed ? sums.mfe : null,
    ...(entryTag === undefined ? {} : { entryTag }),
    ...(exitTag === undefined ? {} : { exitTag }),
  };
}

function validateFill(fill: Fill): void {
  const where = `Fill of order "${fill.orderId}"`;
  if (!(Number.isFinite(fill.quantity) && fill.quantity > 0)) {
    throw new SdkError('GM_INPUT_INVALID', `${where} field "quantity": expected a positive number, was ${String(fill.quantity)}`);
  }
  if (!Number.isFinite(fill.price)) throw new SdkError('GM_INPUT_INVALID', `${where} field "price": expected a finite number, was ${String(fill.price)}`);
  if (!Number.isFinite(fill.fee)) throw new SdkError('GM_INPUT_INVALID', `${where} field "fee": expected a finite number, was ${String(fill.fee)}`);
  if (!Number.isFinite(fill.time)) throw new SdkError('GM_INPUT_INVALID', `${where} field "time": expected epoch milliseconds, was ${String(fill.time)}`);
  if (fill.side !== 'buy' && fill.side !== 'sell') throw new SdkError('GM_INPUT_INVALID', `${where} field "side": expected "buy" or "sell", was "${String(fill.side)}"`);
}
