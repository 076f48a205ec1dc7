import { tacticalAgentOptions } from '../agents/tactical-agent-options.js';
import { atrBracket } from '../agents/tactical-aggregation.js';
import type { DecisionContext } from './training-system.js';

/** Minutes a training trade may stay open before it is closed at the market (four hours). */
export const SYNERGY_TRADE_HOLDING_MINUTES = 240;

const DEFAULTS = tacticalAgentOptions.parse({});

/**
 * The trade the pipeline makes on a synergy, as the training environment places it: `contracts` in a
 * direction with the `tactical-marl` agent's bracket (stop 2 ATR(14), target 3 ATR(14) from the decision
 * bar's close, on the tick grid), entered at the market. It is settled once the bracket has closed it;
 * after {@link SYNERGY_TRADE_HOLDING_MINUTES} it is closed at the market (so each step's outcome stays local).
 */
export class SynergyTrade {
  /** True when the last decision entered a trade. */
  entered = false;
  /** Capital at risk of the entry (stop distance × contracts × multiplier) in percent of equity; 0 without a trade. */
  riskPercent = 0;
  private flattening = false;
  private since = 0;

  constructor(
    readonly stopMultiple: number = DEFAULTS.stopMultiple,
    readonly targetMultiple: number = DEFAULTS.targetMultiple,
    readonly holdingMinutes: number = SYNERGY_TRADE_HOLDING_MINUTES,
  ) {}

  /** Enters `side` (+1 long, −1 short); places nothing (and returns false) for 0 or without an ATR or price. */
  enter(side: number, context: DecisionContext): boolean {
    this.entered = false;
    this.flattening = false;
    this.riskPercent = 0;
    const atr = context.riskState.atr;
    const price = context.bar.close;
    if (side === 0 || !(atr > 0) || !(price > 0)) return false;
    const bracket = atrBracket(price, side, atr, this.stopMultiple, this.targetMultiple);
    const tick = context.tickSize;
    const round = (p: number): number => Math.max(tick, Math.round(p / tick) * tick);
    context.desk.target(side * context.contracts, { stopLoss: round(bracket.stopLoss), takeProfit: round(bracket.takeProfit) });
    this.entered = true;
    this.since = context.bar.end;
    this.riskPercent = context.equity > 0 ? (100 * this.stopMultiple * atr * context.contracts * context.multiplier) / context.equity : 0;
    return true;
  }

  /** True once the trade is closed and nothing works (at once without a trade); closes it at the holding limit. */
  settled(context: DecisionContext): boolean {
    if (!this.entered) return true;
    const desk = context.desk;
    if (desk.position === 0 && !desk.working) return true;
    if (!this.flattening && context.bar.end - this.since >= this.holdingMinutes * 60_000) {
      desk.flatten();
      this.flattening = true;
    }
    return false;
  }
}
