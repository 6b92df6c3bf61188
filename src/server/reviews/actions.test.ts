import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreedAction, MyAction } from '../../contract/actions.ts';
import type { TopReview } from '../../contract/reviews.ts';
import { addDays } from '../../domain/dates.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';

let ctx: TestContext;
let seller: Caller;
let manager: Caller;
let otherManager: Caller;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  [seller, manager, otherManager] = await Promise.all([
    signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager2@demo.example.com', DEMO_PASSWORD),
  ]);
});
afterAll(() => ctx.close());

const today = () => ctx.deps.now().toISOString().slice(0, 10);
const idOf = async (caller: Caller) => (await caller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;

describe('actions agreed in the review', () => {
  it('are recorded by the manager for the seller, shown on the deal and in the review until done', async () => {
    const sellerId = await idOf(seller);
    const review = (await manager.get(`/api/reviews/top?owner=${sellerId}`)).json<TopReview>();
    const deal = review.items[0]!.opportunity;
    const made = await manager.post(`/api/opportunities/${deal.id}/actions`, {
      text: 'Book the economic buyer meeting before the board',
      ownerId: sellerId,
      dueDate: addDays(today(), 7),
    });
    expect(made.statusCode).toBe(201);
    const action = made.json<AgreedAction>();
    expect(action).toMatchObject({ ownerId: sellerId, doneAt: null, isOverdue: false });
    // the seller finds it on the deal, and in their own review
    const onDeal = (await seller.get(`/api/opportunities/${deal.id}/actions`)).json<{ items: AgreedAction[] }>();
    expect(onDeal.items.map((a) => a.id)).toContain(action.id);
    const own = (await seller.get('/api/reviews/top')).json<TopReview>();
    expect(own.items.find((i) => i.opportunity.id === deal.id)!.actions.map((a) => a.id)).toContain(action.id);
    // done by the seller: kept on the deal as done, gone from the review's open actions
    const done = await seller.patch(`/api/opportunities/${deal.id}/actions/${action.id}`, { done: true });
    expect(done.statusCode).toBe(200);
    expect(done.json<AgreedAction>().doneByName).toEqual(expect.any(String));
    const after = (await manager.get(`/api/reviews/top?owner=${sellerId}`)).json<TopReview>();
    expect(after.items.flatMap((i) => i.actions.map((a) => a.id))).not.toContain(action.id);
    expect(
      (await seller.get(`/api/opportunities/${deal.id}/actions`)).json<{ items: AgreedAction[] }>().items.at(-1),
    ).toMatchObject({
      id: action.id,
      doneAt: expect.any(String),
    });
  });

  it('refuses an owner who does not work on the deal, a due date past, and empty text, naming the field', async () => {
    const sellerId = await idOf(seller);
    const deal = (await manager.get(`/api/reviews/top?owner=${sellerId}&limit=1`)).json<TopReview>().items[0]!
      .opportunity;
    const outsider = await idOf(otherManager);
    const cases = [
      [{ text: 'Call', ownerId: outsider, dueDate: addDays(today(), 3) }, 422, 'ownerId'],
      [{ text: 'Call', ownerId: sellerId, dueDate: addDays(today(), -1) }, 422, 'dueDate'],
      [{ text: '  ', ownerId: sellerId, dueDate: addDays(today(), 3) }, 400, 'text'],
      [{ text: 'Call', ownerId: sellerId, dueDate: 'soon' }, 400, 'dueDate'],
    ] as const;
    for (const [body, status, field] of cases) {
      const response = await manager.post(`/api/opportunities/${deal.id}/actions`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(response.json().error)).toContain(field);
    }
  });

  it("are nobody else's business: a manager of another team finds no such deal", async () => {
    const sellerId = await idOf(seller);
    const deal = (await manager.get(`/api/reviews/top?owner=${sellerId}&limit=1`)).json<TopReview>().items[0]!
      .opportunity;
    expect((await otherManager.get(`/api/opportunities/${deal.id}/actions`)).statusCode).toBe(404);
    const add = await otherManager.post(`/api/opportunities/${deal.id}/actions`, {
      text: 'Meddle',
      ownerId: sellerId,
      dueDate: addDays(today(), 3),
    });
    expect(add.statusCode).toBe(404);
    expect(
      (await manager.patch(`/api/opportunities/${deal.id}/actions/no-such-action`, { done: true })).statusCode,
    ).toBe(404);
  });

  it("make each person's own to-do list across deals: theirs only, open ones, by due date", async () => {
    const sellerId = await idOf(seller);
    const managerId = await idOf(manager);
    const [first, second] = (await manager.get(`/api/reviews/top?owner=${sellerId}&limit=2`)).json<TopReview>().items;
    const agree = async (dealId: string, text: string, ownerId: string, inDays: number) =>
      (
        await manager.post(`/api/opportunities/${dealId}/actions`, { text, ownerId, dueDate: addDays(today(), inDays) })
      ).json<AgreedAction>();
    const later = await agree(first!.opportunity.id, 'Send the reference call list', sellerId, 9);
    const sooner = await agree(second!.opportunity.id, 'Book the CFO meeting', sellerId, 2);
    const managers = await agree(first!.opportunity.id, 'Call their CIO myself', managerId, 4);
    const mine = (await seller.get('/api/actions/mine')).json<{ items: MyAction[] }>().items;
    const ids = mine.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([sooner.id, later.id]));
    expect(ids).not.toContain(managers.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(mine.find((a) => a.id === sooner.id)).toMatchObject({
      opportunityName: second!.opportunity.name,
      accountName: second!.opportunity.accountName,
    });
    expect(mine.map((a) => a.dueDate)).toEqual([...mine.map((a) => a.dueDate)].sort());
    // done, it leaves the list
    await seller.patch(`/api/opportunities/${second!.opportunity.id}/actions/${sooner.id}`, { done: true });
    expect((await seller.get('/api/actions/mine')).json<{ items: MyAction[] }>().items.map((a) => a.id)).not.toContain(
      sooner.id,
    );
    expect((await manager.get('/api/actions/mine')).json<{ items: MyAction[] }>().items.map((a) => a.id)).toContain(
      managers.id,
    );
  });
});
