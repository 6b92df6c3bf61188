import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { isKnowledgeTerm, POINTS_PER_DOUBLING, type DealFacts } from '../../domain/assessment/assess.ts';
import { assess, type Assessment, type AssessmentContext, type EngineSetup } from '../../domain/assessment/engine.ts';
import { summarizeZones } from '../../domain/assessment/headline.ts';
import type { Hypothesis } from '../../domain/assessment/hypothesis.ts';
import type { PersonNames } from '../../domain/assessment/move-people.ts';
import {
  DEFAULT_BASE_RATE,
  DEFAULT_CYCLE_DAYS,
  DEFAULT_LARGE_DEAL_MINOR,
  priorModel,
  type WinModel,
} from '../../domain/assessment/model.ts';
import { daysBetween, toDateOnly } from '../../domain/dates.ts';
import type { Actor } from '../../domain/access.ts';
import { describeFact } from '../../domain/knowledge/display.ts';
import { fieldDef, kindDef } from '../../domain/knowledge/schema.ts';
import {
  snapshotAsOf,
  type KnowledgeFact,
  type KnowledgeItem,
  type KnowledgeSnapshot,
} from '../../domain/knowledge/snapshot.ts';
import type { AssessmentView, WhatIfBody } from '../../contract/assessment.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import { accountProfiles } from '../accounts/index.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { namesFor, type Directory } from '../knowledge/index.ts';
import { listRecordsOf } from '../knowledge/index.ts';
import { directoryFor, hypothesize, type NamedContact, type Record_ } from '../knowledge/index.ts';
import { asDefinitions, cachedObjectives } from '../knowledge/index.ts';
import { findOpportunity, outcomeHistory } from '../opportunities/index.ts';
import type { AppCaches, StoredSetup } from '../cache.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './assessment.repo.ts';
import { saveAssessmentsWithEvents, type AssessmentToSave } from './assessment-events.ts';
import type { AssessmentCause } from './cause.ts';

/** The organization's own calibration for the prior model: win rate, deal sizes, cycle length. */
export function organizationPrior(db: Db, caches: AppCaches, orgId: string): Promise<WinModel> {
  return caches.calibratedPriors.get(orgId, 'prior', () => calibratePrior(db, orgId));
}

async function calibratePrior(db: Db, orgId: string): Promise<WinModel> {
  const history = await outcomeHistory(db, orgId);
  const closed = history.filter((h) => h.status !== 'open');
  const won = closed.filter((h) => h.status === 'won');
  const baseRate = closed.length >= 10 ? (won.length + 1) / (closed.length + 2) : DEFAULT_BASE_RATE;
  const amounts = history.map((h) => h.amountMinor).sort((a, b) => a - b);
  const cycles = won
    .filter((h) => h.closedDate)
    .map((h) => daysBetween(h.createdAt.slice(0, 10), h.closedDate!))
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  return priorModel(baseRate, {
    largeDealMinor: amounts.length >= 20 ? amounts[Math.floor(amounts.length * 0.75)]! : DEFAULT_LARGE_DEAL_MINOR,
    expectedCycleDays: cycles.length >= 10 ? cycles[Math.floor(cycles.length / 2)]! : DEFAULT_CYCLE_DAYS,
  });
}

/**
 * The current model (or the calibrated prior), the catalog, the rules and the admin's settings:
 * cached, and dropped by a refit, a rule setting, an objective's new wording or weight, or a
 * change to what the prior is calibrated on.
 */
export async function engineSetup(db: Db, caches: AppCaches, orgId: string): Promise<EngineSetup> {
  const setup = await caches.engineSetups.get(orgId, 'setup', () => readEngineSetup(db, caches, orgId));
  return { ...setup, model: setup.model ?? (await organizationPrior(db, caches, orgId)) };
}

async function readEngineSetup(db: Db, caches: AppCaches, orgId: string): Promise<StoredSetup> {
  const [model, objectives, settings] = await Promise.all([
    repo.findCurrentModel(db, orgId),
    cachedObjectives(db, caches, orgId),
    repo.listRuleSettings(db, orgId),
  ]);
  return { model, objectives: asDefinitions(objectives), rules: DANGER_ZONE_RULES, ruleSettings: settings };
}

/** Each seller's bias, by seller id (repo.sellerBiases), or the promise of it. */
type Biases = Promise<Map<string, number | null>>;

