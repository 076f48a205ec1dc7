/** Order types a fake venue works. */
export type FakeOrderType = 'market' | 'limit' | 'stop' | 'stop_limit';

/** Lifecycle of a fake venue order (venue-neutral; each fake maps it to its wire vocabulary). */
export type FakeOrderStatus = 'new' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired' | 'replaced';

/** One order held by a fake venue. */
export interface FakeOrder {
  readonly venueId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: FakeOrderType;
  quantity: number;
  limitPrice?: number;
  stopPrice?: number;
  readonly timeInForce: string;
  status: FakeOrderStatus;
  filled: number;
  /** Sum of quantity × price of the fills. */
  notional: number;
  /** Cumulative commission, in the quote currency. */
  fee: number;
  readonly createdAt: number;
  updatedAt: number;
  /** The last execution, for stream events. */
  lastFill?: { readonly quantity: number; readonly price: number; readonly fee: number; readonly tradeId: number };
  /** Venue id of the order this one replaced. */
  replaces?: string;
}

/** A failure the next request(s) will get; each fake decides how it looks on the wire. */
export type FakeFailure = 'rate-limit' | 'unavailable' | 'insufficient-funds' | 'bad-symbol' | 'auth';

/** Why an order was refused. */
export class FakeRejection extends Error {
  constructor(readonly reason: 'insufficient-funds' | 'bad-symbol' | 'duplicate' | 'unknown-order' | 'invalid') {
    super(reason);
  }
}

/**
 * The state of a fake venue, independent of any wire protocol: orders, balances, last prices and injected
 * failures. It survives a server restart, as a real venue's does. Time comes from the injected `now`.
 */
export class FakeOrderBook {
  readonly orders = new Map<string, FakeOrder>();
  readonly prices = new Map<string, number>();
  readonly balances = new Map<string, number>();
  /** Commission per fill in basis points of notional. */
  feeBps = 10;
  /** Whether sells may exceed the holding (a margin account that can short). */
  allowShortSales = false;
  private nextId = 1000;
  private nextTrade = 1;
  private failures: { failure: FakeFailure; remaining: number }[] = [];
  /** Called after every change of an order (placed, filled, canceled, replaced). */
  onChange: (order: FakeOrder) => void = () => {};

  constructor(
    readonly symbols: ReadonlyMap<string, { readonly base: string; readonly quote: string }>,
    private readonly now: () => number,
  ) {}

