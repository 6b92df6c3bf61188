import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { describeFact } from '../../domain/knowledge/display.ts';
import type { EvidenceSource } from '../../domain/knowledge/evidence.ts';
import { knowledgeGaps } from '../../domain/knowledge/gaps.ts';
import { evaluatorMatrix } from '../../domain/knowledge/matrix.ts';
import { fieldDef, kindDef, US, valueSchema, type ItemKind } from '../../domain/knowledge/schema.ts';
import { knowledgeCoverageIndex, scoreObjectives } from '../../domain/knowledge/scoring.ts';
import {
  snapshotAsOf,
  type Evidence,
  type KnowledgeFact,
  type KnowledgeItem,
} from '../../domain/knowledge/snapshot.ts';
import type {
  FactInput,
  ItemInput,
  KnowledgeHistoryEntry,
  KnowledgeResponse,
  LogInput,
} from '../../contract/knowledge.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import { findContactsByIds } from '../contacts/index.ts';
import type { AppCaches } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './knowledge.repo.ts';
import type { NamedContact } from './knowledge.repo.ts';
import {
  namesFor,
  presentEvidence,
  presentGap,
  presentMatrix,
  presentObjective,
  type Directory,
} from './knowledge.presenter.ts';
import { asDefinitions, cachedObjectives } from './objectives.service.ts';

export type Record_ = { items: repo.StoredItem[]; facts: repo.StoredFact[] };

async function loadRecord(db: Db, orgId: string, opportunityId: string): Promise<Record_> {
  return repo.listRecord(db, orgId, opportunityId);
}

/**
 * Names of the contacts and people a record mentions: the people from the cache every request
 * warms, the contacts from `known` (read with the record) and, for any other, one read.
 */
export async function directoryFor(
  db: Db,
  caches: AppCaches,
  orgId: string,
  record: { items: readonly KnowledgeItem[]; facts: readonly KnowledgeFact[] },
  known: ReadonlyMap<string, NamedContact | undefined> = new Map(),
): Promise<Directory> {
  const contactIds = [
    ...record.items.flatMap((i) => [i.contactId, i.evidence.contactId]),
    ...record.facts.map((f) => f.evidence.contactId),
  ].filter((id): id is string => id !== null);
  // a write, or the read of the record, has looked up the contacts already: read only the others
  const [read, users] = await Promise.all([
    findContactsByIds(
      db,
      orgId,
      contactIds.filter((id) => !known.has(id)),
    ),
    cachedUserNames(db, caches, orgId),
  ]);
  const contacts = [...read, ...[...known.values()].filter((c): c is NamedContact => c !== undefined)];
  return { contacts: new Map(contacts.map((c) => [c.id, { name: c.name, title: c.title }])), users };
}

/** Everything known about an opportunity on `asOf` (default today), scored and explained. */
export async function getKnowledge(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  asOf?: string,
): Promise<KnowledgeResponse> {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId);
  if (!opportunity) throw notFound('Opportunity');
  return knowledgeOf(deps.db, deps, actor, opportunity, asOf);
}

/**
 * `loaded`: the opportunity's record when the caller has just read it (after its own write), and
 * `knownContacts` the contacts that write looked up; otherwise both are read in one statement.
 */