/**
 * The contexts of many deals with a few queries for each 500 of them, rather than three per deal.
 * Each seller's bias is read once, as it stands before any of these deals is re-assessed, unless
 * the caller read it already for more deals than these (`biases`).
 */
async function contextsFor(
  db: Db,
  orgId: string,
  opportunities: readonly Opportunity[],
  model: WinModel,
  asOfOf: (o: Opportunity) => string,
  biases?: Biases,
): Promise<Map<string, AssessmentContext>> {
  // read alongside the first batch rather than before it (one deal: all three reads at once)
  const biasesRead = biases ?? repo.sellerBiases(db, [...new Set(opportunities.map((o) => o.ownerId))]);
  const contexts = new Map<string, AssessmentContext>();
  for (let i = 0; i < opportunities.length; i += 500) {
    const chunk = opportunities.slice(i, i + 500);
    const [profiles, { pushes, sent }, biases] = await Promise.all([
      accountProfiles(
        db,
        orgId,
        chunk.map((o) => o.accountId),
      ),
      repo.pushesAndProposalsSent(
        db,
        orgId,
        chunk.map((o) => o.id),
      ),
      biasesRead,
    ]);
    for (const o of chunk) {
      contexts.set(
        o.id,
        dealContext(o, model, asOfOf(o), {
          profile: profiles.get(o.accountId),
          pushes: pushes.get(o.id) ?? [],
          bias: biases.get(o.ownerId) ?? null,
          proposalSentOn: sent.get(o.id) ?? null,
        }),
      );
    }
  }
  return contexts;
}

function dealContext(
  opportunity: Opportunity,
  model: WinModel,
  asOf: string,
  known: repo.DealContext,
): AssessmentContext {
  return {
    asOf,
    createdOn: opportunity.createdAt.slice(0, 10),
    amountMinor: opportunity.amountMinor,
    currency: opportunity.currency,
    expectedCloseDate: opportunity.expectedCloseDate,
    forecastCategory: opportunity.forecastCategory,
    dealType: opportunity.dealType,
    relationship: known.profile?.relationship ?? 'new',
    source: opportunity.source,
    segment: known.profile?.sizeBand ?? null,
    closeDatePushes: known.pushes,
    largeDealMinor: model.largeDealMinor,
    expectedCycleDays: model.expectedCycleDays,
    quietDaysWon: model.quietDaysWon ?? null,
    proposalSentOn: known.proposalSentOn,
    stageProbability: opportunity.stageProbability,
    sellerProbability: opportunity.sellerProbability,
    sellerBias: known.bias,
  };
}

