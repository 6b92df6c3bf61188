import { z } from 'zod';
import { MIGRATION_NAMES } from '../../db/migrate.ts';
import { forgetOrganization } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, unprocessable } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { DOCUMENT_TABLES, type DocumentTable } from './document-tables.ts';
import { partsOfFile, partsOfObject, type DocumentPart } from './document-parts.ts';
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
// in one transaction: a document that does not fit leaves nothing behind. Its tables are written as
// they are read, a batch of rows at a time (the people, who must come after their managers, at
// once), so a document read from a file never has to fit in memory. Sealed secrets (the SMTP
// password, the sign-in provider's client secret) cannot be opened here and come back empty.

const headerSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT, `Expected a Winsight organization document (format "${DOCUMENT_FORMAT}")`),
  formatVersion: z.literal(DOCUMENT_FORMAT_VERSION, `Expected format version ${DOCUMENT_FORMAT_VERSION}`),
  schema: z.string(),
  exportedAt: z.string(),
  organization: z.object({ id: z.string().min(1), name: z.string().min(1) }).catchall(z.unknown()),
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

/** Reads a document already parsed (an object) into this Winsight. */
export function restoreOrganizationDocument(deps: AppDeps, input: unknown): Promise<RestoreSummary> {
  return restoreDocumentParts(deps, partsOfObject(input));
}

/** Reads a document file into this Winsight as it streams (`winsight import --file`). */
export function restoreOrganizationDocumentFile(deps: AppDeps, path: string): Promise<RestoreSummary> {
  return restoreDocumentParts(deps, partsOfFile(path));
}

async function restoreDocumentParts(
  deps: AppDeps,
  parts: Iterable<DocumentPart> | AsyncIterable<DocumentPart>,
): Promise<RestoreSummary> {
  const iterator =
    Symbol.asyncIterator in parts
      ? parts[Symbol.asyncIterator]()
      : (parts as Iterable<DocumentPart>)[Symbol.iterator]();
  const first = await iterator.next();
  if (first.done || first.value.kind !== 'header')
    throw refuse('document', 'Expected a Winsight organization document (a JSON object)');
  const parsed = headerSchema.safeParse(first.value.header);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(issue.path.join('.') || 'document', issue.message);
  }
  if (!first.value.hasTables) throw refuse('tables', 'Expected the tables of the organization');
  const doc = parsed.data;
  const known = MIGRATION_NAMES as readonly string[];
  if (!known.includes(doc.schema)) {
    throw refuse(
      'schema',
      `This document was exported by a Winsight at ${doc.schema}, which this one (at ${known.at(-1)}) does not know: upgrade it first`,
    );
  }
  const orgId = doc.organization.id;
  const columnsOf = new Map<string, Set<string>>();
  for (const table of [...DOCUMENT_TABLES.map((t) => t.name), 'organizations']) {
    columnsOf.set(table, new Set(await listColumns(deps.db, deps.dialect, table)));
  }
  const checkColumns = (table: string, rows: readonly Row[], field: string, from: number) => {
    const columns = columnsOf.get(table)!;
    rows.forEach((row, index) => {
      for (const column of Object.keys(row))
        if (!columns.has(column))
          throw refuse(`${field}.${from + index}.${column}`, `${table} has no column ${column}`);
    });
  };
  checkColumns('organizations', [doc.organization], 'organization', 0);
  const rest = { [Symbol.asyncIterator]: () => iterator } as AsyncIterable<DocumentPart>;

  const summary = await inTransaction(deps, async (tx) => {
    if (await findOrganizationRow(tx, orgId))
      throw refuse('organization.id', `${doc.organization.name} (${orgId}) is already in this Winsight`);
    await insertRows(tx, 'organizations', Object.keys(doc.organization), [doc.organization]);
    const counts: Record<string, number> = Object.fromEntries(DOCUMENT_TABLES.map((t) => [t.name, 0]));
    let table: DocumentTable | null = null;
    let users: Row[] = [];
    let historyReplaced = false;

    /** Checks a batch of the current table's rows and writes it (the people, all at once, at the table's end). */
    const write = async (t: DocumentTable, rows: readonly Row[]) => {
      const field = `tables.${t.name}`;
      checkColumns(t.name, rows, field, counts[t.name]!);
      for (const [index, row] of rows.entries()) {
        if ('orgColumn' in t.scope && row[t.scope.orgColumn] !== orgId)
          throw refuse(
            `${field}.${counts[t.name]! + index}.org_id`,
            `A row of ${t.name} belongs to another organization`,
          );
      }
      if (t.name === 'users') {
        const takenEmails = await listTakenEmails(
          tx,
          rows.map((u) => String(u['email'])),
        );
        if (takenEmails.length > 0)
          throw refuse(field, `Someone here already uses ${takenEmails.slice(0, 5).join(', ')}`);
      }
      if (t.name === 'sso_domains') {
        const takenDomains = await listTakenDomains(
          tx,
          rows.map((d) => String(d['domain'])),
        );
        if (takenDomains.length > 0)
          throw refuse(field, `${takenDomains.join(', ')} already signs in to another organization here`);
      }
      const ordered = t.name === 'users' ? managersFirst(rows) : rows;
      await insertRows(tx, t.name, columnsFor(t, [...columnsOf.get(t.name)!], ordered), ordered);
      counts[t.name]! += rows.length;
    };
    const endTable = async () => {
      if (table?.name === 'users') await write(table, users);
      users = [];
    };
    // assessments keep their history by trigger: the history the document holds replaces it
    const replaceHistory = async () => {
      if (!historyReplaced) await deleteOrganizationRows(tx, 'assessment_history', orgId);
      historyReplaced = true;
    };

    for await (const part of rest) {
      if (part.kind === 'header') throw refuse('document', 'The document has two headers');
      if (part.kind === 'table') {
        await endTable();
        const next = DOCUMENT_TABLES.find((t) => t.name === part.name);
        if (!next) throw refuse(`tables.${part.name}`, `${part.name} is not a table of an organization's document`);
        if (table && DOCUMENT_TABLES.indexOf(next) <= DOCUMENT_TABLES.indexOf(table))
          throw refuse(
            `tables.${part.name}`,
            `${part.name} comes after ${table.name}: keep the tables in the order winsight export writes them`,
          );
        if (next.name === 'assessment_history') await replaceHistory();
        table = next;
        continue;
      }
      if (!table) throw refuse('tables', 'Rows come before their table');
      if (table.name === 'users') users.push(...part.rows);
      else await write(table, part.rows);
    }
    await endTable();
    await replaceHistory();
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
