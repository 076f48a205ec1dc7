import { createSilentLogger, SimulatedClock, type Order } from '@grandmodel/framework';
import { createAlpacaBroker } from '../../src/alpaca/alpaca-broker.js';
import { alpacaBrokerOptions, type AlpacaBrokerOptions } from '../../src/alpaca/alpaca-options.js';
import type { GatewayBroker } from '../../src/core/gateway-broker.js';
import { VirtualScheduler } from '../../src/core/scheduler.js';
import { FakeAlpaca } from '../fakes/fake-alpaca.js';

/** Broker options pointing the real Alpaca client at a fake (REST and trading stream). */
export function fakeAlpacaOptions(fake: FakeAlpaca, overrides: Record<string, unknown> = {}): AlpacaBrokerOptions {
  return alpacaBrokerOptions.parse({
    keyId: fake.keyId,
    secretKey: fake.secretKey,
    baseUrl: fake.baseUrl,
    dataBaseUrl: fake.baseUrl,
    streamUrl: fake.streamUrl,
    timeoutMs: 2_000,
    clientRateLimit: false,
    resilience: { reconcileIntervalMs: 0, retry: { maxAttempts: 3 }, backoff: { initialMs: 100, maxMs: 1_600 }, circuitBreaker: { failureThreshold: 50, cooldownMs: 5_000 } },
    ...overrides,
  });
}

/** A started fake Alpaca and an alpaca broker for it (not yet connected). */
export interface AlpacaHarness {
  readonly fake: FakeAlpaca;
  readonly broker: GatewayBroker;
  readonly clock: SimulatedClock;
  readonly scheduler: VirtualScheduler;
  dispose(): Promise<void>;
}

export async function alpacaHarness(overrides: Record<string, unknown> = {}): Promise<AlpacaHarness> {
  const fake = new FakeAlpaca();
  await fake.start();
  const clock = new SimulatedClock(Date.now());
  const scheduler = new VirtualScheduler(clock);
  const broker = createAlpacaBroker(fakeAlpacaOptions(fake, overrides), { clock, logger: createSilentLogger(), scheduler });
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
export function alpacaControl(fake: FakeAlpaca) {
  return {
    fill(order: Order, price: number, quantity?: number) {
      const open = fake.book.openOrders().filter((candidate) => candidate.clientOrderId.startsWith(order.clientOrderId));
      const venueOrder = open.at(-1);
      if (venueOrder === undefined) throw new Error(`the fake holds no open order ${order.clientOrderId}`);
      fake.book.fill(venueOrder.venueId, price, quantity);
    },
    failNext: (failure: Parameters<FakeAlpaca['book']['failNext']>[0], times?: number) => fake.book.failNext(failure, times),
    clearFailures: () => fake.book.clearFailures(),
    countOrders: (clientOrderId: string) => fake.book.countPlaced(clientOrderId),
  };
}
