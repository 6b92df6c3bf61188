import type { KnowledgeResponse } from '../contract/knowledge.ts';
import type { Workspace } from './workspace.ts';

export const today = '2026-11-20';

/** A fresh opportunity of sellerA1 on Initech, with a second contact to evaluate. */
export async function newDealToExplore(
  ws: Workspace,
): Promise<{ id: string; contactId: string; otherContactId: string; version: number }> {
  const seller = ws.acme.sellerA1.as;
  const opp = (
    await seller.post('/api/opportunities', {
      name: `Deal ${Math.random()}`,
      accountId: ws.books.sellerA1.account.id,
      amountMinor: 10_000_000,
      currency: 'USD',
      expectedCloseDate: '2027-03-31',
    })
  ).json();
  const other = (
    await seller.post('/api/contacts', {
      accountId: ws.books.sellerA1.account.id,
      name: `Ivy IT ${Math.random()}`,
      title: 'CIO',
    })
  ).json();
  return { id: opp.id, contactId: ws.books.sellerA1.contact.id, otherContactId: other.id, version: opp.version };
}

/** Evidence: what the buyer said, today unless `extra` says otherwise. */
export const said = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  source: 'buyer_stated',
  observedAt: today,
  ...extra,
});

export const objective = (k: KnowledgeResponse, key: string) => k.objectives.find((o) => o.key === key)!;
