import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import type { ImportUploaded, ImportView, importRunBodySchema } from '../../contract/imports.ts';
import type { Actor } from '../../domain/access.ts';
import { BUILTIN_MAPPINGS } from '../../domain/imports/builtin.ts';
import { IMPORT_TARGET_KEYS, type ImportTarget, type Mapping } from '../../domain/imports/mapping.ts';
import type { RowProblem } from '../../domain/imports/rows.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { runImport, type ImportReport } from './import.service.ts';
import * as repo from './imports.repo.ts';
import { builtinMapping, MappingError, parseMapping } from './mappings.ts';
import { ImportFileError, MAX_IMPORT_BYTES, openCsv } from './reader.ts';

// Imports through the API: the upload is streamed to a file of its own (refused past 200 MB), then
// each run (a dry run or the import) works in the background of this server while the page polls
// GET /api/imports/:id. Progress is kept in memory while a run writes (its transaction holds the
// SQLite connection), and in the imports row before and after.

const UPLOADS = join(tmpdir(), 'winsight-imports');
const fileOf = (id: string) => join(UPLOADS, `${id}.csv`);

/**
 * Runs under way in this process, read by GET while the transaction is open: their rows done, and
 * their phase with how far into it (the rows, then the open deals assessed and the past days replayed).
 */
const live = new Map<string, { done: number; total: number | null; phase: ImportView['phase'] }>();

type ImportRow = repo.ImportRecord;

/** A run this long without a word, and not under way in this process, died with its server. */
const ABANDONED_MS = 30 * 60_000;
const INTERRUPTED: RowProblem = {
  line: 0,
  column: null,
  message: 'The run was interrupted (the server stopped); nothing was written. Run it again.',
};

/** A run left as running by a server that stopped: it wrote nothing, and may run again. */
function isAbandoned(row: ImportRow, now: Date): boolean {
  return (
    (row.status === 'checking' || row.status === 'importing') &&
    !live.has(row.id) &&
    Date.parse(row.updated_at) < now.getTime() - ABANDONED_MS
  );
}

function present(row: ImportRow, now?: Date): ImportView {
  if (now && isAbandoned(row, now)) {
    return present({ ...row, status: 'failed', errors: JSON.stringify([INTERRUPTED]), rows_done: 0 });
  }
  const progress = live.get(row.id);
  const summary = row.summary ? (JSON.parse(row.summary) as Partial<ImportReport>) : null;
  const errors = JSON.parse(row.errors) as RowProblem[];
  return {
    id: row.id,
    fileName: row.file_name,
    bytes: row.file_bytes,
    status: row.status as ImportView['status'],
    isDryRun: row.is_dry_run === 1,
    rowsDone: progress?.done ?? row.rows_done,
    rowsTotal: progress?.total ?? row.rows_total,
    phase: progress?.phase ?? null,
    errors,
    errorCount: summary?.problemCount ?? errors.length,
    skipped: summary?.skipped ?? [],
    leftOut: summary?.leftOut ?? [],
    counts: summary?.counts ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Each target field's column, guessed from the header: a built-in mapping's name for it, else its own words. */
export function suggestColumns(header: readonly string[]): Record<string, string> {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const byNorm = new Map(header.map((h) => [norm(h), h]));
  const suggestions: Record<string, string> = {};
  for (const target of IMPORT_TARGET_KEYS) {
    const candidates = Object.values(BUILTIN_MAPPINGS).flatMap((m) => {
      const source = (m.fields as Partial<Record<ImportTarget, unknown>>)[target];
      if (typeof source === 'string') return [source];
      if (source && typeof source === 'object' && 'column' in source) {
        const { column, or } = source as { column: string; or?: string[] };
        return [column, ...(or ?? [])];
      }
      return [];
    });
    const [entity, field] = target.split('.') as [string, string];
    candidates.push(`${entity} ${field}`);
    // a bare "name" or "email" is the deal's or the owner's, never a contact's or an account's
    if (entity === 'opportunity') candidates.push(field, field.replace(/([A-Z])/g, ' $1'));
    if (target === 'owner.name') candidates.push('owner');
    const hit = candidates.map((c) => byNorm.get(norm(c))).find((h) => h !== undefined);
    if (hit) suggestions[target] = hit;
  }
  return suggestions;
}

export async function uploadImport(
  deps: AppDeps,
  actor: Actor,
  fileName: string,
  body: Readable,
): Promise<ImportUploaded> {
  requireAdmin(actor);
  const id = randomUUID();
  const path = fileOf(id);
  await mkdir(UPLOADS, { recursive: true });
  let bytes = 0;
  let tooLarge = false;
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_IMPORT_BYTES && !tooLarge) {
      tooLarge = true;
      body.destroy(new Error('too large'));
    }
  });
  try {
    await pipeline(body, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    if (tooLarge) {
      throw new AppError(
        'payload-too-large',
        `${fileName} is larger than the 200 MB an import takes; split it into several files`,
        { fields: { file: `${fileName} is larger than 200 MB` } },
      );
    }
    throw error;
  }
  if (bytes === 0) {
    await rm(path, { force: true });
    throw unprocessable('file', `${fileName} is empty`);
  }
  let header: string[];
  let delimiter: string;
  const preview: string[][] = [];
  try {
    const csv = await openCsv(path, fileName);
    header = csv.header;
    delimiter = csv.delimiter;
    for await (const row of csv.rows) {
      preview.push(row.cells);
      if (preview.length === 5) break;
    }
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof ImportFileError) throw unprocessable('file', `${fileName}: ${error.message}`);
    throw error;
  }
  const at = deps.now().toISOString();
  const row: ImportRow = {
    id,
    org_id: actor.orgId,
    created_by: actor.userId,
    created_at: at,
    file_name: fileName,
    file_bytes: bytes,
    mapping: null,
    status: 'uploaded',
    is_dry_run: 0,
    rows_done: 0,
    rows_total: null,
    errors: '[]',
    summary: null,
    updated_at: at,
  };
  await repo.insertImport(deps.db, row);
  return { ...present(row), header, delimiter, preview, suggestions: suggestColumns(header) };
}