export async function knowledgeOf(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  opportunity: Opportunity,
  asOf?: string,
  loaded?: Record_,
  knownContacts?: ReadonlyMap<string, NamedContact | undefined>,
): Promise<KnowledgeResponse> {
  const today = toDateOnly(deps.now());
  const day = asOf ?? today;
  if (day > today) throw unprocessable('asOf', 'Choose today or a day in the past');
  const [{ record, contacts }, objectives] = await Promise.all([
    loaded ? { record: loaded, contacts: knownContacts } : repo.listRecordWithContacts(db, actor.orgId, opportunity.id),
    cachedObjectives(db, deps.caches, actor.orgId),
  ]);
  const dir = await directoryFor(db, deps.caches, actor.orgId, record, contacts);
  const snapshot = snapshotAsOf(record.items, record.facts, day);
  const ctx = {
    amountMinor: opportunity.amountMinor,
    currency: opportunity.currency,
    expectedCloseDate: opportunity.expectedCloseDate,
  };
  const scores = scoreObjectives(snapshot, ctx);
  const definitions = asDefinitions(objectives);
  const names = namesFor(record.items, dir);
  const gaps = knowledgeGaps(snapshot, definitions).map((g) => presentGap(g, names));
  return {
    opportunityId: opportunity.id,
    opportunityVersion: opportunity.version,
    asOf: day,
    isHistorical: day < today,
    coverageIndex: knowledgeCoverageIndex(scores, definitions),
    objectives: objectives.map((o) =>
      presentObjective(
        o,
        scores.find((s) => s.key === o.key)!,
        snapshot,
        gaps,
        names,
        dir,
      ),
    ),
    unknowns: gaps,
    evaluatorMatrix: presentMatrix(evaluatorMatrix(snapshot), snapshot, names, dir),
  };
}

// ---- writing ----

export type WriteContext = {
  tx: Db;
  opportunity: Opportunity;
  record: Record_;
  at: string;
  today: string;
  /** live items of the opportunity */
  live: repo.StoredItem[];
  /** what the work inserted, so the record after it needs no second read */
  added: { items: repo.NewItem[]; facts: repo.NewFact[] };
  /** the work changed rows already there (retired one): the record after it is read again */
  changedRows: boolean;
  /** contacts already looked up in this write, by id (undefined: no such contact) */
  contacts: Map<string, NamedContact | undefined>;
};

/**
 * One knowledge write's own part; the deal use case around it reads, bumps the version and
 * re-assesses. `contactIds`: the contacts it will check, read with the record before it runs.
 */
export type KnowledgeWork = ((w: WriteContext) => Promise<void>) & { contactIds?: readonly string[] };

const namingContacts = (ids: ReadonlyArray<string | null | undefined>, work: (w: WriteContext) => Promise<void>) =>
  Object.assign(work, { contactIds: ids.filter((id): id is string => typeof id === 'string') });

/**
 * The context a knowledge write works in: the opportunity as read, its whole record and the
 * contacts read with it (the caller reads them in one statement, with what the assessment needs).
 */
export function openWrite(
  tx: Db,
  deps: AppDeps,
  opportunity: Opportunity,
  at: string,
  read: { record: Record_; contacts: ReadonlyMap<string, NamedContact | undefined> },
): WriteContext {
  const { record } = read;
  return {
    tx,
    opportunity,
    record,
    at,
    today: toDateOnly(deps.now()),
    live: record.items.filter((i) => i.retiredAt === null),
    added: { items: [], facts: [] },
    changedRows: false,
    contacts: new Map(read.contacts),
  };
}

/** The record as the write left it: what was read plus what was added, in the order a read gives. */
export async function recordAfter(w: WriteContext, orgId: string): Promise<Record_> {
  if (w.changedRows) return loadRecord(w.tx, orgId, w.opportunity.id);
  return {
    items: [...w.record.items, ...w.added.items.map(repo.asStoredItem)].sort(byTimeThenId((i) => i.createdAt)),
    facts: [...w.record.facts, ...w.added.facts.map(repo.asStoredFact)].sort(byTimeThenId((f) => f.recordedAt)),
  };
}

const byTimeThenId =
  <T extends { id: string }>(at: (x: T) => string) =>
  (a: T, b: T): number =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

async function insertItems(w: WriteContext, items: repo.NewItem[]): Promise<void> {
  await repo.insertItems(w.tx, items);
  w.added.items.push(...items);
}

async function insertFacts(w: WriteContext, facts: repo.NewFact[]): Promise<void> {
  await repo.insertFacts(w.tx, facts);
  w.added.facts.push(...facts);
}

/** "facts.2" + "value" -> "facts.2.value"; "" + "value" -> "value" */
const fieldPath = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

