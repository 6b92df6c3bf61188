import {
  contactCreateBodySchema,
  contactListQuerySchema,
  contactSchema,
  contactUpdateBodySchema,
} from '../../contract/contacts.ts';
import type { Contact } from '../../contract/contacts.ts';
import type { CsvColumn } from '../csv.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import * as service from './contacts.service.ts';

const CONTACT_COLUMNS: ReadonlyArray<CsvColumn<Contact>> = [
  ['Contact', (c) => c.name],
  ['Title', (c) => c.title ?? ''],
  ['Account', (c) => c.accountName],
  ['Email', (c) => c.email ?? ''],
  ['Phone', (c) => c.phone ?? ''],
  ['Created', (c) => c.createdAt],
  ['Last changed', (c) => c.updatedAt],
  ['Id', (c) => c.id],
];

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
    export: { name: 'contacts', columns: CONTACT_COLUMNS },
  });
}
