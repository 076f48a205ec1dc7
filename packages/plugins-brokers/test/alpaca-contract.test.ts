import { describeBrokerContract } from '@grandmodel/framework/testing';
import { alpacaControl, alpacaHarness } from './support/alpaca-subject.js';

describeBrokerContract('alpaca (stocks, fake venue)', {
  create: async () => {
    const harness = await alpacaHarness();
    return { broker: harness.broker, venueControl: alpacaControl(harness.fake), dispose: () => harness.dispose() };
  },
  symbol: 'AAPL',
  restingBuyPrice: 100,
  restingSellPrice: 900,
  quantity: 2,
  fills: true,
  failures: true,
});