type EvidenceIn = {
  text?: string | undefined;
  source: EvidenceSource;
  contactId?: string | null | undefined;
  observedAt: string;
};

async function checkEvidence(
  w: WriteContext,
  actor: Actor,
  evidence: EvidenceIn,
  isUnknown: boolean,
  prefix: string,
): Promise<Evidence> {
  if (!isUnknown && !evidence.text) {
    throw new AppError('invalid-input', 'Say what the customer said or did that tells you this', {
      fields: { [fieldPath(prefix, 'text')]: 'What did the customer say or do that tells you this?' },
    });
  }
  if (evidence.observedAt > w.today)
    throw unprocessable(fieldPath(prefix, 'observedAt'), 'An observation cannot be dated in the future');
  const contactId = evidence.contactId ?? null;
  if (contactId) await checkContact(w, actor, contactId, fieldPath(prefix, 'contactId'));
  return {
    text: evidence.text || null,
    source: evidence.source,
    contactId,
    observedAt: evidence.observedAt,
    recordedBy: actor.userId,
  };
}

async function checkContact(w: WriteContext, actor: Actor, contactId: string, field: string): Promise<void> {
  if (!w.contacts.has(contactId))
    w.contacts.set(contactId, (await findContactsByIds(w.tx, actor.orgId, [contactId]))[0]);
  const contact = w.contacts.get(contactId);
  if (!contact || contact.deletedAt !== null || contact.accountId !== w.opportunity.accountId) {
    throw unprocessable(field, `Choose a contact of ${w.opportunity.accountName}`);
  }
}

type ItemIdentity = {
  kind: ItemKind;
  title?: string | undefined;
  contactId?: string | undefined;
  category?: string | undefined;
};

async function newItem(
  w: WriteContext,
  actor: Actor,
  identity: ItemIdentity,
  evidence: Evidence,
  logId: string | null,
  prefix: string,
): Promise<repo.NewItem> {
  const def = kindDef(identity.kind);
  const field = (name: string) => fieldPath(prefix, name);
  if (def.singleton)
    throw unprocessable(field('kind'), `${def.label} is kept once per opportunity: record its facts directly`);
  if (def.identity.contact) {
    if (!identity.contactId) throw unprocessable(field('contactId'), 'Choose the contact this evaluator is');
    await checkContact(w, actor, identity.contactId, field('contactId'));
    if (w.live.some((i) => i.kind === 'evaluator' && i.contactId === identity.contactId)) {
      throw new AppError('conflict', 'This contact is already an evaluator on this opportunity', {
        fields: { [field('contactId')]: 'Already an evaluator' },
      });
    }
  } else if (identity.contactId)
    throw unprocessable(field('contactId'), `A ${def.label.toLowerCase()} is not a contact`);
  if (def.identity.title && !identity.title) throw unprocessable(field('title'), `${def.identity.title}: required`);
  if (def.identity.category && !def.identity.category.options.includes(identity.category ?? '')) {
    throw unprocessable(
      field('category'),
      `${def.identity.category.label}: choose one of ${def.identity.category.options.join(', ')}`,
    );
  }
  const item: repo.NewItem = {
    id: randomUUID(),
    orgId: actor.orgId,
    opportunityId: w.opportunity.id,
    kind: identity.kind,
    title: def.identity.title ? identity.title! : null,
    contactId: identity.contactId ?? null,
    category: def.identity.category ? identity.category! : null,
    evidence,
    createdAt: w.at,
    logId,
  };
  w.live.push({ ...item, retiredAt: null, retiredBy: null });
  return item;
}

