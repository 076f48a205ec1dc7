import { describe, expect, it } from 'vitest';
import { BrokerError } from '../errors/broker-error.js';
import type { Broker, BrokerCapability } from '../kinds/broker.js';
import type { Fill } from '../model/fill.js';
import type { Order, OrderIntent } from '../model/order.js';
import { TERMINAL_ORDER_STATUSES } from '../model/order.js';

/** Failures a venue control can inject into the next requests of a fake venue. */
export type InjectedFailure = 'rate-limit' | 'unavailable' | 'insufficient-funds' | 'bad-symbol' | 'auth';

/** Optional handles on the venue behind a broker, so the suite can test fills, idempotency and errors. */
export interface VenueControl {
  /** Makes the venue fill `quantity` (default: all that remains) of a working order at `price`. */
  fill?(order: Order, price: number, quantity?: number): void | Promise<void>;
  /** Makes the next `times` venue requests fail the given way. */
  failNext?(failure: InjectedFailure, times?: number): void;
  /** Clears injected failures. */
  clearFailures?(): void;
  /** Number of orders the venue itself holds under this client order id. */
  countOrders?(clientOrderId: string): number | Promise<number>;
}

/** A broker under test, with its venue. */
export interface BrokerContractSubject {
  readonly broker: Broker;
  readonly venueControl?: VenueControl;
  /** Called after each test (close servers, disconnect). */
  dispose?(): void | Promise<void>;
}

/** Options of `describeBrokerContract`. */
export interface BrokerContractOptions {
  /** Creates a fresh broker (and venue) for each test. */
  readonly create: () => Promise<BrokerContractSubject>;
  /** A symbol the venue trades. */
  readonly symbol: string;
  /** A buy limit price far below the market: the order rests without filling. */
  readonly restingBuyPrice: number;
  /** A sell limit price far above the market. */
  readonly restingSellPrice: number;
  /** Order quantity (default 1). */
  readonly quantity?: number;
  /** A symbol the venue does not know (default `NOSUCHSYMBOL`). */
  readonly unknownSymbol?: string;
  /** How long to wait for an asynchronous update, in milliseconds (default 5000). */
  readonly timeoutMs?: number;
  /** The subject's venueControl implements `fill`: registers the fill-ordering test. */
  readonly fills?: boolean;
  /** The subject's venueControl implements `failNext`: registers the injected-failure classification test. */
  readonly failures?: boolean;
}

/** Everything a broker told its listener, in order. */
export class ListenerRecorder {
  readonly events: ({ kind: 'order'; order: Order } | { kind: 'fill'; fill: Fill })[] = [];

  onOrderUpdate(order: Order): void {
    this.events.push({ kind: 'order', order });
  }

  onFill(fill: Fill): void {
    this.events.push({ kind: 'fill', fill });
  }

  /** Updates of one order, in order. */
  updates(orderId: string): Order[] {
    return this.events.flatMap((event) => (event.kind === 'order' && event.order.id === orderId ? [event.order] : []));
  }

  /** Fills of one order, in order. */
  fills(orderId: string): Fill[] {
    return this.events.flatMap((event) => (event.kind === 'fill' && event.fill.orderId === orderId ? [event.fill] : []));
  }

  /** The last reported state of an order. */
  latest(orderId: string): Order | undefined {
    return this.updates(orderId).at(-1);
  }
}

/** Polls `condition` every 5 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Calls `call` and returns what it threw (synchronously or as a rejection), or undefined. */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

const supported = (broker: Broker, capability: BrokerCapability): boolean => broker.has[capability] === true || broker.has[capability] === 'emulated';

/**
 * Registers the broker conformance tests with vitest: submit/cancel/modify round trips through the listener,
 * idempotent client order ids, fills reported before the update that reflects them, capability honesty (every
 * capability claimed is exercised, every one denied raises GM_BROKER_NOT_SUPPORTED) and error classification.
 * Every adapter in the SDK passes it; third-party adapters use it the same way.
 * @example
 * describeBrokerContract('my-venue', { create: async () => ({ broker: new MyBroker(...) }), symbol: 'BTC/USDT', restingBuyPrice: 1000, restingSellPrice: 1_000_000 });
 */
