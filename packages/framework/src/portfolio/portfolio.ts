import { SdkError } from '../errors/sdk-error.js';
import type { Fill } from '../model/fill.js';
import type { Instrument } from '../model/instrument.js';
import type { Position } from '../model/position.js';
import { PositionState } from './position-state.js';
import { roundMoney } from './round-money.js';

/** Where a portfolio looks up instruments: a list, or a function returning undefined for unknown symbols. */
export type InstrumentLookup = readonly Instrument[] | ((symbol: string) => Instrument | undefined);

/** Options of a {@link Portfolio}. */
export interface PortfolioOptions {
  /** Starting cash in the account currency. */
  readonly cash: number;
  readonly instruments: InstrumentLookup;
}

/** Everything the portfolio knows at one moment, as plain immutable data. */
export interface PortfolioSnapshot {
  /** Starting cash + realized PnL − fees. */
  readonly cash: number;
  /** Cash + unrealized PnL. */
  readonly equity: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly fees: number;
  /** Σ |quantity| · mark · multiplier · marginRate. */
  readonly marginUsed: number;
  /** Equity − margin used. */
  readonly availableFunds: number;
  /** Σ |quantity · mark · multiplier|. */
  readonly grossExposure: number;
  /** Σ quantity · mark · multiplier (shorts count negative). */
  readonly netExposure: number;
  /** Gross exposure / equity (Infinity when equity ≤ 0 with exposure open). */
  readonly leverage: number;
  readonly peakEquity: number;
  /** 1 − equity / peak equity, a fraction in [0, 1] while equity stays positive. */
  readonly drawdown: number;
  /** Peak equity − equity, in the account currency. */
  readonly drawdownAmount: number;
  /** Largest drawdown fraction seen so far. */
  readonly maxDrawdown: number;
  /** Every instrument traded or marked so far, flat ones included (their realized PnL stays visible). */
  readonly positions: readonly Position[];
}

/**
 * Cash, positions and PnL of one account, futures style: cash moves only by realized PnL and fees,
 * open positions add their unrealized PnL to equity, and margin is `|qty| · mark · multiplier · marginRate`.
 * For fully paid instruments (marginRate 1) equity equals the cash-and-holdings view
 * (cash spent on purchases + market value of holdings); see docs/concepts/portfolio.md.
 */
export class Portfolio {
  readonly initialCash: number;
  private readonly lookup: (symbol: string) => Instrument | undefined;
  private readonly bySymbol = new Map<string, PositionState>();
  // Array twin of bySymbol: revaluation iterates it without allocating an iterator
  private readonly states: PositionState[] = [];
  private cashBalance: number;
  private realizedTotal = 0;
  private feesTotal = 0;
  private unrealizedTotal = 0;
  private grossTotal = 0;
  private netTotal = 0;
  private marginTotal = 0;
  private peak: number;
  private maxDrawdownSeen = 0;

  constructor(options: PortfolioOptions) {
    if (!Number.isFinite(options.cash)) {
      throw new SdkError('GM_INPUT_INVALID', `Portfolio option "cash": expected a finite number, was ${String(options.cash)}`);
    }
    this.initialCash = options.cash;
    this.cashBalance = options.cash;
    this.peak = options.cash;
    const instruments = options.instruments;
    if (typeof instruments === 'function') {
      this.lookup = instruments;
    } else {
      const table = new Map(instruments.map((instrument) => [instrument.symbol, instrument]));
      this.lookup = (symbol) => table.get(symbol);
    }
  }

  /** Starting cash + realized PnL − fees. */
  get cash(): number {
    return this.cashBalance;
  }

  /** Cash + unrealized PnL of open positions at their marks. */
  get equity(): number {
    return this.cashBalance + this.unrealizedTotal;
  }

  get realizedPnl(): number {
    return this.realizedTotal;
  }

  get unrealizedPnl(): number {
    return this.unrealizedTotal;
  }

  get fees(): number {
    return this.feesTotal;
  }

  /** Σ |quantity| · mark · multiplier · marginRate over open positions. */
  get marginUsed(): number {
    return this.marginTotal;
  }

  /** Equity not tied up as margin. */
  get availableFunds(): number {
    return this.equity - this.marginTotal;
  }

  /** Σ |quantity · mark · multiplier| over open positions. */
  get grossExposure(): number {
    return this.grossTotal;
  }

  /** Σ quantity · mark · multiplier: long minus short market value. */
  get netExposure(): number {
    return this.netTotal;
  }

  /** Gross exposure per unit of equity. */
  get leverage(): number {
    const equity = this.equity;
    if (equity > 0) return this.grossTotal / equity;
    return this.grossTotal > 0 ? Number.POSITIVE_INFINITY : 0;
  }

  /** Highest equity seen at any fill or mark, starting from the initial cash. */
  get peakEquity(): number {
    return this.peak;
  }

