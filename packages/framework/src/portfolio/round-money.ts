/** Decimal places money amounts keep: far below a cent, far above double-precision noise. */
export const MONEY_DECIMALS = 8;

/**
 * Returns the amount rounded to {@link MONEY_DECIMALS} places.
 * Fees, realized PnL and cash pass through it so binary float noise (0.1 + 0.2) never accumulates
 * across thousands of fills.
 */
export function roundMoney(amount: number): number {
  // Adding 0 turns a negative zero into zero so "-0" never reaches reports
  return Number(amount.toFixed(MONEY_DECIMALS)) + 0;
}
