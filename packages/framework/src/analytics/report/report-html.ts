import type { ReportData, ReportTrade } from './read-run-folder.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_STYLES } from './report-styles.js';
import { formatStatistic, groupDigits, STATISTICS_ROWS } from './statistics-table.js';

/** Scripts and styles are inline and nothing else may load: the page works offline and cannot reach the network. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** Returns text safe inside HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Returns JSON that cannot end the `<script>` element it sits in. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

function isoText(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : '';
}

function statisticsTable(statistics: Readonly<Record<string, unknown>>): string {
  const rows = STATISTICS_ROWS.map(
    ([key, label, display]) => `<tr data-key="${key}"><th>${escapeHtml(label)}</th><td>${escapeHtml(formatStatistic(statistics[key], display))}</td></tr>`,
  );
  return `<table class="stats"><tbody>${rows.join('')}</tbody></table>`;
}

function tradesTable(trades: readonly ReportTrade[]): string {
  const rows = trades.map((trade) => {
    const outcome = trade.netPnl > 0 ? 'win' : trade.netPnl < 0 ? 'loss' : '';
    return (
      `<tr><td>${trade.id}</td><td>${escapeHtml(trade.symbol)}</td><td>${escapeHtml(trade.side)}</td><td>${escapeHtml(trade.status)}</td>` +
      `<td>${isoText(trade.entryTime)}</td><td>${isoText(trade.exitTime)}</td><td>${Number.isFinite(trade.quantity) ? trade.quantity : ''}</td>` +
      `<td>${trade.entryPrice}</td><td>${trade.exitPrice}</td><td class="${outcome}">${groupDigits(trade.netPnl, 2)}</td></tr>`
    );
  });
  const head = '<tr><th>#</th><th>Symbol</th><th>Side</th><th>Status</th><th>Entry</th><th>Exit / mark</th><th>Qty</th><th>Entry price</th><th>Exit price</th><th>Net PnL</th></tr>';
  return `<div class="trades-wrap"><table class="trades"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** True for a scalar, or a short list of scalars such as `["5m","30m"]`. */
function isHeaderFact(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Array.isArray(value) && value.length <= 8 && value.every((item) => item === null || typeof item !== 'object');
}

/** Returns the complete, self-contained `report.html` for the data of a run folder. */
export function buildReportHtml(data: ReportData): string {
  const name = typeof data.run['name'] === 'string' ? data.run['name'] : 'Run report';
  const statistics = data.statistics;
  const period = `${formatStatistic(statistics['startTime'], 'time')} to ${formatStatistic(statistics['endTime'], 'time')}`;
  // The header shows the run's simple facts; nested blocks (data stats, pipeline counts) stay in summary.json
  const facts = Object.entries(data.run)
    .filter(([key, value]) => key !== 'name' && isHeaderFact(value))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const candleSections = data.candles.map((series) => {
    const merged = Math.max(1, ...series.bars);
    const note = merged > 1 ? `<p class="note">Long run: each candle merges up to ${merged} bars.</p>` : '';
    return `<section><h2>${escapeHtml(series.symbol)} price and trades</h2><canvas class="chart" data-chart="candles" data-symbol="${escapeHtml(series.symbol)}"></canvas>${note}</section>`;
  });
  const equityNote =
    data.equity.stride > 1 ? `<p class="note">${data.equity.rows} bars shown as ${data.equity.last.length} points; the band shows each point's low and high.</p>` : '';
  const tradesNote =
    data.trades.length < data.tradeTotal ? `<p class="note">Showing an even sample of ${data.trades.length} of ${data.tradeTotal} trades.</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<header><h1>${escapeHtml(name)}</h1><p>${escapeHtml([period, ...facts].join(' · '))}</p></header>
<main>
<section><h2>Statistics</h2>${statisticsTable(statistics)}</section>
${candleSections.join('\n')}
<section><h2>Equity</h2><canvas class="chart" id="equity-chart"></canvas>${equityNote}</section>
<section><h2>Drawdown</h2><canvas class="chart small" id="drawdown-chart"></canvas></section>
<section><h2>Trades</h2>${tradesTable(data.trades)}${tradesNote}</section>
</main>
<div id="tooltip"></div>
<script type="application/json" id="report-data">${embedJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
