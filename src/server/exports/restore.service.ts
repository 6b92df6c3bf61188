import { z } from 'zod';
import { MIGRATION_NAMES } from '../../db/migrate.ts';
import { forgetOrganization } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, unprocessable } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { DOCUMENT_TABLES, type DocumentTable } from './document-tables.ts';
import { DOCUMENT_FORMAT, DOCUMENT_FORMAT_VERSION } from './exports.service.ts';
import {
  deleteOrganizationRows,
  findOrganizationRow,
  insertRows,
  listColumns,
  listTakenDomains,
  listTakenEmails,
  type Row,
} from './exports.repo.ts';

// Reads an organization's document (exports.service.ts) into this Winsight: the organization, its
// people, records, knowledge with evidence, history, assessments and coaching, exactly as they were,
// in one transaction: a document that does not fit leaves nothing behind. Sealed secrets (the SMTP
// password, the sign-in provider's client secret) cannot be opened here and come back empty.

const rowSchema = z.record(z.string(), z.unknown());

const documentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT, `Expected a Winsight organization document (format "${DOCUMENT_FORMAT}")`),
  formatVersion: z.literal(DOCUMENT_FORMAT_VERSION, `Expected format version ${DOCUMENT_FORMAT_VERSION}`),
  schema: z.string(),
  exportedAt: z.string(),
  organization: z.object({ id: z.string().min(1), name: z.string().min(1) }).catchall(z.unknown()),
  tables: z.record(z.string(), z.array(rowSchema)),
});

export type RestoreSummary = { orgId: string; name: string; rows: Record<string, number> };

/** Where a document does not fit this Winsight, naming the part (`tables.users`, `schema` ...). */
function refuse(field: string, message: string): AppError {
  return unprocessable(field, message);
}

/** Orders people so that each comes after their manager. */
function managersFirst(users: readonly Row[]): Row[] {
  const byId = new Map(users.map((u) => [String(u['id']), u]));
  const placed = new Set<string>();
  const ordered: Row[] = [];
  const place = (user: Row, depth: number) => {
    const id = String(user['id']);
    if (placed.has(id)) return;
    if (depth > users.length) throw refuse('tables.users', 'The people’s managers go round in a circle');
    const manager = user['manager_id'];
    if (typeof manager === 'string' && byId.has(manager)) place(byId.get(manager)!, depth + 1);
    placed.add(id);
    ordered.push(user);
  };
  for (const user of users) place(user, 0);
  return ordered;
}

export async function restoreOrganizationDocument(deps: AppDeps, input: unknown): Promise<RestoreSummary> {
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(issue.path.join('.') || 'document', issue.message);
  }
  const doc = parsed.data;
  const known = MIGRATION_NAMES as readonly string[];
  if (!known.includes(doc.schema)) {
    throw refuse(
      'schema',
      `This document was exported by a Winsight at ${doc.schema}, which this one (at ${known.at(-1)}) does not know: upgrade it first`,
    );
  }
  for (const name of Object.keys(doc.tables)) {
    if (!DOCUMENT_TABLES.some((t) => t.name === name))
      throw refuse(`tables.${name}`, `${name} is not a table of an organization's document`);
  }
  const orgId = doc.organization.id;
  const columnsOf = new Map<string, string[]>();
  for (const table of [...DOCUMENT_TABLES.map((t) => t.name), 'organizations']) {
    columnsOf.set(table, await listColumns(deps.db, deps.dialect, table));
  }
  const checkColumns = (table: string, rows: readonly Row[], field: string) => {
    const columns = new Set(columnsOf.get(table));
    rows.forEach((row, index) => {
      for (const column of Object.keys(row))
        if (!columns.has(column)) throw refuse(`${field}.${index}.${column}`, `${table} has no column ${column}`);
    });
  };
  checkColumns('organizations', [doc.organization], 'organization');
  for (const [name, rows] of Object.entries(doc.tables)) checkColumns(name, rows, `tables.${name}`);

  const rows = new Map<string, Row[]>();
  for (const table of DOCUMENT_TABLES) {
    const own = doc.tables[table.name] ?? [];
    for (const [index, row] of own.entries()) {
      if ('orgColumn' in table.scope && row[table.scope.orgColumn] !== orgId)
        throw refuse(`tables.${table.name}.${index}.org_id`, `A row of ${table.name} belongs to another organization`);
    }
    rows.set(table.name, table.name === 'users' ? managersFirst(own) : own);
  }

  const summary = await inTransaction(deps, async (tx) => {
    if (await findOrganizationRow(tx, orgId))
      throw refuse('organization.id', `${doc.organization.name} (${orgId}) is already in this Winsight`);
    const emails = (rows.get('users') ?? []).map((u) => String(u['email']));
    const takenEmails = await listTakenEmails(tx, emails);
    if (takenEmails.length > 0)
      throw refuse('tables.users', `Someone here already uses ${takenEmails.slice(0, 5).join(', ')}`);
    const domains = (rows.get('sso_domains') ?? []).map((d) => String(d['domain']));
    const takenDomains = await listTakenDomains(tx, domains);
    if (takenDomains.length > 0)
      throw refuse('tables.sso_domains', `${takenDomains.join(', ')} already signs in to another organization here`);

    await insertRows(tx, 'organizations', Object.keys(doc.organization), [doc.organization]);
    const counts: Record<string, number> = {};
    for (const table of DOCUMENT_TABLES) {
      const own = rows.get(table.name)!;
      // assessments keep their history by trigger: the history the document holds replaces it
      if (table.name === 'assessment_history') await deleteOrganizationRows(tx, table.name, orgId);
      await insertRows(tx, table.name, columnsFor(table, columnsOf.get(table.name)!, own), own);
      counts[table.name] = own.length;
    }
    return counts;
  });
  forgetOrganization(deps.caches, orgId);
  return { orgId, name: doc.organization.name, rows: summary };
}

/** The columns to insert: those the rows carry, which the table has, but a numbered one. */
function columnsFor(table: DocumentTable, tableColumns: readonly string[], rows: readonly Row[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  return tableColumns.filter((c) => c !== table.sequence && present.has(c));
}