export async function getImport(deps: AppDeps, actor: Actor, id: string): Promise<ImportView> {
  requireAdmin(actor);
  const row = await repo.findImport(deps.db, actor.orgId, id);
  if (!row) throw notFound('Import');
  return present(row, deps.now());
}

export async function listImports(deps: AppDeps, actor: Actor): Promise<{ imports: ImportView[] }> {
  requireAdmin(actor);
  const now = deps.now();
  return { imports: (await repo.listImports(deps.db, actor.orgId, 50)).map((row) => present(row, now)) };
}

/** Starts a dry run or the import in the background; answers at once with the import as it starts. */
export async function startImport(
  deps: AppDeps,
  actor: Actor,
  id: string,
  body: z.infer<typeof importRunBodySchema>,
): Promise<ImportView> {
  requireAdmin(actor);
  const row = await repo.findImport(deps.db, actor.orgId, id);
  if (!row) throw notFound('Import');
  let mapping: Mapping;
  try {
    mapping =
      typeof body.mapping === 'string'
        ? builtinMapping(body.mapping as keyof typeof BUILTIN_MAPPINGS)
        : parseMapping(body.mapping, 'The mapping');
  } catch (error) {
    if (error instanceof MappingError) throw unprocessable('mapping', error.message);
    throw error;
  }
  const at = deps.now().toISOString();
  const status = body.dryRun ? 'checking' : 'importing';
  const resting = ['uploaded', 'checked', 'failed', ...(isAbandoned(row, deps.now()) ? [row.status] : [])];
  if (!(await repo.claimImport(deps.db, id, resting, status, at))) {
    throw new AppError(
      'conflict',
      row.status === 'done'
        ? `${row.file_name} is already imported; upload it again to import it again`
        : `${row.file_name} is being worked on; wait for it to finish`,
    );
  }
  await repo.updateImport(deps.db, id, {
    mapping: JSON.stringify(body.mapping),
    is_dry_run: body.dryRun ? 1 : 0,
    errors: '[]',
    summary: null,
    rows_total: null,
  });
  live.set(id, { done: 0, total: null, phase: { name: 'checking', done: 0, total: null } });
  void work(deps, actor, row, mapping, body.dryRun);
  return present((await repo.findImport(deps.db, actor.orgId, id))!);
}

/** The run itself, after the answer: its outcome lands in the imports row, never as an unhandled error. */
async function work(deps: AppDeps, actor: Actor, row: ImportRow, mapping: Mapping, dryRun: boolean): Promise<void> {
  const progress = live.get(row.id)!;
  let status: string;
  let patch: Parameters<typeof repo.updateImport>[2];
  try {
    const report = await runImport(deps, {
      orgId: actor.orgId,
      actorId: actor.userId,
      path: fileOf(row.id),
      fileName: row.file_name,
      mapping,
      dryRun,
      onProgress: (done, total, phase) => {
        if (phase === 'checking' || phase === 'writing') {
          progress.done = done;
          progress.total = total;
        }
        progress.phase = { name: phase, done, total };
      },
    });
    status = !report.ok ? 'failed' : dryRun ? 'checked' : 'done';
    const { problems, ...summary } = report;
    patch = {
      errors: JSON.stringify(problems),
      summary: JSON.stringify(summary),
      rows_done: report.ok && !dryRun ? report.rows : 0,
      rows_total: report.rows,
    };
    if (status === 'done') await rm(fileOf(row.id), { force: true });
  } catch (error) {
    status = 'failed';
    const message =
      error instanceof ImportFileError
        ? error.message
        : 'The import stopped on an unexpected error; nothing was written. Try again, or tell your administrator.';
    patch = { errors: JSON.stringify([{ line: 0, column: null, message }]), rows_done: 0 };
  }
  live.delete(row.id);
  await repo.updateImport(deps.db, row.id, { ...patch, status, updated_at: deps.now().toISOString() }).catch(() => {
    // the database is gone (a shutdown): the row stays as it was and says so on the next read
  });
}

export const notACsvBody = () =>
  new AppError('invalid-input', 'Send the CSV file itself as the body, with Content-Type text/csv');
