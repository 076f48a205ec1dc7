import { describe, expect, it } from 'vitest';
import type { Fill } from '../model/fill.js';
import { createInstrument } from '../model/instrument.js';
import type { OrderSide } from '../model/order.js';
import { SeededRandom } from '../random/seeded-random.js';
import { Portfolio } from './portfolio.js';

const NQ = createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20, marginRate: 0.05 });
const AAPL = createInstrument({ symbol: 'AAPL', tickSize: 0.01 });
const INSTRUMENTS = [NQ, AAPL];

let sequence = 0;
function fill(symbol: string, side: OrderSide, quantity: number, price: number, fee = 0): Fill {
  sequence++;
  return { orderId: `o${sequence}`, clientOrderId: `c${sequence}`, symbol, side, quantity, price, fee, time: sequence, liquidity: 'taker' };
}

describe('Portfolio', () => {
  it('books a long round trip: fees and realized PnL move cash, marks move equity', () => {
    const portfolio = new Portfolio({ cash: 10_000, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('AAPL', 'buy', 100, 50, 1));
    expect(portfolio.cash).toBe(9_999);
    expect(portfolio.equity).toBe(9_999);
    portfolio.mark('AAPL', 52.5);
    // Unrealized 100 × (52.50 − 50) = 250
    expect(portfolio.snapshot()).toMatchObject({
      cash: 9_999,
      unrealizedPnl: 250,
      equity: 10_249,
      grossExposure: 5_250,
      netExposure: 5_250,
      marginUsed: 5_250,
      availableFunds: 4_999,
    });
    expect(portfolio.leverage).toBeCloseTo(5_250 / 10_249, 12);
    const realized = portfolio.applyFill(fill('AAPL', 'sell', 100, 53, 1));
    // 100 × (53 − 50) = 300; cash 9 999 + 300 − 1
    expect(realized).toBe(300);
    expect(portfolio.snapshot()).toMatchObject({ cash: 10_298, equity: 10_298, realizedPnl: 300, fees: 2, grossExposure: 0, marginUsed: 0 });
    expect(portfolio.position('AAPL')).toMatchObject({ quantity: 0, realizedPnl: 300 });
    expect(portfolio.position('AAPL')!.averagePrice).toBeNaN();
  });

  it('books a short NQ position with the multiplier and margin rate', () => {
    const portfolio = new Portfolio({ cash: 100_000, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('NQ', 'sell', 2, 17_000, 5));
    portfolio.mark('NQ', 16_950);
    // Unrealized (16 950 − 17 000) × −2 × 20 = 2 000; margin 2 × 16 950 × 20 × 0.05 = 33 900
    expect(portfolio.snapshot()).toMatchObject({
      cash: 99_995,
      unrealizedPnl: 2_000,
      equity: 101_995,
      marginUsed: 33_900,
      availableFunds: 68_095,
      grossExposure: 678_000,
      netExposure: -678_000,
    });
    expect(portfolio.position('NQ')).toMatchObject({ quantity: -2, averagePrice: 17_000, unrealizedPnl: 2_000, markPrice: 16_950 });
    // Cover at 16 900: (16 900 − 17 000) × −2 × 20 = 4 000
    expect(portfolio.applyFill(fill('NQ', 'buy', 2, 16_900, 5))).toBe(4_000);
    expect(portfolio.cash).toBe(103_990);
    expect(portfolio.equity).toBe(103_990);
  });

  it('averages additions, realizes only the closed part on a flip, and opens the rest at the fill price', () => {
    const portfolio = new Portfolio({ cash: 100_000, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('NQ', 'buy', 1, 17_000));
    portfolio.applyFill(fill('NQ', 'buy', 2, 17_030));
    // (17 000 + 2 × 17 030) / 3 = 17 020
    expect(portfolio.position('NQ')).toMatchObject({ quantity: 3, averagePrice: 17_020 });
    // Sell 5: closes 3 for (17 050 − 17 020) × 3 × 20 = 1 800, opens 2 short at 17 050
    expect(portfolio.applyFill(fill('NQ', 'sell', 5, 17_050))).toBe(1_800);
    expect(portfolio.position('NQ')).toMatchObject({ quantity: -2, averagePrice: 17_050, realizedPnl: 1_800 });
    portfolio.mark('NQ', 17_040);
    expect(portfolio.unrealizedPnl).toBe(400); // (17 040 − 17 050) × −2 × 20
    // Cover at 17 060: (17 060 − 17 050) × −2 × 20 = −400
    expect(portfolio.applyFill(fill('NQ', 'buy', 2, 17_060))).toBe(-400);
    expect(portfolio.realizedPnl).toBe(1_400);
    expect(portfolio.cash).toBe(101_400);
  });

  it('keeps the average price through a partial reduction', () => {
    const portfolio = new Portfolio({ cash: 0, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('AAPL', 'buy', 10, 100));
    expect(portfolio.applyFill(fill('AAPL', 'sell', 4, 110))).toBe(40); // 4 × 10
    expect(portfolio.position('AAPL')).toMatchObject({ quantity: 6, averagePrice: 100 });
  });

  it('tracks peak equity, drawdown and the largest drawdown', () => {
    const portfolio = new Portfolio({ cash: 10_000, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('AAPL', 'buy', 100, 100));
    portfolio.mark('AAPL', 110); // equity 11 000: the peak
    portfolio.mark('AAPL', 99); // equity 9 900
    expect(portfolio.snapshot()).toMatchObject({ peakEquity: 11_000, drawdownAmount: 1_100 });
    expect(portfolio.drawdown).toBeCloseTo(1 - 9_900 / 11_000, 12); // 0.1
    portfolio.mark('AAPL', 105); // equity 10 500
    expect(portfolio.drawdown).toBeCloseTo(1 - 10_500 / 11_000, 12);
    expect(portfolio.maxDrawdown).toBeCloseTo(0.1, 12);
    portfolio.mark('AAPL', 115); // new peak 11 500
    expect(portfolio.snapshot()).toMatchObject({ peakEquity: 11_500, drawdown: 0, drawdownAmount: 0 });
    expect(portfolio.maxDrawdown).toBeCloseTo(0.1, 12);
  });

  it('keeps money exact to the cent where binary floats would drift', () => {
    const portfolio = new Portfolio({ cash: 1_000, instruments: INSTRUMENTS });
    for (const price of [100.1, 100.2, 100.3]) portfolio.applyFill(fill('AAPL', 'buy', 1, price, 0.1));
    // 3 × 100.70 − (100.10 + 100.20 + 100.30) = 1.50; ten fees of 0.10 = 1.00
    expect(portfolio.applyFill(fill('AAPL', 'sell', 3, 100.7, 0.1))).toBe(1.5);
    for (let index = 0; index < 6; index++) portfolio.applyFill(fill('AAPL', index % 2 === 0 ? 'buy' : 'sell', 1, 100, 0.1));
    expect(portfolio.fees).toBe(1);
    expect(portfolio.cash).toBe(1_000.5);
  });

  it('equals the cash-and-holdings view (cash flows + market value) over a random sequence of fills', () => {
    const random = new SeededRandom(11);
    const portfolio = new Portfolio({ cash: 250_000, instruments: INSTRUMENTS });
    let cashFlow = 250_000;
    const held: Record<string, number> = { NQ: 0, AAPL: 0 };
    const last: Record<string, number> = { NQ: 17_000, AAPL: 180 };
    for (let step = 0; step < 400; step++) {
      const instrument = random.next() < 0.5 ? NQ : AAPL;
      const symbol = instrument.symbol;
      const move = (random.int(41) - 20) * instrument.tickSize;
      last[symbol] = Math.max(instrument.tickSize, Number((last[symbol]! + move).toFixed(2)));
      if (random.next() < 0.6) {
        const side: OrderSide = random.next() < 0.5 ? 'buy' : 'sell';
        const quantity = 1 + random.int(5);
        const fee = Number((quantity * 1.1).toFixed(2));
        portfolio.applyFill(fill(symbol, side, quantity, last[symbol]!, fee));
        const signed = side === 'buy' ? quantity : -quantity;
        // Cash-and-holdings: buying pays the full notional, selling receives it
        cashFlow -= signed * last[symbol]! * instrument.multiplier + fee;
        held[symbol]! += signed;
      } else {
        portfolio.mark(symbol, last[symbol]!);
      }
      const holdings = held.NQ! * last.NQ! * NQ.multiplier + held.AAPL! * last.AAPL!;
      expect(portfolio.equity).toBeCloseTo(cashFlow + holdings, 6);
    }
  });

  it('reports bad input with the field and the value received', () => {
    const portfolio = new Portfolio({ cash: 1_000, instruments: (symbol) => (symbol === 'NQ' ? NQ : undefined) });
    expect(() => portfolio.applyFill(fill('ES', 'buy', 1, 5_000))).toThrow('unknown symbol "ES", expected one of the configured instruments');
    expect(() => portfolio.applyFill({ ...fill('NQ', 'buy', 1, 5_000), quantity: -1 })).toThrow('field "quantity": expected a positive number, was -1');
    expect(() => portfolio.applyFill({ ...fill('NQ', 'buy', 1, 5_000), price: Number.NaN })).toThrow('field "price": expected a positive number, was NaN');
    expect(() => portfolio.mark('NQ', 0)).toThrow('mark for "NQ": expected a positive price, was 0');
    expect(() => new Portfolio({ cash: Number.NaN, instruments: [] })).toThrow('Portfolio option "cash": expected a finite number, was NaN');
  });

  it('returns an immutable snapshot listing flat positions with their realized PnL', () => {
    const portfolio = new Portfolio({ cash: 1_000, instruments: INSTRUMENTS });
    portfolio.applyFill(fill('AAPL', 'buy', 2, 10));
    portfolio.applyFill(fill('AAPL', 'sell', 2, 12));
    portfolio.mark('NQ', 17_000);
    const snapshot = portfolio.snapshot();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(snapshot.positions.map((position) => [position.symbol, position.quantity, position.realizedPnl])).toEqual([
      ['AAPL', 0, 4],
      ['NQ', 0, 0],
    ]);
    expect(portfolio.lastPrice('NQ')).toBe(17_000);
    expect(portfolio.lastPrice('AAPL')).toBe(12);
    expect(portfolio.position('ES')).toBeUndefined();
  });
});
