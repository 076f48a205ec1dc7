import type { Clock } from '../clock/clock.js';
import { BrokerError } from '../errors/broker-error.js';
import { ConfigError } from '../errors/config-error.js';
import type { Broker, BrokerCapabilities, BrokerListener, OrderChanges } from '../kinds/broker.js';
import type { Bar } from '../model/bar.js';
import type { Fill } from '../model/fill.js';
import { roundToTick } from '../model/instrument.js';
import type { Instrument } from '../model/instrument.js';
import type { Order, OrderStatus } from '../model/order.js';
import { withOrderChanges } from '../model/order-record.js';
import { roundMoney } from '../portfolio/round-money.js';
import { NO_TOUCH } from './bar-path.js';
import { DayEndCalendar } from './day-end-calendar.js';
import { FeeSchedule } from './fee-schedule.js';
import type { Liquidity } from './fee-schedule.js';
import { evaluateOrder } from './order-evaluation.js';
import { orderRejection } from './order-rejection.js';
import { protectEntryFill, resolveBothLegsTouched, shrinkSibling } from './bracket-legs.js';
import type { VenueCore } from './bracket-legs.js';
import { simulatedVenueOptions } from './simulated-venue-options.js';
import type { SimulatedVenueOptions, SimulatedVenueOptionsInput } from './simulated-venue-options.js';
import { slippedPrice } from './slippage.js';
import { QUANTITY_EPSILON, WorkingOrder } from './working-order.js';

/** What the simulated venue needs from its surroundings. */
export interface SimulatedVenueDependencies {
  readonly clock: Clock;
  /** Returns the instrument of a symbol; undefined (or a throw) means the symbol is unknown. */
  readonly instruments: (symbol: string) => Instrument | undefined;
}

/**
 * A deterministic simulated venue (`sim`): fills orders against bars with a documented path rule, fees,
 * slippage, latency and an optional volume participation cap. See docs/concepts/execution.md.
 * Call `onBar` for every base bar before strategies see its close; results go to the listener
 * synchronously (`onFill` first, then `onOrderUpdate` with the order's new state).
 */
export class SimulatedVenue implements Broker {
  readonly venue = 'sim';
  readonly has: BrokerCapabilities = Object.freeze({
    market: true,
    limit: true,
    stop: true,
    stopLimit: true,
    bracket: true,
    cancel: true,
    modify: true,
    fetchOpenOrders: true,
    orderStream: true,
    shortSelling: true,
  });
  readonly options: SimulatedVenueOptions;
  private currentBar: Bar | undefined;
  private readonly working: WorkingOrder[] = [];
  // Internals handed to the bracket helpers without making them public
  private readonly core: VenueCore;
  private listener: BrokerListener | undefined;
  private readonly clock: Clock;
  private readonly instruments: (symbol: string) => Instrument | undefined;
  private readonly orders = new Map<string, WorkingOrder>();
  private readonly rejected = new Map<string, Order>();
  private readonly clientOrderIds = new Set<string>();
  private readonly lastBars = new Map<string, Bar>();
  private readonly netPositions = new Map<string, number>();
  private readonly fees: FeeSchedule;
  private readonly dayEnd: DayEndCalendar;

