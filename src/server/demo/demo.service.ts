import { randomUUID } from 'node:crypto';
import { creationChanges } from '../../domain/audit.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { insertAccounts } from '../accounts/index.ts';
import { appendAuditEvents, type NewAuditEvent } from '../audit/index.ts';
import { hashPassword } from '../auth/index.ts';
import { recordGapSightings, seedLearningItems } from '../coaching/index.ts';
import { insertContacts } from '../contacts/index.ts';
import { insertRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { forgetOrganization } from '../cache.ts';
import { insertOpportunities } from '../opportunities/index.ts';
import { insertOrganization, listOrganizations } from '../organizations/index.ts';
import { insertStages } from '../stages/index.ts';
import { inTransaction } from '../transaction.ts';
import { insertUser } from '../users/index.ts';
import { fitFirstModel, reassessDeals, replayAssessmentHistory } from '../assessment/index.ts';
import { takeSnapshot } from '../forecast/index.ts';
import { seedDemoSnapshots, seedDemoTargets } from './demo.forecast.ts';
import { seedDemoReviews } from './demo.reviews.ts';
import { seedDemoHandOver } from './demo.hand-over.ts';
import { seedDemoProposals } from './demo.proposals.ts';
import { seedDemoInbox } from './demo.inbox.ts';
import { seedDemoDiagnoses } from './demo.diagnoses.ts';
import { seedDemoAssignments } from './demo.assignments.ts';
import { seedDemoAssignmentNews } from './demo.assignment-news.ts';
import { insertFacts, insertItems } from '../knowledge/index.ts';
import { previousPeriod, quarterOf } from '../../domain/periods.ts';
import { DEMO_PASSWORD, DEMO_SEED, generateDemoWorkspace, type DemoWorkspace } from './demo.data.ts';
import { DEMO_CATALOG } from './demo.catalog.ts';
import { generateDemoKnowledge, type DemoKnowledge } from './demo.knowledge.ts';
import { DEMO_REPORTING_CURRENCY, demoExchangeRates, type DemoRate } from './demo.rates.ts';

export type DemoSummary = {
  orgId: string;
  logins: Array<{ email: string; role: string; name: string }>;
  password: string;
  counts: { users: number; accounts: number; contacts: number; opportunities: number; facts: number };
};

const CHUNK = 200;

async function inChunks<T>(items: readonly T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

/** The parts of loading the demo, each reported once written (not yet committed). */
export type DemoSeedStep = 'workspace' | 'knowledge' | 'model' | 'assessments';

export type DemoSeedOptions = {
  today?: string;
  seed?: number;
  /** told after each part; what it throws aborts the whole load (tests use it to interrupt one) */
  onStep?: (step: DemoSeedStep) => void | Promise<void>;
  /** leave the untested expert prior in use instead of fitting the first model (for studying the prior) */
  startOnPrior?: boolean;
};

/**
 * Writes the demo workspace, its knowledge and every deal's assessment in one transaction, so a
 * load killed part-way leaves nothing behind and can simply be run again. Refuses when an
 * organization of that name already exists, so running it twice never doubles the data.
 */
export async function seedDemoWorkspace(deps: AppDeps, options: DemoSeedOptions = {}): Promise<DemoSummary> {
  const today = options.today ?? toDateOnly(deps.now());
  const ws = generateDemoWorkspace(today, options.seed);
  const knowledge = generateDemoKnowledge(ws, today, options.seed ?? DEMO_SEED);
  const rates = demoExchangeRates(ws, today, options.seed ?? DEMO_SEED);
  const existing = await listOrganizations(deps.db);
  if (existing.some((o) => o.name === ws.orgName || o.id === ws.orgId)) {
    throw new Error(`The demo organization "${ws.orgName}" already exists in this database`);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.passwordCost);
  await inTransaction(deps, async (tx) => {
    await writeWorkspace(tx, ws, rates, passwordHash);
    const catalog = await writeCatalog(tx, ws, deps.now().toISOString());
    await options.onStep?.('workspace');
    await writeKnowledge(tx, ws.orgId, knowledge);
    await options.onStep?.('knowledge');
    // the workspace opens on a model learned from its own closed deals, as a customer's does once
    // it has history, not on the untested expert prior
    if (!options.startOnPrior) {
      const admin = ws.users.find((u) => u.role === 'admin')!;
      await fitFirstModel({ ...deps, db: tx }, ws.orgId, admin.id);
      await options.onStep?.('model');
    }
    // every deal arrives with its win probability, so lists are complete from the first page; twice,
    // as nightly passes would have: a seller's bias is read from their deals' gaps before a pass
    // writes them, so the first pass has none to read
    await reassessDeals({ ...deps, db: tx }, ws.orgId, 'all', { kind: 'demo' });
    await reassessDeals({ ...deps, db: tx }, ws.orgId, 'all', { kind: 'demo' });
    // each deal's past: its assessment at the end of every day something was learned about it, and
    // weekly between, ending where the assessment now stands
    await replayAssessmentHistory({ ...deps, db: tx }, ws.orgId, {
      nightlyFrom: previousPeriod(quarterOf(today)).from,
    });
    // the day's snapshot of every open deal, as the nightly pass takes it: the forecast's first point
    const snapshotDays = await seedDemoSnapshots({ ...deps, db: tx }, ws.orgId, today);
    await takeSnapshot(tx, ws.orgId, today);
    // the coaching gaps each weekly pass would have seen, so a scorecard says how long one has stood
    for (const day of [...snapshotDays, today]) await recordGapSightings({ ...deps, db: tx }, ws.orgId, day);
    await seedDemoTargets({ ...deps, db: tx }, ws, today, deps.now().toISOString());
    await seedDemoReviews({ ...deps, db: tx }, ws, today, snapshotDays);
    await seedDemoInbox({ ...deps, db: tx }, ws, today);
    await seedDemoDiagnoses({ ...deps, db: tx }, ws, today);
    const assigned = await seedDemoAssignments({ ...deps, db: tx }, ws, knowledge, catalog, today);
    await seedDemoAssignmentNews({ ...deps, db: tx }, ws, assigned, catalog, today);
    // a seller who left, their open deals handed over with briefs (some acknowledged, some not)
    await seedDemoHandOver({ ...deps, db: tx }, ws, today);
    // proposals written from the best-known deals' knowledge, and one sent too early
    await seedDemoProposals({ ...deps, db: tx }, ws, today);
    await options.onStep?.('assessments');
  });
  forgetOrganization(deps.caches, ws.orgId);
  return {
    orgId: ws.orgId,
    password: DEMO_PASSWORD,
    logins: ws.users.map((u) => ({ email: u.email, role: u.role, name: u.name })),
    counts: {
      facts: knowledge.facts.length,
      users: ws.users.length,
      accounts: ws.accounts.length,
      contacts: ws.contacts.length,
      opportunities: ws.opportunities.length,
    },
  };
}

/** The starter learning catalog, written by the administrator as the demo is loaded. */
async function writeCatalog(tx: AppDeps['db'], ws: DemoWorkspace, at: string) {
  const admin = ws.users.find((u) => u.role === 'admin')!;
  const items = DEMO_CATALOG.map((item) => ({ ...item, id: randomUUID(), by: admin.id, at }));
  await seedLearningItems(tx, ws.orgId, items);
  await appendAuditEvents(
    tx,
    items.map((item) => ({
      orgId: ws.orgId,
      entityType: 'learning_item' as const,
      entityId: item.id,
      action: 'create' as const,
      actorId: admin.id,
      at,
      changes: creationChanges(item, [
        'title',
        'type',
        'summary',
        'content',
        'externalUrl',
        'minutes',
        'rootCauses',
        'quiz',
      ]),
    })),
  );
  return items;
}

async function writeWorkspace(
  tx: AppDeps['db'],
  ws: DemoWorkspace,
  rates: readonly DemoRate[],
  passwordHash: string,
): Promise<void> {
  const orgId = ws.orgId;
  const idOf = new Map(ws.users.map((u) => [u.email, u.id]));
  const userId = (email: string) => idOf.get(email)!;
  const admin = ws.users.find((u) => u.role === 'admin')!;
  const founded = ws.accounts.reduce((min, a) => (a.createdAt < min ? a.createdAt : min), ws.accounts[0]!.createdAt);
  const audit: NewAuditEvent[] = [];

  await insertOrganization(tx, {
    id: orgId,
    name: ws.orgName,
    at: founded,
    reportingCurrency: DEMO_REPORTING_CURRENCY,
  });
  // managers before their reports, so every manager_id points at an existing row
  for (const u of ws.users) {
    await insertUser(tx, {
      id: u.id,
      orgId,
      email: u.email,
      name: u.name,
      role: u.role,
      managerId: u.managerEmail ? userId(u.managerEmail) : null,
      isActive: true,
      passwordHash,
      at: founded,
    });
    audit.push({
      orgId,
      entityType: 'user',
      entityId: u.id,
      action: 'create',
      actorId: admin.id,
      at: founded,
      changes: [
        { field: 'email', from: null, to: u.email },
        { field: 'name', from: null, to: u.name },
        { field: 'role', from: null, to: u.role },
      ],
    });
  }
  await insertStages(
    tx,
    ws.stages.map((s) => ({ ...s, orgId, at: founded })),
  );

  // the administrator keeps the rates; a month's rate is entered on its first day (the oldest
  // months' when the organization began)
  const enteredOn = (validFrom: string) => {
    const morning = `${validFrom}T07:00:00.000Z`;
    return morning < founded ? founded : morning;
  };
  await insertRates(
    tx,
    rates.map((r) => ({ orgId, ...r, at: enteredOn(r.validFrom), by: admin.id })),
  );
  for (const r of rates) {
    audit.push({
      orgId,
      entityType: 'exchange_rate',
      entityId: `${r.currency}/${r.validFrom}`,
      action: 'create',
      actorId: admin.id,
      at: enteredOn(r.validFrom),
      changes: [{ field: 'rate', from: null, to: r.rate }],
    });
  }

  await inChunks(ws.accounts, (chunk) =>
    insertAccounts(
      tx,
      chunk.map((a) => ({
        id: a.id,
        orgId,
        actorId: userId(a.ownerEmail),
        at: a.createdAt,
        values: {
          name: a.name,
          industry: a.industry,
          sizeBand: a.sizeBand,
          website: a.website,
          relationship: a.relationship,
          ownerId: userId(a.ownerEmail),
        },
      })),
    ),
  );
  for (const a of ws.accounts) {
    audit.push({
      orgId,
      entityType: 'account',
      entityId: a.id,
      action: 'create',
      actorId: userId(a.ownerEmail),
      at: a.createdAt,
      changes: [
        { field: 'name', from: null, to: a.name },
        { field: 'industry', from: null, to: a.industry },
        { field: 'sizeBand', from: null, to: a.sizeBand },
        { field: 'relationship', from: null, to: a.relationship },
        { field: 'ownerId', from: null, to: userId(a.ownerEmail) },
      ],
    });
  }

  const accountOwner = new Map(ws.accounts.map((a) => [a.id, userId(a.ownerEmail)]));
  await inChunks(ws.contacts, (chunk) =>
    insertContacts(
      tx,
      chunk.map((c) => ({
        id: c.id,
        orgId,
        actorId: accountOwner.get(c.accountId)!,
        at: c.createdAt,
        values: { accountId: c.accountId, name: c.name, title: c.title, email: c.email, phone: c.phone },
      })),
    ),
  );
  for (const c of ws.contacts) {
    audit.push({
      orgId,
      entityType: 'contact',
      entityId: c.id,
      action: 'create',
      actorId: accountOwner.get(c.accountId)!,
      at: c.createdAt,
      changes: [
        { field: 'name', from: null, to: c.name },
        { field: 'title', from: null, to: c.title },
        { field: 'email', from: null, to: c.email },
      ],
    });
  }

  await inChunks(ws.opportunities, (chunk) =>
    insertOpportunities(
      tx,
      chunk.map((o) => ({
        id: o.id,
        orgId,
        actorId: userId(o.ownerEmail),
        at: o.createdAt,
        updatedAt: o.updatedAt,
        version: o.events.length,
        values: {
          name: o.name,
          accountId: o.accountId,
          ownerId: userId(o.ownerEmail),
          amountMinor: o.amountMinor,
          currency: o.currency,
          expectedCloseDate: o.expectedCloseDate,
          stageId: o.stageId,
          status: o.status,
          closedDate: o.closedDate,
          closeReason: o.closeReason,
          forecastCategory: o.forecastCategory,
          sellerProbability: o.sellerProbability,
          source: o.source,
          dealType: o.dealType,
        },
      })),
    ),
  );
  // The rows above hold each opportunity's final state; its life so far becomes its history.
  for (const o of ws.opportunities) {
    const ownerId = userId(o.ownerEmail);
    let state: Record<string, unknown> = {};
    o.events.forEach((event, i) => {
      const changes = Object.entries(i === 0 ? { ...event.changes, ownerId } : event.changes).map(([field, to]) => ({
        field,
        from: i === 0 ? null : (state[field] ?? null),
        to,
      }));
      state = { ...state, ...(i === 0 ? { ...event.changes, ownerId } : event.changes) };
      audit.push({
        orgId,
        entityType: 'opportunity',
        entityId: o.id,
        action: i === 0 ? 'create' : 'update',
        actorId: ownerId,
        at: event.at,
        changes,
      });
    });
  }

  audit.sort((a, b) => a.at.localeCompare(b.at));
  await inChunks(audit, (chunk) => appendAuditEvents(tx, chunk));
}

async function writeKnowledge(tx: AppDeps['db'], orgId: string, knowledge: DemoKnowledge): Promise<void> {
  await insertItems(
    tx,
    knowledge.items.map((i) => ({ ...i, orgId, logId: null })),
  );
  await insertFacts(
    tx,
    knowledge.facts.map((f) => ({ ...f, orgId, logId: null })),
  );
}
