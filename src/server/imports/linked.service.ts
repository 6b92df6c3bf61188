import { randomUUID } from 'node:crypto';
import { toMinorUnits } from '../../domain/currency.ts';
import { createLinkedRowMapper, type LinkedRow } from '../../domain/imports/linked-rows.ts';
import type { ImportKind, ImportTarget, Mapping, Source } from '../../domain/imports/mapping.ts';
import { headerIndex, type RowContext, type RowProblem } from '../../domain/imports/rows.ts';
import { reassessDealsById } from '../assessment/index.ts';
import { forgetOrganization } from '../cache.ts';
import { replayPastSnapshots } from '../forecast/index.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import type { Db } from '../../db/database.ts';
import { checkHeader } from './header.ts';
import { stableId } from './ids.ts';
import { emptyCounts, MAX_LISTED, type ImportCounts, type ImportReport, type ImportRun } from './import.service.ts';
import * as repo from './imports.repo.ts';
import * as linked from './linked.repo.ts';
import { ImportOwners } from './owners.ts';
import { ImportFileError, openCsv, type CsvStream } from './reader.ts';

// Files that are not an opportunity report: accounts, contacts, the people in each deal's buying
// group (contact roles, deal associations) and each deal's stage history. Their rows link to records
// by the other CRM's ids. As with opportunities the file is read twice: first every row is checked,
// the ids it links to included (a contact role naming a deal that is not here is a problem on its
// line, in the column of the id), then everything is written in one transaction, all or nothing.
// Open deals whose buying group or account changed are assessed once the import is in.

type Kind = Exclude<ImportKind, 'opportunity'>;
type LinkedMapping = Mapping & { kind: Kind };
type Row<K extends LinkedRow['kind']> = Extract<LinkedRow, { kind: K }>;

const BATCH = 500;
/** staged changes of stage read back at a time */
const HISTORY_PAGE = 2000;

