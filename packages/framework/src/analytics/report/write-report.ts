import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../output/run-files.js';
import { readRunFolder } from './read-run-folder.js';
import type { ReportLimits } from './read-run-folder.js';
import { buildReportHtml } from './report-html.js';

/**
 * (Re)builds `report.html` in a run folder from its files (`summary.json`, `equity.csv`,
 * `trades.csv`, and `bars.csv` when present) and returns the report's path. The page is
 * self-contained: inline styles, data and canvas renderer, no network access.
 */
export async function writeReport(runDir: string, limits: ReportLimits = {}): Promise<string> {
  const data = await readRunFolder(runDir, limits);
  const path = join(runDir, RUN_FILES.report);
  writeFileSync(path, buildReportHtml(data));
  return path;
}