/** The assessment as the API shows it: reasons backed by the customer's own words. */
export function presentAssessment(
  a: Assessment,
  opportunityId: string,
  snapshot: KnowledgeSnapshot,
  record: Record_,
  dir: Directory,
  computedAt: string,
  commitOverride: AssessmentView['commitOverride'] = null,
): AssessmentView {
  const names = namesFor([...record.items, ...snapshot.items], dir);
  const evidenceFor = (signals: string[]) => {
    const factIds = new Set(signals.flatMap((s) => a.evidence[s]?.facts ?? []));
    const itemIds = new Set(signals.flatMap((s) => a.evidence[s]?.items ?? []));
    const fromFacts = snapshot.facts
      .filter((f) => factIds.has(f.id) && !f.id.startsWith('what-if'))
      .map((f) => {
        const item = snapshot.item(f.itemId)!;
        const title = item.contactId ? dir.contacts.get(item.contactId)?.title : null;
        return {
          factId: f.id,
          itemId: item.id,
          about: `${names.itemLabel(item)}${title ? ` (${title})` : ''}`,
          statement: `${fieldDef(item.kind, f.field)?.label ?? f.field}: ${describeFact(item.kind, f.field, f.value, f.isUnknown, names.lookup)}`,
          quote: f.evidence.text,
          source: f.evidence.source,
          contactName: names.contactName(f.evidence.contactId),
          observedAt: f.evidence.observedAt,
        };
      });
    const fromItems = snapshot.items
      .filter(
        (i) =>
          itemIds.has(i.id) &&
          !i.id.startsWith('what-if') &&
          !snapshot.facts.some((f) => factIds.has(f.id) && f.itemId === i.id),
      )
      .map((i) => ({
        factId: null,
        itemId: i.id,
        about: names.itemLabel(i),
        statement: 'Recorded',
        quote: i.evidence.text,
        source: i.evidence.source,
        contactName: names.contactName(i.evidence.contactId),
        observedAt: i.evidence.observedAt,
      }));
    return [...fromFacts, ...fromItems].slice(0, 6);
  };
  const nameOfEvaluator = (id: string | null) => (id ? names.lookup.evaluator(id) : null);
  return {
    opportunityId,
    winProbability: a.winProbability,
    baseRate: a.baseProbability,
    band: a.band,
    stageProbability: a.stageProbability / 100,
    sellerProbability: a.sellerProbability === null ? null : a.sellerProbability / 100,
    sellerGap: a.sellerGap,
    coverageIndex: a.coverageIndex,
    positions: a.positions,
    contributions: a.contributions.map((c) => ({
      feature: c.feature,
      kind: isKnowledgeTerm(c.feature) ? ('knowledge' as const) : ('context' as const),
      points: c.points,
      reason: c.reason,
      evidence: evidenceFor(c.signals),
    })),
    totalPoints: a.totalPoints,
    pointsPerDoubling: POINTS_PER_DOUBLING,
    uncappedProbability: a.uncappedProbability,
    cap: a.cap,
    floor: a.floor,
    dangerZones: a.dangerZones,
    commitOverride,
    zoneSummary: zoneSummaryOf(a, snapshot, names),
    recommendations: a.recommendations.slice(0, 8).map((r) => {
      const known = r.ask.evaluatorId !== null && !r.ask.evaluatorId.startsWith('what-if');
      return {
        id: r.id,
        kind: r.kind,
        action: r.action,
        question: r.question,
        ask: {
          role: r.ask.role,
          name: known ? nameOfEvaluator(r.ask.evaluatorId) : null,
          evaluatorId: known ? r.ask.evaluatorId : null,
        },
        via: r.via,
        effort: r.effort,
        gain: r.gain,
        value: r.value,
        protects: r.protects,
        outcomes: r.outcomes,
        resolves: r.resolves,
        addresses: r.addresses,
        whatIf: asWhatIfBody(r.hypothesis, snapshot),
      };
    }),
    modelVersion: a.modelVersion,
    computedAt,
  };
}

/** The headline zones, the unknowns among them named after the items their evidence points at. */
export function zoneSummaryOf(a: Assessment, snapshot: KnowledgeSnapshot, names: ReturnType<typeof namesFor>) {
  return summarizeZones(a.dangerZones, a.contributions, (signal) =>
    (a.evidence[signal]?.items ?? []).flatMap((id) => {
      const item = snapshot.item(id);
      return item ? [names.itemLabel(item)] : [];
    }),
  );
}

/** Evaluators' names for the words of the moves: their contact's name, null while nobody is named. */
function personNames(items: readonly KnowledgeItem[], dir: Directory): PersonNames {
  const contactOf = new Map(items.map((i) => [i.id, i.contactId]));
  return (evaluatorId) => {
    const contactId = contactOf.get(evaluatorId);
    return contactId ? (dir.contacts.get(contactId)?.name ?? null) : null;
  };
}

/**
 * A move's hypothesis in the shape the what-if route takes: facts on existing items by id, on
 * one-per-opportunity kinds by kind, on new items by ref. Null when a new item would need a
 * person nobody has named yet (finding the economic buyer, say).
 */
export function asWhatIfBody(h: Hypothesis, snapshot: KnowledgeSnapshot): WhatIfBody | null {
  if (h.items.some((i) => kindDef(i.kind).identity.contact)) return null;
  const fresh = new Set(h.items.map((i) => i.id));
  const items = h.items
    .filter((i) => !kindDef(i.kind).singleton)
    .map((i) => ({
      ref: i.id,
      kind: i.kind,
      ...(i.title ? { title: i.title } : {}),
      ...(i.category ? { category: i.category } : {}),
    }));
  const facts = h.facts.map((f) => {
    const item = snapshot.item(f.itemId) ?? h.items.find((i) => i.id === f.itemId)!;
    const target = kindDef(item.kind).singleton
      ? { kind: item.kind }
      : fresh.has(item.id)
        ? { itemRef: item.id }
        : { itemId: item.id };
    return { ...target, field: f.field, ...(f.qualifier ? { qualifier: f.qualifier } : {}), value: f.value };
  });
  return facts.length > 0 ? { items, facts } : null;
}

