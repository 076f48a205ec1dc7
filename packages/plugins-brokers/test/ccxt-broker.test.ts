import { BrokerError, createSilentLogger, type Order } from '@grandmodel/framework';
import { ListenerRecorder, waitFor } from '@grandmodel/framework/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBroker } from '../src/ccxt/ccxt-broker.js';
import type { ReconcileReport } from '../src/core/reconcile-report.js';
import { ccxtHarness, fakeBinanceOptions, type CcxtHarness } from './support/ccxt-subject.js';

const limitBuy = (id: string, fields: Partial<Order> = {}): Order =>
  Object.freeze({
    id,
    clientOrderId: `cid-${id}`,
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    quantity: 0.01,
    limitPrice: 1_000,
    timeInForce: 'gtc',
    status: 'submitted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  }) as Order;

/** A listener that also records reconciliation reports. */
class ReconcileRecorder extends ListenerRecorder {
  readonly reports: ReconcileReport[] = [];
  onReconcile(report: ReconcileReport): void {
    this.reports.push(report);
  }
}

let harness: CcxtHarness | undefined;
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function connected(overrides: Record<string, unknown> = {}) {
  harness = await ccxtHarness(overrides);
  const recorder = new ReconcileRecorder();
  harness.broker.setListener(recorder);
  await harness.broker.connect();
  return { ...harness, recorder };
}

describe('ccxt broker against a fake Binance (real ccxt client)', () => {
  it('reports partial fills with their own price and the exact fee read from the trades', async () => {
    const { fake, broker, recorder } = await connected();
    const order = limitBuy('F1');
    await broker.submit(order);
    const venueId = fake.book.byClientId(order.clientOrderId)!.venueId;
    fake.book.fill(venueId, 1_000, 0.004);
    await waitFor(() => recorder.latest('F1')?.status === 'partially_filled', 'the partial fill');
    fake.book.fill(venueId, 1_010, 0.006);
    await waitFor(() => recorder.latest('F1')?.status === 'filled', 'the final fill');
    // 10 bps of each fill's notional: 0.004 × 1000 × 0.001 and 0.006 × 1010 × 0.001
    expect(recorder.fills('F1').map((fill) => [fill.quantity, fill.price, fill.fee])).toEqual([
      [0.004, 1_000, 0.004],
      [0.006, 1_010, 0.00606],
    ]);
    const final = recorder.latest('F1')!;
    expect(final.filledQuantity).toBeCloseTo(0.01, 12);
    expect(final.averageFillPrice).toBeCloseTo((0.004 * 1_000 + 0.006 * 1_010) / 0.01, 9);
  });

  it('reports a venue reject as a rejected order and a classified permanent error', async () => {
    const { fake, broker, recorder } = await connected();
    // 30 BTC at 50 000 needs 1.5M USDT; the fake account holds 1M
    const error = await broker.submit(limitBuy('R1', { quantity: 30, limitPrice: 50_000 })).then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BrokerError);
    expect(error).toMatchObject({ code: 'GM_BROKER_INSUFFICIENT_FUNDS', retryable: false, venue: 'binance', venueCode: '-2010', venueMessage: 'Account has insufficient balance for requested action.' });
    expect(recorder.latest('R1')).toMatchObject({ status: 'rejected' });
    expect(fake.book.countPlaced('cid-R1')).toBe(0);
  });

  it('waits out a 429 for the Retry-After the venue sent, then succeeds', async () => {
    const { fake, broker, scheduler } = await connected();
    fake.retryAfterSeconds = 3;
    fake.book.failNext('rate-limit', 1);
    const account = await broker.fetchAccount();
    expect(account.currency).toBe('USDT');
    expect(account.cash).toBe(1_000_000);
    expect(scheduler.delays).toEqual([3_000]);
    fake.book.failNext('rate-limit', 10);
    const error = (await broker.fetchAccount().catch((thrown: unknown) => thrown)) as BrokerError;
    expect(error).toMatchObject({ code: 'GM_BROKER_RATE_LIMITED', retryable: true, retryAfterMs: 3_000, venueCode: '-1003' });
    // Three attempts in all (maxAttempts 3), each wait the longer of Retry-After and the backoff
    expect(scheduler.delays).toEqual([3_000, 3_000, 3_000]);
  });

  it('never places a second order when the connection drops after the venue booked the first', async () => {
    const { fake, broker, recorder } = await connected();
    fake.dropOrderResponses = 1;
    const order = limitBuy('D1');
    await broker.submit(order);
    await waitFor(() => recorder.latest('D1')?.status === 'accepted', 'the order to be reported accepted');
    expect(fake.requests.filter((request) => request === 'POST /api/v3/order')).toHaveLength(1);
    expect(fake.book.countPlaced(order.clientOrderId)).toBe(1);
    // A caller retrying the same order is a no-op too
    await broker.submit(order);
    expect(fake.book.countPlaced(order.clientOrderId)).toBe(1);
  });

  it('reconnects with exponential backoff after a venue restart and reconciles what happened meanwhile', async () => {
    const { fake, broker, recorder, scheduler } = await connected();
    const order = limitBuy('X1');
    await broker.submit(order);
    await waitFor(() => recorder.latest('X1')?.status === 'accepted', 'acceptance');
    await fake.stop();
    // While the venue is unreachable the order fills; nobody can hear about it
    fake.book.fill(fake.book.byClientId(order.clientOrderId)!.venueId, 999, 0.01);
    await waitFor(() => broker.stats().streamDrops >= 3, 'a few failed reconnects');
    await fake.start();
    await waitFor(() => recorder.reports.some((report) => report.reason === 'reconnect' && report.updated.length > 0), 'the fill to be reconciled after the reconnect', 10_000);
    expect(recorder.latest('X1')?.status).toBe('filled');
    expect(recorder.fills('X1').map((fill) => [fill.quantity, fill.price])).toEqual([[0.01, 999]]);
    const reconnect = recorder.reports.find((report) => report.reason === 'reconnect' && report.updated.length > 0)!;
    expect(reconnect.updated.map((updated) => updated.id)).toEqual(['X1']);
    expect(broker.stats().streamConnections).toBeGreaterThanOrEqual(2);
    // Reconnect delays double from the initial 100 ms (cap 1600 ms)
    const reconnectDelays = scheduler.delays.slice(0, 4);
    expect(reconnectDelays).toEqual([100, 200, 400, 800].slice(0, reconnectDelays.length));
    // The stream is live again: a new fill arrives without reconciliation
    const next = limitBuy('X2');
    await broker.submit(next);
    fake.book.fill(fake.book.byClientId(next.clientOrderId)!.venueId, 998);
    await waitFor(() => recorder.latest('X2')?.status === 'filled', 'a fill over the new stream');
  });

  it('adopts orders left open at the venue and reports positions when it connects', async () => {
    harness = await ccxtHarness();
    const left = harness.fake.book.place({ clientOrderId: 'from-yesterday', symbol: 'BTCUSDT', side: 'sell', type: 'limit', quantity: 0.5, limitPrice: 90_000, timeInForce: 'GTC' });
    const recorder = new ReconcileRecorder();
    harness.broker.setListener(recorder);
    await harness.broker.connect();
    const [start] = recorder.reports;
    expect(start!.reason).toBe('start');
    expect(start!.adopted.map((order) => [order.id, order.clientOrderId, order.side, order.quantity, order.limitPrice])).toEqual([[`binance:${left.venueId}`, 'from-yesterday', 'sell', 0.5, 90_000]]);
    // Spot positions are the base-asset holdings of the configured symbols: the fake account holds 10 BTC
    expect(start!.positionChanges.map((position) => [position.symbol, position.quantity])).toEqual([['BTC/USDT', 10]]);
    expect(recorder.latest(`binance:${left.venueId}`)?.status).toBe('accepted');
    // Adopted orders can be managed like any other
    await harness.broker.cancel(`binance:${left.venueId}`);
    await waitFor(() => recorder.latest(`binance:${left.venueId}`)?.status === 'canceled', 'the adopted order to be canceled');
  });

  it('refuses to connect with a wrong secret, keeping the venue code', async () => {
    harness = await ccxtHarness();
    const broker = createCcxtBroker(fakeBinanceOptions(harness.fake, { secret: 'not-the-secret' }), { clock: harness.clock, logger: createSilentLogger(), scheduler: harness.scheduler });
    const error = await broker.connect().then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'GM_BROKER_AUTH_FAILED', retryable: false, venueCode: '-1022' });
    await broker.disconnect();
  });

  it('reconciles periodically, catching a fill the stream never delivered', async () => {
    const { fake, broker, recorder, scheduler } = await connected({ resilience: { reconcileIntervalMs: 60_000, retry: { maxAttempts: 3 }, backoff: { initialMs: 100, maxMs: 1_600 } } });
    await broker.submit(limitBuy('S1'));
    fake.muteUserStream = true;
    fake.book.fill(fake.book.byClientId('cid-S1')!.venueId, 1_000);
    await waitFor(() => recorder.latest('S1')?.status === 'filled', 'a periodic reconciliation to find the fill');
    expect(recorder.reports.some((report) => report.reason === 'periodic' && report.updated.some((order) => order.id === 'S1'))).toBe(true);
    expect(scheduler.delays).toContain(60_000);
  });

  it('opens the circuit after consecutive failures and stops calling the venue until the cooldown passes', async () => {
    const { fake, broker, clock } = await connected({ resilience: { reconcileIntervalMs: 0, retry: { maxAttempts: 3 }, backoff: { initialMs: 100, maxMs: 1_600 }, circuitBreaker: { failureThreshold: 2, cooldownMs: 30_000 } } });
    const before = fake.requests.length;
    fake.book.failNext('unavailable', 100);
    const error = await broker.fetchAccount().catch((thrown: unknown) => thrown);
    // Two requests failed and opened the circuit; the third attempt was refused without a request, 200 ms
    // (the second backoff) into the 30 s cooldown
    expect(fake.requests.length - before).toBe(2);
    expect(error).toMatchObject({ code: 'GM_BROKER_UNAVAILABLE', retryable: true, retryAfterMs: 29_800 });
    expect((error as Error).message).toContain('circuit open after 2 consecutive failures');
    fake.book.clearFailures();
    clock.advance(30_000);
    await expect(broker.fetchAccount()).resolves.toMatchObject({ currency: 'USDT' });
  });

  it('says day orders are not supported on a crypto exchange', async () => {
    const { broker } = await connected();
    await expect(broker.submit(limitBuy('T1', { timeInForce: 'day' }))).rejects.toMatchObject({ code: 'GM_BROKER_NOT_SUPPORTED', message: expect.stringContaining('not supported') });
  });
});
