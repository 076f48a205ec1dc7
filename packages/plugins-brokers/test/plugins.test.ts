import { createLogger, loadSystem, z, Engine, type ConfigInput } from '@grandmodel/framework';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerPlugins } from '../src/index.js';
import { GatewayBroker } from '../src/core/gateway-broker.js';
import { FakeBinance } from './fakes/fake-binance.js';

let fake: FakeBinance | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

/** Every option of a schema (nested objects included) with its description, from the JSON Schema. */
function undescribed(schema: Record<string, unknown>, path = ''): string[] {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).flatMap(([name, property]) => {
    const here = path === '' ? name : `${path}.${name}`;
    const own = typeof property['description'] === 'string' && property['description'] !== '' ? [] : [here];
    return [...own, ...(property['type'] === 'object' ? undescribed(property, here) : [])];
  });
}

describe('broker plugins', () => {
  it('declare ids, kinds and capabilities, and describe every option', () => {
    expect(brokerPlugins.map((plugin) => [plugin.manifest.id, plugin.manifest.kind])).toEqual([
      ['paper', 'broker'],
      ['ccxt', 'broker'],
      ['ccxt-data', 'data-source'],
      ['alpaca', 'broker'],
      ['alpaca-data', 'data-source'],
    ]);
    for (const plugin of brokerPlugins) {
      expect(Object.keys(plugin.manifest.capabilities ?? {}).length, plugin.manifest.id).toBeGreaterThan(0);
      expect(undescribed(z.toJSONSchema(plugin.options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>), plugin.manifest.id).toEqual([]);
    }
  });

  it('reject unknown options and name the field (strict schemas)', async () => {
    const config: ConfigInput = {
      data: { use: 'ccxt-data', options: { exchange: 'binance', symbols: ['BTC/USDT'], timeframe: '1m', interval: '1m' } },
      broker: { use: 'ccxt', options: { exchange: 'binance', apiKey: '${KEY}', secret: '${SECRET}', sandbox: 'yes' } },
    };
    const error = await loadSystem(config, { plugins: brokerPlugins, env: { KEY: 'k', SECRET: 's' } }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'GM_CONFIG_INVALID' });
    const message = (error as Error).message;
    expect(message).toContain('data.options');
    expect(message).toContain('interval');
    expect(message).toContain('broker.options.sandbox');
  });

  it('create a ccxt broker through the engine with credentials from the environment, never logging them', async () => {
    fake = new FakeBinance('live-key-4f2a9c', 'live-secret-8d1e7b');
    await fake.start();
    fake.book.failNext('rate-limit', 1);
    // Retry-After: 0 keeps the (real) wait short; the plugin uses the wall-clock scheduler
    fake.retryAfterSeconds = 0;
    const lines: string[] = [];
    const connection = { exchange: 'binance', urls: fake.ccxtUrls(), exchangeOptions: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false }, enableRateLimit: false };
    const system = await loadSystem(
      {
        mode: 'live',
        logging: { level: 'debug' },
        data: { use: 'ccxt-data', options: { ...connection, symbols: ['BTC/USDT'] } },
        broker: { use: 'ccxt', options: { ...connection, apiKey: '${BINANCE_KEY}', secret: '${BINANCE_SECRET}', resilience: { reconcileIntervalMs: 0, backoff: { initialMs: 1 } } } },
      },
      { plugins: brokerPlugins, env: { BINANCE_KEY: fake.apiKey, BINANCE_SECRET: fake.secret } },
    );
    expect(system.config.secretPaths).toEqual(['broker.options.apiKey', 'broker.options.secret']);
    const logger = createLogger({ level: 'debug', secrets: system.secretValues, destination: { write: (line: string) => void lines.push(line) } });
    const engine = await Engine.create(system.config, system.registry, { logger });
    const broker = engine.kernel.componentsOf('broker')[0]!.instance as unknown as GatewayBroker;
    expect(broker).toBeInstanceOf(GatewayBroker);
    await broker.connect();
    // The injected 429 made the broker log a retry warning; options are logged nowhere, redacted anyway
    logger.info({ options: system.config.broker!.options }, 'options as a careless plugin might log them');
    await broker.disconnect();
    await engine.dispose();
    const log = lines.join('');
    expect(log).toContain('venue call failed; retrying');
    expect(log).toContain('[REDACTED]');
    expect(log).not.toContain(fake.apiKey);
    expect(log).not.toContain(fake.secret);
  });
});
