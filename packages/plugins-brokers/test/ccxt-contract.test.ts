import { describeBrokerContract } from '@grandmodel/framework/testing';
import { binanceControl, ccxtHarness } from './support/ccxt-subject.js';

describeBrokerContract('ccxt (binance spot, fake venue)', {
  create: async () => {
    const harness = await ccxtHarness();
    return { broker: harness.broker, venueControl: binanceControl(harness.fake), dispose: () => harness.dispose() };
  },
  symbol: 'BTC/USDT',
  restingBuyPrice: 1_000,
  restingSellPrice: 900_000,
  quantity: 0.01,
  fills: true,
  failures: true,
});
