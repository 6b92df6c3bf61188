import { accountCreateBodySchema, accountListQuerySchema, accountSchema, accountUpdateBodySchema } from '../../contract/accounts.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import * as service from './accounts.service.ts';

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
  });
}
