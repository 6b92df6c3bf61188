import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { DEMO_PASSWORD, generateDemoWorkspace } from './demo.data.ts';
import { seedDemoWorkspace, type DemoSummary } from './demo.service.ts';
import { generateDemoKnowledge } from './demo.knowledge.ts';
import { EVIDENCE_SOURCES } from '../../domain/knowledge/evidence.ts';
import { DEFAULT_OBJECTIVES } from '../../domain/knowledge/objectives.ts';
import { fieldDef, valueSchema } from '../../domain/knowledge/schema.ts';
import { knowledgeCoverageIndex, scoreObjectives } from '../../domain/knowledge/scoring.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import type { HistoryPoint } from '../../contract/assessment.ts';
import type { Opportunity } from '../../contract/opportunities.ts';

describe('the generated demo workspace', () => {
  const ws = generateDemoWorkspace('2026-11-26');

  it('is the same every time for the same date', () => {
    expect(generateDemoWorkspace('2026-11-26')).toEqual(ws);
  });

  it('has an admin, three managers with four or five sellers each, seller1 reporting to manager1', () => {
    expect(ws.users.filter((u) => u.role === 'admin').map((u) => u.email)).toEqual(['admin@demo.example.com']);
    const managers = ws.users.filter((u) => u.role === 'manager');
    expect(managers.map((m) => m.email)).toEqual([
      'manager1@demo.example.com',
      'manager2@demo.example.com',
      'manager3@demo.example.com',
    ]);
    for (const m of managers) {
      const team = ws.users.filter((u) => u.managerEmail === m.email);
      expect(team.length).toBeGreaterThanOrEqual(4);
      expect(team.length).toBeLessThanOrEqual(5);
    }
    expect(ws.users.find((u) => u.email === 'seller1@demo.example.com')!.managerEmail).toBe(
      'manager1@demo.example.com',
    );
  });

  it('is big enough to feel real', () => {
    expect(ws.accounts.length).toBeGreaterThanOrEqual(60);
    expect(ws.contacts.length).toBeGreaterThanOrEqual(200);
    expect(ws.opportunities.length).toBeGreaterThanOrEqual(300);
    const statuses = new Set(ws.opportunities.map((o) => o.status));
    expect(statuses).toEqual(new Set(['open', 'won', 'lost', 'no_decision']));
    expect(new Set(ws.accounts.map((a) => a.relationship))).toEqual(new Set(['new', 'current', 'past']));
  });

  it('spreads deals over the last two years and the next two quarters, coherently', () => {
    for (const o of ws.opportunities) {
      if (o.status === 'open') {
        expect(o.closedDate).toBeNull();
        expect(o.expectedCloseDate >= '2026-11-01' && o.expectedCloseDate <= '2027-05-31').toBe(true);
      } else {
        expect(o.closedDate! >= '2024-11-26' && o.closedDate! <= '2026-11-26').toBe(true);
        expect(o.closeReason).toBeTruthy();
        expect(o.createdAt.slice(0, 10) <= o.closedDate!).toBe(true);
      }
      expect(o.amountMinor).toBeGreaterThan(0);
      expect(o.events[0]!.at).toBe(o.createdAt);
    }
  });
});

describe('loading the demo workspace', () => {
  let ctx: TestContext;
  let summary: DemoSummary;

  beforeAll(async () => {
    ctx = await createTestApp();
    summary = await seedDemoWorkspace(ctx.deps, { today: '2026-11-26' });
  });
  afterAll(() => ctx.close());

  it('lets every demo login sign in and see a sensible share', async () => {
    const manager = await signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD);
    const seller = await signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD);
    const admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
    const total = (caller: typeof admin) =>
      caller.get('/api/opportunities?limit=1').then((r) => r.json().total as number);
    const [all, team, own] = await Promise.all([total(admin), total(manager), total(seller)]);
    expect(all).toBe(summary.counts.opportunities);
    expect(team).toBeLessThan(all);
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(team);
  });

  it('gives every opportunity a history that starts with its creation', async () => {
    const admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
    const [won] = (await admin.get('/api/opportunities?status=won&limit=1')).json().items;
    const history = (await admin.get(`/api/opportunities/${won.id}/history?limit=200`)).json();
    expect(history.total).toBe(won.version);
    expect(history.items.at(-1).action).toBe('create');
    expect(history.items[0].changes.map((c: { field: string }) => c.field)).toContain('status');
  });

  it('gives each opportunity knowledge the API serves, scored and explained', async () => {
    const seller = await signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD);
    const [open] = (await seller.get('/api/opportunities?status=open&limit=1')).json().items;
    const k = (await seller.get(`/api/opportunities/${open.id}/knowledge`)).json();
    expect(k.objectives.filter((o: { explored: boolean }) => o.explored).length).toBeGreaterThan(2);
    expect(k.evaluatorMatrix.rows.length).toBeGreaterThan(0);
  });

  it('gives each deal an assessment history that tells its story, ending on today’s figure', async () => {
    const seller = await signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD);
    const items = (await seller.get('/api/opportunities?status=open&limit=20')).json().items as Opportunity[];
    const histories = await Promise.all(
      items.map(async (o) => ({
        o,
        points: (await seller.get(`/api/opportunities/${o.id}/assessment/history`)).json().points as HistoryPoint[],
      })),
    );
    expect(histories.filter((h) => h.points.length > 2).length).toBeGreaterThan(items.length / 2);
    for (const { o, points } of histories) {
      expect(points.map((p) => p.at)).toEqual(points.map((p) => p.at).sort());
      expect(points.at(-1)).toMatchObject({ winProbability: o.winProbability, cause: { kind: 'demo' } });
      // the days before today name who learned what
      for (const p of points.slice(0, -1)) expect(p.cause?.text).toMatch(/ (logged|added) by [A-Z]/);
    }
  });

  it('tells the sign-in page that this server holds the demo', async () => {
    expect((await ctx.app.inject('/api/about')).json()).toMatchObject({ name: 'Winsight', demo: true });
  });

  it('refuses to load twice', async () => {
    await expect(seedDemoWorkspace(ctx.deps, { today: '2026-11-26' })).rejects.toThrow(/already exists/);
  });
});

