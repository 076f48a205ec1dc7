import { describe, expect, it } from 'vitest';
import type { Bar } from '../model/bar.js';
import { SimulatedVenue } from './simulated-venue.js';
import { MINUTE, T0, setup, bar } from './venue-test-harness.js';
import type { Request } from './venue-test-harness.js';

const BRACKET = { stopLoss: 16_950, takeProfit: 17_050 };
const entry = (quantity = 2): Request => ({ symbol: 'NQ', side: 'buy', quantity, type: 'market', bracket: BRACKET });
const quiet = (minutes: number, volume = 10_000): Bar => bar('NQ', minutes, 17_000, 17_020, 16_980, 17_010, volume);

describe('SimulatedVenue brackets', () => {
  it('creates stop-loss and take-profit legs when the entry fills, and the take-profit cancels the stop', () => {
    const { fills, submit, close, latest, updates } = setup();
    const id = submit(entry());
    close(quiet(0));
    expect(latest(`${id}-sl1`)).toMatchObject({
      parentId: id,
      side: 'sell',
      type: 'stop',
      stopPrice: 16_950,
      quantity: 2,
      timeInForce: 'gtc',
      reduceOnly: true,
      status: 'accepted',
    });
    expect(latest(`${id}-tp1`)).toMatchObject({ parentId: id, side: 'sell', type: 'limit', limitPrice: 17_050, quantity: 2, status: 'accepted' });
    close(bar('NQ', 5, 17_010, 17_060, 17_000, 17_055));
    expect(fills.map((fill) => [fill.orderId, fill.side, fill.quantity, fill.price, fill.liquidity])).toEqual([
      [id, 'buy', 2, 17_000, 'taker'],
      [`${id}-tp1`, 'sell', 2, 17_050, 'maker'],
    ]);
    expect(latest(`${id}-sl1`)).toMatchObject({ status: 'canceled', reason: 'one-cancels-other: the other bracket leg filled' });
    expect(updates.map((order) => `${order.id}:${order.status}`)).toEqual([
      `${id}:accepted`,
      `${id}:filled`,
      `${id}-sl1:accepted`,
      `${id}-tp1:accepted`,
      `${id}-tp1:filled`,
      `${id}-sl1:canceled`,
    ]);
  });

  it('fills the stop-loss with slippage and cancels the take-profit', () => {
    const { fills, submit, close, latest } = setup({ slippage: { ticks: 1 } });
    const id = submit(entry());
    close(quiet(0));
    close(bar('NQ', 5, 17_000, 17_005, 16_940, 16_945));
    // Entry 17 000 + 1 tick; stop 16 950 − 1 tick
    expect(fills.map((fill) => fill.price)).toEqual([17_000.25, 16_949.75]);
    expect(latest(`${id}-tp1`)!.status).toBe('canceled');
  });

  it('assumes the stop first when both legs are touched inside one bar, whatever the path order', () => {
    const { fills, submit, close, latest } = setup();
    const id = submit(entry());
    close(quiet(0));
    // Down bar: the path reaches 17 060 (take-profit) before 16 940 (stop), yet the stop is assumed first
    close(bar('NQ', 5, 17_000, 17_060, 16_940, 16_990));
    expect(fills.map((fill) => [fill.orderId, fill.price])).toEqual([
      [id, 17_000],
      [`${id}-sl1`, 16_950],
    ]);
    expect(latest(`${id}-tp1`)!.status).toBe('canceled');
  });

  it('lets the take-profit win when the bar opens through it', () => {
    const { fills, submit, close } = setup();
    const id = submit(entry());
    close(quiet(0));
    close(bar('NQ', 5, 17_070, 17_080, 16_940, 16_950));
    expect(fills.map((fill) => [fill.orderId, fill.price])).toEqual([
      [id, 17_000],
      [`${id}-tp1`, 17_070],
    ]);
  });

  it('can stop out on the entry bar itself, after the entry fill', () => {
    const { fills, submit, close } = setup();
    const id = submit(entry());
    close(bar('NQ', 0, 17_000, 17_005, 16_940, 16_960));
    expect(fills.map((fill) => [fill.orderId, fill.price, fill.time])).toEqual([
      [id, 17_000, T0],
      [`${id}-sl1`, 16_950, T0 + 5 * MINUTE],
    ]);
  });

  it('activates legs at the entry\'s fill point: a limit entry near the low can take profit later in the bar', () => {
    const { fills, submit, close } = setup();
    const id = submit({ symbol: 'NQ', side: 'buy', quantity: 1, type: 'limit', limitPrice: 16_990, bracket: { stopLoss: 16_950, takeProfit: 17_030 } });
    close(bar('NQ', 0, 17_000, 17_040, 16_985, 17_035)); // up bar: 17 000 → 16 985 → 17 040
    expect(fills.map((fill) => [fill.orderId, fill.price, fill.liquidity])).toEqual([
      [id, 16_990, 'maker'],
      [`${id}-tp1`, 17_030, 'maker'],
    ]);
  });

  it('sizes legs to the filled quantity under partial entry fills', () => {
    const { fills, submit, close, updates } = setup({ participation: 0.1 });
    const id = submit(entry(10));
    close(quiet(0, 40)); // 4 filled
    close(quiet(5, 40)); // 4 more
    close(quiet(10, 1_000)); // the last 2
    const legQuantities = updates.filter((order) => order.id === `${id}-sl1`).map((order) => order.quantity);
    expect(legQuantities).toEqual([4, 8, 10]);
    expect(updates.filter((order) => order.id === `${id}-tp1`).map((order) => order.quantity)).toEqual([4, 8, 10]);
    expect(fills.map((fill) => fill.quantity)).toEqual([4, 4, 2]);
  });

  it('shrinks the other leg when one leg fills partially, and cancels it when the position is closed', () => {
    const { fills, submit, close, latest } = setup({ participation: 0.1 });
    const id = submit(entry(10));
    close(quiet(0, 1_000)); // entry filled: 10
    close(bar('NQ', 5, 17_010, 17_060, 17_000, 17_055, 40)); // take-profit reached, cap 4
    expect(latest(`${id}-sl1`)).toMatchObject({ status: 'accepted', quantity: 6 });
    close(bar('NQ', 10, 17_000, 17_005, 16_940, 16_945, 1_000)); // stop reached, cap 100
    expect(fills.map((fill) => [fill.orderId, fill.quantity, fill.price])).toEqual([
      [id, 10, 17_000],
      [`${id}-tp1`, 4, 17_050],
      [`${id}-sl1`, 6, 16_950],
    ]);
    expect(latest(`${id}-tp1`)).toMatchObject({ status: 'canceled', filledQuantity: 4 });
  });

  it('creates a single unlinked leg for a bracket with only a stop-loss', () => {
    const { fills, submit, close, updates } = setup();
    const id = submit({ symbol: 'NQ', side: 'sell', quantity: 1, type: 'market', bracket: { stopLoss: 17_050 } });
    close(quiet(0));
    expect(updates.filter((order) => order.parentId === id).map((order) => [order.id, order.side, order.type])).toEqual([[`${id}-sl1`, 'buy', 'stop']]);
    close(bar('NQ', 5, 17_010, 17_060, 17_000, 17_055));
    expect(fills.map((fill) => [fill.side, fill.price])).toEqual([
      ['sell', 17_000],
      ['buy', 17_050],
    ]);
  });
});
