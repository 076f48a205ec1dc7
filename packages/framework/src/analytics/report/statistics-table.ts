/** How a statistic is shown. */
type Display = 'percent' | 'money' | 'ratio' | 'count' | 'duration' | 'time' | 'number';

/** Rows of the report's statistics table: summary.json key, label, display. */
export const STATISTICS_ROWS: readonly (readonly [key: string, label: string, display: Display])[] = [
  ['startTime', 'Start', 'time'],
  ['endTime', 'End', 'time'],
  ['bars', 'Bars', 'count'],
  ['startEquity', 'Start equity', 'money'],
  ['endEquity', 'End equity', 'money'],
  ['netProfit', 'Net profit', 'money'],
  ['totalReturn', 'Total return', 'percent'],
  ['cagr', 'CAGR', 'percent'],
  ['volatility', 'Volatility (annualised)', 'percent'],
  ['sharpe', 'Sharpe ratio', 'ratio'],
  ['sortino', 'Sortino ratio', 'ratio'],
  ['calmar', 'Calmar ratio', 'ratio'],
  ['maxDrawdown', 'Max drawdown', 'percent'],
  ['maxDrawdownDurationMs', 'Longest drawdown', 'duration'],
  ['maxDrawdownDurationBars', 'Longest drawdown (bars)', 'count'],
  ['exposure', 'Exposure', 'percent'],
  ['fees', 'Fees', 'money'],
  ['trades', 'Closed trades', 'count'],
  ['winRate', 'Win rate', 'percent'],
  ['profitFactor', 'Profit factor', 'ratio'],
  ['expectancy', 'Expectancy per trade', 'money'],
  ['averageWin', 'Average win', 'money'],
  ['averageLoss', 'Average loss', 'money'],
  ['largestWin', 'Largest win', 'money'],
  ['largestLoss', 'Largest loss', 'money'],
  ['averageBarsHeld', 'Average bars held', 'number'],
  ['bestPeriodReturn', 'Best day', 'percent'],
  ['worstPeriodReturn', 'Worst day', 'percent'],
  ['periodsPerYear', 'Periods per year', 'number'],
  ['riskFreeRate', 'Risk-free rate', 'percent'],
];

/** Returns a number with a fixed number of decimals and thousands separators, independent of locale. */
export function groupDigits(value: number, decimals: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(whole + (fraction ?? '')) !== 0 ? '-' : '';
  return sign + grouped + (fraction === undefined ? '' : '.' + fraction);
}

/** Returns a duration as days, hours and minutes, e.g. `3d 4h 30m`. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 ? `${days}d` : '', hours > 0 ? `${hours}h` : '', rest > 0 || (days === 0 && hours === 0) ? `${rest}m` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

/** Returns a statistic as table text; null and missing values show as `n/a`. */
export function formatStatistic(value: unknown, display: Display): string {
  if (value === null || value === undefined) return 'n/a';
  if (display === 'time') return String(value).replace('T', ' ').replace('.000Z', ' UTC');
  if (typeof value !== 'number') return String(value);
  switch (display) {
    case 'percent':
      return `${groupDigits(value * 100, 2)} %`;
    case 'money':
      return groupDigits(value, 2);
    case 'ratio':
      return groupDigits(value, 2);
    case 'count':
      return groupDigits(value, 0);
    case 'duration':
      return formatDuration(value);
    default:
      return groupDigits(value, 2);
  }
}
