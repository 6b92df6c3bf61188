import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeCounts,
  type StatementKind,
  measureRouteStatements,
  statementCounter,
  type MeasuredRoute,
  type RouteStatements,
} from '../testing/statements.ts';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../testing/workspace.ts';
import { rateBook } from './currency/index.ts';
import { takeSnapshot } from './forecast/index.ts';
import { reminderSources, sendDueReminders } from './inbox/index.ts';

// Statements per request are a figure a test can hold steady where time is not: a slow page is
// usually the same row read twice. Each ceiling is today's count; lower it when a change saves
// one, and a change that adds one fails here and must say why. Before the deals use cases:
// PATCH 16, log 26, assessment 13 with an INSERT. A re-valued deal no longer re-reads every deal for
// the prior's calibration (PATCH 8 -> 7); the knowledge a write answers names the contacts it
// already looked up without reading them again (log 12 -> 11). A deal's record, its context and
// the contacts they name are one statement (PATCH 7 -> 6, log 11 -> 9, assessment 5 -> 3), and
// people's names come from the cache of reporting lines every request warms (log 9 -> 8).
// The review: the rate book, the top ids ranked in SQL with the totals of all, their rows (a second
// read rather than joining names onto every deal before the sort), their records (2), the accounts,
// close-date pushes and sellers' biases (one for every seller: it was one per seller), the contacts
// they name, the actions agreed on them, their probability a week ago, and the session.
// The win/loss review: the session, the rate book, the figures of the period's closed deals (no
// joins), the analyses kept of them with their assessments' times (one statement), and the rows,
// retrospectives and kept details of the page listed (11 -> 7: each deal's analysis is drawn once
// and kept; what it shows on a deal is read for the deals listed only). The
// first review after a deal closed draws its analysis: its assessment's time, its row, its record
// (2), accounts, close-date pushes and biases, the contacts they name, the history of its
// probability, and one write keeping what it found. A retrospective: the session, the deal, the one
// there is, the write and its audit event. The review reads the items marked to discuss on its deals
// (12 -> 13), and compares each deal with the scope's last review (its lookup and the deals it held)
// rather than with the history a week ago (13 -> 14; a snapshot, before any review, adds its day). A review recorded: the session, the meeting, its deals as they stand (one INSERT ...
// SELECT) and the marks it takes up. What changed since: the session, the rate book, the last
// review, the marks in scope, the baseline's count, the deals that changed and those that joined (a
// probability move adds the history of the deals that moved). The list by amount in the reporting currency: the
// session, the currencies in use (a seek each; the rate book is kept in the caches) and the page.
// The win/loss review as CSV runs what the review runs. A scorecard and the team's coaching view:
// the session and, for every seller of the organization at once, the open deals' sums, the snapshot
// days, the closed and the created deals' sums, and the gaps' sightings (since when each has stood);
// the snapshots' sums and the deals a zone flag points to add one each when there are some. The
// learning catalog: the session and the items. The inbox:
// the session, the page and its counts (total and unread in one); marking all read: the session and
// one UPDATE.
// A diagnosis started from what a manager saw: the session, the row and its audit event (from a
// flag, the scorecard's reads come first). A step saved: the session, the diagnosis with its answers
// (one join), its version, and the step's answers deleted and inserted. Concluded: the session, the
// diagnosis, its update and audit event. Read alone or listed: the session and one statement; a
// concluded one read alone adds the learning assigned from it.
// A knowledge write looks up the deal's on-the-job learning awaiting its success condition (log
// 8 -> 9). Learning assigned on a deal: the session, the seller, the item, the deal with its zones,
// its record (2) to refuse a condition already met, the row, the seller's message and its e-mail
// (when the organization has mail settings) and its audit event, then the answer
// as a read gives it (the row, the record (2), the item); from a diagnosis, one more reads it. A seller's assignments: the session, the
// rows with their items and deals, and the records (2) of the deals whose condition is checked
// live; one assignment adds its catalog item. An assignment's impact (assigned today): the session,
// the assignment, the organization's assignments (who else is coached on it) and every seller's
// open deals' sums now; older, the snapshot days and their sums add two, whatever the sellers and
// days (a results indicator: the closed deals of every window in one statement). Coaching
// effectiveness: the session, the organization's assignments, diagnoses and gap sightings (the
// coached indicators old enough to read add what an impact reads, once for all of them).
// Hand-over briefs: the ones waiting for the seller (the session, one join); a deal's (the session,
// the deal, its hand-overs); one brief (the session, the deal, the row with its brief).
const CEILINGS: Record<MeasuredRoute, number> = {
  list: 2,
  listByAmount: 3,
  detail: 2,
  patch: 6,
  log: 9,
  assessment: 3,
  review: 14,
  winLossFirst: 16,
  winLoss: 7,
  winLossCsv: 7,
  retrospective: 5,
  meeting: 4,
  changes: 7,
  scorecard: 7,
  team: 7,
  catalog: 2,
  inbox: 3,
  inboxReadAll: 2,
  diagnosisStart: 3,
  diagnosisAnswers: 5,
  diagnosisConclude: 4,
  diagnosis: 3,
  diagnoses: 2,
  assign: 14,
  assignments: 4,
  assignment: 5,
  impact: 4,
  effectiveness: 4,
  handOversMine: 2,
  dealHandOvers: 3,
  handOver: 3,
};

