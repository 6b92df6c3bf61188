// How a leaver's open deals are spread over the people who take them (issue 14). Pure: the deals
// come with their amounts already in the reporting currency.

export type SplitDeal = {
  id: string;
  accountId: string;
  /** the amount in the reporting currency (minor units); null when no rate converts it */
  value: number | null;
};

export type SplitAccount = { id: string };

/**
 * A balanced proposal: the largest deals first, each to whoever then holds the smallest share of
 * the count and the amount together, so both the number of deals and the pipeline end up close.
 * Ties go to the recipient named first. Deterministic: the same input gives the same split.
 */
export function proposeBalancedSplit(
  deals: readonly SplitDeal[],
  recipientIds: readonly string[],
): Map<string, string> {
  const split = new Map<string, string>();
  if (recipientIds.length === 0) return split;
  const totalCount = deals.length || 1;
  const totalValue = deals.reduce((sum, d) => sum + (d.value ?? 0), 0) || 1;
  const load = recipientIds.map(() => ({ count: 0, value: 0 }));
  const ordered = [...deals].sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.id.localeCompare(b.id));
  for (const deal of ordered) {
    let best = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    load.forEach((l, k) => {
      const score = (l.count + 1) / totalCount + (l.value + (deal.value ?? 0)) / totalValue;
      if (score < bestScore - 1e-12) {
        best = k;
        bestScore = score;
      }
    });
    load[best]!.count += 1;
    load[best]!.value += deal.value ?? 0;
    split.set(deal.id, recipientIds[best]!);
  }
  return split;
}

/**
 * Who takes each of the leaver's accounts: whoever takes most of its moved deals (then the most
 * amount); an account with none of them goes round the recipients in turn, in the order named.
 */
export function assignAccounts(
  accounts: readonly SplitAccount[],
  deals: readonly SplitDeal[],
  split: ReadonlyMap<string, string>,
  recipientIds: readonly string[],
): Map<string, string> {
  const owners = new Map<string, string>();
  let turn = 0;
  for (const account of [...accounts].sort((a, b) => a.id.localeCompare(b.id))) {
    const tally = new Map<string, { count: number; value: number }>();
    for (const d of deals) {
      const to = split.get(d.id);
      if (d.accountId !== account.id || !to) continue;
      const t = tally.get(to) ?? { count: 0, value: 0 };
      t.count += 1;
      t.value += d.value ?? 0;
      tally.set(to, t);
    }
    const ranked = [...tally].sort(
      ([a, x], [b, y]) => y.count - x.count || y.value - x.value || recipientIds.indexOf(a) - recipientIds.indexOf(b),
    );
    if (ranked[0]) owners.set(account.id, ranked[0][0]);
    else if (recipientIds.length > 0) {
      owners.set(account.id, recipientIds[turn % recipientIds.length]!);
      turn += 1;
    }
  }
  return owners;
}

export type ChosenSplitProblem =
  | { kind: 'unassigned'; dealIds: string[] }
  | { kind: 'twice'; dealIds: string[] }
  | { kind: 'not-theirs'; dealIds: string[] };

/**
 * The admin's own split, checked: every open deal of the leaver exactly once, and nothing else.
 * Answers the split, or what is wrong with it.
 */
export function checkChosenSplit(
  dealIds: readonly string[],
  chosen: ReadonlyArray<{ userId: string; opportunityIds: readonly string[] }>,
): { split: Map<string, string> } | { problem: ChosenSplitProblem } {
  const open = new Set(dealIds);
  const split = new Map<string, string>();
  const twice: string[] = [];
  const foreign: string[] = [];
  for (const c of chosen)
    for (const id of c.opportunityIds) {
      if (!open.has(id)) foreign.push(id);
      else if (split.has(id)) twice.push(id);
      else split.set(id, c.userId);
    }
  if (foreign.length > 0) return { problem: { kind: 'not-theirs', dealIds: foreign } };
  if (twice.length > 0) return { problem: { kind: 'twice', dealIds: twice } };
  const unassigned = dealIds.filter((id) => !split.has(id));
  if (unassigned.length > 0) return { problem: { kind: 'unassigned', dealIds: unassigned } };
  return { split };
}
