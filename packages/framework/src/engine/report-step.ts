/** Builds report.html for a finished run folder. */
export async function buildReportIfWanted(dir: string): Promise<void> {
  const { writeReport } = await import('../analytics/report/write-report.js');
  await writeReport(dir);
}
