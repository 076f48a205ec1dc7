/** Inline stylesheet of `report.html` (system fonts only: the report loads nothing). */
export const REPORT_STYLES = `
:root { --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --panel: #ffffff; --page: #f3f4f6; --up: #15803d; --down: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { padding: 20px 28px 8px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
main { padding: 8px 28px 28px; display: grid; gap: 16px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
section h2 { margin: 0 0 10px; font-size: 15px; }
section p.note { margin: 6px 0 0; color: var(--muted); font-size: 12px; }
canvas.chart { display: block; width: 100%; height: 320px; }
canvas.chart.small { height: 180px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
table.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); column-gap: 24px; }
table.stats tbody { display: contents; }
table.stats tr { display: flex; justify-content: space-between; border-bottom: 1px solid var(--line); }
table.stats th, table.stats td { border: 0; }
table.stats th { font-weight: 500; color: var(--muted); }
.trades-wrap { max-height: 420px; overflow: auto; }
td.win { color: var(--up); }
td.loss { color: var(--down); }
#tooltip { position: fixed; pointer-events: none; background: rgba(17, 24, 39, 0.92); color: #fff; padding: 4px 8px; border-radius: 4px; font-size: 12px; white-space: pre; display: none; z-index: 10; }
`;
