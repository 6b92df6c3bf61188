import { sql } from 'kysely';
import { createRandom, type Random } from '../src/domain/random.ts';
import {
  DEAL_TYPES,
  FORECAST_CATEGORIES,
  LEAD_SOURCES,
  RELATIONSHIPS,
  SIZE_BANDS,
  type OpportunityStatus,
} from '../src/domain/enums.ts';
import { insertAccounts, type AccountValues } from '../src/server/accounts/accounts.repo.ts';
import { saveAssessments, type StoredAssessment } from '../src/server/assessment/assessment.repo.ts';
import type { AppDeps } from '../src/server/deps.ts';
import { insertOpportunities, type OpportunityValues } from '../src/server/opportunities/opportunities.repo.ts';
import { createOrganization } from '../src/server/organizations/organizations.service.ts';
import { listStages } from '../src/server/stages/stages.repo.ts';
import { createUserInOrg } from '../src/server/users/users.service.ts';

export const BENCH_PASSWORD = 'bench-password-1234';

export type SeedPlan = {
  seed: number;
  opportunities: number;
  accounts: number;
  managers: number;
  sellersPerManager: number;
  /** share of opportunities soft-deleted, so the deleted_at filter does real work */
  deletedShare: number;
};

export const DEFAULT_PLAN: SeedPlan = {
  seed: 20261120,
  opportunities: 100_000,
  accounts: 2_000,
  managers: 5,
  sellersPerManager: 9,
  deletedShare: 0.01,
};

export type Seeded = {
  orgId: string;
  admin: { id: string; email: string };
  /** the first manager: sees their own deals and their sellers' */
  manager: { id: string; email: string; teamOwnerIds: string[] };
  ownerIds: string[];
  /** live opportunity ids, with their owner, for detail requests */
  opportunities: Array<{ id: string; ownerId: string }>;
  counts: { users: number; accounts: number; opportunities: number; deleted: number };
  seconds: number;
};

const INDUSTRIES = ['Software', 'Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Logistics', 'Energy', 'Education'];
const NAME_A = [
  'North',
  'Blue',
  'Iron',
  'Bright',
  'Silver',
  'Pine',
  'Summit',
  'Harbor',
  'Quantum',
  'Red',
  'Cedar',
  'Atlas',
];
const NAME_B = [
  'Works',
  'Systems',
  'Labs',
  'Foods',
  'Logistics',
  'Health',
  'Capital',
  'Motors',
  'Media',
  'Energy',
  'Retail',
];
const PRODUCTS = ['platform', 'renewal', 'expansion', 'pilot', 'analytics add-on', 'enterprise plan', 'services'];
const CURRENCIES: ReadonlyArray<readonly [string, number]> = [
  ['USD', 6],
  ['EUR', 3],
  ['GBP', 1],
];
const STATUSES: ReadonlyArray<readonly [OpportunityStatus, number]> = [
  ['open', 60],
  ['won', 20],
  ['lost', 15],
  ['no_decision', 5],
];

// Fixed dates (not "now"), so the same seed gives the same rows on every run.
const EPOCH = Date.parse('2024-01-01T00:00:00.000Z');
const SPAN_MS = Date.parse('2026-10-31T00:00:00.000Z') - EPOCH;
const SEED_AT = '2024-01-01T00:00:00.000Z';

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

function day(ms: number): string {
  return isoAt(ms).slice(0, 10);
}

/**
 * Writes one organization through the app's own services and repositories: the admin, managers
 * with their sellers, accounts, then opportunities in chunks, each batch of chunks in a transaction.
 */
