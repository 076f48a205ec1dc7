import { SdkError } from '@grandmodel/framework';
import type { ModelContract, TensorSpec } from './model-contract.js';

const BATCH = -1;

function tensor(name: string, width: number, meaning: string): TensorSpec {
  return { name, shape: [BATCH, width], dtype: 'float32', meaning };
}

function masks(widths: readonly number[]): TensorSpec[] {
  return widths.map((width, index) => tensor(`mask_${index + 1}`, width, `dropout mask of hidden layer ${index + 1} (${width} units): 0 or 1/(1-p) per unit; all ones = deterministic`));
}

/** Hidden layer widths of the strategic actors (spec §6.1: 256 → 128 → 64). */
export const STRATEGIC_HIDDEN = [256, 128, 64] as const;
/** Hidden layer widths of the tactical actors (the PRD head: 256 → 128). */
export const TACTICAL_HIDDEN = [256, 128] as const;
/** Hidden layer widths of the risk agent's shared trunk. */
export const RISK_HIDDEN = [64, 32] as const;

const STRATEGIC_OUTPUT = tensor('probabilities', 3, 'action probabilities [buy, hold, sell], summing to 1');

function strategic(name: string, columns: readonly number[], columnNames: string, dropoutRate: number): ModelContract {
  const width = 48 * columns.length;
  return {
    name,
    description: `Strategic actor over the 48×13 30-minute matrix, columns [${columns.join(', ')}] (${columnNames}); 30-minute decisions`,
    inputs: [tensor('features', width, `the last 48 rows (oldest first) of matrix columns [${columns.join(', ')}], flattened row-major: index = row·${columns.length} + column`)],
    outputs: [STRATEGIC_OUTPUT],
    masks: masks(STRATEGIC_HIDDEN),
    dropoutRate,
  };
}

/** Strategic MLMI actor: columns [0, 1, 9, 10] → 192 inputs. */
export const STRATEGIC_MLMI_CONTRACT = strategic('strategic-mlmi', [0, 1, 9, 10], 'mlmi_value, mlmi_signal, momentum_20, momentum_50', 0.1);
/** Strategic NW-RQK actor: columns [2, 3, 4, 5] → 192 inputs. */
export const STRATEGIC_NWRQK_CONTRACT = strategic('strategic-nwrqk', [2, 3, 4, 5], 'nwrqk_value, nwrqk_slope, lvn_distance_points, lvn_nearest_strength', 0.1);
/** Strategic regime actor: columns [8, 11, 12] → 144 inputs. */
export const STRATEGIC_REGIME_CONTRACT = strategic('strategic-regime', [8, 11, 12], 'mmd_score, volatility_30, volume_profile_skew', 0.15);

/** Gating network: the 6-dim shared context → weights of the three strategic agents. */
export const GATING_CONTRACT: ModelContract = {
  name: 'strategic-gating',
  description: 'Gating network (coordinator of the strategic agents): shared context → agent weights',
  inputs: [
    tensor(
      'context',
      6,
      '[volatility = std(col 11), volume_profile = mean(col 12), momentum_signal = mean(col 9), trend_strength = mean(col 10), mmd_score = |mean(col 10, last 24 rows) − mean(col 10, first 24 rows)|, price_trend = mean(col 0)] over the 48×13 matrix',
    ),
  ],
  outputs: [tensor('weights', 3, 'softmax weights of [MLMI, NW-RQK, Regime], summing to 1')],
  masks: [],
  dropoutRate: 0,
};

function tactical(name: string, meaning: string): ModelContract {
  return {
    name,
    description: `Tactical actor over the 60×7 5-minute matrix; actions ${meaning}`,
    inputs: [
      tensor(
        'matrix',
        420,
        'the 60×7 5-minute matrix (oldest row first) flattened row-major, index = row·7 + column; columns [fvg_bullish_active, fvg_bearish_active, fvg_nearest_level, fvg_age, fvg_mitigation_signal, price_momentum_5, volume_ratio]',
      ),
    ],
    outputs: [tensor('probabilities', 3, `probabilities of the action values [−1, 0, +1] = ${meaning}, summing to 1`)],
    masks: masks(TACTICAL_HIDDEN),
    dropoutRate: 0.1,
  };
}

/** Tactical FVG actor: [short, hold, long]. */
export const TACTICAL_FVG_CONTRACT = tactical('tactical-fvg', '[short, hold, long]');
/** Tactical momentum actor: [counter-trend, neutral, trend-following]. */
export const TACTICAL_MOMENTUM_CONTRACT = tactical('tactical-momentum', '[counter-trend, neutral, trend-following]');
/** Tactical entry actor: [wait, execute now, aggressive]. */
export const TACTICAL_ENTRY_CONTRACT = tactical('tactical-entry', '[wait, execute now, aggressive]');

/** Number of values in the risk agent's state vector. */
export const RISK_STATE_SIZE = 10;
/** Contracts the risk agent's size head chooses between (index 0 = 1 contract). */
export const RISK_SIZE_CHOICES = [1, 2, 3, 4, 5] as const;
/** Actions of the risk monitor head, in output order. */
export const RISK_MONITOR_ACTIONS = ['no_action', 'alert', 'reduce_risk', 'emergency_stop'] as const;
/** Bounds of the stop and target ATR multipliers. */
export const RISK_MULTIPLIER_RANGE = { low: 0.5, high: 3 } as const;

/** Risk agent: the 10-dim risk state → position size, stop/target multipliers and a monitor action. */
export const RISK_CONTRACT: ModelContract = {
  name: 'risk-agent',
  description: 'Risk agent: sizes new positions, sets stop and target distances, and monitors open risk',
  inputs: [
    tensor(
      'state',
      RISK_STATE_SIZE,
      '[account_equity_normalized (equity/initial), open_positions_count, volatility_regime (0–1 percentile), correlation_risk, var_estimate_5pct, current_drawdown_pct, margin_usage_pct, time_of_day_risk, market_stress_level, liquidity_conditions] (fractions as 0–1)',
    ),
  ],
  outputs: [
    tensor('size_probabilities', 5, 'probabilities of trading [1, 2, 3, 4, 5] contracts, summing to 1'),
    tensor('stop_target', 2, '[stop_multiplier, target_multiplier] × ATR(14), each in [0.5, 3.0]'),
    tensor('monitor_probabilities', 4, 'probabilities of [no_action, alert, reduce_risk, emergency_stop], summing to 1'),
  ],
  masks: masks(RISK_HIDDEN),
  dropoutRate: 0.1,
};

/** Every contract of the shipped model kinds, by name. */
export const MODEL_CONTRACTS: Readonly<Record<string, ModelContract>> = Object.freeze(
  Object.fromEntries(
    [
      STRATEGIC_MLMI_CONTRACT,
      STRATEGIC_NWRQK_CONTRACT,
      STRATEGIC_REGIME_CONTRACT,
      GATING_CONTRACT,
      TACTICAL_FVG_CONTRACT,
      TACTICAL_MOMENTUM_CONTRACT,
      TACTICAL_ENTRY_CONTRACT,
      RISK_CONTRACT,
    ].map((contract) => [contract.name, contract]),
  ),
);

/** Looks a contract up by name; throws listing the known names. */
export function modelContract(name: string): ModelContract {
  const contract = MODEL_CONTRACTS[name];
  if (contract === undefined) throw new SdkError('GM_INPUT_INVALID', `Unknown model contract "${name}"; known: ${Object.keys(MODEL_CONTRACTS).join(', ')}`);
  return contract;
}
