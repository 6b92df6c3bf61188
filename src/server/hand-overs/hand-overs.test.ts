import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandOver, HandOverPlan, HandOverSummary } from '../../contract/hand-overs.ts';
import type { InboxMessage } from '../../contract/inbox.ts';
import type { User } from '../../contract/users.ts';
import { bytesOf, pdfPageCount, pdfText } from '../../testing/pdf.ts';
import { createTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { renderBriefPdf } from './brief.pdf.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const admin = () => ws.acme.admin.as;
const said = (text: string, extra: Record<string, unknown> = {}) => ({
  text,
  source: 'buyer_stated',
  observedAt: '2026-11-10',
  ...extra,
});

type Leaver = {
  user: User;
  as: Caller;
  deals: Array<{ id: string; name: string; amountMinor: number; version: number }>;
  accounts: string[];
};

/** A seller of managerA's team with three open deals (1,000,000 / 300,000 / 200,000 USD), one won, on two accounts. */
async function newLeaver(tag: string): Promise<Leaver> {
  const user = (
    await admin().post('/api/users', {
      email: `leaver.${tag}@acme.test`,
      name: `Lee ${tag}`,
      role: 'seller',
      managerId: ws.acme.managerA.user.id,
      password: TEST_PASSWORD,
    })
  ).json<User>();
  const as = await signIn(ctx.app, `leaver.${tag}@acme.test`, TEST_PASSWORD);
  const big = (await as.post('/api/accounts', { name: `Big Co ${tag}` })).json();
  const small = (await as.post('/api/accounts', { name: `Small Co ${tag}` })).json();
  const deal = (accountId: string, name: string, amountMinor: number, extra: Record<string, unknown> = {}) =>
    as
      .post('/api/opportunities', {
        accountId,
        name: `${name} ${tag}`,
        amountMinor,
        currency: 'USD',
        expectedCloseDate: '2027-02-15',
        ...extra,
      })
      .then((r) => r.json());
  const deals = [
    await deal(big.id, 'Platform', 100_000_000, { sellerProbability: 70 }),
    await deal(big.id, 'Add-on', 30_000_000),
    await deal(small.id, 'Pilot', 20_000_000),
  ];
  await deal(small.id, 'Past win', 5_000_000, { status: 'won', closedDate: '2026-09-30' });
  return { user, as, deals, accounts: [big.id, small.id] };
}

async function owners(ids: string[]) {
  return Promise.all(ids.map(async (id) => (await admin().get(`/api/opportunities/${id}`)).json().ownerId as string));
}

describe('the proposed split', () => {
  it('balances count and amount across the people chosen, and writes nothing', async () => {
    const lee = await newLeaver('preview');
    const a1 = ws.acme.sellerA1.user.id;
    const a2 = ws.acme.sellerA2.user.id;
    const response = await admin().post(`/api/users/${lee.user.id}/hand-over/preview`, {
      to: [{ userId: a1 }, { userId: a2 }],
      split: 'balanced',
    });
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json<HandOverPlan>();
    expect(plan.deals.map((d) => d.name).sort()).toEqual(lee.deals.map((d) => d.name).sort());
    const platform = plan.deals.find((d) => d.name.startsWith('Platform'))!;
    // the large deal alone on one side, the two smaller ones on the other
    expect(plan.deals.filter((d) => d.toUserId === platform.toUserId)).toHaveLength(1);
    expect(plan.recipients.map((r) => [r.deals, r.value]).sort()).toEqual([
      [1, 100_000_000],
      [2, 50_000_000],
    ]);
    // each account follows most of its deals
    expect(plan.accounts.find((a) => a.name.startsWith('Big'))!.toUserId).toBe(platform.toUserId);
    expect(plan.from).toMatchObject({ isActive: true, version: lee.user.version });

    expect((await admin().get(`/api/users/${lee.user.id}`)).json().isActive).toBe(true);
    expect(await owners(lee.deals.map((d) => d.id))).toEqual([lee.user.id, lee.user.id, lee.user.id]);
  });

  it.each([
    ['nobody chosen', () => ({ to: [], split: 'balanced' }), 400],
    [
      'two people for "all to one"',
      () => ({ to: [{ userId: ws.acme.sellerA1.user.id }, { userId: ws.acme.sellerA2.user.id }], split: 'one' }),
      400,
    ],
    ['a deactivated person', () => ({ to: [{ userId: 'GHOST' }], split: 'one' }), 422],
    ['someone of another organization', () => ({ to: [{ userId: ws.globex.seller.user.id }], split: 'one' }), 422],
    ['the leaver themselves', () => ({ to: [{ userId: 'SELF' }], split: 'one' }), 422],
  ])('refuses %s', async (_label, body, status) => {
    const lee = await newLeaver(`refuse${status}${Math.random().toString(36).slice(2, 6)}`);
    const ghost = (
      await admin().post('/api/users', { email: `ghost${Math.random()}@acme.test`, name: 'Ghost', role: 'seller' })
    ).json<User>();
    await admin().patch(`/api/users/${ghost.id}`, { isActive: false, version: ghost.version });
    const resolved = JSON.parse(
      JSON.stringify(body()).replaceAll('GHOST', ghost.id).replaceAll('SELF', lee.user.id),
    ) as unknown;
    const response = await admin().post(`/api/users/${lee.user.id}/hand-over`, resolved);
    expect(response.statusCode, response.body).toBe(status);
    expect((await admin().get(`/api/users/${lee.user.id}`)).json().isActive).toBe(true);
  });

  it('is for administrators only', async () => {
    const lee = await newLeaver('policy');
    const body = { to: [{ userId: ws.acme.sellerA1.user.id }], split: 'one' };
    for (const caller of [ws.acme.managerA.as, ws.acme.sellerA1.as]) {
      expect((await caller.post(`/api/users/${lee.user.id}/hand-over/preview`, body)).statusCode).toBe(403);
      expect((await caller.post(`/api/users/${lee.user.id}/hand-over`, body)).statusCode).toBe(403);
    }
  });
});

describe('deactivating and handing over in one step', () => {
  let lee: Leaver;
  let result: { handOvers: HandOverSummary[]; opportunities: number; accounts: number; actions: number };

  beforeAll(async () => {
    lee = await newLeaver('main');
    const platform = lee.deals[0]!;
    // what Lee learned on the platform deal, an honest unknown, and an action Lee agreed to
    const contact = (
      await lee.as.post('/api/contacts', { accountId: lee.accounts[0], name: 'Pat Buyer', title: 'CFO' })
    ).json();
    let k = (
      await lee.as.post(`/api/opportunities/${platform.id}/knowledge/items`, {
        version: platform.version,
        kind: 'evaluator',
        contactId: contact.id,
        evidence: said('Pat chaired the kickoff', { contactId: contact.id }),
      })
    ).json();
    const pat = k.objectives.find((o: { key: string }) => o.key === 'buying_group').items[0];
    k = (
      await lee.as.post(`/api/opportunities/${platform.id}/knowledge/facts`, {
        version: k.opportunityVersion,
        itemId: pat.id,
        field: 'influence',
        value: 'high',
        evidence: said('Nothing is bought here without Pat', { contactId: contact.id }),
      })
    ).json();
    k = (
      await lee.as.post(`/api/opportunities/${platform.id}/knowledge/facts`, {
        version: k.opportunityVersion,
        itemId: pat.id,
        field: 'support',
        value: 'supporter',
        evidence: said('Pat said our plan is the one to beat', { contactId: contact.id }),
      })
    ).json();
    k = (
      await lee.as.post(`/api/opportunities/${platform.id}/knowledge/facts`, {
        version: k.opportunityVersion,
        kind: 'funding',
        field: 'budgetStatus',
        unknown: true,
        evidence: { source: 'buyer_stated', observedAt: '2026-11-12', contactId: contact.id },
      })
    ).json();
    const action = await lee.as.post(`/api/opportunities/${platform.id}/actions`, {
      text: 'Send Pat the reference call list',
      ownerId: lee.user.id,
      dueDate: '2026-11-27',
    });
    expect(action.statusCode, action.body).toBe(201);

    const response = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
      to: [
        { userId: ws.acme.sellerA1.user.id, opportunityIds: [platform.id] },
        { userId: ws.acme.sellerA2.user.id, opportunityIds: [lee.deals[1]!.id, lee.deals[2]!.id] },
      ],
      split: 'chosen',
      version: lee.user.version,
    });
    expect(response.statusCode, response.body).toBe(200);
    result = response.json();
  });

  it('deactivates the leaver, ends their sessions and moves every open deal and account as chosen', async () => {
    expect(result).toMatchObject({ deactivated: true, opportunities: 3, accounts: 2, actions: 1 });
    expect((await admin().get(`/api/users/${lee.user.id}`)).json().isActive).toBe(false);
    expect((await lee.as.get('/api/auth/session')).statusCode).toBe(401);
    expect(await owners(lee.deals.map((d) => d.id))).toEqual([
      ws.acme.sellerA1.user.id,
      ws.acme.sellerA2.user.id,
      ws.acme.sellerA2.user.id,
    ]);
    const accountOwners = await Promise.all(
      lee.accounts.map(async (id) => (await admin().get(`/api/accounts/${id}`)).json().ownerId),
    );
    expect(accountOwners).toEqual([ws.acme.sellerA1.user.id, ws.acme.sellerA2.user.id]);
  });

  it("keeps the history: the owner change and the leaver's own figure, and the leaver's closed deal stays theirs", async () => {
    const history = (await admin().get(`/api/opportunities/${lee.deals[0]!.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      actorName: 'Ada Admin',
      changes: [
        { field: 'ownerId', from: lee.user.id, to: ws.acme.sellerA1.user.id },
        { field: 'sellerProbability', from: 70, to: null },
      ],
    });
    const userHistory = (await admin().get(`/api/users/${lee.user.id}/history`)).json().items;
    expect(userHistory[0].changes).toContainEqual({ field: 'isActive', from: true, to: false });
    const won = (await admin().get(`/api/opportunities?status=won&owner=${lee.user.id}`)).json().items;
    expect(won).toHaveLength(1);
  });

  it('gives the open action to the new owner and tells each new owner in their inbox, once per deal', async () => {
    const actions = (await ws.acme.sellerA1.as.get(`/api/opportunities/${lee.deals[0]!.id}/actions`)).json().items;
    expect(actions[0]).toMatchObject({ text: 'Send Pat the reference call list', ownerName: 'Sam Seller' });
    const inboxOf = async (caller: Caller) =>
      (await caller.get('/api/inbox')).json<{ items: InboxMessage[] }>().items.filter((m) => m.kind === 'hand-over');
    const sam = await inboxOf(ws.acme.sellerA1.as);
    const second = await inboxOf(ws.acme.sellerA2.as);
    expect(sam.filter((m) => m.subject.includes('main'))).toHaveLength(1);
    expect(second.filter((m) => m.subject.includes('main'))).toHaveLength(2);
    expect(sam[0]).toMatchObject({
      subject: `Handed to you: ${lee.deals[0]!.name}`,
      link: `/opportunities/${lee.deals[0]!.id}#hand-over`,
    });
    expect(sam[0]!.body).toContain('Lee main, who has left');
  });

  it('writes a brief per deal: what we know with evidence, unknown apart from unexplored, people, zones, actions, timeline', async () => {
    const summary = result.handOvers.find((h) => h.opportunityId === lee.deals[0]!.id)!;
    expect(summary).toMatchObject({
      fromName: 'Lee main',
      toName: 'Sam Seller',
      byName: 'Ada Admin',
      reason: 'leaver',
    });
    const h = (
      await ws.acme.sellerA1.as.get(`/api/opportunities/${lee.deals[0]!.id}/hand-overs/${summary.id}`)
    ).json<HandOver>();
    const b = h.brief;
    expect(b.deal).toMatchObject({
      name: lee.deals[0]!.name,
      accountName: 'Big Co main',
      stageName: expect.any(String),
    });
    const group = b.known.find((o) => o.objective === 'buying_group')!;
    expect(group.facts[0]).toMatchObject({
      subject: 'Evaluator',
      value: 'Pat Buyer',
      evidence: { text: 'Pat chaired the kickoff', recordedByName: 'Lee main' },
    });
    expect(group.facts).toContainEqual({
      subject: 'Pat Buyer: Influence',
      value: 'High',
      evidence: {
        text: 'Nothing is bought here without Pat',
        source: 'buyer_stated',
        contactName: 'Pat Buyer',
        observedAt: '2026-11-10',
        recordedByName: 'Lee main',
      },
    });
    expect(b.unknown.map((g) => g.objective)).toEqual(['funding_value']);
    expect(b.notExplored.map((g) => g.objective)).toContain('compelling_event');
    expect(b.notExplored.map((g) => g.objective)).not.toContain('funding_value');
    expect(b.people).toEqual([
      expect.objectContaining({ name: 'Pat Buyer', title: 'CFO', influence: 'High', attitude: 'Supporter' }),
    ]);
    expect(b.zones.length).toBeGreaterThan(0);
    expect(b.actions).toEqual([
      { text: 'Send Pat the reference call list', ownerName: 'Sam Seller', dueDate: '2026-11-27', isOverdue: false },
    ]);
    expect(b.timeline.map((t) => t.byName)).toEqual(Array(b.timeline.length).fill('Lee main'));
    expect(b.timeline.map((t) => t.what)).toContain('Support for us of Pat Buyer');
    expect(b.timelineTotal).toBe(b.timeline.length);
  });

  it('stays as written: a later fact does not change the brief', async () => {
    const summary = result.handOvers.find((h) => h.opportunityId === lee.deals[0]!.id)!;
    const url = `/api/opportunities/${lee.deals[0]!.id}/hand-overs/${summary.id}`;
    const before = (await admin().get(url)).json<HandOver>().brief;
    const deal = (await admin().get(`/api/opportunities/${lee.deals[0]!.id}`)).json();
    const logged = await ws.acme.sellerA1.as.post(`/api/opportunities/${deal.id}/knowledge/facts`, {
      version: deal.version,
      kind: 'funding',
      field: 'budgetStatus',
      value: 'allocated',
      evidence: said('Budget is signed off'),
    });
    expect(logged.statusCode).toBe(200);
    expect((await admin().get(url)).json<HandOver>().brief).toEqual(before);
  });

  it('is read by whoever sees the deal, acknowledged by the new owner only, once', async () => {
    const summary = result.handOvers.find((h) => h.opportunityId === lee.deals[0]!.id)!;
    const base = `/api/opportunities/${lee.deals[0]!.id}/hand-overs`;
    // the manager reads it, cannot acknowledge it; a seller outside the deal does not find it
    const list = (await ws.acme.managerA.as.get(base)).json<{ items: HandOverSummary[] }>().items;
    expect(list).toEqual([expect.objectContaining({ id: summary.id, canAcknowledge: false, acknowledgedAt: null })]);
    const refused = await ws.acme.managerA.as.post(`${base}/${summary.id}/acknowledge`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('Sam Seller');
    expect((await ws.acme.sellerB1.as.get(`${base}/${summary.id}`)).statusCode).toBe(404);
    expect((await ws.acme.sellerB1.as.post(`${base}/${summary.id}/acknowledge`)).statusCode).toBe(404);
    expect((await ws.globex.admin.as.get(base)).statusCode).toBe(404);

    const sam = ws.acme.sellerA1.as;
    const pending = (await sam.get('/api/hand-overs/mine')).json<{ items: HandOverSummary[] }>().items;
    expect(pending.map((p) => p.id)).toContain(summary.id);
    expect((await sam.get(base)).json().items[0].canAcknowledge).toBe(true);
    ctx.clock.advance(60_000);
    const acknowledged = await sam.post(`${base}/${summary.id}/acknowledge`);
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const first = acknowledged.json<HandOver>();
    expect(first).toMatchObject({ acknowledgedByName: 'Sam Seller', canAcknowledge: false });
    ctx.clock.advance(60_000);
    const again = (await sam.post(`${base}/${summary.id}/acknowledge`)).json<HandOver>();
    expect(again.acknowledgedAt).toBe(first.acknowledgedAt);
    const still = (await sam.get('/api/hand-overs/mine')).json<{ items: HandOverSummary[] }>().items;
    expect(still.map((p) => p.id)).not.toContain(summary.id);
    const all = (await sam.get('/api/hand-overs/mine?status=all')).json<{ items: HandOverSummary[] }>().items;
    expect(all.map((p) => p.id)).toContain(summary.id);
  });

  it('prints the brief as a PDF with its sections, tables and page numbers', async () => {
    const summary = result.handOvers.find((h) => h.opportunityId === lee.deals[0]!.id)!;
    const url = `/api/opportunities/${lee.deals[0]!.id}/hand-overs/${summary.id}`;
    const response = await ws.acme.managerA.as.get(`${url}/brief.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const h = (await admin().get(url)).json<HandOver>();
    const pdf = await bytesOf(renderBriefPdf(h, { compress: false }));
    const text = pdfText(pdf);
    for (const section of [
      `Hand-over brief: ${lee.deals[0]!.name}`,
      'What we know',
      "What we don't know",
      'Asked, answered "unknown"',
      'Not yet explored',
      'The buying group',
      'Danger zones',
      'Agreed actions',
      'Timeline of what was learned',
    ])
      expect(text).toContain(section);
    expect(text).toContain('Nothing is bought here without Pat');
    expect(text).toContain('Send Pat the reference call list');
    expect(text).toContain('Pat Buyer, CFO');
    expect(text).toContain('From Lee main to Sam Seller');
    const pages = pdfPageCount(pdf);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});

describe('all or nothing', () => {
  it('answers 409 when the leaver changed since the admin looked, or a chosen deal is no longer theirs', async () => {
    const lee = await newLeaver('conflict');
    await admin().patch(`/api/users/${lee.user.id}`, { name: 'Lee Renamed', version: lee.user.version });
    const stale = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
      to: [{ userId: ws.acme.sellerA1.user.id }],
      split: 'one',
      version: lee.user.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('since you opened the hand-over');

    const chosen = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
      to: [
        {
          userId: ws.acme.sellerA1.user.id,
          opportunityIds: [...lee.deals.map((d) => d.id), ws.books.sellerA2.opportunity.id],
        },
      ],
      split: 'chosen',
    });
    expect(chosen.statusCode).toBe(409);
    const missing = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
      to: [{ userId: ws.acme.sellerA1.user.id, opportunityIds: [lee.deals[0]!.id] }],
      split: 'chosen',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields.to).toContain('not given');
    expect((await admin().get(`/api/users/${lee.user.id}`)).json().isActive).toBe(true);
  });

  it('leaves nothing half-done when the last write fails: no one deactivated, nothing moved, no brief, no message', async () => {
    const lee = await newLeaver('atomic');
    const db = ctx.handle.db;
    if (ctx.handle.dialect === 'sqlite')
      await sql`create trigger hand_overs_fail before insert on hand_overs begin select raise(abort, 'disk full'); end`.execute(
        db,
      );
    else {
      await sql`create function hand_overs_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`.execute(
        db,
      );
      await sql`create trigger hand_overs_fail before insert on hand_overs for each row execute function hand_overs_fail()`.execute(
        db,
      );
    }
    const inboxBefore = (await ws.acme.sellerA1.as.get('/api/inbox')).json().items.length;
    try {
      const response = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
        to: [{ userId: ws.acme.sellerA1.user.id }],
        split: 'one',
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await sql`drop trigger hand_overs_fail${sql.raw(ctx.handle.dialect === 'postgres' ? ' on hand_overs' : '')}`.execute(
        db,
      );
    }
    expect((await admin().get(`/api/users/${lee.user.id}`)).json()).toMatchObject({
      isActive: true,
      version: lee.user.version,
    });
    expect(await owners(lee.deals.map((d) => d.id))).toEqual([lee.user.id, lee.user.id, lee.user.id]);
    const history = (await admin().get(`/api/opportunities/${lee.deals[0]!.id}/history`)).json().items;
    expect(history.every((e: { action: string }) => e.action === 'create')).toBe(true);
    expect((await admin().get(`/api/opportunities/${lee.deals[0]!.id}/hand-overs`)).json().items).toEqual([]);
    expect((await ws.acme.sellerA1.as.get('/api/inbox')).json().items.length).toBe(inboxBefore);
    // and once the fault is gone, the same hand-over goes through
    const retried = await admin().post(`/api/users/${lee.user.id}/hand-over`, {
      to: [{ userId: ws.acme.sellerA1.user.id }],
      split: 'one',
    });
    expect(retried.statusCode, retried.body).toBe(200);
  });
});

describe('handing one deal over', () => {
  it('moves a deal between two active sellers with a brief; the previous owner stays active', async () => {
    const deal = (await admin().get(`/api/opportunities/${ws.books.sellerA2.opportunity.id}`)).json();
    const manager = ws.acme.managerA.as;
    const refused = await ws.acme.sellerA2.as.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA1.user.id,
      version: deal.version,
    });
    expect(refused.statusCode).toBe(403);
    const outside = await manager.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerB1.user.id,
      version: deal.version,
    });
    expect(outside.statusCode).toBe(422);
    const moved = await manager.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA1.user.id,
      version: deal.version,
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json()).toMatchObject({
      reason: 'deal',
      fromName: 'Sue Seller',
      toName: 'Sam Seller',
      byName: 'Max Manager',
    });
    expect((await admin().get(`/api/users/${ws.acme.sellerA2.user.id}`)).json().isActive).toBe(true);
    const again = await manager.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA2.user.id,
      version: deal.version,
    });
    expect(again.statusCode).toBe(409);

    // handed on before Sam read it: the brief no longer waits on Sam's home, the new one waits on Sue's
    ctx.clock.advance(60_000);
    const now = (await admin().get(`/api/opportunities/${deal.id}`)).json();
    const back = await manager.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA2.user.id,
      version: now.version,
    });
    expect(back.statusCode, back.body).toBe(201);
    const waiting = async (caller: Caller) =>
      (await caller.get('/api/hand-overs/mine')).json<{ items: HandOverSummary[] }>().items.map((h) => h.id);
    expect(await waiting(ws.acme.sellerA1.as)).not.toContain(moved.json().id);
    expect(await waiting(ws.acme.sellerA2.as)).toContain(back.json().id);
    const list = (await manager.get(`/api/opportunities/${deal.id}/hand-overs`)).json<{ items: HandOverSummary[] }>();
    expect(list.items.map((h) => [h.fromName, h.toName])).toEqual([
      ['Sam Seller', 'Sue Seller'],
      ['Sue Seller', 'Sam Seller'],
    ]);
  });
});
