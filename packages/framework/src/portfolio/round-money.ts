/** Decimal places money amounts keep: far below a cent, far above double-precision noise. */
export const MONEY_DECIMALS = 8;

/**
 * Returns the amount rounded to {@link MONEY_DECIMALS} places.
 * Fees, realized PnL and cash pass through it so binary float noise (0.1 + 0.2) never accumulates
 * across thousands of fills.
 */
export function roundMoney(amount: number): number {
  // Beyond 9e7 a double has no 8th decimal to round (and amount · 1e8 would pass 2^53): leave it as is
  if (!(Math.abs(amount) < 9e7)) return amount + 0;
  // Adding 0 turns a negative zero into zero so "-0" never reaches reports
  return Math.round(amount * SCALE) / SCALE + 0;
}

const SCALE = 10 ** MONEY_DECIMALS;