/** The item a fact is about: a live item of this opportunity, or the one-per-opportunity item of a kind (made on first use). */
async function targetItem(
  w: WriteContext,
  actor: Actor,
  target: { itemId?: string | undefined; kind?: ItemKind | undefined },
  evidence: Evidence,
  logId: string | null,
  prefix: string,
  created: repo.NewItem[],
) {
  const field = (name: string) => fieldPath(prefix, name);
  if (target.itemId) {
    const item = w.live.find((i) => i.id === target.itemId);
    if (!item) throw unprocessable(field('itemId'), 'Not a current item of this opportunity');
    return item;
  }
  if (!target.kind)
    throw new AppError('invalid-input', 'Say which item the fact is about', {
      fields: { [field('itemId')]: 'Required (or give the kind)' },
    });
  const def = kindDef(target.kind);
  if (!def.singleton) throw unprocessable(field('itemId'), `Say which ${def.label.toLowerCase()} this is about`);
  const existing = w.live.find((i) => i.kind === target.kind);
  if (existing) return existing;
  const item: repo.NewItem = {
    id: randomUUID(),
    orgId: actor.orgId,
    opportunityId: w.opportunity.id,
    kind: target.kind,
    title: null,
    contactId: null,
    category: null,
    evidence,
    createdAt: w.at,
    logId,
  };
  created.push(item);
  w.live.push({ ...item, retiredAt: null, retiredBy: null });
  return item;
}

function checkValue(
  w: WriteContext,
  kind: ItemKind,
  input: { field: string; qualifier?: string | null | undefined; value?: unknown; unknown?: boolean | undefined },
  prefix: string,
) {
  const field = (name: string) => fieldPath(prefix, name);
  const def = fieldDef(kind, input.field);
  if (!def) {
    const known = kindDef(kind)
      .fields.map((f) => f.key)
      .join(', ');
    throw new AppError('invalid-input', `A ${kindDef(kind).label.toLowerCase()} has no field "${input.field}"`, {
      fields: { [field('field')]: `One of: ${known}` },
    });
  }
  const alternatives = new Set([US, ...w.live.filter((i) => i.kind === 'alternative').map((i) => i.id)]);
  const evaluators = new Set(w.live.filter((i) => i.kind === 'evaluator').map((i) => i.id));
  const qualifier = input.qualifier ?? null;
  if (def.perAlternative) {
    if (!qualifier || !alternatives.has(qualifier))
      throw unprocessable(
        field('qualifier'),
        'Say which alternative ("us" or one of this opportunity\'s alternatives)',
      );
  } else if (qualifier !== null) throw unprocessable(field('qualifier'), 'This field is not per alternative');
  if (input.unknown) {
    if (input.value !== undefined && input.value !== null)
      throw new AppError('invalid-input', 'Give a value or mark it unknown, not both', {
        fields: { [field('value')]: 'Leave empty when unknown' },
      });
    return { def, qualifier, isUnknown: true, value: null };
  }
  const parsed = valueSchema(def).safeParse(input.value);
  if (!parsed.success) {
    throw new AppError('invalid-input', `${def.label}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`, {
      fields: { [field('value')]: parsed.error.issues[0]?.message ?? 'Invalid value' },
    });
  }
  const value = parsed.data;
  if (def.kind === 'evaluator' && !evaluators.has(value as string))
    throw unprocessable(field('value'), 'Choose an evaluator of this opportunity');
  if (def.kind === 'evaluators' && (value as string[]).some((v) => !evaluators.has(v)))
    throw unprocessable(field('value'), 'Choose evaluators of this opportunity');
  if (def.kind === 'alternative' && !alternatives.has(value as string))
    throw unprocessable(field('value'), 'Choose "us" or one of this opportunity\'s alternatives');
  return { def, qualifier, isUnknown: false, value };
}

function newFact(
  w: WriteContext,
  actor: Actor,
  itemId: string,
  checked: ReturnType<typeof checkValue>,
  evidence: Evidence,
  logId: string | null,
): repo.NewFact {
  return {
    id: randomUUID(),
    orgId: actor.orgId,
    opportunityId: w.opportunity.id,
    itemId,
    field: checked.def.key,
    qualifier: checked.qualifier,
    isUnknown: checked.isUnknown,
    value: checked.value,
    evidence,
    lastVerifiedAt: null,
    recordedAt: w.at,
    logId,
  };
}

