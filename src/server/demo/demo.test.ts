import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { DEMO_PASSWORD, generateDemoWorkspace } from './demo.data.ts';
import { seedDemoWorkspace, type DemoSummary } from './demo.service.ts';

describe('the generated demo workspace', () => {
  const ws = generateDemoWorkspace('2026-11-26');

  it('is the same every time for the same date', () => {
    expect(generateDemoWorkspace('2026-11-26')).toEqual(ws);
  });

  it('has an admin, three managers with four or five sellers each, seller1 reporting to manager1', () => {
    expect(ws.users.filter((u) => u.role === 'admin').map((u) => u.email)).toEqual(['admin@demo.example.com']);
    const managers = ws.users.filter((u) => u.role === 'manager');
    expect(managers.map((m) => m.email)).toEqual(['manager1@demo.example.com', 'manager2@demo.example.com', 'manager3@demo.example.com']);
    for (const m of managers) {
      const team = ws.users.filter((u) => u.managerEmail === m.email);
      expect(team.length).toBeGreaterThanOrEqual(4);
      expect(team.length).toBeLessThanOrEqual(5);
    }
    expect(ws.users.find((u) => u.email === 'seller1@demo.example.com')!.managerEmail).toBe('manager1@demo.example.com');
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
    const total = (caller: typeof admin) => caller.get('/api/opportunities?limit=1').then((r) => r.json().total as number);
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

  it('refuses to load twice', async () => {
    await expect(seedDemoWorkspace(ctx.deps, { today: '2026-11-26' })).rejects.toThrow(/already exists/);
  });
});
