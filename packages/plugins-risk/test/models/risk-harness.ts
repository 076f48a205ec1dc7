/**
 * A small engine for risk-model unit tests: the framework's real bus, clock, portfolio, risk engine,
 * order manager and kill switch, plus helpers that publish bars, fills and account updates the way the
 * engine does. Every published event is recorded in order.
 */
import { EventBus, KillSwitch, msToTimeframe, OrderManager, Portfolio, RiskEngine, RunInstruments, ScopedBus, SimulatedClock } from '@grandmodel/framework';
import { makeBar } from '@grandmodel/framework/testing';
import type { Order, OrderSide, Position, RiskCheckContext } from '@grandmodel/framework';
import type { RiskModelServices } from '../../src/models/index.js';

/** 2024-01-02 00:00 UTC. */
export const T0 = Date.UTC(2024, 0, 2);
export const MINUTE = 60_000;

/** One recorded event. */
export interface Recorded {
  readonly event: string;
  readonly payload: Record<string, unknown>;
}

/** Options of `createHarness`. */
export interface HarnessOptions {
  readonly instanceId: string;
  /** Plugin id the scoped bus is owned by (custom events must carry it). */
  readonly pluginId?: string;
  readonly cash?: number;
  readonly instruments?: readonly { symbol: string; multiplier?: number }[];
  /** Bar length, for `step`. */
  readonly barMs?: number;
}

/** Builds the parts and the helpers. */
export function createHarness(options: HarnessOptions) {
  const bus = new EventBus();
  const clock = new SimulatedClock(T0);
  const instruments = new RunInstruments((options.instruments ?? []).map((i) => ({ symbol: i.symbol, multiplier: i.multiplier ?? 1, tickSize: 0.01, currency: 'USD', marginRate: 1 })));
  const portfolio = new Portfolio({ cash: options.cash ?? 100_000, instruments: (symbol) => instruments.get(symbol) });
  const risk = new RiskEngine(bus, clock, portfolio);
  const orders = new OrderManager(bus, clock, risk);
  const killSwitch = new KillSwitch(bus, clock, risk, orders, () => portfolio.snapshot().positions);
  const events: Recorded[] = [];
  bus.addSink((event, payload) => void events.push({ event, payload: payload as Record<string, unknown> }));
  const services: RiskModelServices = {
    instanceId: options.instanceId,
    bus: new ScopedBus(bus, { pluginId: options.pluginId ?? options.instanceId, instanceId: options.instanceId }),
    clock,
    tradingState: risk,
    killSwitch,
    instruments,
  };
  const barMs = options.barMs ?? MINUTE;
  let stepEnd = T0;
  let fills = 0;

  return {
    bus,
    clock,
    portfolio,
    risk,
    orders,
    killSwitch,
    instruments,
    services,
    events,
    /** The risk engine's check context (equity, positions, last prices from the portfolio). */
    context: risk.checkContext,
    /** Names of the recorded events, optionally only those given. */
    names(only?: readonly string[]): string[] {
      return events.filter((e) => only === undefined || only.includes(e.event)).map((e) => e.event);
    },
    /** Payloads of one event type. */
    payloads(event: string): Record<string, unknown>[] {
      return events.filter((e) => e.event === event).map((e) => e.payload);
    },
    /** Closes one bar per symbol at the next step time, as the engine does: mark, last price, `bar.closed`. */
    step(closes: Readonly<Record<string, number>>): number {
      stepEnd += barMs;
      clock.set(stepEnd);
      for (const [symbol, close] of Object.entries(closes)) {
        portfolio.mark(symbol, close);
        risk.updatePrice(symbol, close);
        const bar = makeBar({ symbol, timeframe: msToTimeframe(barMs), start: stepEnd - barMs, open: close, high: close, low: close, close }, barMs);
        bus.publish('bar.closed', { bar, tsEvent: bar.end, tsInit: bar.end });
      }
      return stepEnd;
    },
    /** Books a fill in the portfolio and publishes `order.filled` and `position.changed`, as the engine does. */
    fill(symbol: string, side: OrderSide, quantity: number, price: number, fee = 0): void {
      fills++;
      const now = clock.now();
      const fill = { orderId: `T-${fills}`, clientOrderId: `t-${fills}`, symbol, side, quantity, price, fee, time: now, liquidity: 'taker' as const };
      const order: Order = { symbol, side, quantity, type: 'market', id: fill.orderId, clientOrderId: fill.clientOrderId, timeInForce: 'gtc', status: 'filled', filledQuantity: quantity, averageFillPrice: price, createdAt: now, updatedAt: now };
      portfolio.applyFill(fill);
      bus.publish('order.filled', { order, fill, tsEvent: now, tsInit: now });
      bus.publish('position.changed', { position: portfolio.position(symbol)!, tsEvent: now, tsInit: now });
    },
    /** Publishes `account.updated` from the portfolio (or the given equity) at the clock's time (or `time`). */
    account(equity?: number, time?: number): void {
      if (time !== undefined) clock.set(time);
      const now = clock.now();
      bus.publish('account.updated', { equity: equity ?? portfolio.equity, cash: portfolio.cash, drawdown: portfolio.drawdown, tsEvent: now, tsInit: now });
    },
  };
}

/** A check context with fixed figures (for states a real portfolio cannot easily reach, such as zero equity). */
export function fixedContext(fields: { equity: number; price?: number; position?: number; grossExposure?: number; symbol?: string }): RiskCheckContext {
  const position: Position | undefined =
    fields.position === undefined ? undefined : { symbol: fields.symbol ?? 'X', quantity: fields.position, averagePrice: fields.price ?? Number.NaN, realizedPnl: 0, unrealizedPnl: 0, markPrice: fields.price ?? Number.NaN };
  return {
    time: T0,
    tradingState: 'active',
    equity: fields.equity,
    cash: fields.equity,
    grossExposure: fields.grossExposure ?? 0,
    position: () => position,
    lastPrice: () => fields.price,
  };
}
