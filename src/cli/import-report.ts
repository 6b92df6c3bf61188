import type { ImportReport } from '../server/imports/index.ts';

/** The import's report as a person reads it in a terminal. */
export function printImportReport(report: ImportReport, orgName: string): void {
  const { counts } = report;
  const where = (p: { line: number; column: string | null }) =>
    `line ${p.line}${p.column ? `, column "${p.column}"` : ''}`;
  if (report.leftOut.length > 0) {
    console.log(`Not in the file, left out: ${report.leftOut.map((c) => `"${c}"`).join(', ')}`);
  }
  for (const s of report.skipped) console.log(`skipped ${where(s)}: ${s.message}`);
  if (!report.ok) {
    for (const p of report.problems) console.error(`${report.fileName} ${where(p)}: ${p.message}`);
    const more = report.problemCount - report.problems.length;
    if (more > 0) console.error(`... and ${more} more problems`);
    console.error(
      `${report.fileName}: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} in ${report.rows} rows; nothing was imported`,
    );
    return;
  }
  const deals = `${counts.opportunities} opportunities (${counts.byStatus.open} open, ${counts.byStatus.won} won, ${counts.byStatus.lost} lost, ${counts.byStatus.no_decision} no decision)`;
  if (report.dryRun) {
    console.log(
      `${report.fileName}: ${report.rows} rows read, no problems: would import ${deals} into ${orgName} (dry run, nothing written) in ${report.seconds.toFixed(1)} s`,
    );
    return;
  }
  console.log(
    `${report.fileName}: imported ${deals} into ${orgName} from ${report.rows} rows in ${report.seconds.toFixed(1)} s; new: ${counts.accountsCreated} accounts, ${counts.contactsCreated} contacts, ${counts.peopleCreated} inactive people, ${counts.facts} facts`,
  );
  console.log(
    `Next: winsight refit --org "${orgName}" fits the win model on the closed deals and assesses every deal.`,
  );
}
