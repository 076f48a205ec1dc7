import type { Agent, Bar, IndicatorComponent, InstrumentRegistry, OrderIntent, OrderManager, PortfolioView } from '@grandmodel/framework';
import { roundToTick } from '@grandmodel/framework';
import { RISK_MONITOR_ACTIONS, RISK_SIZE_CHOICES } from '../inference/index.js';
import type { AgentServices, DecisionEvent } from './agent-services.js';
import { LatencyRecorder, type LatencySummary } from './latency-recorder.js';
import type { PolicyRunner } from './policy-runner.js';
import type { RiskAgentOptions } from './risk-agent-options.js';
import { RiskStateTracker, RISK_STATE_FEATURES } from './risk-state.js';

/** Engine services the risk agent trades through. */
export interface RiskAgentMarket {
  readonly orders: Pick<OrderManager, 'submit' | 'openOrders'>;
  readonly portfolio: PortfolioView;
  readonly instruments: Pick<InstrumentRegistry, 'get'>;
  /** Engaged on a model emergency stop when `onEmergencyStop` is `kill-switch`. */
  readonly killSwitch?: { readonly engaged: boolean; engage(options: { reason: string; by: string; flatten?: boolean }): unknown } | undefined;
}

/** Why the risk agent refused a proposal. */
export type RiskVeto = 'positioned' | 'modelFailed' | 'drawdown' | 'margin' | 'riskScore' | 'emergencyStop' | 'noPrice';

/** Counts and latency of the risk agent. */
export interface RiskAgentStats {
  readonly proposals: number;
  readonly submitted: number;
  readonly vetoes: Readonly<Record<RiskVeto, number>>;
  readonly reducedByMonitor: number;
  readonly reducedByUncertainty: number;
  /** Orders sent by quantity. */
  readonly sizes: Readonly<Record<string, number>>;
  readonly latencyMs: LatencySummary;
}

type Decision = DecisionEvent['decision'];

/**
 * The risk agent (spec §6.4): takes buy/sell proposals from its source agent, builds the 10-dim risk state, runs the
 * risk model (MC-dropout, one batched call) and applies the decision hierarchy — emergency vetoes first (drawdown,
 * margin, monitor risk score, emergency stop), then the size head (1–5 contracts) reduced on reduce_risk or high
 * uncertainty — and submits a market entry with its bracket and Kelly metadata (winProbability, payoffRatio) to the
 * order manager, whose risk chain (kelly, var, drawdown, limits …) has the last word.
 */
export class RiskAgent implements Agent {
  readonly tracker: RiskStateTracker;
  readonly #options: RiskAgentOptions;
  readonly #runner: PolicyRunner;
  readonly #atr: { readonly component: IndicatorComponent; readonly index: number };
  readonly #market: RiskAgentMarket;
  readonly #services: AgentServices;
  readonly #state = new Float32Array(RISK_STATE_FEATURES.length);
  readonly #symbols = new Set<string>();
  readonly #latency = new LatencyRecorder();
  readonly #vetoes: Record<RiskVeto, number> = { positioned: 0, modelFailed: 0, drawdown: 0, margin: 0, riskScore: 0, emergencyStop: 0, noPrice: 0 };
  readonly #counts = { proposals: 0, submitted: 0, reducedByMonitor: 0, reducedByUncertainty: 0 };
  readonly #sizes: Record<string, number> = {};
  #initialEquity = Number.NaN;
  #peakEquity = Number.NaN;
  #price = Number.NaN;
  #sequence = 0;
  #pending: Decision | undefined;

  constructor(options: RiskAgentOptions, runner: PolicyRunner, atr: { readonly component: IndicatorComponent; readonly index: number }, market: RiskAgentMarket, services: AgentServices) {
    this.#options = options;
    this.#runner = runner;
    this.#atr = atr;
    this.#market = market;
    this.#services = services;
    this.tracker = new RiskStateTracker({ historyBars: options.historyBars, returnBars: options.returnBars, sessionClose: options.session.close, timeZone: options.session.timeZone, closingMinutes: options.session.closingMinutes });
    services.bus.on('decision.made', ({ decision }) => {
      if (decision.agent !== options.source || (decision.action !== 'buy' && decision.action !== 'sell')) return;
      if (options.symbol !== undefined && decision.symbol !== options.symbol) return;
      if (decision.metadata?.['execute'] === false) return;
      this.#pending = decision;
    });
  }