export function describeBrokerContract(name: string, options: BrokerContractOptions): void {
  const quantity = options.quantity ?? 1;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let sequence = 0;

  const makeOrder = (intent: Partial<OrderIntent> & Pick<OrderIntent, 'type' | 'side'>): Order => {
    sequence++;
    const suffix = `${sequence}-${Math.floor(performance.now() * 1000) % 1_000_000_000}`;
    return Object.freeze({
      symbol: options.symbol,
      quantity,
      timeInForce: 'gtc',
      ...intent,
      id: `C-${suffix}`,
      clientOrderId: `contract-${suffix}`,
      status: 'submitted',
      filledQuantity: 0,
      averageFillPrice: Number.NaN,
      createdAt: 0,
      updatedAt: 0,
    } as Order);
  };
  const restingBuy = (): Order => makeOrder({ type: 'limit', side: 'buy', limitPrice: options.restingBuyPrice });

  /** Creates a subject, connects its broker with a recording listener, runs the body, and always cleans up. */
  const withBroker = async (body: (broker: Broker, recorder: ListenerRecorder, control: VenueControl | undefined) => Promise<void>): Promise<void> => {
    const subject = await options.create();
    const recorder = new ListenerRecorder();
    subject.broker.setListener(recorder);
    try {
      await subject.broker.connect?.();
      await body(subject.broker, recorder, subject.venueControl);
    } finally {
      subject.venueControl?.clearFailures?.();
      await subject.broker.disconnect?.();
      await subject.dispose?.();
    }
  };
  const waitForStatus = (recorder: ListenerRecorder, order: Order, statuses: readonly string[]): Promise<void> =>
    waitFor(() => statuses.includes(recorder.latest(order.id)?.status ?? ''), `order ${order.id} to become ${statuses.join(' or ')}`, timeoutMs);

  describe(`broker contract: ${name}`, () => {
    it('submit: a resting limit order is reported accepted with its id and client order id', async () => {
      await withBroker(async (broker, recorder) => {
        const order = restingBuy();
        await broker.submit(order);
        await waitForStatus(recorder, order, ['accepted']);
        const accepted = recorder.latest(order.id)!;
        expect(accepted.clientOrderId).toBe(order.clientOrderId);
        expect(accepted.symbol).toBe(order.symbol);
        expect(accepted.quantity).toBeCloseTo(quantity, 9);
        expect(accepted.limitPrice).toBeCloseTo(options.restingBuyPrice, 6);
        expect(recorder.fills(order.id)).toEqual([]);
      });
    });

    it('cancel: a working order ends canceled, and canceling it again changes nothing', async () => {
      await withBroker(async (broker, recorder) => {
        const order = restingBuy();
        await broker.submit(order);
        await waitForStatus(recorder, order, ['accepted']);
        await broker.cancel(order.id);
        await waitForStatus(recorder, order, ['canceled']);
        const count = recorder.updates(order.id).length;
        await broker.cancel(order.id);
        expect(recorder.updates(order.id).length).toBe(count);
      });
    });

    it('modify: changes the limit price when supported, otherwise raises GM_BROKER_NOT_SUPPORTED', async () => {
      await withBroker(async (broker, recorder) => {
        const order = restingBuy();
        await broker.submit(order);
        await waitForStatus(recorder, order, ['accepted']);
        const newPrice = Number((options.restingBuyPrice * 0.9).toPrecision(6));
        if (supported(broker, 'modify')) {
          await broker.modify(order.id, { limitPrice: newPrice });
          await waitFor(() => Math.abs((recorder.latest(order.id)?.limitPrice ?? 0) - newPrice) < 1e-9, `limit price of ${order.id} to become ${newPrice}`, timeoutMs);
          expect(recorder.latest(order.id)!.status).toBe('accepted');
          expect(recorder.latest(order.id)!.id).toBe(order.id);
        } else {
          const error = await thrownBy(() => broker.modify(order.id, { limitPrice: newPrice }));
          expect(error).toBeInstanceOf(BrokerError);
          expect((error as BrokerError).code).toBe('GM_BROKER_NOT_SUPPORTED');
        }
      });
    });

    it('idempotent client order ids: submitting the same order twice creates one order', async () => {
      await withBroker(async (broker, recorder, control) => {
        const order = restingBuy();
        await Promise.all([broker.submit(order), broker.submit(order)]);
        await broker.submit(order);
        await waitForStatus(recorder, order, ['accepted']);
        expect(recorder.updates(order.id).filter((update) => update.status === 'accepted').length).toBe(1);
        if (supported(broker, 'fetchOpenOrders')) {
          const open = await broker.fetchOpenOrders!();
          expect(open.filter((candidate) => candidate.clientOrderId === order.clientOrderId).length).toBe(1);
        }
        if (control?.countOrders !== undefined) expect(await control.countOrders(order.clientOrderId)).toBe(1);
      });
    });

    if (options.fills) it('fills: each fill is reported with onFill before the onOrderUpdate that reflects it', async () => {
      await withBroker(async (broker, recorder, control) => {
        const order = restingBuy();
        await broker.submit(order);
        await waitForStatus(recorder, order, ['accepted']);
        const price = options.restingBuyPrice;
        await control!.fill!(order, price, quantity / 2);
        await waitForStatus(recorder, order, ['partially_filled']);
        await control!.fill!(order, price);
        await waitForStatus(recorder, order, ['filled']);
        const fills = recorder.fills(order.id);
        expect(fills.reduce((sum, fill) => sum + fill.quantity, 0)).toBeCloseTo(quantity, 9);
        for (const fill of fills) {
          expect(fill.clientOrderId).toBe(order.clientOrderId);
          expect(fill.side).toBe('buy');
          expect(fill.price).toBeCloseTo(price, 6);
          expect(fill.fee).toBeGreaterThanOrEqual(0);
        }
        // The first update after each fill carries that fill's cumulative quantity
        let cumulative = 0;
        for (let index = 0; index < recorder.events.length; index++) {
          const event = recorder.events[index]!;
          if (event.kind !== 'fill' || event.fill.orderId !== order.id) continue;
          cumulative += event.fill.quantity;
          const next = recorder.events.slice(index + 1).find((later) => later.kind === 'order' && later.order.id === order.id);
          expect(next, 'an order update follows every fill').toBeDefined();
          expect((next as { order: Order }).order.filledQuantity).toBeCloseTo(cumulative, 9);
        }
        const final = recorder.latest(order.id)!;
        expect(final.filledQuantity).toBeCloseTo(quantity, 9);
        expect(final.averageFillPrice).toBeCloseTo(price, 6);
      });
    });

    it('capability honesty: every order type claimed is accepted, every one denied raises GM_BROKER_NOT_SUPPORTED', async () => {
      await withBroker(async (broker, recorder) => {
        const candidates: [BrokerCapability, Order][] = [
          ['limit', restingBuy()],
          ['stop', makeOrder({ type: 'stop', side: 'buy', stopPrice: options.restingSellPrice })],
          ['stopLimit', makeOrder({ type: 'stop_limit', side: 'buy', stopPrice: options.restingSellPrice, limitPrice: options.restingSellPrice })],
          ['shortSelling', makeOrder({ type: 'limit', side: 'sell', limitPrice: options.restingSellPrice })],
          ['bracket', makeOrder({ type: 'limit', side: 'buy', limitPrice: options.restingBuyPrice, bracket: { stopLoss: options.restingBuyPrice * 0.5, takeProfit: options.restingSellPrice } })],
          ['market', makeOrder({ type: 'market', side: 'buy' })],
        ];
        for (const [capability, order] of candidates) {
          if (supported(broker, capability)) {
            await broker.submit(order);
            await waitFor(() => recorder.latest(order.id) !== undefined, `an update for the ${capability} order`, timeoutMs);
            expect(recorder.latest(order.id)!.status, `${capability} order: ${recorder.latest(order.id)!.reason ?? ''}`).not.toBe('rejected');
          } else if (capability !== 'shortSelling') {
            const error = await thrownBy(() => broker.submit(order));
            expect(error, `${capability} is denied, so submit must throw`).toBeInstanceOf(BrokerError);
            expect((error as BrokerError).code).toBe('GM_BROKER_NOT_SUPPORTED');
            expect((error as BrokerError).message).toContain('not supported');
          }
        }
        for (const capability of ['fetchAccount', 'fetchPositions', 'fetchOpenOrders'] as const) {
          const method = broker[capability] as (() => Promise<unknown>) | undefined;
          if (supported(broker, capability)) {
            const value = await method!.call(broker);
            if (capability === 'fetchAccount') {
              const account = value as Awaited<ReturnType<NonNullable<Broker['fetchAccount']>>>;
              expect(Number.isFinite(account.cash) && Number.isFinite(account.equity)).toBe(true);
              expect(account.currency.length).toBeGreaterThan(0);
            } else expect(Array.isArray(value)).toBe(true);
          } else if (method !== undefined) {
            const error = await thrownBy(() => method.call(broker));
            expect((error as BrokerError | undefined)?.code).toBe('GM_BROKER_NOT_SUPPORTED');
          }
        }
        if (supported(broker, 'fetchOpenOrders')) {
          const open = await broker.fetchOpenOrders!();
          expect(open.some((order) => order.clientOrderId === candidates[0]![1].clientOrderId)).toBe(true);
          for (const order of open) expect(TERMINAL_ORDER_STATUSES.has(order.status)).toBe(false);
        }
      });
    });

    it('errors: an unknown symbol is rejected permanently', async () => {
      await withBroker(async (broker, recorder) => {
        const order = makeOrder({ type: 'limit', side: 'buy', limitPrice: options.restingBuyPrice, symbol: options.unknownSymbol ?? 'NOSUCHSYMBOL' });
        const error = await thrownBy(() => broker.submit(order));
        if (error !== undefined) {
          expect(error).toBeInstanceOf(BrokerError);
          expect((error as BrokerError).retryable).toBe(false);
          expect(['GM_BROKER_BAD_SYMBOL', 'GM_BROKER_ORDER_REJECTED']).toContain((error as BrokerError).code);
        }
        await waitForStatus(recorder, order, ['rejected']);
      });
    });

    if (options.failures) it('errors: injected venue failures are classified retryable or permanent, keeping the venue code', async () => {
      await withBroker(async (broker, recorder, control) => {
        const read = supported(broker, 'fetchAccount') ? () => broker.fetchAccount!() : () => broker.fetchOpenOrders!();
        control!.failNext!('rate-limit', 1_000);
        const limited = (await thrownBy(read)) as BrokerError;
        control!.clearFailures?.();
        expect(limited).toBeInstanceOf(BrokerError);
        expect(limited.code).toBe('GM_BROKER_RATE_LIMITED');
        expect(limited.retryable).toBe(true);
        expect(limited.retryAfterMs).toBeGreaterThan(0);
        expect(limited.venueCode).toBeDefined();

        control!.failNext!('unavailable', 1_000);
        const unavailable = (await thrownBy(read)) as BrokerError;
        control!.clearFailures?.();
        expect(unavailable.code).toBe('GM_BROKER_UNAVAILABLE');
        expect(unavailable.retryable).toBe(true);

        control!.failNext!('auth', 1);
        const auth = (await thrownBy(read)) as BrokerError;
        control!.clearFailures?.();
        expect(auth.code).toBe('GM_BROKER_AUTH_FAILED');
        expect(auth.retryable).toBe(false);
        expect(auth.venueMessage).toBeDefined();

        const order = restingBuy();
        control!.failNext!('insufficient-funds', 1);
        const funds = (await thrownBy(() => broker.submit(order))) as BrokerError;
        control!.clearFailures?.();
        expect(funds.code).toBe('GM_BROKER_INSUFFICIENT_FUNDS');
        expect(funds.retryable).toBe(false);
        expect(funds.venueCode).toBeDefined();
        await waitForStatus(recorder, order, ['rejected']);
        expect(recorder.latest(order.id)!.reason).toContain('GM_BROKER_INSUFFICIENT_FUNDS');
      });
    });
  });
}
