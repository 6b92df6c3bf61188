import {
  accountCreateBodySchema,
  accountListQuerySchema,
  accountSchema,
  accountUpdateBodySchema,
} from '../../contract/accounts.ts';
import type { Account } from '../../contract/accounts.ts';
import { RELATIONSHIP_LABELS, SIZE_BAND_LABELS } from '../../domain/words.ts';
import type { CsvColumn } from '../csv.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import * as service from './accounts.service.ts';

const ACCOUNT_COLUMNS: ReadonlyArray<CsvColumn<Account>> = [
  ['Account', (a) => a.name],
  ['Industry', (a) => a.industry ?? ''],
  ['Size', (a) => (a.sizeBand ? SIZE_BAND_LABELS[a.sizeBand] : '')],
  ['Website', (a) => a.website ?? ''],
  ['Relationship', (a) => RELATIONSHIP_LABELS[a.relationship]],
  ['Owner', (a) => a.ownerName],
  ['Open opportunities', (a) => a.openOpportunityCount],
  ['Created', (a) => a.createdAt],
  ['Last changed', (a) => a.updatedAt],
  ['Id', (a) => a.id],
];

export function accountRoutes(app: App, deps: AppDeps): void {
  recordRoutes(app, deps, {
    path: '/api/accounts',
    tag: 'accounts',
    noun: 'account',
    schemas: {
      listQuery: accountListQuerySchema,
      create: accountCreateBodySchema,
      update: accountUpdateBodySchema,
      record: accountSchema,
    },
    service: {
      list: service.listAccounts,
      get: service.getAccount,
      create: service.createAccount,
      update: service.updateAccount,
      remove: service.deleteAccount,
      restore: service.restoreAccount,
      history: service.accountHistory,
    },
    export: { name: 'accounts', columns: ACCOUNT_COLUMNS },
  });
}
