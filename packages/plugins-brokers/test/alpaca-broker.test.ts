import { createSilentLogger, type Order } from '@grandmodel/framework';
import { ListenerRecorder, waitFor } from '@grandmodel/framework/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../src/alpaca/alpaca-broker.js';
import type { ReconcileReport } from '../src/core/reconcile-report.js';
import { alpacaHarness, fakeAlpacaOptions, type AlpacaHarness } from './support/alpaca-subject.js';

const limitBuy = (id: string, fields: Partial<Order> = {}): Order =>
  Object.freeze({
    id,
    clientOrderId: `cid-${id}`,
    symbol: 'AAPL',
    side: 'buy',
    type: 'limit',
    quantity: 10,
    limitPrice: 150,
    timeInForce: 'day',
    status: 'submitted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  }) as Order;

class ReconcileRecorder extends ListenerRecorder {
  readonly reports: ReconcileReport[] = [];
  onReconcile(report: ReconcileReport): void {
    this.reports.push(report);
  }
}

let harness: AlpacaHarness | undefined;
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function connected() {
  harness = await alpacaHarness();
  const recorder = new ReconcileRecorder();
  harness.broker.setListener(recorder);
  await harness.broker.connect();
  return { ...harness, recorder };
}

describe('alpaca broker against a fake Alpaca (real @alpacahq/alpaca-trade-api v4 client)', () => {
  it('routes REST calls to baseUrl with the key headers and reports account and positions', async () => {
    const { fake, broker } = await connected();
    // 100 000 USD cash and 10 AAPL at 190: equity 101 900, buying power 2 × cash
    await expect(broker.fetchAccount()).resolves.toEqual({ currency: 'USD', cash: 100_000, equity: 101_900, buyingPower: 200_000 });
    fake.book.balances.set('BTC', -0.5);
    const positions = await broker.fetchPositions();
    expect(positions).toEqual([
      { symbol: 'AAPL', quantity: 10, averagePrice: 150, realizedPnl: 0, unrealizedPnl: 400, markPrice: 190 },
      // Alpaca lists crypto positions as BTCUSD; the broker reports the order symbol BTC/USD, short by side
      { symbol: 'BTC/USD', quantity: -0.5, averagePrice: 150, realizedPnl: 0, unrealizedPnl: -29_925, markPrice: 60_000 },
    ]);
    expect(fake.requests).toContain('GET /v2/account');
  });

  it('follows partial fills from the trade-updates stream and keeps them through a replace', async () => {
    const { fake, broker, recorder } = await connected();
    const order = limitBuy('M1');
    await broker.submit(order);
    fake.book.fill(fake.book.byClientId('cid-M1')!.venueId, 150, 4);
    await waitFor(() => recorder.latest('M1')?.filledQuantity === 4, 'the partial fill');
    // Raise the limit: Alpaca replaces the order (new id, new client id) for the 6 still open
    await broker.modify('M1', { limitPrice: 151 });
    const replacement = fake.book.openOrders()[0]!;
    expect(replacement.clientOrderId).toBe('cid-M1.r1');
    expect(replacement.quantity).toBe(6);
    expect(recorder.latest('M1')).toMatchObject({ status: 'partially_filled', limitPrice: 151, quantity: 10, filledQuantity: 4 });
    fake.book.fill(replacement.venueId, 151);
    await waitFor(() => recorder.latest('M1')?.status === 'filled', 'the fill of the replacement');
    expect(recorder.fills('M1').map((fill) => [fill.quantity, fill.price, fill.clientOrderId])).toEqual([
      [4, 150, 'cid-M1'],
      [6, 151, 'cid-M1'],
    ]);
    expect(recorder.latest('M1')!.averageFillPrice).toBeCloseTo((4 * 150 + 6 * 151) / 10, 10);
  });

  it('classifies 429 with Retry-After, 403 insufficient buying power and 422 unknown assets', async () => {
    const { fake, broker, scheduler, recorder } = await connected();
    fake.retryAfterSeconds = 4;
    fake.book.failNext('rate-limit', 5);
    const limited = await broker.fetchOpenOrders().catch((thrown: unknown) => thrown);
    expect(limited).toMatchObject({ code: 'GM_BROKER_RATE_LIMITED', retryable: true, retryAfterMs: 4_000, venueCode: '42910000', venueMessage: 'rate limit exceeded' });
    expect(scheduler.delays).toEqual([4_000, 4_000]);
    fake.book.clearFailures();
    const poor = await broker.submit(limitBuy('P1', { quantity: 10_000 })).catch((thrown: unknown) => thrown);
    expect(poor).toMatchObject({ code: 'GM_BROKER_INSUFFICIENT_FUNDS', retryable: false, venueCode: '40310000', venueMessage: 'insufficient buying power' });
    expect(recorder.latest('P1')?.status).toBe('rejected');
    const unknown = await broker.submit(limitBuy('U1', { symbol: 'ZZZZ' })).catch((thrown: unknown) => thrown);
    expect(unknown).toMatchObject({ code: 'GM_BROKER_BAD_SYMBOL', retryable: false, venueCode: '40010001' });
  });

  it('looks the order up after a dropped response instead of placing it twice', async () => {
    const { fake, broker, recorder } = await connected();
    fake.dropOrderResponses = 1;
    await broker.submit(limitBuy('D1'));
    await waitFor(() => recorder.latest('D1')?.status === 'accepted', 'acceptance');
    expect(fake.requests.filter((request) => request === 'POST /v2/orders')).toHaveLength(1);
    expect(fake.requests).toContain('GET /v2/orders:by_client_order_id');
    expect(fake.book.countPlaced('cid-D1')).toBe(1);
  });

  it('reconnects the trade-updates stream after a venue restart and reconciles a cancel it missed', async () => {
    const { fake, broker, recorder } = await connected();
    await broker.submit(limitBuy('X1'));
    await broker.submit(limitBuy('X2'));
    await fake.stop();
    fake.book.cancel(fake.book.byClientId('cid-X1')!.venueId);
    fake.book.fill(fake.book.byClientId('cid-X2')!.venueId, 149.5, 3);
    await waitFor(() => broker.stats().streamDrops >= 2, 'failed reconnects');
    await fake.start();
    // The report comes once the whole reconciliation (orders, then positions) is done
    await waitFor(() => recorder.reports.some((candidate) => candidate.reason === 'reconnect' && candidate.updated.length === 2), 'reconciliation after the reconnect', 10_000);
    expect(recorder.latest('X1')?.status).toBe('canceled');
    expect(recorder.latest('X2')?.filledQuantity).toBe(3);
    expect(recorder.fills('X2').map((fill) => [fill.quantity, fill.price])).toEqual([[3, 149.5]]);
    expect(fake.tradingStreamAuthentications).toBeGreaterThanOrEqual(2);
    const report = recorder.reports.find((candidate) => candidate.reason === 'reconnect' && candidate.updated.length === 2)!;
    expect(report.updated.map((order) => order.id).sort()).toEqual(['X1', 'X2']);
  });

  it('refuses wrong credentials at connect', async () => {
    harness = await alpacaHarness();
    const broker = createAlpacaBroker(fakeAlpacaOptions(harness.fake, { secretKey: 'wrong' }), { clock: harness.clock, logger: createSilentLogger(), scheduler: harness.scheduler });
    await expect(broker.connect()).rejects.toMatchObject({ code: 'GM_BROKER_AUTH_FAILED', retryable: false, venueCode: '40110000' });
  });
});
