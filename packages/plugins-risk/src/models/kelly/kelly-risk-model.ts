import { APPROVE } from '@grandmodel/framework';
import type { FillEvent, OrderIntent, RiskCheckContext, RiskModel, RiskVerdict } from '@grandmodel/framework';
import { kellyFraction } from '../../math/kelly-fraction.js';
import { short } from '../shared/format-measure.js';
import { adjustQuantity, deny, floorToLot, reducesPosition, sizingPrice } from '../shared/order-sizing.js';
import type { RiskModelServices } from '../shared/risk-services.js';
import type { KellyOptions } from './kelly-options.js';
import { TradeOutcomes } from './trade-outcomes.js';

/** The bet behind one sizing decision. */
interface Bet {
  readonly winProbability: number;
  readonly payoffRatio: number;
  /** Full Kelly fraction f* = p − (1 − p)/b. */
  readonly full: number;
  readonly source: string;
}

/**
 * Kelly position sizing. For an order that opens or grows a position, the fraction of equity to hold is
 * clip(multiplier · f*, ±maxFraction), f* = p − (1 − p)/b, with the win probability p and payoff ratio b
 * from the intent's `metadata` (`winProbability`, `payoffRatio`) or estimated from the run's closed trades.
 * The target quantity is ⌊fraction · equity / (price · multiplier)⌋ in lots; the order is resized so the
 * position reaches it. A non-positive fraction denies the entry. Orders that only reduce a position pass.
 */
export class KellyRiskModel implements RiskModel {
  /** Closed trades of the run, for the estimate. */
  readonly outcomes: TradeOutcomes;

  constructor(
    private readonly options: KellyOptions,
    private readonly services: RiskModelServices,
  ) {
    this.outcomes = new TradeOutcomes(options.lookbackTrades, options.includeFees);
    const onFill = ({ fill }: FillEvent): void => {
      this.outcomes.onFill(fill, services.instruments.get(fill.symbol).multiplier);
    };
    services.bus.on('order.filled', onFill);
    services.bus.on('order.partially_filled', onFill);
  }

  check(intent: OrderIntent, context: RiskCheckContext): RiskVerdict {
    if (reducesPosition(intent, context)) return APPROVE;
    const bet = this.betFor(intent);
    if (typeof bet === 'string') return deny(bet);
    if (bet === undefined) {
      return this.options.withoutEstimate === 'deny'
        ? deny(`no win probability and payoff ratio: the intent has no metadata and the run has ${this.sampleSize()} of the ${this.options.minTrades} closed trades the estimate needs`)
        : APPROVE;
    }
    const { multiplier, maxFraction, lotSize } = this.options;
    // clip(multiplier · f*, ±maxFraction), as cappedKellyFraction computes it, from the f* already known
    const fraction = Math.min(maxFraction, Math.max(-maxFraction, multiplier * bet.full)) + 0;
    const odds = `p = ${short(bet.winProbability)}, b = ${Number.isNaN(bet.payoffRatio) ? 'undefined' : short(bet.payoffRatio)} from ${bet.source}`;
    if (fraction <= 0) return deny(`Kelly fraction ${short(fraction)} (${odds}) is not positive: no edge, new entries are denied`);
    const equity = context.equity;
    if (!(equity > 0)) return deny(`equity is ${short(equity)}: Kelly sizing needs positive equity`);
    const price = sizingPrice(intent, context);
    if (price === undefined || !(price > 0)) return deny(`no price is known for ${intent.symbol} to size the order`);
    const unitValue = price * this.services.instruments.get(intent.symbol).multiplier;
    const target = floorToLot((fraction * equity) / unitValue, lotSize);
    const current = context.position(intent.symbol)?.quantity ?? 0;
    const direction = intent.side === 'buy' ? 1 : -1;
    // Same direction (or flat): top the position up to the target; opposite: close it, then open the target
    let quantity = current * direction >= 0 ? floorToLot(target - Math.abs(current), lotSize) : floorToLot(Math.abs(current) + target, lotSize);
    if (this.options.sizing === 'cap') quantity = Math.min(quantity, intent.quantity);
    const sizing = `Kelly fraction ${short(fraction)} (${odds}) of equity ${short(equity)} at ${short(price)} × ${short(unitValue / price)} is ${short(target)}`;
    if (!(target > 0)) return deny(`${sizing}: less than one lot of ${short(lotSize)}`);
    if (!(quantity > 0)) return deny(`${sizing}; the position is already ${short(Math.abs(current))}, so no entry is left`);
    if (quantity === intent.quantity) return APPROVE;
    return adjustQuantity(intent, quantity, `${sizing}: quantity ${short(intent.quantity)} → ${short(quantity)}`);
  }

  /** Returns the bet for an intent, a problem with its metadata (string), or undefined when none is known. */
  private betFor(intent: OrderIntent): Bet | string | undefined {
    const source = this.options.source;
    const metadata = intent.metadata;
    const hasMetadata = metadata !== undefined && ('winProbability' in metadata || 'payoffRatio' in metadata);
    if (source !== 'trades' && hasMetadata) return metadataBet(metadata);
    if (source === 'metadata') return undefined;
    const estimate = this.outcomes.current;
    if (estimate.wins + estimate.losses < this.options.minTrades) return undefined;
    const { winProbability, payoffRatio, wins, losses } = estimate;
    // Only wins: f* → p = 1 for any b; only losses: f* = −1/b < 0 for any b. Either way b drops out
    const full = losses === 0 ? 1 : wins === 0 ? -1 : kellyFraction({ winProbability, payoffRatio });
    return { winProbability, payoffRatio, full, source: `${wins + losses} closed trades` };
  }

  private sampleSize(): number {
    const estimate = this.outcomes.current;
    return estimate.wins + estimate.losses;
  }
}

/** Reads and checks `winProbability` and `payoffRatio` from an intent's metadata. */
function metadataBet(metadata: Readonly<Record<string, unknown>>): Bet | string {
  const p = metadata['winProbability'];
  const b = metadata['payoffRatio'];
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) return `metadata.winProbability must be a number in [0, 1], was ${describe(p)}`;
  if (typeof b !== 'number' || !(b > 0) || !Number.isFinite(b)) return `metadata.payoffRatio must be a finite number > 0, was ${describe(b)}`;
  return { winProbability: p, payoffRatio: b, full: kellyFraction({ winProbability: p, payoffRatio: b }), source: 'metadata' };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
