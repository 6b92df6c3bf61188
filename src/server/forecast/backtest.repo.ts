import type { Db } from '../../db/database.ts';

// An organization's own deals as the back-test reads a CSV of them (winsight backtest --org): one
// row per live deal with its creation, close and outcome, its amount, owner and expected close, and
// what was known of it at its creation (deal type, lead source, the account's industry and size).
// Deals in another currency than the one asked for are counted, not converted: the back-test adds
// amounts up.

export const BACKTEST_HEADER = [
  'created',
  'closed',
  'outcome',
  'amount',
  'owner',
  'expected_close',
  'deal_type',
  'source',
  'industry',
  'size_band',
] as const;

export async function dealsForBacktest(
  db: Db,
  orgId: string,
  currency: string,
): Promise<{ rows: string[][]; otherCurrency: number }> {
  const deals = await db
    .selectFrom('opportunities')
    .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .select([
      'opportunities.created_at',
      'opportunities.closed_date',
      'opportunities.status',
      'opportunities.amount_minor',
      'opportunities.currency',
      'opportunities.owner_id',
      'opportunities.expected_close_date',
      'opportunities.deal_type',
      'opportunities.source',
      'accounts.industry',
      'accounts.size_band',
    ])
    .where('opportunities.org_id', '=', orgId)
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('opportunities.created_at')
    .orderBy('opportunities.id')
    .execute();
  const rows: string[][] = [];
  let otherCurrency = 0;
  for (const d of deals) {
    if (d.currency !== currency) {
      otherCurrency++;
      continue;
    }
    const closed = d.status !== 'open';
    rows.push([
      d.created_at.slice(0, 10),
      closed ? (d.closed_date ?? '') : '',
      d.status,
      (Number(d.amount_minor) / 100).toFixed(2),
      d.owner_id,
      d.expected_close_date,
      d.deal_type,
      d.source ?? '',
      d.industry ?? '',
      d.size_band ?? '',
    ]);
  }
  return { rows, otherCurrency };
}
