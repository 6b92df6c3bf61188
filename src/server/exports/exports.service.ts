import type { Actor } from '../../domain/access.ts';
import { MIGRATION_NAMES } from '../../db/migrate.ts';
import type { AppDeps } from '../deps.ts';
import { csvOf, type CsvColumn } from '../csv.ts';
import { notFound } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { DOCUMENT_TABLES, type DocumentTable } from './document-tables.ts';
import { countRows, findOrganizationRow, listColumns, readRows, type Row } from './exports.repo.ts';

// Everything an organization owns, as one JSON document (streamed, a page of rows at a time) or as a
// CSV file per table. The document is what `winsight import` reads back into another Winsight.

export const DOCUMENT_FORMAT = 'winsight-organization';
export const DOCUMENT_FORMAT_VERSION = 1;
const PAGE = 2000;

/** A row as the document holds it: numbered-by-the-database columns left out, sealed secrets empty. */
export function documentRow(table: DocumentTable, row: Row): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === table.sequence) continue;
    out[column] = table.sealed?.includes(column) ? null : value;
  }
  return out;
}

async function* rowsOf(deps: AppDeps, table: DocumentTable, orgId: string): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = await readRows(deps.db, table, orgId, offset, PAGE);
    for (const row of rows) yield documentRow(table, row);
    if (rows.length < PAGE) return;
  }
}

/**
 * The organization's document as JSON text, chunk by chunk: its header, the organization, then each
 * table's rows in key order, so two exports of the same data are the same text (but `exportedAt`).
 */
export async function* organizationDocument(deps: AppDeps, orgId: string): AsyncGenerator<string> {
  const organization = await findOrganizationRow(deps.db, orgId);
  if (!organization) throw notFound('Organization');
  const header = {
    format: DOCUMENT_FORMAT,
    formatVersion: DOCUMENT_FORMAT_VERSION,
    schema: MIGRATION_NAMES.at(-1),
    exportedAt: deps.now().toISOString(),
    organization,
  };
  yield `${JSON.stringify(header).slice(0, -1)},"tables":{`;
  for (const [index, table] of DOCUMENT_TABLES.entries()) {
    yield `${index === 0 ? '' : ','}\n${JSON.stringify(table.name)}:[`;
    let first = true;
    let batch: string[] = [];
    for await (const row of rowsOf(deps, table, orgId)) {
      batch.push(`${first ? '' : ','}\n${JSON.stringify(row)}`);
      first = false;
      if (batch.length >= PAGE) {
        yield batch.join('');
        batch = [];
      }
    }
    yield `${batch.join('')}]`;
  }
  yield '}}\n';
}

/** The document of the actor's organization (administrators). */
export function exportOwnOrganization(deps: AppDeps, actor: Actor): AsyncGenerator<string> {
  requireAdmin(actor);
  return organizationDocument(deps, actor.orgId);
}

export type TableSummary = { name: string; rows: number };

/** Each table of the document with how many of the organization's rows it holds (administrators). */
export async function listExportTables(deps: AppDeps, actor: Actor): Promise<TableSummary[]> {
  requireAdmin(actor);
  const counts = await Promise.all(DOCUMENT_TABLES.map((t) => countRows(deps.db, t, actor.orgId)));
  return DOCUMENT_TABLES.map((t, i) => ({ name: t.name, rows: counts[i]! }));
}

export function findDocumentTable(name: string): DocumentTable | undefined {
  return DOCUMENT_TABLES.find((t) => t.name === name);
}

/** One table of the organization: its columns, and its rows a page at a time. */
export async function organizationTable(
  deps: AppDeps,
  orgId: string,
  table: DocumentTable,
): Promise<{ columns: string[]; pages: AsyncIterable<Row[]> }> {
  const columns = (await listColumns(deps.db, deps.dialect, table.name)).filter((c) => c !== table.sequence);
  async function* pages(): AsyncGenerator<Row[]> {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await readRows(deps.db, table, orgId, offset, PAGE);
      yield rows.map((row) => documentRow(table, row));
      if (rows.length < PAGE) return;
    }
  }
  return { columns, pages: pages() };
}

/** One table of the organization as CSV: a header of its columns, then a line per row. */
export async function* organizationTableCsv(deps: AppDeps, orgId: string, table: DocumentTable) {
  const { columns, pages } = await organizationTable(deps, orgId, table);
  for await (const chunk of csvOf(csvColumns(columns), pages)) yield String(chunk);
}

export function csvColumns(columns: readonly string[]): Array<CsvColumn<Row>> {
  return columns.map((c) => [c, (row: Row) => (row[c] ?? null) as string | number | null] as const);
}

/** One table of the actor's organization (administrators). */
export function exportOwnTable(deps: AppDeps, actor: Actor, name: string) {
  requireAdmin(actor);
  const table = findDocumentTable(name);
  if (!table) throw notFound('Table');
  return organizationTable(deps, actor.orgId, table);
}
