import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { PastAssessment } from '../../contract/assessment.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { WinLoss, WinLossDeal } from '../../contract/win-loss.ts';
import { addDays, daysBetween } from '../../domain/dates.ts';
import { LATE_DAYS, SURPRISE_LOSS_FROM, SURPRISE_WIN_BELOW } from '../../domain/review/win-loss.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace } from '../../testing/workspace.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';

let ctx: TestContext;
let seller: Caller;
let manager: Caller;
let otherManager: Caller;
let admin: Caller;
let outsider: Caller;
let review: WinLoss;

const TODAY = '2026-11-20';
const LAST_QUARTER = { key: '2026-Q3', from: '2026-07-01', to: '2026-09-30', label: 'Q3 2026' };

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: TODAY });
  // another organization, whose people are nobody the demo's can name
  const ws = await buildWorkspace(ctx);
  outsider = ws.globex.admin.as;
  [seller, manager, otherManager, admin] = await Promise.all([
    signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager2@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD),
  ]);
  review = (await manager.get('/api/reviews/win-loss')).json<WinLoss>();
});
afterAll(() => ctx.close());

type Rates = { reportingCurrency: string; rates: Array<{ currency: string; validFrom: string; rate: string }> };

const idOf = async (caller: Caller) => (await caller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;

/** Every opportunity of a status the caller can see, read page by page from the list. */
async function allOf(caller: Caller, status: string): Promise<Opportunity[]> {
  const deals: Opportunity[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await caller.get(`/api/opportunities?status=${status}&limit=200&offset=${offset}`)).json<{
      items: Opportunity[];
    }>();
    deals.push(...page.items);
    if (page.items.length < 200) return deals;
  }
}

const withFinding = (code: string) =>
  review.deals.filter((d) => d.lessons.some((l) => l.findings.some((f) => f.code === code)));

