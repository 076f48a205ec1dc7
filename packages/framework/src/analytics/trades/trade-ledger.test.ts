import { describe, expect, it } from 'vitest';
import type { Bar } from '../../model/bar.js';
import type { Fill } from '../../model/fill.js';
import { createInstrument } from '../../model/instrument.js';
import { SeededRandom } from '../../random/seeded-random.js';
import type { Trade } from './trade.js';
import { TradeLedger } from './trade-ledger.js';

const NQ = createInstrument({ symbol: 'NQ', tickSize: 0.25, multiplier: 20 });
const SPY = createInstrument({ symbol: 'SPY' });
const MINUTE = 60_000;

function fill(orderId: string, side: Fill['side'], quantity: number, price: number, fee: number, time: number, symbol = 'NQ', tag?: string): Fill {
  return { orderId, clientOrderId: `c-${orderId}`, symbol, side, quantity, price, fee, time, liquidity: 'taker', ...(tag === undefined ? {} : { tag }) };
}

function bar(start: number, open: number, high: number, low: number, close: number, symbol = 'NQ'): Bar {
  return { symbol, timeframe: '30m', start, end: start + 30 * MINUTE, open, high, low, close, volume: 1, synthetic: false };
}

describe('TradeLedger', () => {
  it('builds one round trip with multiplier and fees', () => {
    const ledger = new TradeLedger([NQ]);
    ledger.onFill(fill('a', 'buy', 2, 100, 4, 1000, 'NQ', 'entry-signal'));
    ledger.onFill(fill('b', 'sell', 2, 110, 4, 2000, 'NQ', 'take-profit'));
    expect(ledger.trades).toHaveLength(1);
    const trade = ledger.trades[0]!;
    // (110 - 100) × 2 × 20 = 400 gross; fees 4 + 4; return on entry notional 100 × 2 × 20 = 4000
    expect(trade).toMatchObject({ id: 1, status: 'closed', symbol: 'NQ', side: 'long', entryTime: 1000, exitTime: 2000, quantity: 2, entryPrice: 100, exitPrice: 110 });
    expect(trade.grossPnl).toBe(400);
    expect(trade.fees).toBe(8);
    expect(trade.netPnl).toBe(392);
    expect(trade.returnOnNotional).toBe(392 / 4000);
    expect(trade.entryTag).toBe('entry-signal');
    expect(trade.exitTag).toBe('take-profit');
    expect(trade.barsHeld).toBeNull();
    expect(trade.mae).toBeNull();
    expect(ledger.positionQuantity('NQ')).toBe(0);
  });

  it('matches a partial close FIFO and splits it from the rest of the position', () => {
    const ledger = new TradeLedger([NQ]);
    ledger.onFill(fill('a', 'buy', 1, 100, 2, 1000));
    ledger.onFill(fill('b', 'buy', 2, 106, 3, 2000));
    ledger.onFill(fill('x', 'sell', 2, 110, 2, 3000));
    // Order x may still fill more, so its trade waits until another order trades the symbol
    expect(ledger.trades).toHaveLength(0);
    expect(ledger.positionQuantity('NQ')).toBe(1);
    ledger.onFill(fill('y', 'sell', 1, 104, 1, 4000));
    expect(ledger.trades).toHaveLength(2);
    const [first, second] = ledger.trades as [Trade, Trade];
    // FIFO: all of a (1 @ 100) and one of b's two (1 @ 106)
    expect(first.quantity).toBe(2);
    expect(first.entryPrice).toBe((100 + 106) / 2);
    expect(first.entryTime).toBe(1000);
    expect(first.grossPnl).toBe((110 - 100) * 20 + (110 - 106) * 20);
    // Entry fees: all of a's 2, half of b's 3; exit fee 2
    expect(first.entryFees).toBe(2 + 3 / 2);
    expect(first.exitFees).toBe(2);
    expect(first.netPnl).toBe(280 - 5.5);
    expect(first.returnOnNotional).toBe(274.5 / ((100 + 106) * 20));
    // The rest of b: 1 @ 106 closed at 104
    expect(second).toMatchObject({ id: 2, quantity: 1, entryPrice: 106, exitPrice: 104, entryTime: 2000, exitTime: 4000 });
    expect(second.grossPnl).toBe(-40);
    expect(second.netPnl).toBe(-40 - 1.5 - 1);
  });

  it('joins back-to-back fills of one exit order into one trade at the average exit price', () => {
    const ledger = new TradeLedger([NQ]);
    ledger.onFill(fill('a', 'buy', 3, 50, 3, 1000));
    ledger.onFill(fill('z', 'sell', 1, 60, 1, 2000));
    ledger.onFill(fill('z', 'sell', 2, 62, 2, 2500));
    expect(ledger.trades).toHaveLength(1);
    const trade = ledger.trades[0]!;
    expect(trade.quantity).toBe(3);
    expect(trade.exitPrice).toBe((60 + 2 * 62) / 3);
    expect(trade.exitTime).toBe(2500);
    expect(trade.grossPnl).toBe((10 + 2 * 12) * 20);
    expect(trade.fees).toBe(3 + 3);
  });

  it('closes one trade and opens the next when a fill flips the position', () => {
    const ledger = new TradeLedger([NQ]);
    ledger.onFill(fill('s', 'sell', 1, 200, 1, 1000));
    ledger.onFill(fill('f', 'buy', 3, 190, 3, 2000));
    expect(ledger.trades).toHaveLength(1);
    const short = ledger.trades[0]!;
    // Short 1 @ 200 covered @ 190: +10 × 20; exit fee is 1/3 of the flipping fill's 3
    expect(short).toMatchObject({ side: 'short', quantity: 1, entryPrice: 200, exitPrice: 190 });
    expect(short.grossPnl).toBe(200);
    expect(short.exitFees).toBe(1);
    expect(short.netPnl).toBe(200 - 1 - 1);
    expect(ledger.positionQuantity('NQ')).toBe(2);
    // The remaining 2 @ 190 are open, marked at the last fill price until bars arrive
    const [open] = ledger.openTrades();
    expect(open).toMatchObject({ id: 2, status: 'open', side: 'long', quantity: 2, entryPrice: 190, exitPrice: 190, exitTime: 2000, exitFees: 0 });
    expect(open!.entryFees).toBe(2);
    expect(open!.netPnl).toBe(-2);
    ledger.onBar(bar(3000, 190, 196, 189, 195));
    const [marked] = ledger.openTrades();
    // Marked at the bar close 195: (195 - 190) × 2 × 20 = 200, minus entry fees 2
    expect(marked).toMatchObject({ exitPrice: 195, exitTime: 3000 + 30 * MINUTE, grossPnl: 200, netPnl: 198 });
  });

  it('counts bars held and MAE/MFE from bars that began after the entry', () => {
    const ledger = new TradeLedger([NQ]);
    const t0 = Date.UTC(2024, 0, 2, 14, 0);
    ledger.onBar(bar(t0, 99, 101, 90, 100));
    ledger.onFill(fill('a', 'buy', 1, 100, 0, t0 + 30 * MINUTE));
    // The fill happened at this bar's open, so the whole bar counts
    ledger.onBar(bar(t0 + 30 * MINUTE, 100, 104, 95, 103));
    ledger.onBar(bar(t0 + 60 * MINUTE, 103, 112, 98, 108));
    ledger.onFill(fill('b', 'sell', 1, 108, 0, t0 + 90 * MINUTE));
    const trade = ledger.trades[0]!;
    // The bar at t0 (low 90) is before the entry and ignored; lows 95, 98 and highs 104, 112 count
    expect(trade.barsHeld).toBe(2);
    expect(trade.mae).toBe((95 - 100) * 20);
    expect(trade.mfe).toBe((112 - 100) * 20);
  });

  it('measures excursions of a short against highs for MAE and lows for MFE', () => {
    const ledger = new TradeLedger([SPY]);
    ledger.onFill(fill('a', 'sell', 10, 100, 0, 0, 'SPY'));
    ledger.onBar(bar(0, 100, 103, 90, 95, 'SPY'));
    ledger.onFill(fill('b', 'buy', 10, 95, 0, 30 * MINUTE, 'SPY'));
    const trade = ledger.trades[0]!;
    expect(trade.side).toBe('short');
    expect(trade.grossPnl).toBe(50);
    expect(trade.mae).toBe((100 - 103) * 10);
    expect(trade.mfe).toBe((100 - 90) * 10);
    expect(trade.barsHeld).toBe(1);
  });

  it('streams trades to a listener without keeping them when asked', () => {
    const seen: Trade[] = [];
    const ledger = new TradeLedger([NQ], { retainTrades: false, onTrade: (trade) => seen.push(trade) });
    ledger.onFill(fill('a', 'buy', 1, 100, 0, 1));
    ledger.onFill(fill('b', 'sell', 2, 101, 0, 2));
    ledger.onFill(fill('c', 'buy', 1, 99, 0, 3));
    expect(ledger.trades).toHaveLength(0);
    expect(seen.map((trade) => [trade.id, trade.side, trade.grossPnl])).toEqual([
      [1, 'long', 20],
      [2, 'short', 40],
    ]);
    expect(ledger.closedCount).toBe(2);
  });

  it('completes a waiting partial exit on flush', () => {
    const ledger = new TradeLedger([NQ]);
    ledger.onFill(fill('a', 'buy', 2, 100, 0, 1));
    ledger.onFill(fill('b', 'sell', 1, 101, 0, 2));
    expect(ledger.trades).toHaveLength(0);
    ledger.flush();
    expect(ledger.trades).toHaveLength(1);
    expect(ledger.openTrades()[0]).toMatchObject({ id: 2, quantity: 1 });
  });

  it('rejects fills it cannot value, naming the field', () => {
    const ledger = new TradeLedger([NQ]);
    expect(() => ledger.onFill(fill('a', 'buy', 1, 100, 0, 1, 'ES'))).toThrow(/Fill of order "a" field "symbol": expected a symbol with a known instrument \(NQ\), was "ES"/);
    expect(() => ledger.onFill(fill('a', 'buy', 0, 100, 0, 1))).toThrow(/Fill of order "a" field "quantity": expected a positive number, was 0/);
    expect(() => ledger.onFill(fill('a', 'buy', 1, Number.NaN, 0, 1))).toThrow(/field "price": expected a finite number, was NaN/);
  });

  it('agrees with cash-flow accounting over a random fill sequence', () => {
    const random = new SeededRandom(11);
    const ledger = new TradeLedger([NQ, SPY]);
    const cash = new Map<string, number>([['NQ', 0], ['SPY', 0]]);
    const held = new Map<string, number>([['NQ', 0], ['SPY', 0]]);
    const last = new Map<string, number>();
    const multiplier = (symbol: string) => (symbol === 'NQ' ? 20 : 1);
    let fees = 0;
    for (let i = 0; i < 400; i++) {
      const symbol = random.next() < 0.5 ? 'NQ' : 'SPY';
      const side: Fill['side'] = random.next() < 0.5 ? 'buy' : 'sell';
      const quantity = 1 + random.int(5);
      const price = 100 + random.int(40) * 0.25;
      const fee = random.int(4) * 0.5;
      // Several fills in a row sometimes share an order id, as partial fills do
      ledger.onFill(fill(`o${Math.floor(i / (1 + random.int(2)))}`, side, quantity, price, fee, i * 1000, symbol));
      const sign = side === 'buy' ? 1 : -1;
      cash.set(symbol, cash.get(symbol)! - sign * quantity * price * multiplier(symbol));
      held.set(symbol, held.get(symbol)! + sign * quantity);
      last.set(symbol, price);
      fees += fee;
    }
    ledger.flush();
    const all = [...ledger.trades, ...ledger.openTrades()];
    // Independent total: cash from every fill plus the held quantity marked at the last price, minus every fee
    let expected = -fees;
    for (const symbol of ['NQ', 'SPY']) expected += cash.get(symbol)! + held.get(symbol)! * last.get(symbol)! * multiplier(symbol);
    const total = all.reduce((sum, trade) => sum + trade.netPnl, 0);
    expect(total).toBeCloseTo(expected, 6);
    expect(all.reduce((sum, trade) => sum + trade.fees, 0)).toBeCloseTo(fees, 9);
    for (const symbol of ['NQ', 'SPY']) expect(ledger.positionQuantity(symbol)).toBe(held.get(symbol));
    expect(all.map((trade) => trade.id)).toEqual(all.map((_, index) => index + 1));
  });
});
