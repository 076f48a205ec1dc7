import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../output/run-files.js';
import { readRunFolder } from './read-run-folder.js';
import type { ReportEquity, ReportLimits } from './read-run-folder.js';
import { buildReportHtml } from './report-html.js';

/**
 * (Re)builds `report.html` in a run folder from its files (`summary.json`, `equity.csv`,
 * `trades.csv`, and `bars.csv` when present) and returns the report's path. The page is
 * self-contained: inline styles, data and canvas renderer, no network access. A run passes the equity sample
 * it kept while writing `equity.csv` (`preloaded.equity`) to skip reading the file back.
 */
export async function writeReport(runDir: string, limits: ReportLimits = {}, preloaded: { readonly equity?: ReportEquity } = {}): Promise<string> {
  const data = await readRunFolder(runDir, limits, preloaded);
  const path = join(runDir, RUN_FILES.report);
  writeFileSync(path, buildReportHtml(data));
  return path;
}
