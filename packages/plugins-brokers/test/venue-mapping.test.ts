import { createSilentLogger, SimulatedClock } from '@grandmodel/framework';
import type { Order as CcxtOrder, Position as CcxtPosition } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { frameworkSymbol } from '../src/alpaca/alpaca-order-mapping.js';
import { venueDetails } from '../src/ccxt/ccxt-errors.js';
import { createCcxtExchange } from '../src/ccxt/ccxt-exchange.js';
import { CcxtGateway } from '../src/ccxt/ccxt-gateway.js';
import { ccxtBrokerOptions } from '../src/ccxt/ccxt-options.js';
import { frameworkOrderType, positionFromCcxt, snapshotFromCcxt } from '../src/ccxt/ccxt-order-mapping.js';

describe('ccxt mapping', () => {
  it("reads the exchange's code and message out of a ccxt error text", () => {
    expect(venueDetails('binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}')).toEqual({ venueCode: '-2010', venueMessage: 'Account has insufficient balance for requested action.' });
    expect(venueDetails('kraken GET https://api.kraken.com/0/private/Balance 503 Service Unavailable')).toEqual({ venueCode: '503', venueMessage: 'GET https://api.kraken.com/0/private/Balance 503 Service Unavailable' });
  });

  it('maps stop orders however ccxt spells them, and strips the client id prefix', () => {
    const base = { id: '7', symbol: 'BTC/USDT', side: 'sell', amount: 2, filled: 0.5, average: 101, status: 'open', timestamp: 1_000, clientOrderId: 'run7-gm-3' } as unknown as CcxtOrder;
    expect(frameworkOrderType({ ...base, type: 'stop_loss' })).toBe('stop');
    expect(frameworkOrderType({ ...base, type: 'stop_loss_limit', price: 90 })).toBe('stop_limit');
    expect(frameworkOrderType({ ...base, type: 'market', triggerPrice: 95 })).toBe('stop');
    expect(frameworkOrderType({ ...base, type: 'limit', triggerPrice: 95, price: 94 })).toBe('stop_limit');
    expect(frameworkOrderType({ ...base, type: 'limit', price: 94 })).toBe('limit');
    const snapshot = snapshotFromCcxt({ ...base, type: 'limit', price: 94 }, 'run7-', { clientOrderId: 'unused', time: 5 });
    expect(snapshot).toMatchObject({ clientOrderId: 'gm-3', venueOrderId: '7', status: 'partially_filled', quantity: 2, filledQuantity: 0.5, averageFillPrice: 101, limitPrice: 94, time: 1_000 });
  });

  it('signs derivative positions by side and sizes them in contracts × contract size', () => {
    const short = positionFromCcxt({ symbol: 'BTC/USDT:USDT', side: 'short', contracts: 3, contractSize: 0.001, entryPrice: 60_000, unrealizedPnl: -4.5, markPrice: 61_500 } as unknown as CcxtPosition);
    expect(short).toEqual({ symbol: 'BTC/USDT:USDT', quantity: -0.003, averagePrice: 60_000, realizedPnl: 0, unrealizedPnl: -4.5, markPrice: 61_500 });
  });

  it('claims positions and short selling on derivatives, and only emulated positions on spot', () => {
    const options = (market: string) => ccxtBrokerOptions.parse({ exchange: 'binance', apiKey: 'k', secret: 's', market });
    const clock = new SimulatedClock(0);
    const swap = new CcxtGateway(options('swap'), clock, createSilentLogger());
    const spot = new CcxtGateway(options('spot'), clock, createSilentLogger());
    expect([swap.capabilities.fetchPositions, swap.capabilities.shortSelling]).toEqual([true, true]);
    expect([spot.capabilities.fetchPositions, spot.capabilities.shortSelling, spot.capabilities.bracket]).toEqual(['emulated', false, false]);
  });

  it('applies URL overrides on top of the sandbox (testnet) endpoints', () => {
    const exchange = createCcxtExchange(ccxtBrokerOptions.parse({ exchange: 'binance', apiKey: 'k', secret: 's', sandbox: true, urls: { api: { public: 'http://127.0.0.1:9/api/v3' } } }));
    const api = exchange.urls['api'] as Record<string, unknown>;
    expect(api['public']).toBe('http://127.0.0.1:9/api/v3');
    expect(api['private']).toBe('https://testnet.binance.vision/api/v3');
  });

  it('rejects an unknown exchange id with a clear not-supported error', () => {
    expect(() => new CcxtGateway(ccxtBrokerOptions.parse({ exchange: 'nosuchexchange', apiKey: 'k', secret: 's' }), new SimulatedClock(0), createSilentLogger())).toThrow('exchange "nosuchexchange" is not supported');
  });
});

describe('alpaca mapping', () => {
  it('writes crypto position symbols the way orders and data do', () => {
    expect(frameworkSymbol('BTCUSD', 'crypto')).toBe('BTC/USD');
    expect(frameworkSymbol('ETHUSDT', 'crypto')).toBe('ETH/USDT');
    expect(frameworkSymbol('AAPL', 'us_equity')).toBe('AAPL');
    expect(frameworkSymbol('BTC/USD', 'crypto')).toBe('BTC/USD');
  });
});