describe('the win/loss review of the last full quarter', () => {
  it("covers the manager's team's deals closed in it, the latest close first, won, lost and without a decision", async () => {
    expect(review.period).toEqual(LAST_QUARTER);
    expect(review.scope).toMatchObject({ kind: 'team' });
    const closed = (await Promise.all(['won', 'lost', 'no_decision'].map((s) => allOf(manager, s))))
      .flat()
      .filter((o) => o.closedDate! >= LAST_QUARTER.from && o.closedDate! <= LAST_QUARTER.to);
    expect(review.deals.map((d) => d.opportunity.id).sort()).toEqual(closed.map((o) => o.id).sort());
    const days = review.deals.map((d) => d.closedDate);
    expect(days).toEqual([...days].sort().reverse());
    expect(review.summary).toMatchObject({
      deals: closed.length,
      won: closed.filter((o) => o.status === 'won').length,
      lost: closed.filter((o) => o.status === 'lost').length,
      noDecision: closed.filter((o) => o.status === 'no_decision').length,
    });
    expect(review.summary.winRate).toBeCloseTo(review.summary.won / review.summary.deals, 12);
    expect(review.summary.lost).toBeGreaterThan(0);
    expect(review.thresholds).toEqual({
      surpriseWinBelow: SURPRISE_WIN_BELOW,
      surpriseLossFrom: SURPRISE_LOSS_FROM,
      lateDays: LATE_DAYS,
    });
  });

  it('values each deal in the reporting currency at the rate of the day it closed', async () => {
    const book = (await admin.get('/api/currency')).json<Rates>();
    const rateOn = (currency: string, day: string) =>
      currency === book.reportingCurrency
        ? 1
        : Number(
            book.rates
              .filter((r) => r.currency === currency && r.validFrom <= day)
              .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]!.rate,
          );
    const foreign = review.deals.filter((d) => d.opportunity.currency !== book.reportingCurrency);
    expect(foreign.length).toBeGreaterThan(0);
    for (const d of review.deals) {
      expect(d.value.currency).toBe(book.reportingCurrency);
      const expected = d.opportunity.amountMinor * rateOn(d.opportunity.currency, d.closedDate);
      expect(Math.abs(d.value.amountMinor - expected)).toBeLessThanOrEqual(1);
    }
    const sum = (outcome: string) =>
      review.deals.filter((d) => d.outcome === outcome).reduce((s, d) => s + d.value.amountMinor, 0);
    expect(review.summary.value.won.amountMinor).toBe(sum('won'));
    expect(review.summary.value.lost.amountMinor).toBe(sum('lost'));
    expect(review.summary.value.noDecision.amountMinor).toBe(sum('no_decision'));
  });

  it('takes the probability at the close, and a month before it, from the history the deal kept', async () => {
    for (const d of review.deals.slice(0, 8)) {
      const past = (
        await manager.get(`/api/opportunities/${d.opportunity.id}/assessment?asOf=${d.closedDate}`)
      ).json<PastAssessment>();
      expect(d.probabilityAtClose).toBe(past.winProbability);
      const before = await manager.get(
        `/api/opportunities/${d.opportunity.id}/assessment?asOf=${addDays(d.closedDate, -LATE_DAYS)}`,
      );
      expect(d.probabilityBefore).toBe(before.statusCode === 200 ? before.json<PastAssessment>().winProbability : null);
    }
  });

  it('finds a loss to an alternative recorded only at the end, named as the knowledge names it', async () => {
    const [deal] = withFinding('alternative_recorded_late');
    expect(deal).toBeDefined();
    expect(deal!.outcome).toBe('lost');
    const finding = deal!.lessons.flatMap((l) => l.findings).find((f) => f.code === 'alternative_recorded_late')!;
    const knowledge = (await manager.get(`/api/opportunities/${deal!.opportunity.id}/knowledge`)).json<{
      objectives: Array<{ key: string; items: Array<{ id: string; title: string | null; createdAt: string }> }>;
    }>();
    const alternative = knowledge.objectives
      .find((o) => o.key === 'alternatives')!
      .items.find((i) => i.id === finding.itemId)!;
    expect(finding.text).toContain(alternative.title!);
    const recordedDaysBefore = daysBetween(alternative.createdAt.slice(0, 10), deal!.closedDate);
    expect(recordedDaysBefore).toBeLessThan(LATE_DAYS);
    expect(finding.text).toContain(`only ${recordedDaysBefore} days before the close`);
  });

  it('finds an economic buyer nobody met, and a must-have whose failure was learned too late', () => {
    const unmet = withFinding('economic_buyer_not_met');
    expect(unmet.length).toBeGreaterThan(0);
    for (const d of unmet) expect(d.outcome).toBe('lost');
    const late = withFinding('fit_learned_late');
    expect(late.length).toBeGreaterThan(0);
    expect(late.map((d) => d.opportunity.closeReason)).toContain(
      'Failed their security review: our data could not stay in their region',
    );
    const finding = late[0]!.lessons.flatMap((l) => l.findings).find((f) => f.code === 'fit_learned_late')!;
    expect(finding.text).toMatch(/that we fail “Data stays in our region” \(a must-have\)/);
  });

  it('flags the surprises by the thresholds: a win the evidence did not expect, a loss it did not', () => {
    const wins = withFinding('won_against_odds');
    const losses = withFinding('lost_against_odds');
    expect(wins.length).toBeGreaterThan(0);
    expect(losses.length).toBeGreaterThan(0);
    for (const d of wins) expect(d.probabilityAtClose!).toBeLessThan(SURPRISE_WIN_BELOW);
    for (const d of losses) expect(d.probabilityAtClose!).toBeGreaterThanOrEqual(SURPRISE_LOSS_FROM);
    const unflagged = review.deals.filter((d) => !wins.includes(d) && !losses.includes(d));
    for (const d of unflagged) {
      if (d.probabilityAtClose === null) continue;
      if (d.outcome === 'won') expect(d.probabilityAtClose).toBeGreaterThanOrEqual(SURPRISE_WIN_BELOW);
      else expect(d.probabilityAtClose).toBeLessThan(SURPRISE_LOSS_FROM);
    }
    expect(review.summary.surprises).toEqual({ wonAgainstOdds: wins.length, lostAgainstOdds: losses.length });
  });

  it('draws the lessons of the unknown from lost deals only, and says what was unknown at every close', () => {
    for (const d of review.deals.filter((x) => x.outcome !== 'lost'))
      expect(d.lessons.filter((l) => l.kind !== 'surprise')).toEqual([]);
    expect(review.deals.some((d) => d.notExplored.length > 0)).toBe(true);
    expect(review.deals.some((d) => d.unknowns.length > 0)).toBe(true);
    for (const kind of ['unrecordedAlternative', 'unmappedEvaluator', 'unknownCriterion', 'surprise'] as const)
      expect(review.summary.lessons[kind]).toBe(
        review.deals.filter((d) => d.lessons.some((l) => l.kind === kind)).length,
      );
  });

  it('says which unknowns preceded the losses, as shares of lost deals against won deals', () => {
    const { unknowns, lost, won } = review.summary;
    expect(unknowns.length).toBeGreaterThan(0);
    for (const u of unknowns) {
      expect(u.lost).toBeGreaterThan(0);
      expect(u.lostShare).toBeCloseTo(u.lost / lost, 12);
      expect(u.wonShare).toBeCloseTo(u.won / won, 12);
    }
    const lift = unknowns.map((u) => u.lostShare! - u.wonShare!);
    expect(lift).toEqual([...lift].sort((a, b) => b - a));
    // the objective nobody explored is counted on the deals that list it
    const objective = unknowns.find((u) => u.key.startsWith('objective:'));
    if (objective) {
      const key = objective.key.slice('objective:'.length);
      const holding = review.deals.filter((d) => d.notExplored.includes(key as WinLossDeal['notExplored'][number]));
      expect(objective.lost).toBe(holding.filter((d) => d.outcome === 'lost').length);
      expect(objective.won).toBe(holding.filter((d) => d.outcome === 'won').length);
    }
  });

  it('adds up per seller and per team to the whole', async () => {
    const add = (list: WinLoss['sellers'], key: 'deals' | 'won' | 'lost' | 'noDecision') =>
      list.reduce((s, x) => s + x[key], 0);
    for (const key of ['deals', 'won', 'lost', 'noDecision'] as const) {
      expect(add(review.sellers, key)).toBe(review.summary[key]);
      expect(add(review.teams, key)).toBe(review.summary[key]);
    }
    for (const s of review.sellers)
      expect(s.deals).toBe(review.deals.filter((d) => d.opportunity.ownerId === s.id).length);
    const managerId = await idOf(manager);
    expect(review.teams.map((t) => t.id)).toEqual([managerId]);
    const org = (await admin.get('/api/reviews/win-loss')).json<WinLoss>();
    expect(org.scope.kind).toBe('organization');
    expect(org.teams.length).toBe(3);
    expect(org.teams.find((t) => t.id === managerId)).toMatchObject({ deals: review.summary.deals });
  });
});

