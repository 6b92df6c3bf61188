import type { ReviewItem } from '../../contract/reviews.ts';
import { toMajorUnits } from '../../domain/currency.ts';
import type { CsvColumn } from '../csv.ts';

// The review as a spreadsheet: one row per deal, each answer in a cell of its own, in words.

const percent = (p: number | null) => (p === null ? null : Math.round(p * 100));
const words = (token: string | null) => (token === null ? '' : token.replaceAll('_', ' '));
const list = (parts: readonly string[]) => parts.join('; ');

export const REVIEW_COLUMNS: ReadonlyArray<CsvColumn<ReviewItem & { rank: number }>> = [
  ['Rank', (r) => r.rank],
  ['Opportunity', (r) => r.opportunity.name],
  ['Account', (r) => r.opportunity.accountName],
  ['Owner', (r) => r.opportunity.ownerName],
  ['Stage', (r) => r.opportunity.stageName],
  ['Expected close', (r) => r.opportunity.expectedCloseDate],
  ['Amount', (r) => toMajorUnits(r.opportunity.amountMinor, r.opportunity.currency)],
  ['Currency', (r) => r.opportunity.currency],
  ['Value (reporting currency)', (r) => toMajorUnits(r.value.amountMinor, r.value.currency)],
  ['Weighted value', (r) => toMajorUnits(r.weightedValue.amountMinor, r.weightedValue.currency)],
  ['Reporting currency', (r) => r.value.currency],
  ['Win probability %', (r) => percent(r.winProbability)],
  ['Band %', (r) => `${percent(r.band[0])}-${percent(r.band[1])}`],
  ['Coverage %', (r) => percent(r.coverageIndex)],
  ['Stage probability %', (r) => percent(r.stageProbability)],
  ["Seller's probability %", (r) => percent(r.sellerProbability)],
  [
    'Resting on',
    (r) => list(r.basis.map((b) => `${b.reason} (${b.points >= 0 ? '+' : ''}${Math.round(b.points)} pts)`)),
  ],
  ['Economic buyer', (r) => list(r.evaluators.filter((e) => e.isEconomicBuyer).map((e) => e.name))],
  ['Champion', (r) => list(r.evaluators.filter((e) => e.isChampion).map((e) => e.name))],
  [
    'Evaluators',
    (r) =>
      list(
        r.evaluators.map(
          (e) =>
            `${e.name}: ${e.influence ? `${e.influence} influence` : 'influence unknown'}, ${e.favours ? `favours ${e.favours}` : 'preference unknown'}`,
        ),
      ),
  ],
  [
    'Alternatives',
    (r) =>
      list(
        r.alternatives.map(
          (a) => `${a.name}${a.favouredBy.length > 0 ? ` (favoured by ${a.favouredBy.join(', ')})` : ''}`,
        ),
      ),
  ],
  [
    'Business issues',
    (r) =>
      list(
        r.businessIssues.map(
          (b) =>
            `${b.title}: ${b.impact ?? (b.impactUnknown ? 'impact unknown' : 'impact not explored')}${b.ourImpact ? `, our impact ${words(b.ourImpact)}` : ''}`,
        ),
      ),
  ],
  [
    'Decision criteria',
    (r) =>
      list(
        r.decisionCriteria.map(
          (c) =>
            `${c.title}${c.mandatory ? ' (must-have)' : ''}${c.weight !== null ? ` weight ${c.weight}` : ''}: our fit ${c.ourFit ? words(c.ourFit) : 'unknown'}${c.bestOther ? `, ${c.bestOther.name} ${words(c.bestOther.fit)}` : ''}`,
        ),
      ),
  ],
  ['Danger zones', (r) => list(r.dangerZones.map((z) => `${z.name} (${z.severity})`))],
  ["What we don't know", (r) => list(r.unknowns)],
  ['Next move', (r) => (r.nextMove ? r.nextMove.action : '')],
  ['Agreed actions', (r) => list(r.actions.map((a) => `${a.text} (${a.ownerName}, by ${a.dueDate})`))],
];
