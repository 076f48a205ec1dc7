import { resolve } from 'node:path';
import type { ResolvedConfig } from '../../config/envelope.js';
import { Engine } from '../../engine/engine.js';
import { loadSystem } from '../../engine/load-system.js';
import { SdkError } from '../../errors/sdk-error.js';
import type { Broker, BrokerCapability } from '../../kinds/broker.js';
import type { DataSource } from '../../kinds/data-source.js';
import { createLogger } from '../../logging/create-logger.js';
import type { Bar } from '../../model/bar.js';
import { roundToTick } from '../../model/instrument.js';
import type { Order } from '../../model/order.js';
import { timeframeToMs } from '../../model/timeframe.js';
import type { CliIo } from '../cli-io.js';

/** Options of `grandmodel broker check`. */
export interface BrokerCheckOptions {
  /** Also place a far-from-market limit buy and cancel it. */
  readonly orderTest?: boolean;
  /** Symbol of the test order (default: the data source's first symbol). */
  readonly symbol?: string;
  /** Quantity of the test order (default 1). */
  readonly quantity?: number;
  /** Limit price of the test order (default: half the last close, rounded to the tick). */
  readonly price?: number;
  /** Longest wait for the venue at each step, in milliseconds (default 15 000). */
  readonly timeoutMs?: number;
}

const CAPABILITIES: readonly BrokerCapability[] = ['market', 'limit', 'stop', 'stopLimit', 'bracket', 'cancel', 'modify', 'fetchAccount', 'fetchPositions', 'fetchOpenOrders', 'orderStream', 'shortSelling'];

/**
 * `grandmodel broker check <config> [--order-test]`: connects with the configured broker and prints its
 * capabilities, account, balances, positions and open orders; with `--order-test` it places a limit buy far below
 * the market and cancels it. Exits 1 with the reason (error code, venue code and message) on any failure.
 * Credentials are never printed.
 */
export async function brokerCheckCommand(configPath: string, options: BrokerCheckOptions, io: CliIo): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const say = (line: string): void => void io.stdout.write(`${line}\n`);
  const system = await loadSystem(resolve(io.cwd, configPath), { env: io.env });
  if (system.config.broker === undefined) {
    io.stderr.write(`broker check failed: ${configPath} has no broker: block\n`);
    return 1;
  }
  const logger = createLogger({ level: 'warn', secrets: system.secretValues, destination: { write: (line: string) => void io.stderr.write(line) } });
  // History is enough for the test price: a live source would wait for the market
  const engine = await Engine.create(withoutLiveData(system.config), system.registry, { logger });
  const broker = engine.kernel.componentsOf('broker')[0]!.instance as unknown as Broker;
  const entry = system.config.broker;
  try {
    say(`broker     ${entry.id}${entry.id === entry.use ? '' : ` (${entry.use})`}, venue ${broker.venue}, mode ${system.config.mode}`);
    say(`supports   ${CAPABILITIES.filter((capability) => broker.has[capability] === true || broker.has[capability] === 'emulated').map((capability) => (broker.has[capability] === 'emulated' ? `${capability} (emulated)` : capability)).join(', ')}`);
    await within(broker.connect?.(), timeoutMs, 'connecting');
    say('connected  yes');
    if (supports(broker, 'fetchAccount')) {
      const account = await within(broker.fetchAccount!(), timeoutMs, 'reading the account');
      say(`account    ${account.currency}: cash ${account.cash}, equity ${account.equity}${account.buyingPower === undefined ? '' : `, buying power ${account.buyingPower}`}`);
      const balances = Object.entries(account.balances ?? {});
      if (balances.length > 0) say(`balances   ${balances.map(([currency, amount]) => `${currency} ${amount}`).join(', ')}`);
    } else say('account    (not supported by this broker)');
    if (supports(broker, 'fetchPositions')) {
      const positions = await within(broker.fetchPositions!(), timeoutMs, 'reading positions');
      say(`positions  ${positions.length === 0 ? 'none' : positions.map((position) => `${position.symbol} ${position.quantity}${Number.isNaN(position.averagePrice) ? '' : ` @ ${position.averagePrice}`}`).join(', ')}`);
    } else say('positions  (not supported by this broker)');
    if (supports(broker, 'fetchOpenOrders')) {
      const open = await within(broker.fetchOpenOrders!(), timeoutMs, 'reading open orders');
      say(`open       ${open.length === 0 ? 'no orders' : open.map((order) => `${order.side} ${order.quantity} ${order.symbol} ${order.type}${order.limitPrice === undefined ? '' : ` @ ${order.limitPrice}`} (${order.clientOrderId})`).join('; ')}`);
    }
    if (options.orderTest) await orderTest(engine, broker, options, timeoutMs, say);
    say('broker check passed');
    return 0;
  } catch (error) {
    io.stderr.write(`broker check failed: ${describe(error)}\n`);
    return 1;
  } finally {
    await Promise.resolve(broker.disconnect?.()).catch(() => undefined);
    await engine.dispose().catch(() => undefined);
  }
}

