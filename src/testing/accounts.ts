import type { Account } from '../contract/accounts.ts';
import type { Contact } from '../contract/contacts.ts';
import type { Workspace } from './workspace.ts';

/** Accounts and contacts, each with a way to make a new one of sellerA1's, for tests run on both kinds. */
export const accountAndContactKinds = (ws: () => Workspace) =>
  [
    {
      kind: 'accounts',
      make: async () => (await ws().acme.sellerA1.as.post('/api/accounts', { name: 'Raced Ltd' })).json<Account>(),
    },
    {
      kind: 'contacts',
      make: async () =>
        (
          await ws().acme.sellerA1.as.post('/api/contacts', {
            accountId: ws().books.sellerA1.account.id,
            name: 'Rae Raced',
          })
        ).json<Contact>(),
    },
  ] as const;