  /** Makes the next `times` requests fail. */
  failNext(failure: FakeFailure, times = 1): void {
    this.failures.push({ failure, remaining: times });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** The failure the next request will get, without consuming it. */
  peekFailure(): FakeFailure | undefined {
    return this.failures[0]?.failure;
  }

  /** Consumes one injected failure, if any is pending. */
  takeFailure(): FakeFailure | undefined {
    const next = this.failures[0];
    if (next === undefined) return undefined;
    next.remaining--;
    if (next.remaining <= 0) this.failures.shift();
    return next.failure;
  }

  /** Places an order; market orders fill at once at the last price. Throws FakeRejection when refused. */
  place(input: { clientOrderId: string; symbol: string; side: 'buy' | 'sell'; type: FakeOrderType; quantity: number; limitPrice?: number; stopPrice?: number; timeInForce: string }): FakeOrder {
    const market = this.symbols.get(input.symbol);
    if (market === undefined) throw new FakeRejection('bad-symbol');
    if (this.byClientId(input.clientOrderId, true) !== undefined) throw new FakeRejection('duplicate');
    if (!(input.quantity > 0)) throw new FakeRejection('invalid');
    const price = input.limitPrice ?? this.prices.get(input.symbol) ?? 0;
    if (input.side === 'buy' && input.quantity * price > (this.balances.get(market.quote) ?? 0)) throw new FakeRejection('insufficient-funds');
    if (input.side === 'sell' && !this.allowShortSales && input.quantity > (this.balances.get(market.base) ?? 0)) throw new FakeRejection('insufficient-funds');
    const time = this.now();
    const order: FakeOrder = { ...input, venueId: String(this.nextId++), status: 'new', filled: 0, notional: 0, fee: 0, createdAt: time, updatedAt: time };
    this.orders.set(order.venueId, order);
    this.onChange(order);
    if (input.type === 'market') this.fill(order.venueId, this.prices.get(input.symbol) ?? 0);
    return order;
  }

  /** Fills `quantity` (default: the rest) of an open order at `price`, moving balances. */
  fill(venueId: string, price: number, quantity?: number): FakeOrder {
    const order = this.require(venueId);
    if (!this.isOpen(order)) throw new FakeRejection('unknown-order');
    const amount = Math.min(quantity ?? order.quantity - order.filled, order.quantity - order.filled);
    const market = this.symbols.get(order.symbol)!;
    const fee = (amount * price * this.feeBps) / 10_000;
    const sign = order.side === 'buy' ? 1 : -1;
    this.balances.set(market.base, (this.balances.get(market.base) ?? 0) + sign * amount);
    this.balances.set(market.quote, (this.balances.get(market.quote) ?? 0) - sign * amount * price - fee);
    order.filled += amount;
    order.notional += amount * price;
    order.fee += fee;
    order.status = order.filled >= order.quantity - 1e-12 ? 'filled' : 'partially_filled';
    order.updatedAt = this.now();
    order.lastFill = { quantity: amount, price, fee, tradeId: this.nextTrade++ };
    this.prices.set(order.symbol, price);
    this.onChange(order);
    return order;
  }

  /** Cancels an open order. */
  cancel(venueId: string): FakeOrder {
    const order = this.require(venueId);
    if (!this.isOpen(order)) throw new FakeRejection('unknown-order');
    order.status = 'canceled';
    order.updatedAt = this.now();
    order.lastFill = undefined;
    this.onChange(order);
    return order;
  }

  /** Replaces an open order by a new one (new venue id) with the changes; the old one ends `replaced`. */
  replace(venueId: string, changes: { quantity?: number; limitPrice?: number; stopPrice?: number; clientOrderId?: string }): FakeOrder {
    const old = this.require(venueId);
    if (!this.isOpen(old)) throw new FakeRejection('unknown-order');
    old.status = 'replaced';
    old.updatedAt = this.now();
    old.lastFill = undefined;
    this.onChange(old);
    const time = this.now();
    const order: FakeOrder = {
      venueId: String(this.nextId++),
      clientOrderId: changes.clientOrderId ?? old.clientOrderId,
      symbol: old.symbol,
      side: old.side,
      type: old.type,
      quantity: changes.quantity ?? old.quantity - old.filled,
      limitPrice: changes.limitPrice ?? old.limitPrice,
      stopPrice: changes.stopPrice ?? old.stopPrice,
      timeInForce: old.timeInForce,
      status: 'new',
      filled: 0,
      notional: 0,
      fee: 0,
      createdAt: time,
      updatedAt: time,
      replaces: old.venueId,
    };
    this.orders.set(order.venueId, order);
    this.onChange(order);
    return order;
  }

  /** The newest order with this client id (`openOnly`: only if open). */
  byClientId(clientOrderId: string, openOnly = false): FakeOrder | undefined {
    let found: FakeOrder | undefined;
    for (const order of this.orders.values()) if (order.clientOrderId === clientOrderId && (!openOnly || this.isOpen(order))) found = order;
    return found;
  }

  /** Orders still working. */
  openOrders(symbol?: string): FakeOrder[] {
    return [...this.orders.values()].filter((order) => this.isOpen(order) && (symbol === undefined || order.symbol === symbol));
  }

  /** Number of orders ever placed under a client id (a replace keeps the id, so replacements are not counted). */
  countPlaced(clientOrderId: string): number {
    return [...this.orders.values()].filter((order) => order.clientOrderId === clientOrderId && order.replaces === undefined).length;
  }

  isOpen(order: FakeOrder): boolean {
    return order.status === 'new' || order.status === 'partially_filled';
  }

  require(venueId: string): FakeOrder {
    const order = this.orders.get(venueId);
    if (order === undefined) throw new FakeRejection('unknown-order');
    return order;
  }
}