function toStored(
  a: Assessment,
  opportunity: Opportunity,
  orgId: string,
  at: string,
  deal: DealFacts,
  cause: AssessmentCause,
): AssessmentToSave {
  return {
    zoneSeverities: new Map(a.dangerZones.map((z) => [z.id, z.severity])),
    cause,
    inputs: {
      signals: a.signals,
      kci: a.coverageIndex,
      deal: {
        dealType: deal.dealType,
        relationship: deal.relationship,
        source: deal.source,
        segment: deal.segment,
        amountMinor: deal.amountMinor,
      },
    },
    opportunityId: opportunity.id,
    orgId,
    ownerId: opportunity.ownerId,
    modelVersion: a.modelVersion,
    winProbability: a.winProbability,
    bandLow: a.band[0],
    bandHigh: a.band[1],
    coverageIndex: a.coverageIndex,
    sellerGap: a.sellerGap,
    topSeverity: a.dangerZones[0]?.severity ?? null,
    zoneIds: a.dangerZones.map((z) => z.id),
    computedAt: at,
  };
}

/**
 * Assesses one opportunity as of today and stores the result (in the caller's transaction, if
 * any). Recommendations cost a what-if per move, so only a reader who shows them asks for them.
 */
export async function refreshAssessment(
  db: Db,
  deps: AppDeps,
  orgId: string,
  opportunity: Opportunity,
  cause: AssessmentCause,
  setup?: EngineSetup,
  options: { recommend?: boolean; known?: Held } = {},
) {
  const assessed = await assessOpportunity(db, deps, orgId, opportunity, setup, options);
  await saveAssessmentsWithEvents(db, deps, [
    toStored(assessed.result, opportunity, orgId, assessed.at, assessed.ctx, cause),
  ]);
  return assessed;
}

/**
 * What a writer may already hold of what an assessment reads: the record as it just wrote it, and
 * the deal's context as read with the record before (`readDealForWrite`) when its write moves none
 * of it.
 */
export type Held = { record: Record_; context: repo.DealContext };

/**
 * Re-assesses an opportunity just written, as the caller holds it, and answers it with the
 * figures now stored (no re-reading of the row).
 */
export async function reassess<O extends Opportunity>(
  db: Db,
  deps: AppDeps,
  orgId: string,
  opportunity: O,
  cause: AssessmentCause,
  known?: Held,
): Promise<O> {
  return (await reassessWithZones(db, deps, orgId, opportunity, cause, known)).opportunity;
}

/** reassess, with the danger zones the deal is now in (for the gate on the commit category). */
export async function reassessWithZones<O extends Opportunity>(
  db: Db,
  deps: AppDeps,
  orgId: string,
  opportunity: O,
  cause: AssessmentCause,
  known?: Held,
): Promise<{ opportunity: O; zones: Assessment['dangerZones'] }> {
  const { result } = await refreshAssessment(db, deps, orgId, opportunity, cause, undefined, { known });
  return {
    opportunity: {
      ...opportunity,
      winProbability: result.winProbability,
      coverageIndex: result.coverageIndex,
      topSeverity: result.dangerZones[0]?.severity ?? null,
    },
    zones: result.dangerZones,
  };
}

/**
 * Assesses one opportunity as of today from what is stored, writing nothing. What the caller does
 * not hold is read in one statement (with the contacts the record names when `names` is asked).
 */
async function assessOpportunity(
  db: Db,
  deps: AppDeps,
  orgId: string,
  opportunity: Opportunity,
  setup?: EngineSetup,
  options: { recommend?: boolean; names?: boolean; known?: Held | undefined } = {},
) {
  const engine = setup ?? (await engineSetup(db, deps.caches, orgId));
  const read: Held & {
    contacts?: ReadonlyMap<string, NamedContact | undefined>;
    commitOverride?: AssessmentView['commitOverride'];
  } = options.known ?? (await repo.readDeal(db, orgId, opportunity, options.names ? { contactIds: [] } : undefined));
  const record = read.record;
  const snapshot = snapshotAsOf(record.items, record.facts, assessedOn(opportunity, toDateOnly(deps.now())));
  const ctx = dealContext(opportunity, engine.model, snapshot.asOf, read.context);
  // moves name people, so a reader who shows them has the names looked up before the moves are worded
  const dir = options.names ? await directoryFor(db, deps.caches, orgId, record, read.contacts) : null;
  const result = assess(snapshot, ctx, engine, {
    recommend: options.recommend ?? false,
    ...(dir ? { names: personNames(record.items, dir) } : {}),
  });
  return {
    result,
    snapshot,
    record,
    ctx,
    dir,
    commitOverride: read.commitOverride ?? null,
    at: deps.now().toISOString(),
  };
}