describe('whose deals, and which period', () => {
  it('shows a seller their own deals, and a manager one seller of the team', async () => {
    const me = await idOf(seller);
    const own = (await seller.get('/api/reviews/win-loss')).json<WinLoss>();
    expect(own.scope).toMatchObject({ kind: 'owner', id: me });
    expect(own.deals.every((d) => d.opportunity.ownerId === me)).toBe(true);
    const one = (await manager.get(`/api/reviews/win-loss?owner=${me}`)).json<WinLoss>();
    expect(one.deals.map((d) => d.opportunity.id)).toEqual(own.deals.map((d) => d.opportunity.id));
  });

  it('takes a month or a year', async () => {
    const month = (await manager.get('/api/reviews/win-loss?period=2026-08')).json<WinLoss>();
    expect(month.period).toMatchObject({ key: '2026-08', from: '2026-08-01', to: '2026-08-31' });
    expect(month.deals.map((d) => d.opportunity.id).sort()).toEqual(
      review.deals
        .filter((d) => d.closedDate.startsWith('2026-08'))
        .map((d) => d.opportunity.id)
        .sort(),
    );
    const year = (await manager.get('/api/reviews/win-loss?period=2025')).json<WinLoss>();
    expect(year.dealsShown.total).toBeGreaterThan(review.dealsShown.total);
    for (const d of year.deals) expect(d.closedDate.startsWith('2025')).toBe(true);
  });

  it.each([
    ['someone outside the manager’s hierarchy', 'team', async () => idOf(admin)],
    [
      'another manager’s seller',
      'owner',
      async () => idOf(await signIn(ctx.app, 'seller6@demo.example.com', DEMO_PASSWORD)),
    ],
    ['a person of another organization', 'team', async () => idOf(outsider)],
    ['an id nobody has', 'owner', async () => 'no-such-person'],
  ])('answers 404 naming the field for %s', async (_, field, id) => {
    const response = await manager.get(`/api/reviews/win-loss?${field}=${await id()}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it.each([
    ['period=2026-Q5', 'period'],
    ['period=last-quarter', 'period'],
    ['period=', 'period'],
    ['team=x&owner=y', 'owner'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await manager.get(`/api/reviews/win-loss?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it('names the currency whose rate on a closing day is missing instead of mixing currencies', async () => {
    const book = (await admin.get('/api/currency')).json<Rates>();
    const currency = review.deals.find((d) => d.opportunity.currency !== book.reportingCurrency)!.opportunity.currency;
    const removed = book.rates.filter((r) => r.currency === currency);
    for (const r of removed)
      expect((await admin.delete(`/api/currency/rates/${r.currency}/${r.validFrom}`)).statusCode).toBe(204);
    try {
      const response = await manager.get('/api/reviews/win-loss');
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields).toHaveProperty('currency');
      expect(response.json().error.message).toContain(currency);
    } finally {
      for (const r of removed)
        await admin.post('/api/currency/rates', { currency: r.currency, validFrom: r.validFrom, rate: r.rate });
    }
    expect((await manager.get('/api/reviews/win-loss')).statusCode).toBe(200);
  });
});

describe('the retrospective', () => {
  const lostOf = async (caller: Caller) => {
    const me = await idOf(caller);
    return review.deals.find((d) => d.opportunity.ownerId === me && d.outcome === 'lost')!.opportunity;
  };

  it('is written by the owner, read back with the review, then changed with the version seen', async () => {
    const deal = await lostOf(seller);
    const first = await seller.put(`/api/opportunities/${deal.id}/retrospective`, {
      text: '  We never asked who else was building.\nNext time: ask IT in the first month.  ',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      opportunityId: deal.id,
      text: 'We never asked who else was building.\nNext time: ask IT in the first month.',
      version: 1,
      updatedBy: await idOf(seller),
    });
    const read = (await manager.get('/api/reviews/win-loss')).json<WinLoss>();
    expect(read.deals.find((d) => d.opportunity.id === deal.id)!.retrospective).toMatchObject({
      version: 1,
      updatedByName: expect.any(String),
    });
    const second = await seller.put(`/api/opportunities/${deal.id}/retrospective`, {
      text: 'Asked too late.',
      version: 1,
    });
    expect(second.json()).toMatchObject({ text: 'Asked too late.', version: 2 });
    // the same text again changes nothing
    const same = await seller.put(`/api/opportunities/${deal.id}/retrospective`, {
      text: 'Asked too late.',
      version: 2,
    });
    expect(same.json()).toMatchObject({ version: 2 });
  });

  it('answers 409 with the current one to a stale or missing version', async () => {
    const deal = await lostOf(seller);
    await seller.put(`/api/opportunities/${deal.id}/retrospective`, { text: 'The first word.' });
    const current = (await manager.get('/api/reviews/win-loss'))
      .json<WinLoss>()
      .deals.find((d) => d.opportunity.id === deal.id)!.retrospective!;
    for (const body of [{ text: 'Mine.' }, { text: 'Mine.', version: current.version + 5 }]) {
      const response = await manager.put(`/api/opportunities/${deal.id}/retrospective`, body);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.current).toMatchObject({ text: current.text, version: current.version });
    }
    const other = review.deals.find((d) => d.retrospective === null && d.opportunity.id !== deal.id)!;
    const none = await manager.put(`/api/opportunities/${other.opportunity.id}/retrospective`, {
      text: 'x',
      version: 1,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.current).toBeNull();
  });

  it('may be written by the manager, not by another team’s manager, and is kept in the deal’s history', async () => {
    const deal = review.deals.find((d) => d.outcome === 'won' && d.retrospective === null)!.opportunity;
    expect(
      (await otherManager.put(`/api/opportunities/${deal.id}/retrospective`, { text: 'Not mine' })).statusCode,
    ).toBe(404);
    expect((await outsider.put(`/api/opportunities/${deal.id}/retrospective`, { text: 'Not mine' })).statusCode).toBe(
      404,
    );
    const written = await manager.put(`/api/opportunities/${deal.id}/retrospective`, {
      text: 'The champion carried it.',
    });
    expect(written.statusCode).toBe(200);
    const history = (await manager.get(`/api/opportunities/${deal.id}/history`)).json<{
      items: Array<{ changes: Array<{ field: string; from: unknown; to: unknown }> }>;
    }>();
    expect(history.items[0]!.changes).toEqual([{ field: 'retrospective', from: null, to: 'The champion carried it.' }]);
  });

  it('belongs to closed deals only: an open one answers 422 naming the status', async () => {
    const [open] = await allOf(seller, 'open');
    const response = await seller.put(`/api/opportunities/${open!.id}/retrospective`, { text: 'Too early' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('status');
  });

  it.each([
    ['no text', {}, 'text'],
    ['empty text', { text: '   ' }, 'text'],
    ['text over 1,000 characters', { text: 'x'.repeat(1001) }, 'text'],
    ['a control character', { text: 'bad\u0007bell' }, 'text'],
    ['a version that is not a whole number', { text: 'ok', version: 1.5 }, 'version'],
    ['a field nobody asked for', { text: 'ok', mood: 'sad' }, 'mood'],
  ])('refuses %s with a 400 naming the field', async (_, body, field) => {
    const deal = await lostOf(seller);
    const response = await seller.put(`/api/opportunities/${deal.id}/retrospective`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it('answers 404 for a deal nobody has', async () => {
    expect((await seller.put('/api/opportunities/nope/retrospective', { text: 'x' })).statusCode).toBe(404);
  });
});

describe('as a spreadsheet', () => {
  type Row = Record<string, string>;
  const csvOf = async (caller: Caller, query = '') => {
    const response = await caller.get(`/api/reviews/win-loss.csv${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    return {
      disposition: response.headers['content-disposition'],
      rows: parse(response.body, { bom: true, columns: true }) as Row[],
    };
  };

  it('has one row per closed deal of the review, in its order, with the figures the review gives', async () => {
    const now = (await manager.get('/api/reviews/win-loss')).json<WinLoss>();
    const { disposition, rows } = await csvOf(manager);
    expect(disposition).toBe('attachment; filename="win-loss-2026-Q3.csv"');
    expect(rows.map((r) => r.Id)).toEqual(now.deals.map((d) => d.opportunity.id));
    expect(Object.keys(rows[0]!)).toEqual([
      'Opportunity',
      'Account',
      'Owner',
      'Outcome',
      'Closed on',
      'Value (reporting currency)',
      'Reporting currency',
      'Amount',
      'Currency',
      'Win probability at the close %',
      'Lessons',
      'Retrospective',
      'Id',
    ]);
    for (const [k, d] of now.deals.entries()) {
      const row = rows[k]!;
      expect(row).toMatchObject({
        Opportunity: d.opportunity.name,
        Account: d.opportunity.accountName,
        Owner: d.opportunity.ownerName,
        Outcome: { won: 'Won', lost: 'Lost', no_decision: 'No decision' }[d.outcome],
        'Closed on': d.closedDate,
        'Reporting currency': now.reportingCurrency,
        Currency: d.opportunity.currency,
        'Win probability at the close %':
          d.probabilityAtClose === null ? '' : String(Math.round(d.probabilityAtClose * 100)),
        Lessons: d.lessons.flatMap((l) => l.findings.map((f) => f.text)).join('; '),
        Retrospective: d.retrospective?.text ?? '',
      });
      expect(Math.round(Number(row['Value (reporting currency)']) * 100)).toBe(d.value.amountMinor);
    }
    // the converted value beside the original where the currencies differ
    expect(
      rows.some((r) => r.Currency !== r['Reporting currency'] && r.Amount !== r['Value (reporting currency)']),
    ).toBe(true);
    expect(rows.some((r) => r.Lessons !== '')).toBe(true);
  });

  it('keeps a retrospective that looks like a formula as text, with its commas, quotes and lines', async () => {
    const me = await idOf(seller);
    const deal = review.deals.find((d) => d.opportunity.ownerId === me && d.retrospective === null)!.opportunity;
    const text = '=HYPERLINK("http://evil.example","Click"), then "we" lost\nsecond line';
    expect((await seller.put(`/api/opportunities/${deal.id}/retrospective`, { text })).statusCode).toBe(200);
    const { rows } = await csvOf(seller);
    expect(rows.find((r) => r.Id === deal.id)!.Retrospective).toBe(`'${text}`);
  });

  it('shows a seller their own deals only, and a manager their hierarchy only', async () => {
    const me = await idOf(seller);
    const own = await csvOf(seller);
    const mine = (await seller.get('/api/reviews/win-loss')).json<WinLoss>();
    expect(own.rows.map((r) => r.Id)).toEqual(mine.deals.map((d) => d.opportunity.id));
    expect(mine.deals.every((d) => d.opportunity.ownerId === me)).toBe(true);
    // a seller cannot ask for the team's, a manager not for another team's seller, nobody for another organization's
    const another = await idOf(await signIn(ctx.app, 'seller6@demo.example.com', DEMO_PASSWORD));
    for (const [caller, query] of [
      [seller, `?team=${await idOf(manager)}`],
      [manager, `?owner=${another}`],
      [manager, `?team=${await idOf(outsider)}`],
      [outsider, `?owner=${me}`],
    ] as const) {
      const response = await caller.get(`/api/reviews/win-loss.csv${query}`);
      expect(response.statusCode, query).toBe(404);
      expect(response.headers['content-type']).toContain('application/json');
    }
  });

  it.each([
    ['period=2026-Q5', 'period'],
    ['period=', 'period'],
    ['team=x&owner=y', 'owner'],
  ])('refuses %s with a 400 naming %s, as JSON', async (query, field) => {
    const response = await manager.get(`/api/reviews/win-loss.csv?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json().error.fields).toHaveProperty(field);
  });
});

describe('a page of deals at a time, each deal analysed once', () => {
  const idsOf = (r: WinLoss) => r.deals.map((d) => d.opportunity.id);

  it('lists the deals a page at a time, the pages adding up to the whole list, with each list counted', async () => {
    const whole = (await manager.get('/api/reviews/win-loss?limit=500')).json<WinLoss>();
    expect(whole.dealsShown).toEqual({ show: 'all', offset: 0, limit: 500, total: whole.summary.deals });
    expect(whole.deals).toHaveLength(whole.summary.deals);
    const pages: string[] = [];
    for (let offset = 0; offset < whole.summary.deals; offset += 7) {
      const page = (await manager.get(`/api/reviews/win-loss?limit=7&offset=${offset}`)).json<WinLoss>();
      expect(page.deals.length).toBe(Math.min(7, whole.summary.deals - offset));
      expect(page.summary).toEqual(whole.summary);
      pages.push(...idsOf(page));
    }
    expect(pages).toEqual(idsOf(whole));
    const withLessons = whole.deals.filter((d) => d.lessons.length > 0);
    expect(whole.dealCounts).toEqual({
      all: whole.summary.deals,
      lessons: withLessons.length,
      won: whole.summary.won,
      lost: whole.summary.lost,
      no_decision: whole.summary.noDecision,
    });
    expect(withLessons.length).toBeGreaterThan(0);
    const lessons = (await manager.get('/api/reviews/win-loss?show=lessons&limit=500')).json<WinLoss>();
    expect(idsOf(lessons)).toEqual(withLessons.map((d) => d.opportunity.id));
    const lost = (await manager.get('/api/reviews/win-loss?show=lost&limit=500')).json<WinLoss>();
    expect(idsOf(lost)).toEqual(whole.deals.filter((d) => d.outcome === 'lost').map((d) => d.opportunity.id));
    expect(lost.dealsShown.total).toBe(whole.summary.lost);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['show=maybe', 'show'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await manager.get(`/api/reviews/win-loss?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it('gives the same review when read again, and draws a deal again once it changed', async () => {
    const first = (await manager.get('/api/reviews/win-loss?limit=500')).json<WinLoss>();
    const again = (await manager.get('/api/reviews/win-loss?limit=500')).json<WinLoss>();
    expect(again).toEqual(first);
    const kept = await ctx.deps.db.selectFrom('close_analyses').select(['opportunity_id', 'stamp']).execute();
    expect(kept.length).toBeGreaterThanOrEqual(first.summary.deals);

    // a lost deal whose close reason now names a winner nobody recorded
    const deal = first.deals.find(
      (d) =>
        d.outcome === 'lost' && !d.lessons.some((l) => l.findings.some((f) => f.code === 'alternative_never_recorded')),
    )!;
    const changed = await manager.patch(`/api/opportunities/${deal.opportunity.id}`, {
      closeReason: 'Lost to Zephyrix, who bundled it with their platform',
      version: deal.opportunity.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await manager.get('/api/reviews/win-loss?limit=500')).json<WinLoss>();
    const redrawn = after.deals.find((d) => d.opportunity.id === deal.opportunity.id)!;
    const finding = redrawn.lessons.flatMap((l) => l.findings).find((f) => f.code === 'alternative_never_recorded');
    expect(finding?.text).toContain('Zephyrix');
    expect(after.summary.lessons.unrecordedAlternative).toBe(first.summary.lessons.unrecordedAlternative + 1);
    // the other deals are read as they were kept
    expect(after.deals.filter((d) => d.opportunity.id !== deal.opportunity.id)).toEqual(
      first.deals.filter((d) => d.opportunity.id !== deal.opportunity.id),
    );
  });
});
