import type { Opportunity } from '../../contract/opportunities.ts';
import { minorUnitExponent } from '../../domain/currency.ts';
import {
  DEAL_TYPE_LABELS,
  FORECAST_LABELS,
  SEVERITY_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from '../../domain/words.ts';
import type { CsvColumn } from '../csv.ts';

// The opportunity list as a spreadsheet, with the evidence-based figure beside the stage and
// seller figures, in words a reader knows ("Best case", not best_case).

const percent = (fraction: number | null) => (fraction === null ? '' : Math.round(fraction * 100));
const amount = (o: Opportunity) => {
  const digits = minorUnitExponent(o.currency);
  return (o.amountMinor / 10 ** digits).toFixed(digits);
};

export const OPPORTUNITY_COLUMNS: ReadonlyArray<CsvColumn<Opportunity>> = [
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
  ['Most severe danger zone', (o) => (o.topSeverity ? SEVERITY_LABELS[o.topSeverity] : '')],
  ['Forecast category', (o) => FORECAST_LABELS[o.forecastCategory]],
  ['Status', (o) => STATUS_LABELS[o.status]],
  ['Closed on', (o) => o.closedDate ?? ''],
  ['Close reason', (o) => o.closeReason ?? ''],
  ['Deal type', (o) => DEAL_TYPE_LABELS[o.dealType]],
  ['Source', (o) => (o.source ? SOURCE_LABELS[o.source] : '')],
  ['Created', (o) => o.createdAt],
  ['Last changed', (o) => o.updatedAt],
  ['Id', (o) => o.id],
];
