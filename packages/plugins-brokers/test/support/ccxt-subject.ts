import { createSilentLogger, SimulatedClock, type Order } from '@grandmodel/framework';
import { GatewayBroker } from '../../src/core/gateway-broker.js';
import { VirtualScheduler } from '../../src/core/scheduler.js';
import { createCcxtBroker } from '../../src/ccxt/ccxt-broker.js';
import { ccxtBrokerOptions, type CcxtBrokerOptions } from '../../src/ccxt/ccxt-options.js';
import { FakeBinance } from '../fakes/fake-binance.js';

/** Broker options pointing the real ccxt binance client at a fake (spot markets only, no client-side pacing). */
export function fakeBinanceOptions(fake: FakeBinance, overrides: Record<string, unknown> = {}): CcxtBrokerOptions {
  return ccxtBrokerOptions.parse({
    exchange: 'binance',
    apiKey: fake.apiKey,
    secret: fake.secret,
    urls: fake.ccxtUrls(),
    exchangeOptions: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
    enableRateLimit: false,
    timeoutMs: 2_000,
    symbols: ['BTC/USDT'],
    resilience: { reconcileIntervalMs: 0, retry: { maxAttempts: 3 }, backoff: { initialMs: 100, maxMs: 1_600 }, circuitBreaker: { failureThreshold: 50, cooldownMs: 5_000 } },
    ...overrides,
  });
}

/** A started fake Binance and a ccxt broker connected to it through the real ccxt client. */
export interface CcxtHarness {
  readonly fake: FakeBinance;
  readonly broker: GatewayBroker;
  readonly clock: SimulatedClock;
  readonly scheduler: VirtualScheduler;
  dispose(): Promise<void>;
}

/** Starts a fake Binance and creates a ccxt broker for it (not yet connected). */
export async function ccxtHarness(overrides: Record<string, unknown> = {}): Promise<CcxtHarness> {
  const fake = new FakeBinance();
  await fake.start();
  const clock = new SimulatedClock(Date.now());
  const scheduler = new VirtualScheduler(clock);
  const broker = createCcxtBroker(fakeBinanceOptions(fake, overrides), { clock, logger: createSilentLogger(), scheduler });
  return {
    fake,
    broker,
    clock,
    scheduler,
    async dispose() {
      await broker.disconnect();
      await fake.stop();
    },
  };
}

/** Venue control of the broker contract, driving the fake's book. */
export function binanceControl(fake: FakeBinance) {
  return {
    fill(order: Order, price: number, quantity?: number) {
      const venueOrder = fake.book.byClientId(order.clientOrderId, true);
      if (venueOrder === undefined) throw new Error(`the fake holds no open order ${order.clientOrderId}`);
      fake.book.fill(venueOrder.venueId, price, quantity);
    },
    failNext: (failure: Parameters<FakeBinance['book']['failNext']>[0], times?: number) => fake.book.failNext(failure, times),
    clearFailures: () => fake.book.clearFailures(),
    countOrders: (clientOrderId: string) => fake.book.countPlaced(clientOrderId),
  };
}