describe('a demo load interrupted part-way', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const rowsIn = async (table: 'organizations' | 'users' | 'opportunities' | 'knowledge_facts' | 'assessments') =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.deps.db)).rows[0]!.n);

  it('leaves nothing behind when stopped before the win chances are computed, and loads whole when run again', async () => {
    const interrupted = seedDemoWorkspace(ctx.deps, {
      today: '2026-11-26',
      onStep: (step) => {
        if (step === 'knowledge') throw new Error('killed before the assessments');
      },
    });
    await expect(interrupted).rejects.toThrow(/killed/);
    expect([
      await rowsIn('organizations'),
      await rowsIn('users'),
      await rowsIn('opportunities'),
      await rowsIn('knowledge_facts'),
      await rowsIn('assessments'),
    ]).toEqual([0, 0, 0, 0, 0]);

    const summary = await seedDemoWorkspace(ctx.deps, { today: '2026-11-26' });
    expect(await rowsIn('opportunities')).toBe(summary.counts.opportunities);
    expect(await rowsIn('assessments')).toBe(summary.counts.opportunities);
  });

  it('opens on a model learned from its own closed deals, and every deal is assessed with it', async () => {
    const admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
    const model = (await admin.get('/api/model')).json();
    expect(model).toMatchObject({ version: 'fitted-1', kind: 'fitted' });
    expect(model.card.trainingSize).toBe(model.closedDeals);
    expect(model.card.crossValidated.auc).toBeGreaterThan(0.6);
    const versions = await sql<{ model_version: string }>`select distinct model_version from assessments`.execute(
      ctx.deps.db,
    );
    expect(versions.rows.map((r) => r.model_version)).toEqual(['fitted-1']);
  });
});

describe('the demo knowledge', () => {
  const ws = generateDemoWorkspace('2026-11-26');
  const knowledge = generateDemoKnowledge(ws, '2026-11-26', 20261126);

  it('covers every opportunity, with evidence of every source kind', () => {
    const withFacts = new Set(knowledge.facts.map((f) => f.opportunityId));
    expect(withFacts.size).toBe(ws.opportunities.length);
    expect(new Set(knowledge.facts.map((f) => f.evidence.source))).toEqual(new Set(EVIDENCE_SOURCES));
  });

  it('holds only values each field accepts, references within the same opportunity, and evidence for every known value', () => {
    const itemsById = new Map(knowledge.items.map((i) => [i.id, i]));
    for (const f of knowledge.facts) {
      const item = itemsById.get(f.itemId)!;
      expect(item.opportunityId).toBe(f.opportunityId);
      const def = fieldDef(item.kind, f.field)!;
      expect(def, `${item.kind}.${f.field}`).toBeDefined();
      if (f.isUnknown) continue;
      expect(valueSchema(def).safeParse(f.value).success, `${item.kind}.${f.field} = ${JSON.stringify(f.value)}`).toBe(
        true,
      );
      expect(f.evidence.text).toBeTruthy();
      if (def.kind === 'evaluator') expect(itemsById.get(f.value as string)?.opportunityId).toBe(f.opportunityId);
      expect(f.evidence.observedAt <= '2026-11-26').toBe(true);
    }
  });

  it('varies: strong and thin deals, hostile economic buyers, competitor-written requirements', () => {
    const kinds = new Map<string, number>();
    for (const o of ws.opportunities) {
      const opportunity = { amountMinor: o.amountMinor, currency: o.currency, expectedCloseDate: o.expectedCloseDate };
      const snap = snapshotAsOf(
        knowledge.items.filter((i) => i.opportunityId === o.id),
        knowledge.facts.filter((f) => f.opportunityId === o.id),
        o.closedDate ?? '2026-11-26',
      );
      const kci = knowledgeCoverageIndex(scoreObjectives(snap, opportunity), DEFAULT_OBJECTIVES);
      const band = kci >= 0.6 ? 'rich' : kci <= 0.2 ? 'thin' : 'middling';
      kinds.set(band, (kinds.get(band) ?? 0) + 1);
      if (snap.facts.some((f) => f.field === 'counterChampion')) kinds.set('hostile', (kinds.get('hostile') ?? 0) + 1);
      if (snap.facts.some((f) => f.field === 'shapedRequirements' && f.value === true))
        kinds.set('rfp', (kinds.get('rfp') ?? 0) + 1);
    }
    for (const kind of ['rich', 'thin', 'middling', 'hostile', 'rfp'])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(5);
  });
});
