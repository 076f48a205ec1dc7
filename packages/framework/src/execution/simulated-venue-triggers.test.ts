import { describe, expect, it } from 'vitest';
import { SimulatedVenue } from './simulated-venue.js';
import { setup, bar } from './venue-test-harness.js';

describe('SimulatedVenue intrabar path', () => {
  it('walks a bar that closes up open → low → high → close, so the limit near the low fills before the stop near the high', () => {
    const { fills, submit, close } = setup();
    const stop = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop', stopPrice: 102.5 });
    const limit = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 98.5 });
    close(bar('AAPL', 0, 100, 103, 98, 102));
    expect(fills.map((fill) => [fill.orderId, fill.price])).toEqual([
      [limit, 98.5],
      [stop, 102.5],
    ]);
  });

  it('walks any other bar open → high → low → close, so the stop near the high fills first', () => {
    const { fills, submit, close } = setup();
    const stop = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop', stopPrice: 102.5 });
    const limit = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 98.5 });
    close(bar('AAPL', 0, 100, 103, 98, 99));
    expect(fills.map((fill) => [fill.orderId, fill.price])).toEqual([
      [stop, 102.5],
      [limit, 98.5],
    ]);
  });
});

describe('SimulatedVenue stops and limits', () => {
  it('fills a stop touched inside the bar at the stop price less slippage', () => {
    const { fills, submit, close } = setup({ slippage: { ticks: 1 } });
    submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'stop', stopPrice: 98 });
    close(bar('AAPL', 0, 99, 99.5, 97, 97.5));
    expect(fills.map((fill) => [fill.price, fill.liquidity])).toEqual([[97.99, 'taker']]); // 98 − 1 tick
  });

  it('fills a stop gapped through at the open (the worse price) less slippage', () => {
    const { fills, submit, close } = setup({ slippage: { ticks: 1 } });
    submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'stop', stopPrice: 98 });
    close(bar('AAPL', 0, 99, 99.5, 98.5, 99)); // not reached
    close(bar('AAPL', 5, 97.5, 98.2, 97, 97.2)); // opens below the stop
    expect(fills.map((fill) => fill.price)).toEqual([97.49]); // 97.50 open − 1 tick
  });

  it('fills a limit touched inside the bar at the limit price, and one gapped through at the better open', () => {
    const { fills, submit, close } = setup();
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 99.5 });
    submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'limit', limitPrice: 101 });
    close(bar('AAPL', 0, 100, 100.5, 99.8, 100.2)); // neither reached
    close(bar('AAPL', 5, 101.5, 101.8, 99.2, 99.4)); // opens above the sell limit, later trades below the buy limit
    expect(fills.map((fill) => [fill.side, fill.price, fill.liquidity])).toEqual([
      ['sell', 101.5, 'maker'],
      ['buy', 99.5, 'maker'],
    ]);
  });

  it('fills a stop-limit at the trigger when the limit allows it', () => {
    const { fills, submit, close } = setup({ slippage: { ticks: 3 } });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop_limit', stopPrice: 101, limitPrice: 101.5 });
    close(bar('AAPL', 0, 100, 102, 99.5, 101.8));
    // Up bar: 100 → 99.5 → 102; the stop triggers at 101 and the limit is a limit: no slippage
    expect(fills.map((fill) => [fill.price, fill.liquidity])).toEqual([[101, 'taker']]);
  });

  it('turns a gapped stop-limit into a resting limit that fills when the price comes back', () => {
    const { fills, submit, close } = setup();
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop_limit', stopPrice: 101, limitPrice: 101.5 });
    close(bar('AAPL', 0, 102, 102.5, 101, 101.2));
    // Opens at 102 above the limit: triggered, then 102 → 102.5 → 101 passes 101.5
    expect(fills.map((fill) => [fill.price, fill.liquidity])).toEqual([[101.5, 'maker']]);
  });

  it('keeps a triggered stop-limit working across bars until its limit is reached', () => {
    const { fills, submit, close } = setup();
    submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'stop_limit', stopPrice: 101, limitPrice: 101.5 });
    close(bar('AAPL', 0, 102, 103, 101.75, 102.5)); // triggered at the open, never back to 101.50
    expect(fills).toHaveLength(0);
    close(bar('AAPL', 5, 101, 101.2, 100.5, 100.8)); // opens below the limit: the better price
    expect(fills.map((fill) => fill.price)).toEqual([101]);
  });

  it('fills the rest of a stop triggered under a participation cap at the next open like a market order', () => {
    const { fills, submit, close } = setup({ participation: 0.1 });
    submit({ symbol: 'AAPL', side: 'sell', quantity: 50, type: 'stop', stopPrice: 98 });
    close(bar('AAPL', 0, 99, 99.5, 97, 97.5, 200)); // cap 20
    close(bar('AAPL', 5, 99, 99.5, 98.5, 99, 1_000)); // back above the stop, still fills: it triggered
    expect(fills.map((fill) => [fill.quantity, fill.price])).toEqual([
      [20, 98],
      [30, 99],
    ]);
  });
});