/**
 * What a knowledge write and the assessment after it read of a deal, in one statement: its record,
 * the contacts the record names and those of `contactIds` (which the write checks), and its context
 * (which a knowledge write does not move: hand it to `reassess` as known).
 */
export function readDealForWrite(db: Db, orgId: string, opportunity: Opportunity, contactIds: readonly string[]) {
  return repo.readDeal(db, orgId, opportunity, { contactIds });
}

/** A deal is assessed as of today, or as of the day it closed. */
export const assessedOn = (o: Opportunity, today: string) =>
  o.closedDate && o.closedDate < today ? o.closedDate : today;

/** The day a closed deal's outcome was settled (its last change when no date was given). */
export const closedOn = (o: Opportunity) => o.closedDate ?? o.updatedAt.slice(0, 10);

/**
 * What assessing a batch of deals needs, read together: each deal's knowledge record and its
 * context as of the day `asOfOf` gives (one read of the records, a few of the contexts).
 */
export async function recordsAndContexts(
  db: Db,
  orgId: string,
  batch: readonly Opportunity[],
  model: WinModel,
  asOfOf: (o: Opportunity) => string,
  biases?: Biases,
): Promise<Map<string, { items: KnowledgeItem[]; facts: KnowledgeFact[]; ctx: AssessmentContext }>> {
  const [records, contexts] = await Promise.all([
    listRecordsOf(
      db,
      orgId,
      batch.map((o) => o.id),
    ),
    contextsFor(db, orgId, batch, model, asOfOf, biases),
  ]);
  return new Map(batch.map((o) => [o.id, { ...records.get(o.id)!, ctx: contexts.get(o.id)! }]));
}

/** the deals whose records one batch of assessMany reads, with a few queries */
const READ_BATCH = 500;
/**
 * the assessments one transaction of assessMany writes. Each deal's assessment, its history point
 * and its deal's mark land on pages spread across their indexes (keyed by random ids), which a
 * commit writes out whole: 500 deals a commit rewrote most of those pages every time, and on
 * SQLite the commits were half of assessing an import's 40,000 open deals
 */
export const SAVE_BATCH = 5_000;

/**
 * Assesses many deals from their knowledge and stores the results: read READ_BATCH at a time,
 * written SAVE_BATCH at a time, each in one transaction (the nightly pass, an import's, the demo's).
 */
export async function assessMany(
  deps: AppDeps,
  orgId: string,
  opportunities: readonly Opportunity[],
  setup: EngineSetup,
  cause: AssessmentCause,
): Promise<void> {
  const today = toDateOnly(deps.now());
  const at = deps.now().toISOString();
  for (let w = 0; w < opportunities.length; w += SAVE_BATCH) {
    const saving = opportunities.slice(w, w + SAVE_BATCH);
    // nothing is stored until the whole transaction's deals are assessed: each seller's bias is
    // read once for them all (not again for each READ_BATCH: the same figures, 9 statements for
    // 40,000 deals instead of 81), alongside the first read
    const biases = repo.sellerBiases(deps.db, [...new Set(saving.map((o) => o.ownerId))]);
    const rows: AssessmentToSave[] = [];
    const readFrom = (i: number) =>
      recordsAndContexts(
        deps.db,
        orgId,
        saving.slice(i, i + READ_BATCH),
        setup.model,
        (o) => assessedOn(o, today),
        biases,
      );
    let next = readFrom(0);
    for (let i = 0; i < saving.length; i += READ_BATCH) {
      const batch = saving.slice(i, i + READ_BATCH);
      const read = await next;
      // the next deals' records are read while these are assessed (nothing assessed here changes them)
      if (i + READ_BATCH < saving.length) {
        next = readFrom(i + READ_BATCH);
        // should assessing these fail, the read ahead is dropped
        next.catch(() => {});
      }
      for (const o of batch) {
        const { items, facts, ctx } = read.get(o.id)!;
        rows.push(
          toStored(
            assess(snapshotAsOf(items, facts, ctx.asOf), ctx, setup, { recommend: false }),
            o,
            orgId,
            at,
            ctx,
            cause,
          ),
        );
      }
    }
    await inTransaction(deps, (tx) => saveAssessmentsWithEvents(tx, deps, rows));
  }
}

/**
 * Many open deals assessed as of today with their moves worded, writing nothing (the pipeline
 * review): the records and contexts read together, the people they name looked up once for all.
 */
export function assessWithMoves(deps: AppDeps, orgId: string, opportunities: readonly Opportunity[]) {
  return assessBatch(deps, orgId, opportunities, { recommend: true });
}

