import { say, warn } from './io.ts';
import type { ImportPhase } from '../contract/imports.ts';
import type { ImportKind } from '../domain/imports/mapping.ts';
import type { ImportReport } from '../server/imports/index.ts';

/** What a file of each kind brought, in words. */
function broughtBy(kind: ImportKind, report: ImportReport): string {
  const { counts } = report;
  switch (kind) {
    case 'opportunity':
      return `${counts.opportunities} opportunities (${counts.byStatus.open} open, ${counts.byStatus.won} won, ${counts.byStatus.lost} lost, ${counts.byStatus.no_decision} no decision)`;
    case 'account':
      return report.dryRun
        ? `${counts.accountsCreated} accounts`
        : `${counts.accountsCreated} new and ${counts.accountsUpdated} updated accounts`;
    case 'contact':
      return report.dryRun
        ? `${counts.contactsCreated} contacts`
        : `${counts.contactsCreated} new and ${counts.contactsUpdated} updated contacts`;
    case 'contactRole':
      return `${counts.evaluators} people in deals' buying groups`;
    case 'stageHistory':
      return report.dryRun ? `${counts.stageChanges} history rows` : `${counts.stageChanges} changes of stage`;
  }
}

/**
 * A progress line for each phase of a long import as it starts (on stderr, so that stdout holds
 * the report alone): a 100,000-row import runs for a minute or more, most of it once the rows are in.
 */
export function importProgress(fileName: string): (done: number, total: number | null, phase: ImportPhase) => void {
  let shown: ImportPhase | null = null;
  return (_done, total, phase) => {
    if (phase === shown) return;
    shown = phase;
    const count = (n: number | null, what: string) => (n === null ? what : `${n.toLocaleString('en-US')} ${what}`);
    switch (phase) {
      case 'checking':
        return warn(`winsight: checking every row of ${fileName}…`);
      case 'writing':
        return warn(`winsight: writing ${count(total, 'rows')}, all or nothing…`);
      case 'assessing':
        return warn(`winsight: the rows are in; assessing ${count(total, 'open deals')}…`);
      case 'replaying':
        return warn(`winsight: replaying ${count(total, 'past days')} of forecast snapshots from the history…`);
    }
  };
}

/** The import's report as a person reads it in a terminal. */
export function printImportReport(report: ImportReport, orgName: string, kind: ImportKind = 'opportunity'): void {
  const { counts } = report;
  const where = (p: { line: number; column: string | null }) =>
    `line ${p.line}${p.column ? `, column "${p.column}"` : ''}`;
  if (report.leftOut.length > 0) {
    say(`Not in the file, left out: ${report.leftOut.map((c) => `"${c}"`).join(', ')}`);
  }
  for (const s of report.skipped) say(`skipped ${where(s)}: ${s.message}`);
  if (!report.ok) {
    for (const p of report.problems) warn(`${report.fileName} ${where(p)}: ${p.message}`);
    const more = report.problemCount - report.problems.length;
    if (more > 0) warn(`... and ${more} more problems`);
    warn(
      `${report.fileName}: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} in ${report.rows} rows; nothing was imported`,
    );
    return;
  }
  const brought = broughtBy(kind, report);
  if (report.dryRun) {
    say(
      `${report.fileName}: ${report.rows} rows read, no problems: would import ${brought} into ${orgName} (dry run, nothing written) in ${report.seconds.toFixed(1)} s`,
    );
    return;
  }
  const assessed =
    (counts.assessed > 0
      ? `; ${counts.assessed} open deals assessed in ${report.assessSeconds.toFixed(1)} s of it`
      : '') +
    (counts.replayedDays > 0
      ? `; ${counts.replayedDays} past days of forecast snapshots replayed in ${report.replaySeconds.toFixed(1)} s of it`
      : '');
  if (kind === 'opportunity') {
    say(
      `${report.fileName}: imported ${brought} into ${orgName} from ${report.rows} rows in ${report.seconds.toFixed(1)} s${assessed}; new: ${counts.accountsCreated} accounts, ${counts.contactsCreated} contacts, ${counts.peopleCreated} inactive people, ${counts.facts} facts`,
    );
    say(`Next: winsight refit --org "${orgName}" fits the win model on the closed deals and assesses every deal.`);
    return;
  }
  const made = [
    counts.accountsCreated > 0 && kind !== 'account' ? `${counts.accountsCreated} new accounts` : '',
    counts.contactsCreated > 0 && kind !== 'contact' ? `${counts.contactsCreated} new contacts` : '',
    counts.peopleCreated > 0 ? `${counts.peopleCreated} inactive people` : '',
  ].filter(Boolean);
  say(
    `${report.fileName}: imported ${brought} into ${orgName} from ${report.rows} rows in ${report.seconds.toFixed(1)} s${assessed}${made.length > 0 ? `; also ${made.join(', ')}` : ''}`,
  );
}