describe('SimulatedVenue time in force', () => {
  it('IOC fills what the first eligible bar allows and cancels the rest', () => {
    const { fills, submit, close, latest } = setup({ participation: 0.1, latencyMs: 60_000 });
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 50, type: 'market', timeInForce: 'ioc' });
    close(bar('AAPL', 0, 100, 100, 100, 100, 300)); // starts before submit + latency: not eligible
    expect(latest(id)!.status).toBe('accepted');
    close(bar('AAPL', 5, 101, 101, 101, 101, 300)); // cap 30
    expect(fills.map((fill) => fill.quantity)).toEqual([30]);
    expect(latest(id)).toMatchObject({ status: 'canceled', filledQuantity: 30, reason: 'immediate-or-cancel: 20 unfilled on the first eligible bar' });
  });

  it('IOC limit not reached on its first eligible bar is canceled and never fills later', () => {
    const { fills, submit, close, latest } = setup();
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 95, timeInForce: 'ioc' });
    close(bar('AAPL', 0, 100, 101, 99, 100));
    close(bar('AAPL', 5, 96, 96, 94, 95));
    expect(fills).toHaveLength(0);
    expect(latest(id)!.status).toBe('canceled');
  });

  it('FOK fills completely on its first eligible bar or not at all', () => {
    const partial = setup({ participation: 0.1 });
    const killed = partial.submit({ symbol: 'AAPL', side: 'buy', quantity: 50, type: 'market', timeInForce: 'fok' });
    partial.close(bar('AAPL', 0, 100, 100, 100, 100, 300));
    expect(partial.fills).toHaveLength(0);
    expect(partial.latest(killed)).toMatchObject({ status: 'canceled', reason: 'fill-or-kill: only 30 of 50 could fill on the first eligible bar' });

    const whole = setup({ participation: 0.1 });
    const filled = whole.submit({ symbol: 'AAPL', side: 'buy', quantity: 50, type: 'market', timeInForce: 'fok' });
    whole.close(bar('AAPL', 0, 100, 100, 100, 100, 500));
    expect(whole.latest(filled)).toMatchObject({ status: 'filled', filledQuantity: 50 });

    const untouched = setup();
    const missed = untouched.submit({ symbol: 'AAPL', side: 'sell', quantity: 1, type: 'limit', limitPrice: 110, timeInForce: 'fok' });
    untouched.close(bar('AAPL', 0, 100, 101, 99, 100));
    expect(untouched.latest(missed)).toMatchObject({ status: 'canceled', reason: 'fill-or-kill: not filled on the first eligible bar' });
  });

  it('DAY expires at the configured local day end, before trading the next session\'s first bar', () => {
    const { fills, clock, submit, close, latest } = setup({ dayEndsAt: { time: '17:00', timeZone: 'America/New_York' } });
    clock.set(Date.UTC(2024, 0, 2, 21, 0)); // 16:00 in New York (EST, UTC−5)
    const day = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90, timeInForce: 'day' });
    const gtc = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 });
    close(bar('AAPL', 445, 100, 100, 99, 99.5)); // 21:55 UTC, 16:55 ET: still the same day
    expect(latest(day)!.status).toBe('accepted');
    close(bar('AAPL', 450, 91, 91, 89, 90.5)); // 22:00 UTC = 17:00 ET: the day is over
    expect(latest(day)).toMatchObject({ status: 'expired', updatedAt: Date.UTC(2024, 0, 2, 22, 0) });
    expect(fills.map((fill) => fill.orderId)).toEqual([gtc]);
  });

  it('DAY ends at midnight UTC by default', () => {
    const { clock, submit, close, latest } = setup();
    clock.set(Date.UTC(2024, 0, 2, 23, 0));
    const id = submit({ symbol: 'AAPL', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90, timeInForce: 'day' });
    close(bar('AAPL', 565, 100, 100, 99, 99.5)); // 23:55 UTC
    expect(latest(id)!.status).toBe('accepted');
    close(bar('AAPL', 570, 100, 100, 99, 99.5)); // 00:00 UTC next day
    expect(latest(id)).toMatchObject({ status: 'expired', updatedAt: Date.UTC(2024, 0, 3) });
  });
});

describe('SimulatedVenue reduce-only', () => {
  it('fills a reduce-only order only up to the open position and cancels the rest', () => {
    const { fills, submit, close, latest } = setup();
    const idle = submit({ symbol: 'AAPL', side: 'sell', quantity: 5, type: 'market', reduceOnly: true });
    close(bar('AAPL', 0, 100, 100, 100, 100));
    expect(latest(idle)).toMatchObject({ status: 'canceled', reason: 'reduce-only order has no position left to reduce' });
    submit({ symbol: 'AAPL', side: 'buy', quantity: 3, type: 'market' });
    close(bar('AAPL', 5, 101, 101, 101, 101));
    const reduce = submit({ symbol: 'AAPL', side: 'sell', quantity: 5, type: 'market', reduceOnly: true });
    close(bar('AAPL', 10, 102, 102, 102, 102));
    expect(fills.map((fill) => [fill.side, fill.quantity])).toEqual([
      ['buy', 3],
      ['sell', 3],
    ]);
    expect(latest(reduce)).toMatchObject({ status: 'canceled', filledQuantity: 3 });
  });
});