export async function runLinkedImport(
  deps: AppDeps,
  run: ImportRun,
  org: repo.OrgForImport,
  ctx: RowContext,
  started: number,
): Promise<ImportReport> {
  const counts = emptyCounts();
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const add = (p: RowProblem) => {
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push(p);
  };
  let rows = 0;
  let delimiter = ',';
  let leftOut: string[] = [];
  let assessSeconds = 0;
  let replaySeconds = 0;
  const report = (ok: boolean): ImportReport => ({
    ok,
    dryRun: run.dryRun,
    fileName: run.fileName,
    delimiter,
    rows,
    skipped: [],
    leftOut,
    problems: problems.sort((a, b) => a.line - b.line),
    problemCount,
    counts,
    seconds: (performance.now() - started) / 1000,
    assessSeconds,
    replaySeconds,
  });

  let csv: CsvStream;
  try {
    csv = await openCsv(run.path, run.fileName);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    add({ line: error.line ?? 0, column: null, message: error.message.replace(/^line \d+: /, '') });
    return report(false);
  }
  delimiter = csv.delimiter;
  const columns = headerIndex(csv.header);
  const header = checkHeader(csv, columns, run.mapping);
  if (!header.ok) {
    for (const p of header.problems) add(p);
    return report(false);
  }
  const mapping = header.mapping as LinkedMapping;
  run.mapping = mapping;
  leftOut = header.leftOut;

  // the first pass: every row read and every id it links to looked up, a batch at a time
  const mapRow = createLinkedRowMapper(columns, mapping, ctx);
  const links = new LinkCheck(deps.db, run.orgId, mapping, add);
  try {
    for await (const { line, cells } of csv.rows) {
      rows++;
      const mapped = mapRow(cells, line);
      for (const p of mapped.problems) add(p);
      if (mapped.row) await links.push(mapped.row);
      if (rows % 5000 === 0) await run.onProgress?.(rows, null, 'checking');
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    add({ line: error.line ?? rows + 2, column: null, message: error.message.replace(/^line \d+: /, '') });
  }
  await links.flush();
  for (const p of csv.problems) add(p);
  if (problemCount > 0 || run.dryRun) {
    links.countInto(counts);
    return report(problemCount === 0);
  }

  const at = deps.now().toISOString();
  const stamp = { orgId: run.orgId, actorId: run.actorId, at };
  const written = await inTransaction(deps, async (tx) => {
    const writer = new LinkedWriter(tx, run, org, stamp, counts);
    const again = await openCsv(run.path, run.fileName);
    const mapAgain = createLinkedRowMapper(headerIndex(again.header), mapping, ctx);
    let batch: LinkedRow[] = [];
    let done = 0;
    for await (const { line, cells } of again.rows) {
      const mapped = mapAgain(cells, line);
      if (!mapped.row) throw new ImportFileError('the file changed while it was being imported', line);
      batch.push(mapped.row);
      if (batch.length === BATCH) {
        await writer.write(batch);
        done += batch.length;
        batch = [];
        await run.onProgress?.(done, rows, 'writing');
      }
    }
    await writer.write(batch);
    await writer.finish();
    await run.onProgress?.(rows, rows, 'writing');
    return writer;
  });
  forgetOrganization(deps.caches, run.orgId);
  ({ assessed: counts.assessed, seconds: assessSeconds } = await assessImported(deps, run, written.toAssess));
  ({ days: counts.replayedDays, seconds: replaySeconds } = await replayImported(deps, run, written.historyEntries > 0));
  return report(true);
}

/**
 * The open deals an import wrote or changed, assessed once it is in (a few statements per 500 deals,
 * each batch in a transaction of its own): without it they would wait for the nightly pass. Should
 * it fail, the import stands and the nightly pass assesses them.
 */
export async function assessImported(
  deps: AppDeps,
  run: ImportRun,
  opportunityIds: readonly string[],
): Promise<{ assessed: number; seconds: number }> {
  // in id order: each transaction's assessments then go into one stretch of the indexes keyed by
  // the deal (in psql, 40,000 assessments inserted so: 3.6 s, against 4.5 s in random order)
  const ids = [...new Set(opportunityIds)].sort();
  if (ids.length === 0 || run.assess === false) return { assessed: 0, seconds: 0 };
  const started = performance.now();
  try {
    await reassessDealsById(deps, run.orgId, ids, { kind: 'import', by: run.actorId, file: run.fileName }, (done) =>
      run.onProgress?.(done, ids.length, 'assessing'),
    );
  } catch {
    // the import is in: reporting it as failed would say nothing was written. The count says none
    // were assessed, and the nightly pass fills the gap
    return { assessed: 0, seconds: (performance.now() - started) / 1000 };
  }
  return { assessed: ids.length, seconds: (performance.now() - started) / 1000 };
}

/**
 * The organization's past forecast snapshots replayed once an import brought history (closed deals,
 * or changes of stage, amount or close date), so the forecast's accuracy shows the calls of the days before Winsight.
 * Like the assessment, it runs after the import is in: should it fail, the import stands and the
 * count says no day was replayed.
 */
export async function replayImported(
  deps: AppDeps,
  run: ImportRun,
  isHistory: boolean,
): Promise<{ days: number; seconds: number }> {
  if (!isHistory || run.replay === false) return { days: 0, seconds: 0 };
  const started = performance.now();
  try {
    const { days } = await replayPastSnapshots(deps, run.orgId, (done, total) =>
      run.onProgress?.(done, total, 'replaying'),
    );
    return { days, seconds: (performance.now() - started) / 1000 };
  } catch {
    return { days: 0, seconds: (performance.now() - started) / 1000 };
  }
}

function columnOf(mapping: Mapping, target: ImportTarget): string | null {
  const source = mapping.fields[target] as Source | undefined;
  return typeof source === 'string' ? source : source && 'column' in source ? source.column : null;
}

/**
 * The first pass's look-ups: the deals, accounts and contacts a batch of rows names, read with one
 * statement each per batch; each id not found is a problem on its row, in its column.
 */
class LinkCheck {
  private pending: LinkedRow[] = [];
  private readonly seen = new Map<string, number>();
  private records = 0;
  private contactLinks = 0;

  constructor(
    private readonly db: Db,
    private readonly orgId: string,
    private readonly mapping: LinkedMapping,
    private readonly add: (p: RowProblem) => void,
  ) {}

  async push(row: LinkedRow): Promise<void> {
    // an account or contact listed twice: the second would silently overwrite the first
    const own =
      row.kind === 'account' ? row.account.externalId : row.kind === 'contact' ? row.contact.externalId : null;
    if (own !== null) {
      const earlier = this.seen.get(own);
      if (earlier !== undefined) {
        const target = row.kind === 'account' ? 'account.externalId' : 'contact.externalId';
        this.add({
          line: row.line,
          column: columnOf(this.mapping, target),
          message: `the id "${own}" is already on line ${earlier}; each id may appear once`,
        });
        return;
      }
      this.seen.set(own, row.line);
    }
    this.records++;
    if (row.kind === 'contactRole') this.contactLinks += row.contacts.length;
    this.pending.push(row);
    if (this.pending.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    const dealIds = unique(rows.flatMap((r) => ('opportunityExternalId' in r ? [r.opportunityExternalId] : [])));
    const accountIds = unique(
      rows.flatMap((r) =>
        r.kind === 'contactRole' && r.accountExternalId
          ? [r.accountExternalId]
          : r.kind === 'contact' && r.account.externalId && !r.account.name
            ? [r.account.externalId]
            : [],
      ),
    );
    const contactIds = unique(
      rows.flatMap((r) =>
        r.kind === 'contactRole' ? r.contacts.filter((c) => !c.name).map((c) => c.externalId!) : [],
      ),
    );
    const [deals, accounts, contacts] = await Promise.all([
      dealIds.length > 0 ? linked.findOpportunitiesByExternalId(this.db, this.orgId, dealIds) : new Map(),
      linked.findAccountsByExternalIdOrName(this.db, this.orgId, accountIds, []),
      linked.findContactsByExternalIdOrAccount(this.db, this.orgId, contactIds, []),
    ]);
    const knownAccounts = new Set(accounts.map((a) => a.externalId));
    const knownContacts = new Set(contacts.map((c) => c.externalId));
    const problem = (line: number, target: ImportTarget, message: string) =>
      this.add({ line, column: columnOf(this.mapping, target), message });
    for (const r of rows) {
      if ('opportunityExternalId' in r && !deals.has(r.opportunityExternalId)) {
        problem(
          r.line,
          'opportunity.externalId',
          `no opportunity with the id "${r.opportunityExternalId}" is here; import the opportunities first`,
        );
      }
      if (r.kind === 'contactRole') {
        if (r.accountExternalId && !knownAccounts.has(r.accountExternalId)) {
          problem(
            r.line,
            'account.externalId',
            `no account with the id "${r.accountExternalId}" is here; import the companies first`,
          );
        }
        const missing = r.contacts.filter((c) => !c.name && !knownContacts.has(c.externalId));
        if (missing.length > 0) {
          problem(
            r.line,
            'contact.externalId',
            `no contact with the id${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c.externalId}"`).join(', ')} is here; import the contacts first, or map contact.name to add them`,
          );
        }
      }
      if (r.kind === 'contact' && r.account.externalId && !r.account.name && !knownAccounts.has(r.account.externalId)) {
        problem(
          r.line,
          'account.externalId',
          `no account with the id "${r.account.externalId}" is here; import the accounts first, or map account.name to add it`,
        );
      }
    }
  }

  /** What a dry run reports it would import. */
  countInto(counts: ImportCounts): void {
    if (this.mapping.kind === 'contactRole') counts.evaluators = this.contactLinks;
    else if (this.mapping.kind === 'stageHistory') counts.stageChanges = this.records;
    else if (this.mapping.kind === 'account') counts.accountsCreated = this.records;
    else counts.contactsCreated = this.records;
  }
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** The second pass, inside the import's transaction. */
class LinkedWriter {
  /** open deals to assess once the import is in */
  readonly toAssess: string[] = [];
  private readonly people: ImportOwners;
  private readonly stageIds: Map<string, string>;
  /** a stage-history file waits in a table of the transaction, written at the end in each deal's date order */
  private isHistoryStaged = false;
  /** the history entries written (changes of stage, amount or close date) */
  historyEntries = 0;
  private readonly evidence: string;

  constructor(
    private readonly tx: Db,
    private readonly run: ImportRun,
    org: repo.OrgForImport,
    private readonly stamp: { orgId: string; actorId: string; at: string },
    private readonly counts: ImportCounts,
  ) {
    this.people = new ImportOwners(org.people);
    this.stageIds = new Map(org.stages.map((s) => [s.name, s.id]));
    this.evidence = `Imported from ${run.fileName}`;
  }

  async write(rows: readonly LinkedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const of = <K extends LinkedRow['kind']>(kind: K) => rows.filter((r): r is Row<K> => r.kind === kind);
    switch (this.run.mapping.kind as Kind) {
      case 'account':
        return this.writeAccounts(of('account'));
      case 'contact':
        return this.writeContacts(of('contact'));
      case 'contactRole':
        return this.writeRoles(of('contactRole'));
      case 'stageHistory':
        return this.stageHistory(of('stageHistory'));
    }
  }

  async finish(): Promise<void> {
    if (this.isHistoryStaged) await this.writeHistory();
  }

  /** The owners named (found by e-mail or name, else added as inactive people), one look-up and one insert per batch. */
  private async owners(rows: ReadonlyArray<Row<'account'>>): Promise<Array<string | null>> {
    const { ids, created } = await this.people.resolve(
      this.tx,
      this.stamp,
      rows.map((r) => r.owner),
    );
    this.counts.peopleCreated += created;
    return ids;
  }

  private async writeAccounts(rows: ReadonlyArray<Row<'account'>>): Promise<void> {
    const owners = await this.owners(rows);
    const found = await linked.findAccountsByExternalIdOrName(
      this.tx,
      this.stamp.orgId,
      unique(rows.flatMap((r) => (r.account.externalId ? [r.account.externalId] : []))),
      unique(rows.map((r) => r.account.name)),
    );
    const byExternal = new Map(found.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
    // an account made by an opportunity file has no id from the other CRM yet: it is found by name
    const byName = new Map(found.filter((a) => !a.externalId).map((a) => [a.name, a]));
    const saved: linked.AccountToSave[] = rows.map((r, i) => {
      const existing =
        (r.account.externalId ? byExternal.get(r.account.externalId) : undefined) ?? byName.get(r.account.name);
      if (existing) {
        this.counts.accountsUpdated++;
        byName.delete(existing.name);
      } else this.counts.accountsCreated++;
      return {
        ...r.account,
        id: existing?.id ?? randomUUID(),
        ownerId: owners[i] ?? existing?.ownerId ?? this.stamp.actorId,
      };
    });
    await linked.upsertAccounts(this.tx, this.stamp, saved);
    const changed = saved.filter((a, i) => rows[i]!.account.sizeBand !== null).map((a) => a.id);
    if (changed.length > 0) {
      this.toAssess.push(...(await linked.openOpportunitiesOfAccounts(this.tx, this.stamp.orgId, changed)));
    }
  }

  private async writeContacts(rows: ReadonlyArray<Row<'contact'>>): Promise<void> {
    // their accounts: by id, else by name, else made with both
    const accounts = await linked.findAccountsByExternalIdOrName(
      this.tx,
      this.stamp.orgId,
      unique(rows.flatMap((r) => (r.account.externalId ? [r.account.externalId] : []))),
      unique(rows.flatMap((r) => (r.account.name ? [r.account.name] : []))),
    );
    const accountByExternal = new Map(accounts.filter((a) => a.externalId).map((a) => [a.externalId!, a.id]));
    const accountByName = new Map(accounts.map((a) => [a.name, a.id]));
    const newAccounts: linked.AccountToSave[] = [];
    const accountOf = rows.map((r) => {
      const { externalId, name } = r.account;
      const id =
        (externalId ? accountByExternal.get(externalId) : undefined) ?? (name ? accountByName.get(name) : undefined);
      if (id) return id;
      const made = randomUUID();
      newAccounts.push({
        id: made,
        externalId,
        name: name!,
        industry: null,
        sizeBand: null,
        website: null,
        ownerId: this.stamp.actorId,
      });
      if (externalId) accountByExternal.set(externalId, made);
      accountByName.set(name!, made);
      return made;
    });
    await linked.upsertAccounts(this.tx, this.stamp, newAccounts);
    this.counts.accountsCreated += newAccounts.length;
    const existing = await linked.findContactsByExternalIdOrAccount(
      this.tx,
      this.stamp.orgId,
      unique(rows.flatMap((r) => (r.contact.externalId ? [r.contact.externalId] : []))),
      unique(accountOf),
    );
    const byExternal = new Map(existing.filter((c) => c.externalId).map((c) => [c.externalId!, c.id]));
    const byName = new Map(
      existing.filter((c) => !c.externalId).map((c) => [`${c.accountId}:${c.name.toLowerCase()}`, c.id]),
    );
    const saved = rows.map((r, i) => {
      const id =
        (r.contact.externalId ? byExternal.get(r.contact.externalId) : undefined) ??
        byName.get(`${accountOf[i]}:${r.contact.name.toLowerCase()}`);
      if (id) this.counts.contactsUpdated++;
      else this.counts.contactsCreated++;
      return { ...r.contact, id: id ?? randomUUID(), accountId: accountOf[i]! };
    });
    await linked.upsertContacts(this.tx, this.stamp, saved);
  }

  private async writeRoles(rows: ReadonlyArray<Row<'contactRole'>>): Promise<void> {
    const deals = await linked.findOpportunitiesByExternalId(
      this.tx,
      this.stamp.orgId,
      unique(rows.map((r) => r.opportunityExternalId)),
    );
    // deal-to-company: the deal moves to its company
    const companies = unique(rows.flatMap((r) => (r.accountExternalId ? [r.accountExternalId] : [])));
    const accounts = await linked.findAccountsByExternalIdOrName(this.tx, this.stamp.orgId, companies, []);
    const accountByExternal = new Map(accounts.map((a) => [a.externalId!, a.id]));
    const moves = new Map<string, string>();
    for (const r of rows) {
      const deal = deals.get(r.opportunityExternalId)!;
      const accountId = r.accountExternalId ? accountByExternal.get(r.accountExternalId)! : null;
      if (accountId && accountId !== deal.accountId) {
        moves.set(deal.id, accountId);
        deal.accountId = accountId;
      }
    }
    await linked.moveOpportunitiesToAccounts(
      this.tx,
      this.stamp,
      [...moves].map(([opportunityId, accountId]) => ({ opportunityId, accountId })),
    );

    // the people: by id, else added with their name on the deal's account
    const existing = await linked.findContactsByExternalIdOrAccount(
      this.tx,
      this.stamp.orgId,
      unique(rows.flatMap((r) => r.contacts.flatMap((c) => (c.externalId ? [c.externalId] : [])))),
      unique(
        rows
          .filter((r) => r.contacts.some((c) => !c.externalId))
          .map((r) => deals.get(r.opportunityExternalId)!.accountId),
      ),
    );
    const contactByExternal = new Map(existing.filter((c) => c.externalId).map((c) => [c.externalId!, c.id]));
    const contactByName = new Map(existing.map((c) => [`${c.accountId}:${c.name.toLowerCase()}`, c.id]));
    const fresh: linked.ContactToSave[] = [];
    const contactIdOf = (c: Row<'contactRole'>['contacts'][number], accountId: string): string => {
      const key = `${accountId}:${(c.name ?? '').toLowerCase()}`;
      const found =
        (c.externalId ? contactByExternal.get(c.externalId) : undefined) ??
        (c.name ? contactByName.get(key) : undefined);
      if (found) return found;
      const id = randomUUID();
      fresh.push({
        id,
        accountId,
        externalId: c.externalId,
        name: c.name!,
        email: c.email,
        title: c.title,
        phone: c.phone,
      });
      if (c.externalId) contactByExternal.set(c.externalId, id);
      contactByName.set(key, id);
      return id;
    };

    const items: repo.ImportedItem[] = [];
    const facts: repo.ImportedFact[] = [];
    const org = this.stamp.orgId;
    for (const r of rows) {
      const deal = deals.get(r.opportunityExternalId)!;
      if (deal.status === 'open') this.toAssess.push(deal.id);
      const observedAt = deal.createdOn;
      const evidenceText = (column: string | null) =>
        `${this.evidence}${column ? `, column "${column}"` : ''} (line ${r.line})`;
      const idColumn = columnOf(this.run.mapping, 'contact.externalId');
      const roleColumn = columnOf(this.run.mapping, 'contact.role');
      for (const c of r.contacts) {
        const contactId = contactIdOf(c, deal.accountId);
        // the same id as an evaluator named by an opportunity file's contact column
        const itemId = stableId(org, deal.id, 'evaluator', contactId);
        items.push({
          id: itemId,
          opportunityId: deal.id,
          kind: 'evaluator',
          title: null,
          contactId,
          category: null,
          evidenceText: evidenceText(idColumn),
          observedAt,
        });
        this.counts.evaluators++;
        if (!r.role) continue;
        const fact = (id: string, field: string, value: unknown) =>
          facts.push({
            id: stableId(org, id, field, JSON.stringify(value)),
            opportunityId: deal.id,
            itemId: id,
            field,
            isUnknown: false,
            value,
            evidenceText: evidenceText(roleColumn),
            observedAt,
          });
        fact(itemId, 'roles', [r.role]);
        if (r.role === 'economic_buyer') {
          const powerId = stableId(org, deal.id, 'power_access');
          items.push({
            id: powerId,
            opportunityId: deal.id,
            kind: 'power_access',
            title: null,
            contactId: null,
            category: null,
            evidenceText: evidenceText(roleColumn),
            observedAt,
          });
          fact(powerId, 'economicBuyer', itemId);
        }
      }
    }
    await linked.upsertContacts(this.tx, this.stamp, fresh);
    this.counts.contactsCreated += fresh.length;
    const uniqueItems = [...new Map(items.map((it) => [it.id, it])).values()];
    const uniqueFacts = [...new Map(facts.map((f) => [f.id, f])).values()];
    await repo.insertKnowledge(this.tx, this.stamp, uniqueItems, uniqueFacts);
    this.counts.facts += uniqueFacts.length;
  }

  private async stageHistory(rows: ReadonlyArray<Row<'stageHistory'>>): Promise<void> {
    if (!this.isHistoryStaged) await linked.openHistoryStage(this.tx);
    this.isHistoryStaged = true;
    await linked.stageHistoryChanges(this.tx, rows);
  }

  /**
   * Each deal's changes in date order (the file's order within a day), as the app records a change
   * of stage, amount or close date: read back from the staged rows a page at a time, a deal's
   * changes possibly spanning two pages, so memory holds a page however long the file.
   */
  private async writeHistory(): Promise<void> {
    let deal = null as DealHistory | null;
    let after: linked.StagedKey | null = null;
    for (;;) {
      const page = await linked.readStagedHistory(this.tx, after, HISTORY_PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      const deals = await linked.findOpportunitiesByExternalId(
        this.tx,
        this.stamp.orgId,
        unique(page.map((c) => c.opportunityExternalId)),
      );
      const events: linked.HistoryEvent[] = [];
      for (const change of page) {
        if (deal?.externalId !== change.opportunityExternalId) {
          deal = startHistory(deals.get(change.opportunityExternalId)!);
        }
        const fields = this.moveOn(deal, change);
        // a row repeating every value the deal had (a probability changed) moves nothing
        if (fields.length === 0) continue;
        this.record(deal, change.date, fields, events);
      }
      await this.writeEvents(events);
    }
    await linked.closeHistoryStage(this.tx);
  }

  private record(deal: DealHistory, on: string, fields: FieldChange[], events: linked.HistoryEvent[]): void {
    const changesJson = JSON.stringify(fields);
    // an entry moving the stage keeps the id it had before histories carried amounts and close
    // dates (from its stage fields alone), so a history imported then and again now is not doubled
    const moves = fields.filter((f) => f.field === 'stageId' || f.field === 'status' || f.field === 'closedDate');
    events.push({
      id: stableId(this.stamp.orgId, deal.id, 'stage-history', on, JSON.stringify(moves.length > 0 ? moves : fields)),
      opportunityId: deal.id,
      at: `${on}T00:00:00.000Z`,
      changes: changesJson,
    });
    if (fields.some((f) => f.field === 'stageId' || f.field === 'status')) this.counts.stageChanges++;
  }

  private async writeEvents(events: readonly linked.HistoryEvent[]): Promise<void> {
    await linked.insertHistoryEvents(this.tx, this.stamp, events);
    this.historyEntries += events.length;
  }

  // Where a deal's last row holds another amount or close date than the deal does now, the file stops
  // before the deal's latest change (an older or filtered export). When that change came is unknown,
  // so nothing is recorded for it: an entry dated at the import would read as a push of the close
  // date today, a danger zone the history does not show. A replayed day after the last row keeps
  // what the history last said.

  /**
   * The fields one change moves on the deal as it stood, which it leaves as the change says, in the
   * order the app's history lists them. A deal's first amount and close date are where its history
   * starts: they move nothing.
   */
  private moveOn(deal: DealHistory, change: linked.StagedChange): FieldChange[] {
    const fields: FieldChange[] = [];
    if (change.amount !== null) {
      const amountMinor = toMinorUnits(change.amount, deal.currency);
      if (deal.amountMinor !== null && amountMinor !== deal.amountMinor)
        fields.push({ field: 'amountMinor', from: deal.amountMinor, to: amountMinor });
      deal.amountMinor = amountMinor;
    }
    if (change.closeDate !== null) {
      if (deal.closeDate !== null && change.closeDate !== deal.closeDate)
        fields.push({ field: 'expectedCloseDate', from: deal.closeDate, to: change.closeDate });
      deal.closeDate = change.closeDate;
    }
    if (change.stage !== null) {
      const to = this.stageIds.get(change.stage)!;
      if (to !== deal.stageId) fields.push({ field: 'stageId', from: deal.stageId, to });
      // reopened
      if (deal.status !== 'open') {
        fields.push(
          { field: 'status', from: deal.status, to: 'open' },
          { field: 'closedDate', from: deal.closedOn, to: null },
        );
      }
      deal.stageId = to;
      deal.status = 'open';
      deal.closedOn = null;
    } else if (change.status !== deal.status) {
      fields.push(
        { field: 'status', from: deal.status, to: change.status },
        { field: 'closedDate', from: deal.closedOn, to: change.date },
      );
      deal.status = change.status!;
      deal.closedOn = change.date;
    }
    return fields;
  }
}

type FieldChange = { field: string; from: unknown; to: unknown };

/** A deal's stage, status, amount and close date as its history has moved them so far, and its currency. */
type DealHistory = {
  externalId: string;
  id: string;
  stageId: string | null;
  status: string;
  closedOn: string | null;
  /** null until a row says */
  amountMinor: number | null;
  closeDate: string | null;
  /** the currency the history's amounts are read in: the deal's */
  currency: string;
};

const startHistory = (deal: linked.LinkedOpportunity): DealHistory => ({
  externalId: deal.externalId,
  id: deal.id,
  stageId: null,
  status: 'open',
  closedOn: null,
  amountMinor: null,
  closeDate: null,
  currency: deal.currency,
});