export function addItem(actor: Actor, opportunityId: string, input: ItemInput): KnowledgeWork {
  return namingContacts([input.evidence.contactId, input.contactId], async (w) => {
    const evidence = await checkEvidence(w, actor, input.evidence, false, 'evidence');
    const item = await newItem(w, actor, input, evidence, null, '');
    await insertItems(w, [item]);
  });
}

/** Records a value (or "unknown") for one field; it supersedes what was known before. */
export function addFact(actor: Actor, opportunityId: string, input: FactInput): KnowledgeWork {
  return namingContacts([input.evidence.contactId], async (w) => {
    const evidence = await checkEvidence(w, actor, input.evidence, input.unknown === true, 'evidence');
    const created: repo.NewItem[] = [];
    const item = await targetItem(w, actor, input, evidence, null, '', created);
    const checked = checkValue(w, item.kind, input, '');
    await insertItems(w, created);
    await insertFacts(w, [newFact(w, actor, item.id, checked, evidence, null)]);
  });
}

export function retireItem(actor: Actor, opportunityId: string, itemId: string): KnowledgeWork {
  return async (w) => {
    if (!w.live.some((i) => i.id === itemId)) throw notFound('Knowledge item');
    w.changedRows = true;
    await repo.retireItem(w.tx, { orgId: actor.orgId, opportunityId, itemId }, { by: actor.userId, at: w.at });
  };
}

export function retireFact(actor: Actor, opportunityId: string, factId: string): KnowledgeWork {
  return async (w) => {
    if (!w.record.facts.some((f) => f.id === factId && f.retiredAt === null)) throw notFound('Fact');
    w.changedRows = true;
    await repo.retireFact(w.tx, { orgId: actor.orgId, opportunityId, factId }, { by: actor.userId, at: w.at });
  };
}

/**
 * A buyer confirmed again that a fact still holds: the fact is recorded anew with its original
 * evidence and the day it was re-confirmed, so it is fresh again and the history shows both.
 */
export function verifyFact(
  actor: Actor,
  opportunityId: string,
  factId: string,
  input: { verifiedOn: string },
): KnowledgeWork {
  return async (w) => {
    const fact = w.record.facts.find((f) => f.id === factId && f.retiredAt === null);
    const live = fact && w.live.some((i) => i.id === fact.itemId);
    const latest =
      fact &&
      !w.record.facts.some(
        (f) =>
          f.itemId === fact.itemId &&
          f.field === fact.field &&
          f.qualifier === fact.qualifier &&
          f.recordedAt > fact.recordedAt,
      );
    if (!fact || !live || !latest) throw notFound('Current fact');
    if (fact.isUnknown)
      throw unprocessable('factId', 'An unknown cannot be re-confirmed: record what the buyer said instead');
    if (input.verifiedOn > w.today) throw unprocessable('verifiedOn', 'A confirmation cannot be dated in the future');
    if (input.verifiedOn < fact.evidence.observedAt)
      throw unprocessable('verifiedOn', `The fact was first observed on ${fact.evidence.observedAt}`);
    await insertFacts(w, [
      {
        ...fact,
        id: randomUUID(),
        orgId: actor.orgId,
        opportunityId,
        lastVerifiedAt: input.verifiedOn,
        recordedAt: w.at,
        logId: null,
        evidence: { ...fact.evidence, recordedBy: actor.userId },
      },
    ]);
  };
}

