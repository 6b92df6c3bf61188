import type { WinLossDeal } from '../../contract/win-loss.ts';
import { toMajorUnits } from '../../domain/currency.ts';
import { STATUS_LABELS } from '../../domain/words.ts';
import type { CsvColumn } from '../csv.ts';

// The win/loss review as a spreadsheet: one row per closed deal, what it was worth in the
// reporting currency at its close and in its own, how likely it looked then, the lessons in words
// and the seller's retrospective.

const percent = (p: number | null) => (p === null ? null : Math.round(p * 100));

export const WIN_LOSS_COLUMNS: ReadonlyArray<CsvColumn<WinLossDeal>> = [
  ['Opportunity', (d) => d.opportunity.name],
  ['Account', (d) => d.opportunity.accountName],
  ['Owner', (d) => d.opportunity.ownerName],
  ['Outcome', (d) => STATUS_LABELS[d.outcome]],
  ['Closed on', (d) => d.closedDate],
  ['Value (reporting currency)', (d) => toMajorUnits(d.value.amountMinor, d.value.currency)],
  ['Reporting currency', (d) => d.value.currency],
  ['Amount', (d) => toMajorUnits(d.opportunity.amountMinor, d.opportunity.currency)],
  ['Currency', (d) => d.opportunity.currency],
  ['Win probability at the close %', (d) => percent(d.probabilityAtClose)],
  ['Lessons', (d) => d.lessons.flatMap((l) => l.findings.map((f) => f.text)).join('; ')],
  ['Retrospective', (d) => d.retrospective?.text ?? ''],
  ['Id', (d) => d.opportunity.id],
];
