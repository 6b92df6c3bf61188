import type { AccountListQuery } from '../../contract/accounts.ts';
import type { ContactListQuery } from '../../contract/contacts.ts';
import type { OpportunitySort } from '../../contract/opportunities.ts';

// The sort orders each list accepts. The contract's own arrays live beside zod schemas, and
// importing them would put zod in the browser bundle; the checks below keep these lists exactly
// equal to the contract's at compile time instead.

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(check: T) => check;

export const OPPORTUNITY_SORT_VALUES = [
  'name',
  '-name',
  'amount',
  '-amount',
  'closeDate',
  '-closeDate',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
  'account',
  '-account',
  'winProbability',
  '-winProbability',
] as const;
same<Exactly<(typeof OPPORTUNITY_SORT_VALUES)[number], OpportunitySort>>(true);

export const ACCOUNT_SORT_VALUES = ['name', '-name', 'updatedAt', '-updatedAt'] as const;
same<Exactly<(typeof ACCOUNT_SORT_VALUES)[number], AccountListQuery['sort']>>(true);

export const CONTACT_SORT_VALUES = ['name', '-name', 'updatedAt', '-updatedAt'] as const;
same<Exactly<(typeof CONTACT_SORT_VALUES)[number], ContactListQuery['sort']>>(true);