/** A meeting or call: everything learned in it, with one source, contact and date, in one transaction. */
export function logMeeting(actor: Actor, opportunityId: string, input: LogInput): KnowledgeWork {
  return namingContacts([input.contactId, ...input.items.map((i) => i.contactId)], async (w) => {
    if (input.items.length === 0 && input.facts.length === 0)
      throw unprocessable('facts', 'Record at least one thing you learned');
    const logId = randomUUID();
    const shared = { source: input.source, contactId: input.contactId ?? null, observedAt: input.observedAt };
    await checkEvidence(w, actor, { ...shared, text: input.summary ?? 'meeting' }, false, '');
    const created: repo.NewItem[] = [];
    const refs = new Map<string, string>();
    for (const [i, entry] of input.items.entries()) {
      if (refs.has(entry.ref)) throw unprocessable(`items.${i}.ref`, 'Each new item needs its own ref');
      const evidence = await checkEvidence(
        w,
        actor,
        { ...shared, text: entry.said ?? input.summary },
        false,
        `items.${i}`,
      );
      const item = await newItem(w, actor, entry, evidence, logId, `items.${i}`);
      created.push(item);
      refs.set(entry.ref, item.id);
    }
    const facts: repo.NewFact[] = [];
    for (const [i, entry] of input.facts.entries()) {
      const prefix = `facts.${i}`;
      const evidence = await checkEvidence(
        w,
        actor,
        { ...shared, text: entry.said ?? input.summary },
        entry.unknown === true,
        prefix,
      );
      let itemId = entry.itemId;
      if (entry.itemRef) {
        itemId = refs.get(entry.itemRef);
        if (!itemId) throw unprocessable(fieldPath(prefix, 'itemRef'), `No new item has the ref "${entry.itemRef}"`);
      }
      const item = await targetItem(w, actor, { itemId, kind: entry.kind }, evidence, logId, prefix, created);
      facts.push(newFact(w, actor, item.id, checkValue(w, item.kind, entry, prefix), evidence, logId));
    }
    await repo.insertLog(w.tx, {
      id: logId,
      orgId: actor.orgId,
      opportunityId,
      summary: input.summary ?? null,
      ...shared,
      recordedBy: actor.userId,
      recordedAt: w.at,
    });
    await insertItems(w, created);
    await insertFacts(w, facts);
  });
}

export type HypothesisInput = {
  items: Array<{
    ref: string;
    kind: ItemKind;
    title?: string | undefined;
    contactId?: string | undefined;
    category?: string | undefined;
  }>;
  facts: Array<{
    itemId?: string | undefined;
    itemRef?: string | undefined;
    kind?: ItemKind | undefined;
    field: string;
    qualifier?: string | null | undefined;
    value?: unknown;
    unknown?: boolean | undefined;
  }>;
};

/**
 * Hypothetical items and facts, checked exactly like real ones (same fields, same references,
 * same opportunity) but never written: the raw material of a what-if.
 */
export async function hypothesize(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  opportunity: Opportunity,
  record: Record_,
  input: HypothesisInput,
  knownContacts: ReadonlyMap<string, NamedContact | undefined> = new Map(),
): Promise<{ items: repo.StoredItem[]; facts: repo.StoredFact[] }> {
  const w: WriteContext = {
    tx: db,
    opportunity,
    record,
    at: deps.now().toISOString(),
    today: toDateOnly(deps.now()),
    live: record.items.filter((i) => i.retiredAt === null),
    added: { items: [], facts: [] },
    changedRows: false,
    contacts: new Map(knownContacts),
  };
  const evidence: Evidence = {
    text: 'what-if',
    source: 'buyer_stated',
    contactId: null,
    observedAt: w.today,
    recordedBy: actor.userId,
    hypothetical: true,
  };
  const created: repo.NewItem[] = [];
  const refs = new Map<string, string>();
  for (const [i, entry] of input.items.entries()) {
    if (refs.has(entry.ref)) throw unprocessable(`items.${i}.ref`, 'Each new item needs its own ref');
    const item = await newItem(w, actor, entry, evidence, null, `items.${i}`);
    created.push(item);
    refs.set(entry.ref, item.id);
  }
  const facts: repo.NewFact[] = [];
  for (const [i, entry] of input.facts.entries()) {
    const prefix = `facts.${i}`;
    let itemId = entry.itemId;
    if (entry.itemRef) {
      itemId = refs.get(entry.itemRef);
      if (!itemId) throw unprocessable(fieldPath(prefix, 'itemRef'), `No new item has the ref "${entry.itemRef}"`);
    }
    const item = await targetItem(w, actor, { itemId, kind: entry.kind }, evidence, null, prefix, created);
    facts.push(newFact(w, actor, item.id, checkValue(w, item.kind, entry, prefix), evidence, null));
  }
  return {
    items: created.map((i) => ({ ...i, retiredAt: null, retiredBy: null })),
    facts: facts.map((f) => ({ ...f, retiredAt: null, retiredBy: null })),
  };
}

