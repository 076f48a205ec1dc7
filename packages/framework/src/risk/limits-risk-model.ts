import { z } from 'zod';
import type { RiskCheckContext, RiskModel, RiskVerdict } from '../kinds/risk-model.js';
import { APPROVE } from '../kinds/risk-model.js';
import type { OrderIntent } from '../model/order.js';
import type { InstrumentRegistry } from '../di/tokens.js';

/** Options of the built-in `limits` risk model; every check is off unless configured. */
export const limitsOptions = z.strictObject({
  maxOrderQuantity: z.number().positive().optional().describe('Largest quantity of one order'),
  maxOrderNotional: z.number().positive().optional().describe('Largest |quantity · price · multiplier| of one order'),
  maxPosition: z.number().positive().optional().describe('Largest |position| per instrument after the order fills'),
  maxGrossLeverage: z.number().positive().optional().describe('Largest gross exposure / equity after the order fills'),
  maxOrdersPerMinute: z.number().int().positive().optional().describe('Order-rate throttle over a sliding 60 s window of clock time'),
  priceBandPercent: z.number().positive().optional().describe('Limit and stop prices must lie within this % of the last price'),
});
export type LimitsOptions = z.output<typeof limitsOptions>;

/** Built-in pre-trade checks: order size and notional, position, leverage, order rate, price band. */
export class LimitsRiskModel implements RiskModel {
  private readonly recent: number[] = [];

  constructor(
    private readonly options: LimitsOptions,
    private readonly instruments: InstrumentRegistry,
  ) {}

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    const o = this.options;
    const price = context.lastPrice(intent.symbol) ?? intent.limitPrice ?? intent.stopPrice;
    const multiplier = this.instruments.get(intent.symbol).multiplier;
    if (o.maxOrderQuantity !== undefined && intent.quantity > o.maxOrderQuantity) {
      return deny(`order quantity ${intent.quantity} exceeds maxOrderQuantity ${o.maxOrderQuantity}`);
    }
    if (o.maxOrderNotional !== undefined && price !== undefined) {
      const notional = intent.quantity * price * multiplier;
      if (notional > o.maxOrderNotional) return deny(`order notional ${round(notional)} exceeds maxOrderNotional ${o.maxOrderNotional}`);
    }
    const signed = intent.side === 'buy' ? intent.quantity : -intent.quantity;
    const current = context.position(intent.symbol)?.quantity ?? 0;
    const after = current + signed;
    const reduces = Math.abs(after) < Math.abs(current);
    if (o.maxPosition !== undefined && Math.abs(after) > o.maxPosition && !reduces) {
      return deny(`position after the order would be ${after}, beyond maxPosition ${o.maxPosition}`);
    }
    if (o.maxGrossLeverage !== undefined && price !== undefined && !reduces && context.equity > 0) {
      const exposureAfter = context.grossExposure + (Math.abs(after) - Math.abs(current)) * price * multiplier;
      const leverage = exposureAfter / context.equity;
      if (leverage > o.maxGrossLeverage) return deny(`gross leverage after the order would be ${round(leverage)}, beyond maxGrossLeverage ${o.maxGrossLeverage}`);
    }
    if (o.priceBandPercent !== undefined) {
      const last = context.lastPrice(intent.symbol);
      for (const [field, value] of [['limitPrice', intent.limitPrice], ['stopPrice', intent.stopPrice]] as const) {
        if (value === undefined || last === undefined) continue;
        const distance = (Math.abs(value - last) / last) * 100;
        if (distance > o.priceBandPercent) return deny(`${field} ${value} is ${round(distance)}% from the last price ${last}, beyond priceBandPercent ${o.priceBandPercent}`);
      }
    }
    if (o.maxOrdersPerMinute !== undefined) {
      const now = context.time;
      while (this.recent.length > 0 && this.recent[0]! <= now - 60_000) this.recent.shift();
      if (this.recent.length >= o.maxOrdersPerMinute) return deny(`more than ${o.maxOrdersPerMinute} orders in the last minute`);
      this.recent.push(now);
    }
    return APPROVE;
  }
}

function deny(reason: string): RiskVerdict {
  return { action: 'deny', reason };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