let ctx: TestContext;
let ws: Workspace;
let measured: RouteStatements;
const counter = statementCounter();

type Answer = { statusCode: number; body: string; json<T>(): T };

/** Runs a request, keeping the statements it ran under its route's name; a refusal stops the measure. */
const recorder =
  <Route extends string>(ran: Record<Route, StatementKind[]>) =>
  async (route: Route, request: () => Promise<Answer>): Promise<Answer> => {
    counter.take();
    const response = await request();
    ran[route] = counter.take();
    if (response.statusCode >= 300) throw new Error(`${route}: ${response.statusCode} ${response.body}`);
    return response;
  };

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  measured = await measureRouteStatements(ws, counter);
  console.log(`statements per request: ${describeCounts(measured.counts)}`);
});
afterAll(() => ctx.close());

describe('statements per request', () => {
  it.each(Object.keys(CEILINGS) as MeasuredRoute[])('%s stays within its ceiling', (route) => {
    expect(measured.counts[route].length).toBeLessThanOrEqual(CEILINGS[route]);
  });

  it.each([
    'list',
    'listByAmount',
    'detail',
    'assessment',
    'review',
    'winLoss',
    'winLossCsv',
    'changes',
    'scorecard',
    'team',
    'catalog',
    'inbox',
    'diagnosis',
    'diagnoses',
    'assignments',
    'assignment',
    'impact',
    'effectiveness',
  ] as const)('GET %s writes nothing', (route) => {
    expect(measured.counts[route].filter((k) => k === 'write')).toEqual([]);
  });

  // a GET writes nothing, except the win/loss review keeping the analysis of a deal that closed since
  it('keeps the analysis of a deal closed since the last win/loss review in one write', () => {
    expect(measured.counts.winLossFirst.filter((k) => k === 'write')).toEqual(['write']);
  });

  it('tells writes from reads (so that a GET that writes would be caught)', () => {
    expect(measured.counts.patch.filter((k) => k === 'write').length).toBeGreaterThan(0);
    expect(measured.counts.patch.filter((k) => k === 'read').length).toBeGreaterThan(0);
  });

  // the writes answer from what they hold instead of reading the row and the record again
  it('answers a PATCH with the opportunity a read then gives', () => {
    expect(measured.answers.patch).toEqual(measured.answers.readAfterPatch);
  });

  it('answers a knowledge log with the knowledge a read then gives', async () => {
    const id = (measured.answers.readAfterPatch as { id: string }).id;
    const read = await ws.acme.sellerA1.as.get(`/api/opportunities/${id}/knowledge`);
    expect(measured.answers.log).toEqual(read.json());
  });
});

