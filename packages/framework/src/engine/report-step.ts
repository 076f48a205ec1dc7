import type { ReportEquity } from '../analytics/report/read-run-folder.js';

/** Builds report.html for a finished run folder; a run passes the equity sample it kept while writing. */
export async function buildReportIfWanted(dir: string, equity?: ReportEquity): Promise<void> {
  const { writeReport } = await import('../analytics/report/write-report.js');
  await writeReport(dir, {}, { equity });
}