/** Who learned what, when, and from whom: every addition, change and retirement, newest first. */
export async function knowledgeHistory(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  page: { limit: number; offset: number },
) {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId, { includeDeleted: true });
  if (!opportunity) throw notFound('Opportunity');
  const entries = await knowledgeTimelineOf(deps.db, deps.caches, actor.orgId, opportunityId);
  return { items: entries.slice(page.offset, page.offset + page.limit), total: entries.length };
}

/** The whole timeline of a deal's knowledge, newest first (the caller has checked the deal is visible). */
export async function knowledgeTimelineOf(
  db: Db,
  caches: AppCaches,
  orgId: string,
  opportunityId: string,
): Promise<KnowledgeHistoryEntry[]> {
  const { record, contacts } = await repo.listRecordWithContacts(db, orgId, opportunityId);
  const dir = await directoryFor(db, caches, orgId, record, contacts);
  const names = namesFor(record.items, dir);
  const userName = (id: string | null) => (id ? (dir.users.get(id) ?? 'Former user') : 'Unknown');
  const logs = new Map((await repo.listLogs(db, orgId, opportunityId)).map((l) => [l.id, l.summary]));
  const fromLog = (logId: string | null) => ({ logId, logSummary: logId ? (logs.get(logId) ?? null) : null });
  type Entry = KnowledgeHistoryEntry;
  const entries: Entry[] = [];
  for (const item of record.items) {
    const def = kindDef(item.kind);
    if (!def.singleton) {
      entries.push({
        id: `${item.id}:added`,
        at: item.createdAt,
        action: 'added',
        objective: def.objective,
        what: `${def.label}: ${names.itemLabel(item)}`,
        value: null,
        evidence: presentEvidence(item.evidence, names, dir),
        byName: userName(item.evidence.recordedBy),
        ...fromLog(item.logId),
      });
    }
    if (item.retiredAt)
      entries.push({
        id: `${item.id}:retired`,
        at: item.retiredAt,
        action: 'retired',
        objective: def.objective,
        what: `${def.label}: ${names.itemLabel(item)}`,
        value: null,
        evidence: null,
        byName: userName(item.retiredBy),
        logId: null,
        logSummary: null,
      });
  }
  const seen = new Set<string>();
  for (const fact of record.facts) {
    const item = names.item(fact.itemId)!;
    const def = fieldDef(item.kind, fact.field);
    const key = `${fact.itemId}|${fact.field}|${fact.qualifier ?? ''}`;
    const subject = `${def?.label ?? fact.field}${kindDef(item.kind).singleton ? '' : ` of ${names.itemLabel(item)}`}${fact.qualifier ? ` for ${names.lookup.alternative(fact.qualifier)}` : ''}`;
    entries.push({
      id: `${fact.id}:recorded`,
      at: fact.recordedAt,
      action: fact.lastVerifiedAt ? 'verified' : seen.has(key) ? 'changed' : 'added',
      objective: def?.objective ?? null,
      what: subject,
      value: describeFact(item.kind, fact.field, fact.value, fact.isUnknown, names.lookup),
      evidence: presentEvidence(fact.evidence, names, dir),
      byName: userName(fact.evidence.recordedBy),
      ...fromLog(fact.logId),
    });
    seen.add(key);
    if (fact.retiredAt)
      entries.push({
        id: `${fact.id}:retired`,
        at: fact.retiredAt,
        action: 'retired',
        objective: def?.objective ?? null,
        what: subject,
        value: null,
        evidence: null,
        byName: userName(fact.retiredBy),
        logId: null,
        logSummary: null,
      });
  }
  entries.sort((a, b) => b.at.localeCompare(a.at));
  return entries;
}