  constructor(options: SimulatedVenueOptionsInput, dependencies: SimulatedVenueDependencies) {
    const parsed = simulatedVenueOptions.safeParse(options);
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((issue) => ({ path: ['broker', 'options', ...issue.path].join('.'), message: issue.message, code: issue.code })),
        'simulated venue options',
      );
    }
    this.options = parsed.data;
    this.clock = dependencies.clock;
    this.instruments = dependencies.instruments;
    this.fees = new FeeSchedule(this.options.fees);
    this.dayEnd = new DayEndCalendar(this.options.dayEndsAt.time, this.options.dayEndsAt.timeZone);
    this.core = {
      slippage: this.options.slippage,
      currentBar: () => this.currentBar,
      track: (work) => this.track(work),
      update: (work, changes) => this.update(work, changes),
      finish: (work, status, reason, time) => this.finish(work, status, reason, time),
    };
  }

  /** Sets where order updates and fills are reported; set it before submitting. */
  setListener(listener: BrokerListener): void {
    this.listener = listener;
  }

  /** Accepts or rejects an order; a second submit with a known clientOrderId or id is ignored. */
  submit(order: Order): void {
    if (this.clientOrderIds.has(order.clientOrderId) || this.orders.has(order.id) || this.rejected.has(order.id)) return;
    this.clientOrderIds.add(order.clientOrderId);
    const now = this.clock.now();
    const instrument = this.lookup(order.symbol);
    const reason = orderRejection(order, instrument);
    if (reason !== undefined || instrument === undefined) {
      const rejected = withOrderChanges(order, { status: 'rejected', reason, updatedAt: now });
      this.rejected.set(order.id, rejected);
      this.listener?.onOrderUpdate(rejected);
      return;
    }
    const expiresAt = order.timeInForce === 'day' ? this.dayEnd.nextAfter(now) : Number.POSITIVE_INFINITY;
    const work = new WorkingOrder(this.normalize(order, instrument, now), instrument, now + this.options.latencyMs, expiresAt);
    this.track(work);
    if (this.options.fillPrice === 'close' && order.type === 'market') {
      const bar = this.lastBars.get(order.symbol);
      if (bar !== undefined) this.fillAtDecisionClose(work, bar, now);
    }
  }

  /** Cancels a working order; canceling an order that is already final does nothing. */
  cancel(orderId: string): void {
    if (this.rejected.has(orderId)) return;
    const work = this.require(orderId, 'cancel');
    if (work.alive) this.finish(work, 'canceled', 'canceled on request', this.clock.now());
  }

  /** Changes quantity, limit or stop price of a working order; throws BrokerError when not allowed. */
  modify(orderId: string, changes: OrderChanges): void {
    const refuse = (message: string): never => {
      throw new BrokerError('GM_BROKER_ORDER_REJECTED', `modify order "${orderId}": ${message}`, { venue: this.venue, retryable: false });
    };
    if (this.rejected.has(orderId)) refuse('the order was rejected');
    const work = this.require(orderId, 'modify');
    const order = work.order;
    if (!work.alive) refuse(`the order is already ${order.status}`);
    const { quantity, limitPrice, stopPrice } = changes;
    if (quantity !== undefined) {
      if (order.parentId !== undefined) refuse('a bracket leg\'s quantity follows its entry fills; cancel the leg instead');
      if (!(quantity > order.filledQuantity + QUANTITY_EPSILON) || !Number.isFinite(quantity)) {
        refuse(`quantity must be a number above the filled quantity ${order.filledQuantity}, was ${String(quantity)}`);
      }
    }
    if (limitPrice !== undefined) {
      if (order.type !== 'limit' && order.type !== 'stop_limit') refuse(`limitPrice applies to limit and stop_limit orders, this one is ${order.type}`);
      if (!(limitPrice > 0) || !Number.isFinite(limitPrice)) refuse(`limitPrice must be a positive number, was ${String(limitPrice)}`);
    }
    if (stopPrice !== undefined) {
      if (order.type !== 'stop' && order.type !== 'stop_limit') refuse(`stopPrice applies to stop and stop_limit orders, this one is ${order.type}`);
      if (!(stopPrice > 0) || !Number.isFinite(stopPrice)) refuse(`stopPrice must be a positive number, was ${String(stopPrice)}`);
    }
    const tickSize = work.instrument.tickSize;
    this.update(work, {
      ...(quantity === undefined ? {} : { quantity }),
      ...(limitPrice === undefined ? {} : { limitPrice: roundToTick(limitPrice, tickSize) }),
      ...(stopPrice === undefined ? {} : { stopPrice: roundToTick(stopPrice, tickSize) }),
      updatedAt: this.clock.now(),
    });
  }

  /** Returns the orders still working. */
  fetchOpenOrders(): Promise<readonly Order[]> {
    return Promise.resolve(this.working.filter((work) => work.alive).map((work) => work.order));
  }

  /**
   * Processes one base bar: expires DAY orders whose day ended, then fills the eligible orders of the
   * bar's symbol in the order their fills happen along the bar's path. O(working orders); allocates
   * nothing unless an order changes state.
   */
  onBar(bar: Bar): void {
    this.lastBars.set(bar.symbol, bar);
    const working = this.working;
    if (working.length === 0) return;
    for (let index = 0; index < working.length; index++) {
      const work = working[index]!;
      if (work.alive && work.expiresAt <= bar.start) {
        this.finish(work, 'expired', 'DAY order reached the end of its trading day', work.expiresAt);
      }
    }
    // Synthetic bars carry no trading: orders wait for a real bar
    if (!bar.synthetic) this.fillOnBar(bar);
    this.compact();
  }

  // Books a fill, reports it (fill first, then the order's new state) and maintains bracket legs
  private fill(work: WorkingOrder, quantity: number, price: number, liquidity: Liquidity, time: number, position: number): void {
    const order = work.order;
    work.rawFees += this.fees.rawFee(quantity, price, work.instrument.multiplier, liquidity);
    const fee = this.fees.charge(work.rawFees, work.chargedFees);
    work.chargedFees = roundMoney(work.chargedFees + fee);
    const fill: Fill = Object.freeze({
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      quantity,
      price,
      fee,
      time,
      liquidity,
      ...(order.tag === undefined ? {} : { tag: order.tag }),
    });
    const signed = order.side === 'buy' ? quantity : -quantity;
    this.netPositions.set(order.symbol, (this.netPositions.get(order.symbol) ?? 0) + signed);
    const filled = order.filledQuantity + quantity;
    const average = order.filledQuantity === 0 ? price : (order.averageFillPrice * order.filledQuantity + price * quantity) / filled;
    const status: OrderStatus = filled >= order.quantity - QUANTITY_EPSILON ? 'filled' : 'partially_filled';
    work.order = withOrderChanges(order, { filledQuantity: filled, averageFillPrice: average, status, updatedAt: time });
    this.listener?.onFill(fill);
    this.listener?.onOrderUpdate(work.order);
    if (order.bracket !== undefined) protectEntryFill(this.core, work, quantity, position, time);
    if (work.sibling !== undefined) shrinkSibling(this.core, work.sibling, quantity, time);
  }

  private track(work: WorkingOrder): void {
    this.orders.set(work.order.id, work);
    this.clientOrderIds.add(work.order.clientOrderId);
    this.working.push(work);
    this.listener?.onOrderUpdate(work.order);
  }

  private update(work: WorkingOrder, changes: Partial<Order>): void {
    work.order = withOrderChanges(work.order, changes);
    this.listener?.onOrderUpdate(work.order);
  }

  private finish(work: WorkingOrder, status: 'canceled' | 'expired', reason: string, time: number): void {
    this.update(work, { status, reason, updatedAt: time });
  }

  private fillOnBar(bar: Bar): void {
    const working = this.working;
    const slippage = this.options.slippage;
    this.currentBar = bar;
    const evaluated = working.length;
    for (let index = 0; index < evaluated; index++) {
      const work = working[index]!;
      work.pendingPosition = NO_TOUCH;
      if (!work.alive || work.order.symbol !== bar.symbol || work.eligibleAt > bar.start) continue;
      work.activeFrom = 0;
      evaluateOrder(work, bar, 0, slippage);
    }
    for (let index = 0; index < evaluated; index++) {
      const work = working[index]!;
      if (work.isStopLeg && work.sibling !== undefined) resolveBothLegsTouched(work, work.sibling);
    }
    // Execute fills in path order; legs created by an entry fill join the scan with their own positions
    for (;;) {
      let next: WorkingOrder | undefined;
      for (let index = 0; index < working.length; index++) {
        const work = working[index]!;
        if (work.pendingPosition === NO_TOUCH || !work.alive) continue;
        if (next === undefined || work.pendingPosition < next.pendingPosition) next = work;
      }
      if (next === undefined) break;
      const position = next.pendingPosition;
      next.pendingPosition = NO_TOUCH;
      this.execute(next, bar.volume, next.pendingPrice, next.pendingLiquidity, position === 0 ? bar.start : bar.end, position);
    }
    for (let index = 0; index < evaluated; index++) {
      const work = working[index]!;
      if (work.alive && work.barsEvaluated > 0) this.cancelUnfilledImmediate(work, bar.start);
    }
    this.currentBar = undefined;
  }

  private fillAtDecisionClose(work: WorkingOrder, bar: Bar, now: number): void {
    work.barsEvaluated++;
    const price = slippedPrice(bar.close, work.order.side, work.instrument.tickSize, this.options.slippage.ticks, this.options.slippage.bps);
    this.execute(work, bar.volume, price, 'taker', now, 0);
    if (work.alive) this.cancelUnfilledImmediate(work, now);
  }

  // Fills what the participation cap, reduce-only and fill-or-kill rules allow
  private execute(work: WorkingOrder, volume: number, price: number, liquidity: Liquidity, time: number, position: number): void {
    const order = work.order;
    const remaining = work.remaining;
    let quantity = remaining;
    const participation = this.options.participation;
    if (participation !== undefined) {
      const lot = this.options.lotSize;
      const cap = Math.floor((participation * (volume > 0 ? volume : 0)) / lot + QUANTITY_EPSILON) * lot;
      if (cap < quantity) quantity = cap;
    }
    if (order.reduceOnly === true) {
      const reducible = this.reducible(order);
      if (reducible <= QUANTITY_EPSILON) return this.finish(work, 'canceled', 'reduce-only order has no position left to reduce', time);
      if (reducible < quantity) quantity = reducible;
    }
    if (order.type === 'stop') work.triggered = true;
    if (order.timeInForce === 'fok' && quantity < remaining - QUANTITY_EPSILON) {
      return this.finish(work, 'canceled', `fill-or-kill: only ${quantity} of ${remaining} could fill on the first eligible bar`, time);
    }
    if (quantity <= QUANTITY_EPSILON) return;
    this.fill(work, quantity, price, liquidity, time, position);
    if (work.alive && order.reduceOnly === true && this.reducible(order) <= QUANTITY_EPSILON) {
      this.finish(work, 'canceled', 'reduce-only order has no position left to reduce', time);
    }
  }

  private cancelUnfilledImmediate(work: WorkingOrder, time: number): void {
    const timeInForce = work.order.timeInForce;
    if (timeInForce === 'ioc') {
      this.finish(work, 'canceled', `immediate-or-cancel: ${work.remaining} unfilled on the first eligible bar`, time);
    } else if (timeInForce === 'fok') {
      this.finish(work, 'canceled', 'fill-or-kill: not filled on the first eligible bar', time);
    }
  }

  // Quantity an order can trade without growing or flipping the venue's net position
  private reducible(order: Order): number {
    const net = this.netPositions.get(order.symbol) ?? 0;
    return order.side === 'buy' ? Math.max(0, -net) : Math.max(0, net);
  }

  // Accepted orders carry tick-rounded prices; absent prices stay absent
  private normalize(order: Order, instrument: Instrument, now: number): Order {
    const tickSize = instrument.tickSize;
    const round = (price: number | undefined): number | undefined => (price === undefined ? undefined : roundToTick(price, tickSize));
    const bracket = order.bracket;
    return withOrderChanges(order, {
      limitPrice: round(order.limitPrice),
      stopPrice: round(order.stopPrice),
      bracket: bracket === undefined ? undefined : { stopLoss: round(bracket.stopLoss), takeProfit: round(bracket.takeProfit) },
      status: 'accepted',
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      updatedAt: now,
    });
  }

  private lookup(symbol: string): Instrument | undefined {
    try {
      return this.instruments(symbol);
    } catch {
      return undefined;
    }
  }

  private require(orderId: string, action: string): WorkingOrder {
    const work = this.orders.get(orderId);
    if (work === undefined) {
      throw new BrokerError('GM_ORDER_NOT_FOUND', `${action}: no order with id "${orderId}" was submitted to the simulated venue`, {
        venue: this.venue,
        retryable: false,
      });
    }
    return work;
  }

  // Drops final orders from the working list in place, keeping submission order
  private compact(): void {
    const working = this.working;
    let kept = 0;
    for (let index = 0; index < working.length; index++) {
      const work = working[index]!;
      if (work.alive) working[kept++] = work;
    }
    working.length = kept;
  }
}
