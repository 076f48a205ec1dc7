import { describe, expect, it } from 'vitest';
import { EventBus } from '../bus/event-bus.js';
import { SimulatedClock } from '../clock/clock.js';
import type { RiskModel } from '../kinds/risk-model.js';
import type { OrderIntent } from '../model/order.js';
import type { PortfolioView } from '../orders/portfolio-view.js';
import { RiskEngine } from './risk-engine.js';

const portfolio = (quantity: number): PortfolioView => ({
  equity: 100_000,
  cash: 100_000,
  grossExposure: 0,
  position: (symbol) => ({ symbol, quantity, averagePrice: 100, realizedPnl: 0, unrealizedPnl: 0, markPrice: 100 }),
});
const sell = (quantity: number): OrderIntent => ({ symbol: 'X', side: 'sell', quantity, type: 'market' });

describe('RiskEngine', () => {
  it('passes only position-reducing orders while REDUCING and nothing while HALTED, journaling each change', () => {
    const bus = new EventBus();
    const changes: string[] = [];
    bus.on('trading_state.changed', (e) => void changes.push(`${e.from}→${e.to} by ${e.by}: ${e.reason}`));
    const risk = new RiskEngine(bus, new SimulatedClock(), portfolio(5));
    risk.setTradingState('reducing', 'drawdown 10%', 'drawdown');
    expect(risk.evaluate(sell(5))).toMatchObject({ approved: true });
    expect(risk.evaluate(sell(6))).toEqual({ approved: false, reason: 'trading state is reducing: only orders that reduce a position may pass', deniedBy: 'trading-state' });
    expect(risk.evaluate({ ...sell(1), side: 'buy' })).toMatchObject({ approved: false });
    risk.setTradingState('halted', 'operator', 'operator');
    expect(risk.evaluate(sell(1))).toEqual({ approved: false, reason: 'trading is halted', deniedBy: 'trading-state' });
    expect(changes).toEqual(['active→reducing by drawdown: drawdown 10%', 'reducing→halted by operator: operator']);
  });

  it('runs models in order: an adjustment feeds the next model, a denial stops the chain', () => {
    const seen: number[] = [];
    const halve: RiskModel = { check: (intent) => (seen.push(intent.quantity), { action: 'adjust', intent: { ...intent, quantity: intent.quantity / 2 }, reason: 'halved' }) };
    const capAt2: RiskModel = { check: (intent) => (seen.push(intent.quantity), intent.quantity > 2 ? { action: 'deny', reason: 'too big' } : { action: 'approve' }) };
    const risk = new RiskEngine(new EventBus(), new SimulatedClock(), portfolio(0));
    risk.setModels([{ id: 'halve', model: halve }, { id: 'cap', model: capAt2 }]);
    expect(risk.evaluate(sell(4))).toEqual({ approved: true, intent: sell(2), adjustments: ['halve: halved'] });
    expect(risk.evaluate(sell(8))).toEqual({ approved: false, reason: 'too big', deniedBy: 'cap' });
    expect(seen).toEqual([4, 2, 8, 4]);
  });
});
