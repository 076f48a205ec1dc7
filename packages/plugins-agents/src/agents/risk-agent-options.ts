import { z } from 'zod';

/** Options of the `risk-marl` agent (spec §6.4). */
export const riskAgentOptions = z.strictObject({
  source: z.string().default('tactical').describe('Instance id of the agent whose buy/sell decisions are trade proposals (tactical-marl, or a coordinator)'),
  atr: z.string().default('atr-gm').describe('Instance id of the ATR indicator (volatility regime, stress, model stops)'),
  atrOutput: z.string().default('atr14').describe('ATR output: atr14 or atr14_ewma'),
  timeframe: z.string().default('5m').describe('Bars that update the market side of the risk state and give the entry reference price'),
  symbol: z.string().min(1).optional().describe('Symbol to trade; every symbol when absent (single-instrument runs)'),
  model: z.string().min(1).optional().describe('ONNX file of the risk model (contract risk-agent), relative to the config folder; the shipped model when absent'),
  mcDropoutSamples: z.number().int().min(0).default(30).describe('MC-dropout passes (one batched call); sizing uses their mean, and their disagreement cuts the size (0 = deterministic)'),
  uncertaintyThreshold: z.number().min(0).default(0.3).describe('Halve the size when the size head\'s epistemic uncertainty (nats) exceeds this'),
  sizing: z.enum(['model', 'fixed']).default('model').describe('Contracts from the model\'s size head (1–5) or always fixedQuantity'),
  fixedQuantity: z.number().positive().default(1).describe('Quantity when sizing is fixed'),
  maxQuantity: z.number().positive().default(5).describe('Upper bound on the quantity sent'),
  stops: z
    .enum(['decision', 'model'])
    .default('decision')
    .describe('Bracket from the proposal (tactical: 2×/3× ATR) or from the model\'s stop/target multipliers × ATR'),
  emergency: z
    .strictObject({
      maxDrawdown: z.number().gt(0).max(1).default(0.2).describe('Veto new entries at this drawdown from peak equity'),
      maxMarginUsage: z.number().gt(0).default(0.9).describe('Veto new entries at this margin use / equity (forced-liquidation level 90%)'),
      maxRiskScore: z.number().gt(0).max(1).default(0.9).describe('Veto when P(reduce_risk) + P(emergency_stop) of the monitor head exceeds this'),
    })
    .prefault({})
    .describe('Emergency rules, checked before sizing'),
  reduceFactor: z.number().gt(0).max(1).default(0.5).describe('Size multiplier when the monitor head says reduce_risk'),
  onEmergencyStop: z.enum(['veto', 'kill-switch']).default('veto').describe('When the monitor head says emergency_stop: veto the entry, or also engage the kill switch (flattening)'),
  whenPositioned: z.enum(['skip', 'add']).default('skip').describe('A proposal while a position or entry order is open: skip it (one trade at a time) or add to it'),
  winProbabilityShrink: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('metadata.winProbability for Kelly = 0.5 + shrink·(proposal confidence − 0.5); payoffRatio = target distance / stop distance'),
  timeInForce: z.enum(['ioc', 'gtc', 'day', 'fok']).default('ioc').describe('Entry order time in force (the entry is a market order)'),
  session: z
    .strictObject({
      close: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM').default('17:00').describe('Daily session close, local time'),
      timeZone: z.string().default('America/New_York').describe('IANA time zone of the session close'),
      closingMinutes: z.number().int().min(0).default(60).describe('Minutes before the close that set time_of_day_risk = 1'),
    })
    .prefault({})
    .describe('Session clock of time_of_day_risk'),
  historyBars: z.number().int().min(2).default(500).describe('Bars of ATR history (volatility percentile, stress)'),
  returnBars: z.number().int().min(2).default(100).describe('Bars of returns behind the VaR estimate'),
  timeoutMs: z.number().positive().default(10).describe('Inference limit in paper/live mode; a late model vetoes (fallback: reject). Never applied in backtests'),
});

/** Parsed options of the risk agent. */
export type RiskAgentOptions = z.output<typeof riskAgentOptions>;