  /** 1 − equity / peak equity. */
  get drawdown(): number {
    return this.peak > 0 ? Math.max(0, 1 - this.equity / this.peak) : 0;
  }

  get maxDrawdown(): number {
    return this.maxDrawdownSeen;
  }

  /**
   * Books a fill: updates the position, realizes PnL on the closed part, charges the fee, marks the
   * position at the fill price and returns the realized PnL (gross of the fee).
   */
  applyFill(fill: Fill): number {
    const where = `fill of order "${fill.orderId}" (${fill.symbol})`;
    if (!(fill.quantity > 0) || !Number.isFinite(fill.quantity)) {
      throw new SdkError('GM_INPUT_INVALID', `${where} field "quantity": expected a positive number, was ${String(fill.quantity)}`);
    }
    if (!(fill.price > 0) || !Number.isFinite(fill.price)) {
      throw new SdkError('GM_INPUT_INVALID', `${where} field "price": expected a positive number, was ${String(fill.price)}`);
    }
    if (!Number.isFinite(fill.fee)) {
      throw new SdkError('GM_INPUT_INVALID', `${where} field "fee": expected a finite number, was ${String(fill.fee)}`);
    }
    const state = this.stateFor(fill.symbol, where);
    const realized = state.apply(fill.side === 'buy' ? fill.quantity : -fill.quantity, fill.price);
    state.fees = roundMoney(state.fees + fill.fee);
    this.realizedTotal = roundMoney(this.realizedTotal + realized);
    this.feesTotal = roundMoney(this.feesTotal + fill.fee);
    this.cashBalance = roundMoney(this.cashBalance + realized - fill.fee);
    this.revalue();
    return realized;
  }

  /** Marks `symbol` at `price` (normally the bar's close) and revalues the account in O(positions). */
  mark(symbol: string, price: number): void {
    if (!(price > 0) || !Number.isFinite(price)) {
      throw new SdkError('GM_INPUT_INVALID', `mark for "${symbol}": expected a positive price, was ${String(price)}`);
    }
    const state = this.bySymbol.get(symbol) ?? this.stateFor(symbol, `mark for "${symbol}"`);
    state.markPrice = price;
    this.revalue();
  }

  /** Returns the position in `symbol`, or undefined if it was never traded or marked. */
  position(symbol: string): Position | undefined {
    return this.bySymbol.get(symbol)?.toPosition();
  }

  /** Returns the last mark (or fill price) of `symbol`. */
  lastPrice(symbol: string): number | undefined {
    const state = this.bySymbol.get(symbol);
    return state === undefined || Number.isNaN(state.markPrice) ? undefined : state.markPrice;
  }

  /** Returns every figure of the account as immutable data. */
  snapshot(): PortfolioSnapshot {
    return Object.freeze({
      cash: this.cashBalance,
      equity: roundMoney(this.equity),
      realizedPnl: this.realizedTotal,
      unrealizedPnl: roundMoney(this.unrealizedTotal),
      fees: this.feesTotal,
      marginUsed: roundMoney(this.marginTotal),
      availableFunds: roundMoney(this.availableFunds),
      grossExposure: roundMoney(this.grossTotal),
      netExposure: roundMoney(this.netTotal),
      leverage: this.leverage,
      peakEquity: roundMoney(this.peak),
      drawdown: this.drawdown,
      drawdownAmount: roundMoney(this.peak - this.equity),
      maxDrawdown: this.maxDrawdownSeen,
      positions: Object.freeze(this.states.map((state) => state.toPosition())),
    });
  }

  private stateFor(symbol: string, where: string): PositionState {
    const existing = this.bySymbol.get(symbol);
    if (existing !== undefined) return existing;
    const instrument = this.lookup(symbol);
    if (instrument === undefined) {
      throw new SdkError('GM_INPUT_INVALID', `${where}: unknown symbol "${symbol}", expected one of the configured instruments`);
    }
    const state = new PositionState(instrument);
    this.bySymbol.set(symbol, state);
    this.states.push(state);
    return state;
  }

  // Recomputes the sums from scratch so float error never accumulates across bars
  private revalue(): void {
    let unrealized = 0;
    let gross = 0;
    let net = 0;
    let margin = 0;
    for (let index = 0; index < this.states.length; index++) {
      const state = this.states[index]!;
      if (state.quantity === 0) continue;
      const value = state.marketValue();
      unrealized += state.unrealizedPnl();
      net += value;
      gross += Math.abs(value);
      margin += Math.abs(value) * state.instrument.marginRate;
    }
    this.unrealizedTotal = unrealized;
    this.grossTotal = gross;
    this.netTotal = net;
    this.marginTotal = margin;
    const equity = this.cashBalance + unrealized;
    if (equity > this.peak) this.peak = equity;
    const drawdown = this.drawdown;
    if (drawdown > this.maxDrawdownSeen) this.maxDrawdownSeen = drawdown;
  }
}
