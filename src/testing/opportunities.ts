import type { Opportunity } from '../contract/opportunities.ts';
import type { Workspace } from './workspace.ts';

/** A valid body for creating an opportunity on `accountId`. */
export const validOpportunityBody = (accountId: string) => ({
  name: 'Expansion 2027',
  accountId,
  amountMinor: 12_500_000,
  currency: 'EUR',
  expectedCloseDate: '2027-03-31',
});

/** A new opportunity of sellerA1 on their account. */
export async function newOpportunity(ws: Workspace): Promise<Opportunity> {
  return (
    await ws.acme.sellerA1.as.post('/api/opportunities', validOpportunityBody(ws.books.sellerA1.account.id))
  ).json<Opportunity>();
}