/**
 * Closed deals as they stood the day each closed (a closed deal is assessed as of that day), with
 * their whole record for other days' snapshots, writing nothing and wording no moves (the win/loss review).
 */
export function assessAsClosed(deps: AppDeps, orgId: string, opportunities: readonly Opportunity[]) {
  return assessBatch(deps, orgId, opportunities, { recommend: false });
}

async function assessBatch(
  deps: AppDeps,
  orgId: string,
  opportunities: readonly Opportunity[],
  options: { recommend: boolean },
) {
  const setup = await engineSetup(deps.db, deps.caches, orgId);
  const today = toDateOnly(deps.now());
  const read = await recordsAndContexts(deps.db, orgId, opportunities, setup.model, (o) => assessedOn(o, today));
  const all = { items: [...read.values()].flatMap((r) => r.items), facts: [...read.values()].flatMap((r) => r.facts) };
  const dir = await directoryFor(deps.db, deps.caches, orgId, all);
  const names = options.recommend ? personNames(all.items, dir) : undefined;
  const assessed = new Map(
    opportunities.map((o) => {
      const { items, facts, ctx } = read.get(o.id)!;
      const snapshot = snapshotAsOf(items, facts, ctx.asOf);
      const result = assess(snapshot, ctx, setup, { recommend: options.recommend, ...(names ? { names } : {}) });
      return [o.id, { result, snapshot, items, facts, ctx }] as const;
    }),
  );
  return { assessed, dir };
}

export async function getAssessment(deps: AppDeps, actor: Actor, opportunityId: string): Promise<AssessmentView> {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId);
  if (!opportunity) throw notFound('Opportunity');
  // a read never writes: every change re-assesses in its own transaction and the nightly pass fills gaps
  const { result, snapshot, record, dir, commitOverride, at } = await assessOpportunity(
    deps.db,
    deps,
    actor.orgId,
    opportunity,
    undefined,
    { recommend: true, names: true },
  );
  return presentAssessment(result, opportunity.id, snapshot, record, dir!, at, commitOverride);
}

/**
 * What a hand-over brief keeps of the assessment: the probability, the coverage and the zones the
 * deal page leads with, computed as the page does but without the moves (nothing is written).
 */
export async function zoneHeadlineOf(deps: AppDeps, orgId: string, opportunity: Opportunity) {
  const { result, snapshot, record, dir } = await assessOpportunity(deps.db, deps, orgId, opportunity, undefined, {
    names: true,
  });
  const names = namesFor([...record.items, ...snapshot.items], dir!);
  return {
    winProbability: result.winProbability,
    coverageIndex: result.coverageIndex,
    zoneSummary: zoneSummaryOf(result, snapshot, names),
  };
}

/** The assessment with hypothetical facts (checked like real ones); nothing is written. */
export async function whatIfAssessment(deps: AppDeps, actor: Actor, opportunityId: string, body: WhatIfBody) {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId);
  if (!opportunity) throw notFound('Opportunity');
  const engine = await engineSetup(deps.db, deps.caches, actor.orgId);
  // the contacts the hypothesis names are read with the record, as a knowledge write reads them
  const contactIds = body.items.flatMap((i) => (i.contactId ? [i.contactId] : []));
  const { record, context, contacts } = await repo.readDeal(deps.db, actor.orgId, opportunity, { contactIds });
  const asOf = toDateOnly(deps.now());
  const hypothesis = await hypothesize(deps.db, deps, actor, opportunity, record, body, contacts);
  const ctx = dealContext(opportunity, engine.model, asOf, context);
  const before = assess(snapshotAsOf(record.items, record.facts, asOf), ctx, engine, { recommend: false });
  const snapshot = snapshotAsOf([...record.items, ...hypothesis.items], [...record.facts, ...hypothesis.facts], asOf);
  const all = { items: [...record.items, ...hypothesis.items], facts: [...record.facts, ...hypothesis.facts] };
  const dir = await directoryFor(deps.db, deps.caches, actor.orgId, record, contacts);
  const after = assess(snapshot, ctx, engine, { names: personNames(all.items, dir) });
  const view = presentAssessment(after, opportunity.id, snapshot, all, dir, deps.now().toISOString());
  return {
    ...view,
    baseline: {
      winProbability: before.winProbability,
      band: before.band,
      dangerZones: before.dangerZones.map((z) => z.id),
    },
  };
}