// The currency routes: the settings every member reads, and the administrator's writes. A write
// that checks what is there takes the organization's write lock first, one statement more on
// PostgreSQL (db/locks.ts). An import runs as many statements for 3 lines as for 400.
const CURRENCY_CEILINGS = {
  read: { statements: 3, locks: false },
  addRate: { statements: 4, locks: true },
  deleteRate: { statements: 3, locks: false },
  import3: { statements: 4, locks: true },
  import400: { statements: 4, locks: true },
  changeReporting: { statements: 5, locks: true },
} as const;
type CurrencyRoute = keyof typeof CURRENCY_CEILINGS;

describe('statements per currency request', () => {
  const ran = {} as Record<CurrencyRoute, StatementKind[]>;
  const csv = (lines: number, rate: string) =>
    [
      'currency,valid_from,rate',
      ...Array.from(
        { length: lines },
        (_, i) => `GBP,${new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)},${rate}`,
      ),
    ].join('\n');

  beforeAll(async () => {
    const admin = ws.acme.admin.as;
    const run = async (route: CurrencyRoute, request: () => Promise<{ statusCode: number; body: string }>) => {
      counter.take();
      const response = await request();
      ran[route] = counter.take();
      if (response.statusCode >= 300) throw new Error(`${route}: ${response.statusCode} ${response.body}`);
    };
    await run('addRate', () =>
      admin.post('/api/currency/rates', { currency: 'EUR', validFrom: '2026-01-01', rate: '1.08' }),
    );
    await run('read', () => ws.acme.sellerA1.as.get('/api/currency'));
    await run('deleteRate', () => admin.delete('/api/currency/rates/EUR/2026-01-01'));
    await run('import3', () => admin.post('/api/currency/rates/import', { csv: csv(3, '1.27') }));
    await run('import400', () => admin.post('/api/currency/rates/import', { csv: csv(400, '1.28') }));
    await run('changeReporting', () =>
      admin.put('/api/currency/reporting', { reportingCurrency: 'EUR', discardRates: true }),
    );
    console.log(
      `currency statements: ${Object.entries(ran)
        .map(([route, kinds]) => `${route} ${kinds.length}`)
        .join(', ')}`,
    );
  });

  it.each(Object.keys(CURRENCY_CEILINGS) as CurrencyRoute[])('%s stays within its ceiling', (route) => {
    const { statements, locks } = CURRENCY_CEILINGS[route];
    const ceiling = statements + (locks && ctx.deps.dialect === 'postgres' ? 1 : 0);
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('reads the settings without writing', () => {
    expect(ran.read.filter((k) => k === 'write')).toEqual([]);
  });

  it('imports 400 lines in as many statements as 3', () => {
    expect(ran.import400.length).toBe(ran.import3.length);
  });

  it('reads a rate book in one statement', async () => {
    counter.take();
    const book = await rateBook(ctx.deps, ws.acme.orgId);
    expect(counter.take()).toEqual(['read']);
    expect(book.reportingCurrency).toBe('EUR');
  });
});

// A period's waterfall: the session, the rate book, the snapshot days near its first day, and its
// deals placed on their steps in one statement however many there are (or, without a snapshot,
// the period's won sums). People come from the warm cache.
describe('statements per forecast waterfall', () => {
  const ran = {} as Record<'withSnapshot' | 'withoutSnapshot', StatementKind[]>;

  beforeAll(async () => {
    await takeSnapshot(ctx.deps.db, ws.acme.orgId, '2026-10-01');
    const manager = ws.acme.managerA.as;
    for (const [name, period] of [
      ['withSnapshot', '2026-Q4'],
      ['withoutSnapshot', '2026-Q2'],
    ] as const) {
      await manager.get(`/api/forecast/waterfall?period=${period}`);
      counter.take();
      const response = await manager.get(`/api/forecast/waterfall?period=${period}`);
      ran[name] = counter.take();
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
    }
    console.log(
      `waterfall statements: with a snapshot ${ran.withSnapshot.length}, without ${ran.withoutSnapshot.length}`,
    );
  });

  it.each(['withSnapshot', 'withoutSnapshot'] as const)('%s stays within 4 statements, none a write', (name) => {
    expect(ran[name].length).toBeLessThanOrEqual(4);
    expect(ran[name].filter((k) => k === 'write')).toEqual([]);
  });
});

// The reminder pass: each source's read, then the messages (one INSERT however many, the ones
// already there skipped) and their e-mails (one INSERT ... SELECT); a second pass writes no message
// and so queues no e-mail.
// Marking one message read: the session and one UPDATE that answers the message.
describe('statements per reminder pass and inbox write', () => {
  const ran = {} as Record<'firstPass' | 'secondPass' | 'markRead', StatementKind[]>;

  beforeAll(async () => {
    const deal = ws.books.sellerA1.opportunity.id;
    for (const dueDate of ['2026-11-21', '2026-11-21', '2026-11-21']) {
      const agreed = await ws.acme.managerA.as.post(`/api/opportunities/${deal}/actions`, {
        text: `Follow up ${dueDate}`,
        ownerId: ws.acme.sellerA1.user.id,
        dueDate,
      });
      if (agreed.statusCode !== 201) throw new Error(`${agreed.statusCode} ${agreed.body}`);
    }
    counter.take();
    const first = await sendDueReminders(ctx.deps);
    ran.firstPass = counter.take();
    if (first[0]?.written !== 3) throw new Error(`expected 3 reminders: ${JSON.stringify(first)}`);
    await sendDueReminders(ctx.deps);
    ran.secondPass = counter.take();
    const page = await ws.acme.sellerA1.as.get('/api/inbox');
    const id = page.json<{ items: Array<{ id: string }> }>().items[0]!.id;
    counter.take();
    const marked = await ws.acme.sellerA1.as.post(`/api/inbox/${id}/read`);
    ran.markRead = counter.take();
    if (marked.statusCode !== 200) throw new Error(`${marked.statusCode} ${marked.body}`);
  });

  it('writes three reminders in as many statements as one (a read per source, then two writes)', () => {
    expect(ran.firstPass.length).toBeLessThanOrEqual(reminderSources().length + 2);
  });

  it('runs no more statements again, and adds no message', async () => {
    expect(ran.secondPass.length).toBeLessThanOrEqual(ran.firstPass.length);
    expect((await listInbox()).filter((m) => m.subject.startsWith('Due tomorrow: Follow up'))).toHaveLength(3);
  });

  it('marks a message read in 2 statements', () => {
    expect(ran.markRead.length).toBeLessThanOrEqual(2);
  });
});

async function listInbox() {
  const page = await ws.acme.sellerA1.as.get('/api/inbox?limit=100');
  return page.json<{ items: Array<{ subject: string }> }>().items;
}

// The mail settings: reading them is the session and the row (names from the warm cache); saving,
// the session, the saved row (for the password kept) and one upsert; a test message, the session,
// the settings and the administrator's address (here to a port that refuses at once).
describe('statements per mail settings request', () => {
  const ran = {} as Record<'read' | 'save' | 'test', StatementKind[]>;

  beforeAll(async () => {
    const admin = ws.acme.admin.as;
    const body = { host: '127.0.0.1', port: 1, tlsMode: 'none', fromAddress: 'winsight@acme.test' };
    await admin.put('/api/admin/mail', body);
    await admin.get('/api/admin/mail');
    counter.take();
    const saved = await admin.put('/api/admin/mail', body);
    ran.save = counter.take();
    const read = await admin.get('/api/admin/mail');
    ran.read = counter.take();
    const tested = await admin.post('/api/admin/mail/test');
    ran.test = counter.take();
    if (saved.statusCode !== 200 || read.statusCode !== 200 || tested.statusCode !== 422)
      throw new Error(`${saved.statusCode} ${read.statusCode} ${tested.statusCode} ${tested.body}`);
  });

  it.each([
    ['read', 2],
    ['save', 3],
    ['test', 3],
  ] as const)('%s stays within %i statements', (route, ceiling) => {
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('reads the settings without writing', () => {
    expect(ran.read.filter((k) => k === 'write')).toEqual([]);
  });
});

// The outbox: a page is the session, the page and one count of what failed and what waits; sending
// one again, the session and one update (and one read when nothing moved, as here); sending all
// again, the session and one update however many.
describe('statements per outbox request', () => {
  const ran = {} as Record<'page' | 'retry' | 'retryAll', StatementKind[]>;

  beforeAll(async () => {
    const admin = ws.acme.admin.as;
    await admin.get('/api/admin/mail/outbox');
    await admin.post('/api/admin/mail/outbox/retry-failed');
    counter.take();
    const page = await admin.get('/api/admin/mail/outbox?status=waiting');
    ran.page = counter.take();
    const retried = await admin.post('/api/admin/mail/outbox/no-such-mail/retry');
    ran.retry = counter.take();
    const all = await admin.post('/api/admin/mail/outbox/retry-failed');
    ran.retryAll = counter.take();
    if (page.statusCode !== 200 || retried.statusCode !== 404 || all.statusCode !== 200)
      throw new Error(`${page.statusCode} ${retried.statusCode} ${all.statusCode} ${retried.body}`);
    console.log(
      `outbox statements: page ${ran.page.length}, retry ${ran.retry.length}, retryAll ${ran.retryAll.length}`,
    );
  });

  it.each([
    ['page', 3],
    ['retry', 3],
    ['retryAll', 2],
  ] as const)('%s stays within %i statements', (route, ceiling) => {
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('reads a page without writing', () => {
    expect(ran.page.filter((k) => k === 'write')).toEqual([]);
  });
});

// The gap rules: reading them is the session and the row (the name of who saved them from the warm
// cache); saving or resetting, the session, the row at the version seen, its write and the audit
// event. The scorecards read them from the caches (above: no statement of their own once warm).
describe('statements per gap rules request', () => {
  const ran = {} as Record<'read' | 'save' | 'reset', StatementKind[]>;

  beforeAll(async () => {
    const admin = ws.acme.admin.as;
    const read = () => admin.get('/api/coaching/gap-rules');
    const body = (current: { version: number; rules: Array<Record<string, unknown>>; recurrence: object }) => ({
      version: current.version,
      rules: current.rules.map(({ text: _text, ...rule }, k) => (k === 0 ? { ...rule, threshold: 0.3 } : rule)),
      recurrence: { share: 0.4, aboveMedianBy: 0.15, minDeals: 3 },
    });
    await read();
    counter.take();
    const first = await read();
    ran.read = counter.take();
    const saved = await admin.put('/api/coaching/gap-rules', body(first.json()));
    ran.save = counter.take();
    const reset = await admin.post('/api/coaching/gap-rules/reset', {
      version: saved.json<{ version: number }>().version,
    });
    ran.reset = counter.take();
    if (first.statusCode !== 200 || saved.statusCode !== 200 || reset.statusCode !== 200)
      throw new Error(`${first.statusCode} ${saved.statusCode} ${saved.body} ${reset.statusCode} ${reset.body}`);
    console.log(
      `gap rules statements: ${Object.entries(ran)
        .map(([route, kinds]) => `${route} ${kinds.length}`)
        .join(', ')}`,
    );
  });

  it.each([
    ['read', 2],
    ['save', 4],
    ['reset', 4],
  ] as const)('%s stays within %i statements', (route, ceiling) => {
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('reads the rules without writing', () => {
    expect(ran.read.filter((k) => k === 'write')).toEqual([]);
  });
});

// Webhooks. Without an endpoint, a change queues nothing and reads nothing more (the organization's
// subscribers are cached; the PATCH above is measured so). With an endpoint listening to every
// event, a PATCH reads the assessment it replaces (to tell what moved) and writes its deliveries in
// one INSERT: 6 -> 8. The administrators' routes: the session and one statement each, the list
// with its per-endpoint figures, a page of deliveries with its count, a replay reading the endpoint
// and the delivery, writing the copy and answering it as stored.
describe('statements per webhook request', () => {
  const ran = {} as Record<'create' | 'list' | 'patch' | 'deliveries' | 'replay', StatementKind[]>;

  beforeAll(async () => {
    const admin = ws.acme.admin.as;
    const run = recorder(ran);
    const events = ['opportunity.created', 'opportunity.updated', 'opportunity.closed', 'assessment.changed'];
    const created = await run('create', () =>
      admin.post('/api/webhooks', { url: 'https://hooks.example.com/in', events: [...events, 'danger_zone.raised'] }),
    );
    const { id } = created.json<{ id: string }>();
    await run('list', () => admin.get('/api/webhooks'));
    const seller = ws.acme.sellerA1.as;
    const deal = (await seller.get(`/api/opportunities/${ws.books.sellerA1.opportunity.id}`)).json<{
      id: string;
      version: number;
    }>();
    // the first change after the endpoint was added reads the subscribers once into the cache
    const warm = await seller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, amountMinor: 4_100_000 });
    await run('patch', () =>
      seller.patch(`/api/opportunities/${deal.id}`, { version: deal.version + 1, amountMinor: 8_200_000 }),
    );
    if (warm.statusCode !== 200) throw new Error(warm.body);
    const page = await run('deliveries', () => admin.get(`/api/webhooks/${id}/deliveries`));
    const [delivery] = page.json<{ items: Array<{ id: string }> }>().items;
    await run('replay', () => admin.post(`/api/webhooks/${id}/deliveries/${delivery!.id}/replay`));
    await admin.delete(`/api/webhooks/${id}`);
    console.log(
      `webhook statements: ${Object.entries(ran)
        .map(([route, kinds]) => `${route} ${kinds.length}`)
        .join(', ')}`,
    );
  });

  it.each([
    ['create', 2],
    ['list', 3],
    ['patch', CEILINGS.patch + 2],
    ['deliveries', 4],
    ['replay', 5],
  ] as const)('%s stays within %i statements', (route, ceiling) => {
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('queues the deliveries of a change in one write', () => {
    expect(ran.patch.filter((k) => k === 'write').length).toBeLessThanOrEqual(
      measured.counts.patch.filter((k) => k === 'write').length + 1,
    );
  });
});

// A proposal written: the session, the deal, its knowledge, the template, then one INSERT ... SELECT
// numbering the version after the deal's last, and its audit event. Read: the session, the deal, the
// version (people's names come from the cache). Edited: what a read runs and the two writes. Sent:
// the read, the UPDATE, its audit event, and the deal re-assessed (its context read once, the
// assessment written); the answer is the version read before, marked, not read again (10 -> 8).
// The list: the session, the deal and the versions.
describe('statements per proposal request', () => {
  const ran = {} as Record<'generate' | 'read' | 'edit' | 'sent' | 'list', StatementKind[]>;

  beforeAll(async () => {
    const seller = ws.acme.sellerA1.as;
    const dealId = ws.books.sellerA1.opportunity.id;
    const run = recorder(ran);
    const base = `/api/opportunities/${dealId}/proposals`;
    const { id } = (await run('generate', () => seller.post(base))).json<{ id: string; text: string }>();
    await run('read', () => seller.get(`${base}/${id}`));
    const edited = (await run('edit', () => seller.put(`${base}/${id}`, { text: '# Ours\n\nEdited.' }))).json<{
      id: string;
    }>();
    await run('sent', () => seller.post(`${base}/${edited.id}/sent`));
    await run('list', () => seller.get(base));
    console.log(
      `proposal statements: ${Object.entries(ran)
        .map(([route, kinds]) => `${route} ${kinds.length} (${kinds.filter((k) => k === 'write').length} writes)`)
        .join(', ')}`,
    );
  });

  it.each([
    ['generate', 6],
    ['read', 3],
    ['edit', 5],
    ['sent', 8],
    ['list', 3],
  ] as const)('%s stays within %i statements', (route, ceiling) => {
    expect(ran[route].length).toBeLessThanOrEqual(ceiling);
  });

  it('reads a version and the list without writing', () => {
    expect([...ran.read, ...ran.list].filter((k) => k === 'write')).toEqual([]);
  });
});