export async function seedWorkspace(
  deps: AppDeps,
  plan: SeedPlan = DEFAULT_PLAN,
  log: (line: string) => void = () => {},
): Promise<Seeded> {
  const started = performance.now();
  const rng = createRandom(plan.seed);
  const { orgId, admin } = await createOrganization(deps, {
    name: 'Bench Corp',
    admin: { email: 'admin@bench.test', name: 'Ada Admin', password: BENCH_PASSWORD },
  });
  const by = { orgId, actorId: admin.id };

  const managers: Array<{ id: string; email: string; team: string[] }> = [];
  for (let m = 0; m < plan.managers; m++) {
    const email = `manager${m + 1}@bench.test`;
    const manager = await createUserInOrg(deps, by, {
      email,
      name: `Manager ${m + 1}`,
      role: 'manager',
      managerId: admin.id,
      password: BENCH_PASSWORD,
    });
    const team = [manager.id];
    for (let s = 0; s < plan.sellersPerManager; s++) {
      const seller = await createUserInOrg(deps, by, {
        email: `seller${m + 1}.${s + 1}@bench.test`,
        name: `Seller ${m + 1}.${s + 1}`,
        role: 'seller',
        managerId: manager.id,
      });
      team.push(seller.id);
    }
    managers.push({ id: manager.id, email, team });
  }
  const ownerIds = managers.flatMap((m) => m.team);
  const stageIds = (await listStages(deps.db, orgId)).map((s) => s.id);

  const accounts = Array.from({ length: plan.accounts }, (_, i) => ({
    id: rng.uuid(),
    orgId,
    actorId: admin.id,
    at: SEED_AT,
    values: {
      name: `${rng.pick(NAME_A)} ${rng.pick(NAME_B)} ${i + 1}`,
      industry: rng.pick(INDUSTRIES),
      sizeBand: rng.pick(SIZE_BANDS),
      website: null,
      relationship: rng.pick(RELATIONSHIPS),
      ownerId: rng.pick(ownerIds),
    } satisfies AccountValues,
  }));
  await deps.db.transaction().execute(async (tx) => {
    for (let i = 0; i < accounts.length; i += 500) await insertAccounts(tx, accounts.slice(i, i + 500));
  });
  log(`  ${ownerIds.length + 1} users, ${accounts.length} accounts`);

  const opportunities: Seeded['opportunities'] = [];
  const CHUNK = 500;
  const PER_TRANSACTION = 10_000;
  let written = 0;
  while (written < plan.opportunities) {
    const batch = Math.min(PER_TRANSACTION, plan.opportunities - written);
    const rows = Array.from({ length: batch }, () =>
      opportunityRow(rng, { orgId, actorId: admin.id, ownerIds, stageIds, accounts }),
    );
    // nearly every deal carries a stored assessment, as every write and the nightly pass leave
    // one; a few are not assessed yet, so the list's path for those is measured too
    const assessed = rows.filter(() => rng.chance(0.99)).map((r) => assessmentRow(rng, r));
    await deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) await insertOpportunities(tx, rows.slice(i, i + CHUNK));
      await saveAssessments(tx, assessed);
    });
    for (const r of rows) opportunities.push({ id: r.id, ownerId: r.values.ownerId });
    written += batch;
    if (written % 50_000 === 0 || written === plan.opportunities) log(`  ${written} opportunities`);
  }

  // Soft-delete a share (the repositories only insert live rows).
  const deleted = new Set<string>();
  while (deleted.size < Math.round(plan.opportunities * plan.deletedShare)) deleted.add(rng.pick(opportunities).id);
  const deletedIds = [...deleted];
  for (let i = 0; i < deletedIds.length; i += 500) {
    await deps.db
      .updateTable('opportunities')
      .set({ deleted_at: '2026-10-01T00:00:00.000Z' })
      .where('id', 'in', deletedIds.slice(i, i + 500))
      .execute();
  }
  // PostgreSQL: the state autovacuum reaches after a bulk load (statistics, visibility map for
  // index-only scans). SQLite is left as the app leaves it: the app never runs ANALYZE.
  if (deps.dialect === 'postgres')
    await sql`vacuum analyze opportunities, accounts, users, stages, organizations, assessments`.execute(deps.db);

  const first = managers[0]!;
  return {
    orgId,
    admin: { id: admin.id, email: admin.email },
    manager: { id: first.id, email: first.email, teamOwnerIds: first.team },
    ownerIds,
    opportunities: opportunities.filter((o) => !deleted.has(o.id)),
    counts: {
      users: ownerIds.length + 1,
      accounts: accounts.length,
      opportunities: opportunities.length,
      deleted: deleted.size,
    },
    seconds: (performance.now() - started) / 1000,
  };
}

const SEVERITY_MIX = [
  [null, 3],
  ['low', 2],
  ['medium', 3],
  ['high', 2],
  ['critical', 1],
] as const;

/** A stored assessment for a seeded deal: a plausible spread of figures, not the engine's output. */
function assessmentRow(rng: Random, o: ReturnType<typeof opportunityRow>): StoredAssessment {
  const p = Math.min(0.97, Math.max(0.02, (rng.next() + rng.next() + rng.next()) / 3));
  const topSeverity = rng.weighted(SEVERITY_MIX);
  return {
    opportunityId: o.id,
    orgId: o.orgId,
    ownerId: o.values.ownerId,
    modelVersion: 'prior-1',
    winProbability: p,
    bandLow: Math.max(0, p - 0.1),
    bandHigh: Math.min(1, p + 0.1),
    coverageIndex: rng.next(),
    sellerGap: o.values.sellerProbability === null ? null : o.values.sellerProbability - p * 100,
    topSeverity,
    zoneIds: topSeverity === null ? [] : ['DZ-22'],
    computedAt: o.updatedAt,
    inputs: null,
    cause: { kind: 'nightly' },
  };
}

function opportunityRow(
  rng: Random,
  ctx: {
    orgId: string;
    actorId: string;
    ownerIds: string[];
    stageIds: string[];
    accounts: Array<{ id: string; values: { name: string } }>;
  },
) {
  const account = rng.pick(ctx.accounts);
  const created = EPOCH + Math.floor(rng.next() * SPAN_MS * 0.9);
  const updated = created + Math.floor(rng.next() * (EPOCH + SPAN_MS - created));
  const status = rng.weighted(STATUSES);
  const closed = status === 'open' ? null : day(updated);
  const values: OpportunityValues = {
    name: `${account.values.name} ${rng.pick(PRODUCTS)}`,
    accountId: account.id,
    ownerId: rng.pick(ctx.ownerIds),
    amountMinor: rng.int(5, 5_000) * 100_00,
    currency: rng.weighted(CURRENCIES),
    expectedCloseDate: day(created + rng.int(14, 270) * 86_400_000),
    stageId: rng.pick(ctx.stageIds),
    status,
    closedDate: closed,
    closeReason: status === 'lost' ? 'Went with a competitor' : null,
    forecastCategory: rng.pick(FORECAST_CATEGORIES),
    sellerProbability: rng.chance(0.5) ? rng.int(0, 100) : null,
    source: rng.chance(0.8) ? rng.pick(LEAD_SOURCES) : null,
    dealType: rng.pick(DEAL_TYPES),
  };
  return {
    id: rng.uuid(),
    orgId: ctx.orgId,
    actorId: ctx.actorId,
    at: isoAt(created),
    updatedAt: isoAt(updated),
    version: rng.int(1, 6),
    values,
  };
}
