import { contactCreateBodySchema, contactListQuerySchema, contactSchema, contactUpdateBodySchema } from '../../contract/contacts.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import * as service from './contacts.service.ts';

export function contactRoutes(app: App, deps: AppDeps): void {
  recordRoutes(app, deps, {
    path: '/api/contacts',
    tag: 'contacts',
    noun: 'contact',
    schemas: {
      listQuery: contactListQuerySchema,
      create: contactCreateBodySchema,
      update: contactUpdateBodySchema,
      record: contactSchema,
    },
    service: {
      list: service.listContacts,
      get: service.getContact,
      create: service.createContact,
      update: service.updateContact,
      remove: service.deleteContact,
      restore: service.restoreContact,
      history: service.contactHistory,
    },
  });
}