async function orderTest(engine: Engine, broker: Broker, options: BrokerCheckOptions, timeoutMs: number, say: (line: string) => void): Promise<void> {
  const data = engine.kernel.componentsOf('data')[0]?.instance as unknown as DataSource | undefined;
  const symbol = options.symbol ?? data?.symbols[0];
  if (symbol === undefined) throw new SdkError('GM_CLI_USAGE', '--order-test needs a symbol: pass --symbol or configure a data source');
  const price = options.price ?? (await farBelowMarket(engine, data!, symbol));
  const quantity = options.quantity ?? 1;
  const now = engine.clock.now();
  const order: Order = Object.freeze({
    id: 'broker-check-1',
    clientOrderId: `gm-check-${now}`,
    symbol,
    side: 'buy',
    type: 'limit',
    quantity,
    limitPrice: price,
    timeInForce: 'gtc',
    status: 'submitted',
    filledQuantity: 0,
    averageFillPrice: Number.NaN,
    createdAt: now,
    updatedAt: now,
  });
  const updates: Order[] = [];
  broker.setListener({ onOrderUpdate: (update) => void updates.push(update), onFill: () => undefined });
  const latest = (): Order | undefined => updates.filter((update) => update.id === order.id).at(-1);
  say(`order test limit buy ${quantity} ${symbol} @ ${price} (client id ${order.clientOrderId})`);
  await within(Promise.resolve(broker.submit(order)), timeoutMs, 'placing the test order');
  await until(() => latest()?.status !== undefined && latest()!.status !== 'submitted', timeoutMs, 'the venue to accept the test order');
  const placed = latest()!;
  if (placed.status !== 'accepted') throw new SdkError('GM_BROKER_ORDER_REJECTED', `the test order was ${placed.status}${placed.reason === undefined ? '' : `: ${placed.reason}`}`);
  say('           accepted');
  await within(Promise.resolve(broker.cancel(order.id)), timeoutMs, 'canceling the test order');
  await until(() => latest()?.status === 'canceled', timeoutMs, 'the venue to cancel the test order');
  say('           canceled');
}

// A limit buy at half the last close rests without filling on any sane market
async function farBelowMarket(engine: Engine, data: DataSource, symbol: string): Promise<number> {
  const step = data.output.type === 'bars' ? timeframeToMs(data.output.timeframe) : 60_000;
  const now = engine.clock.now();
  let last: Bar | undefined;
  for await (const batch of data.read({ from: now - 500 * step, to: now })) {
    for (const record of batch) if (record.symbol === symbol && 'close' in record) last = record;
  }
  if (last === undefined) throw new SdkError('GM_CLI_USAGE', `no recent bars of ${symbol} to derive a test price from; pass --price`);
  const tickSize = engine.instruments.get(symbol).tickSize;
  // Printed and sent as typed: as many decimals as the tick has (roundToTick keeps float noise on large prices)
  const decimals = String(tickSize).split('.')[1]?.length ?? 0;
  return Number(roundToTick(last.close * 0.5, tickSize).toFixed(decimals));
}

function withoutLiveData(config: ResolvedConfig): ResolvedConfig {
  const data = config.data;
  if (data === undefined || data.options['live'] !== true) return config;
  return { ...config, data: { ...data, options: { ...data.options, live: false } } };
}

function supports(broker: Broker, capability: BrokerCapability): boolean {
  return broker.has[capability] === true || broker.has[capability] === 'emulated';
}

async function within<T>(work: Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SdkError('GM_BROKER_TIMEOUT', `no answer from the venue after ${ms} ms while ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new SdkError('GM_BROKER_TIMEOUT', `timed out after ${ms} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

// Plugins may load through another copy of the framework: read error fields, not classes
function describe(error: unknown): string {
  if (!SdkError.is(error)) return error instanceof Error ? error.message : String(error);
  const fields = error as SdkError & { venueCode?: string; venueMessage?: string; retryable?: boolean };
  const venue = [fields.venueCode, fields.venueMessage].filter((part) => part !== undefined && part !== '').join(' ');
  const hint = fields.retryable === true ? ' (temporary: try again)' : '';
  return `${error.code}${venue === '' ? '' : ` [venue: ${venue}]`}: ${error.message}${hint}`;
}
