import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Opportunity, OpportunityExportQuery } from '../../contract/opportunities.ts';
import type { Actor } from '../../domain/access.ts';
import { minorUnitExponent } from '../../domain/currency.ts';
import type { AppDeps } from '../deps.ts';
import { opportunitiesToExport } from './opportunities.service.ts';

// The opportunity list as a spreadsheet: the same filters, scope and order as the list page, every
// row rather than one page, with the evidence-based figure beside the stage and seller figures.

const percent = (fraction: number | null) => (fraction === null ? '' : Math.round(fraction * 100));
const amount = (o: Opportunity) => {
  const digits = minorUnitExponent(o.currency);
  return (o.amountMinor / 10 ** digits).toFixed(digits);
};

/** Column heading and how to read it off an opportunity. */
export const EXPORT_COLUMNS: ReadonlyArray<readonly [string, (o: Opportunity) => string | number | null]> = [
  ['Opportunity', (o) => o.name],
  ['Account', (o) => o.accountName],
  ['Owner', (o) => o.ownerName],
  ['Amount', amount],
  ['Currency', (o) => o.currency],
  ['Expected close', (o) => o.expectedCloseDate],
  ['Stage', (o) => o.stageName],
  ['Win chance from the evidence %', (o) => percent(o.winProbability)],
  ['Stage figure %', (o) => o.stageProbability],
  ["Seller's own figure %", (o) => o.sellerProbability ?? ''],
  ['Knowledge coverage %', (o) => percent(o.coverageIndex)],
  ['Most severe danger zone', (o) => o.topSeverity ?? ''],
  ['Forecast category', (o) => o.forecastCategory],
  ['Status', (o) => o.status],
  ['Closed on', (o) => o.closedDate ?? ''],
  ['Close reason', (o) => o.closeReason ?? ''],
  ['Deal type', (o) => o.dealType],
  ['Source', (o) => o.source ?? ''],
  ['Created', (o) => o.createdAt],
  ['Last changed', (o) => o.updatedAt],
  ['Id', (o) => o.id],
];

async function* exportedRows(deps: AppDeps, actor: Actor, query: OpportunityExportQuery, pageSize: number) {
  for await (const page of opportunitiesToExport(deps, actor, query, pageSize)) {
    for (const o of page) yield EXPORT_COLUMNS.map(([, read]) => read(o));
  }
}

/**
 * CSV of every opportunity the actor can see that matches the filters, read a page at a time.
 * A byte-order mark lets spreadsheet programs read it as UTF-8; a text that starts like a formula
 * (=, +, -, @) is written with a leading apostrophe so that it stays text.
 */
export function opportunitiesCsv(deps: AppDeps, actor: Actor, query: OpportunityExportQuery, pageSize = 1000): Readable {
  const csv = stringify({ header: true, columns: EXPORT_COLUMNS.map(([heading]) => heading), bom: true, escape_formulas: true });
  // a failure half-way (the database gone) destroys the CSV stream, which cuts the download short
  pipeline(Readable.from(exportedRows(deps, actor, query, pageSize)), csv, () => {});
  return csv;
}