  /** Updates the risk state on tactical bars and sizes a pending proposal. */
  onBar(bar: Bar): void | Promise<void> {
    const options = this.#options;
    if (options.symbol !== undefined && bar.symbol !== options.symbol) return;
    const equity = this.#market.portfolio.equity;
    if (Number.isNaN(this.#initialEquity)) this.#initialEquity = equity;
    if (!(equity <= this.#peakEquity)) this.#peakEquity = equity;
    if (bar.timeframe === options.timeframe) {
      this.#symbols.add(bar.symbol);
      this.#price = bar.close;
      this.tracker.update(bar.close, bar.volume, this.#atr.component.values[this.#atr.index] as number);
    }
    const proposal = this.#pending;
    if (proposal === undefined) return;
    this.#pending = undefined;
    if (this.#services.killSwitch?.engaged === true) return;
    return this.decide(bar, proposal);
  }

  /** Counts and latency so far. */
  stats(): RiskAgentStats {
    return { ...this.#counts, vetoes: { ...this.#vetoes }, sizes: { ...this.#sizes }, latencyMs: this.#latency.summary() };
  }

  private async decide(bar: Bar, proposal: Decision): Promise<void> {
    const start = LatencyRecorder.now();
    const options = this.#options;
    this.#counts.proposals++;
    const symbol = proposal.symbol;
    const direction = proposal.action === 'buy' ? 1 : -1;
    if (options.whenPositioned === 'skip' && this.isPositioned(symbol)) return this.veto(bar, proposal, 'positioned', 'a position or entry order is already open', start);
    const state = this.tracker.state(this.accountReading(), bar.end, this.#state);
    const outcome = await this.#runner.run(state);
    if (!outcome.ok) return this.veto(bar, proposal, 'modelFailed', `risk model failed: ${outcome.error.message}`, start);
    const sizeHead = outcome.outputs['size_probabilities']!;
    const stopTarget = outcome.outputs['stop_target']!.values;
    const monitor = outcome.outputs['monitor_probabilities']!.values;
    const monitorAction = RISK_MONITOR_ACTIONS[argmax(monitor)]!;
    const riskScore = (monitor[2] as number) + (monitor[3] as number);
    const emergency = options.emergency;
    if (state[5]! >= emergency.maxDrawdown) return this.veto(bar, proposal, 'drawdown', `drawdown ${state[5]!.toFixed(4)} ≥ ${emergency.maxDrawdown}`, start);
    if (state[6]! >= emergency.maxMarginUsage) return this.veto(bar, proposal, 'margin', `margin use ${state[6]!.toFixed(4)} ≥ ${emergency.maxMarginUsage}`, start);
    if (riskScore > emergency.maxRiskScore) return this.veto(bar, proposal, 'riskScore', `monitor risk score ${riskScore.toFixed(3)} > ${emergency.maxRiskScore}`, start);
    if (monitorAction === 'emergency_stop') {
      if (options.onEmergencyStop === 'kill-switch') this.#market.killSwitch?.engage({ reason: 'risk model emergency_stop', by: this.#services.instanceId, flatten: true });
      return this.veto(bar, proposal, 'emergencyStop', 'the monitor head says emergency_stop', start);
    }
    let quantity = options.sizing === 'model' ? RISK_SIZE_CHOICES[argmax(sizeHead.values)]! : options.fixedQuantity;
    const adjustments: string[] = [];
    if (monitorAction === 'reduce_risk') {
      quantity = reduce(quantity, options.reduceFactor);
      this.#counts.reducedByMonitor++;
      adjustments.push(`reduce_risk ×${options.reduceFactor}`);
    }
    if (sizeHead.epistemic > options.uncertaintyThreshold) {
      quantity = reduce(quantity, 0.5);
      this.#counts.reducedByUncertainty++;
      adjustments.push(`size uncertainty ${sizeHead.epistemic.toFixed(3)} > ${options.uncertaintyThreshold}: ×0.5`);
    }
    quantity = Math.min(quantity, options.maxQuantity);
    const metadata = proposal.metadata ?? {};
    const entry = typeof metadata['entryPrice'] === 'number' ? (metadata['entryPrice'] as number) : this.#price;
    const atr = this.tracker.atr;
    const raw = this.bracketOf(metadata, entry, direction, atr, stopTarget);
    if (raw === undefined || !(entry > 0)) return this.veto(bar, proposal, 'noPrice', 'no entry price or ATR to place the bracket', start);
    // Prices on the instrument's tick grid, as the venue would round them
    const tick = this.#market.instruments.get(symbol).tickSize;
    const bracket = { stopLoss: roundToTick(raw.stopLoss, tick), takeProfit: roundToTick(raw.takeProfit, tick) };
    const payoffRatio = Math.abs(bracket.takeProfit - entry) / Math.abs(entry - bracket.stopLoss);
    const winProbability = Math.min(0.99, Math.max(0.01, 0.5 + options.winProbabilityShrink * (proposal.confidence - 0.5)));
    const held = this.#market.portfolio.position(symbol)?.quantity ?? 0;
    this.publish(bar, proposal, direction > 0 ? 'buy' : 'sell', quantity, `size ${quantity} (${monitorAction}${adjustments.length > 0 ? `; ${adjustments.join('; ')}` : ''})`, {
      winProbability,
      payoffRatio,
      targetQuantity: held + direction * quantity,
      state,
      monitorAction,
      riskScore,
      sizeUncertainty: sizeHead.epistemic,
      entryPrice: entry,
      ...bracket,
    });
    this.#counts.submitted++;
    this.#sizes[String(quantity)] = (this.#sizes[String(quantity)] ?? 0) + 1;
    const intent: OrderIntent = {
      symbol,
      side: direction > 0 ? 'buy' : 'sell',
      quantity,
      type: 'market',
      timeInForce: options.timeInForce,
      clientOrderId: `${this.#services.instanceId}-${bar.end}-${++this.#sequence}`,
      bracket,
      tag: this.#services.instanceId,
      metadata: { winProbability, payoffRatio, confidence: proposal.confidence, proposedBy: proposal.agent, synergy: metadata['synergy'] },
    };
    this.#market.orders.submit(intent);
    this.#latency.since(start);
  }

  private bracketOf(metadata: Readonly<Record<string, unknown>>, entry: number, direction: number, atr: number, stopTarget: Float64Array): { stopLoss: number; takeProfit: number } | undefined {
    const stopLoss = metadata['stopLoss'];
    const takeProfit = metadata['takeProfit'];
    if (this.#options.stops === 'decision' && typeof stopLoss === 'number' && typeof takeProfit === 'number') return { stopLoss, takeProfit };
    if (!(atr > 0)) return undefined;
    return { stopLoss: entry - direction * (stopTarget[0] as number) * atr, takeProfit: entry + direction * (stopTarget[1] as number) * atr };
  }

  private isPositioned(symbol: string): boolean {
    const position = this.#market.portfolio.position(symbol);
    if (position !== undefined && position.quantity !== 0) return true;
    return this.#market.orders.openOrders().some((order) => order.symbol === symbol && order.parentId === undefined);
  }

  private accountReading() {
    const { portfolio, instruments } = this.#market;
    let marginUsed = 0;
    let openPositions = 0;
    for (const symbol of this.#symbols) {
      const position = portfolio.position(symbol);
      if (position === undefined || position.quantity === 0) continue;
      openPositions++;
      const instrument = instruments.get(symbol);
      marginUsed += Math.abs(position.quantity * position.markPrice * instrument.multiplier) * instrument.marginRate;
    }
    return { equity: portfolio.equity, initialEquity: this.#initialEquity, peakEquity: this.#peakEquity, grossExposure: portfolio.grossExposure, marginUsed, openPositions };
  }

  private veto(bar: Bar, proposal: Decision, veto: RiskVeto, why: string, start: number): void {
    this.#vetoes[veto]++;
    this.publish(bar, proposal, 'hold', 0, `veto (${veto}): ${why}`, { veto });
    this.#latency.since(start);
  }

  private publish(bar: Bar, proposal: Decision, action: 'buy' | 'sell' | 'hold', quantity: number, reason: string, details: Record<string, unknown>): void {
    const { bus, clock, instanceId } = this.#services;
    const { state, winProbability, payoffRatio, targetQuantity, ...rest } = details;
    bus.emit('decision.made', {
      decision: {
        agent: instanceId,
        symbol: proposal.symbol,
        action,
        confidence: proposal.confidence,
        time: bar.end,
        reason,
        ...(action === 'hold' ? {} : { targetQuantity: targetQuantity as number, winProbability: winProbability as number, payoffRatio: payoffRatio as number }),
        metadata: {
          stage: 'risk',
          proposal: { agent: proposal.agent, action: proposal.action, confidence: proposal.confidence },
          quantity,
          ...(state === undefined ? {} : { riskState: Object.fromEntries(RISK_STATE_FEATURES.map((name, i) => [name, (state as Float32Array)[i]])) }),
          ...rest,
          synergy: proposal.metadata?.['synergy'],
        },
      },
      tsEvent: bar.end,
      tsInit: clock.now(),
    });
  }
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Scales a quantity down, keeping whole units (at least 1) when it started at one or more. */
function reduce(quantity: number, factor: number): number {
  return quantity >= 1 ? Math.max(1, Math.floor(quantity * factor)) : quantity * factor;
}
