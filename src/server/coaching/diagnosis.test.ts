import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, DiagnosisSummary } from '../../contract/diagnoses.ts';
import type { Scorecard, TeamCoaching } from '../../contract/scorecard.ts';
import { answerProblem, REFERRAL_NOTE, suspectedCauses } from '../../domain/coaching/diagnosis.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';

let ctx: TestContext;
let manager: Caller;
let otherManager: Caller;
let admin: Caller;
let flagged: { id: string; name: string; card: Scorecard };
let flaggedAs: Caller;
let peerAs: Caller;
let outsiderId: string;

const emailOf = (n: number) => `seller${n}@demo.example.com`;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  [manager, otherManager, admin] = await Promise.all([
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager2@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD),
  ]);
  const team = (await manager.get('/api/coaching/team')).json<TeamCoaching>();
  const first = team.sellers.find((s) => s.flags.some((f) => f.rule === 'ZONE'))!;
  const card = (await manager.get(`/api/coaching/sellers/${first.id}/scorecard`)).json<Scorecard>();
  flagged = { id: first.id, name: first.name, card };
  // the flagged seller and a peer of theirs, signed in by email (seller1-5 report to manager1)
  for (let n = 1; n <= 5; n++) {
    const caller = await signIn(ctx.app, emailOf(n), DEMO_PASSWORD);
    const me = (await caller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    if (me === flagged.id) flaggedAs = caller;
    else peerAs ??= caller;
  }
  const others = (await otherManager.get('/api/coaching/team')).json<TeamCoaching>();
  outsiderId = others.sellers[0]!.id;
});
afterAll(() => ctx.close());

async function startFromFlag(): Promise<Diagnosis> {
  const flag = flagged.card.flags.find((f) => f.rule === 'ZONE')!;
  const response = await manager.post('/api/coaching/diagnoses', {
    seller: flagged.id,
    flag: { rule: flag.rule, zoneId: flag.zoneId },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Diagnosis>();
}

const answers = (d: Diagnosis, step: string, list: Array<[string, string, string?]>) =>
  manager.put(`/api/coaching/diagnoses/${d.id}/answers`, {
    step,
    version: d.version,
    answers: list.map(([question, answer, note]) => ({ question, answer, ...(note ? { note } : {}) })),
  });

describe('starting a diagnosis', () => {
  it('from a gap flag keeps the rule, the zone, its text and its deals as they were, and suspects its causes', async () => {
    const flag = flagged.card.flags.find((f) => f.rule === 'ZONE')!;
    const d = await startFromFlag();
    expect(d).toMatchObject({
      seller: { id: flagged.id, name: flagged.name },
      source: 'flag',
      flag: { rule: 'ZONE', zoneId: flag.zoneId, indicator: null },
      gap: flag.text,
      deals: flag.deals,
      status: 'in_progress',
      answers: [],
      canEdit: true,
      version: 1,
    });
    expect(d.suspected).toEqual(suspectedCauses(flag.rootCauses.map((c) => c.id)));
    expect(d.advice.nextStep).toBe('gap');
  });

  it('from the manager’s own observation, with the causes they suspect', async () => {
    const response = await manager.post('/api/coaching/diagnoses', {
      seller: flagged.id,
      observation: 'Sent the Hartwell proposal before meeting anyone in finance.',
      suspected: ['B4', 'S7'],
    });
    expect(response.statusCode, response.body).toBe(201);
    const d = response.json<Diagnosis>();
    expect(d).toMatchObject({ source: 'observation', flag: null, deals: [], gap: expect.stringContaining('Hartwell') });
    expect(d.suspected).toEqual(['B4', 'S7', 'C6']);
  });

  it.each([
    ['an unknown root cause', () => ({ seller: flagged.id, observation: 'x', suspected: ['B99'] }), 422, 'suspected'],
    ['a gap the scorecard does not flag', () => ({ seller: flagged.id, flag: { rule: 'GAP-99' } }), 422, 'flag'],
    ['a seller outside the manager’s team', () => ({ seller: outsiderId, observation: 'x' }), 422, 'seller'],
    ['neither a flag nor an observation', () => ({ seller: flagged.id }), 400, 'observation'],
  ])('refuses %s, naming the field, writing nothing', async (_, body, status, field) => {
    const before = (await admin.get('/api/coaching/diagnoses')).json<{ items: unknown[] }>().items.length;
    const response = await manager.post('/api/coaching/diagnoses', body());
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.fields).toHaveProperty(field);
    expect((await admin.get('/api/coaching/diagnoses')).json<{ items: unknown[] }>().items.length).toBe(before);
  });

  it('is for a manager of the seller’s chain or an admin, not the seller', async () => {
    expect((await flaggedAs.post('/api/coaching/diagnoses', { seller: flagged.id, observation: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      (await admin.post('/api/coaching/diagnoses', { seller: flagged.id, observation: 'Seen in the review' }))
        .statusCode,
    ).toBe(201);
  });
});

describe('walking the steps', () => {
  it('saves each step, says the next one and what the answers point to, and concludes', async () => {
    let d = await startFromFlag();
    let response = await answers(d, 'gap', [
      ['gap.observable', 'yes', 'Four late deals with one contact each.'],
      ['gap.worth', 'yes'],
    ]);
    expect(response.statusCode, response.body).toBe(200);
    d = response.json<Diagnosis>();
    expect(d.advice.nextStep).toBe('expectations');
    expect(d.answers.map((a) => [a.step, a.question, a.note])).toEqual([
      ['gap', 'gap.observable', 'Four late deals with one contact each.'],
      ['gap', 'gap.worth', null],
    ]);
    d = (
      await answers(d, 'expectations', [
        ['expectations.standard', 'no', 'Thought a champion was enough.'],
        ['expectations.feedback', 'no'],
      ])
    ).json<Diagnosis>();
    expect(d.advice.suggestion).toMatchObject({ rootCauses: ['C4'], fix: 'expectation_feedback' });
    expect(d.advice.nextStep).toBe('prescribe');
    // saved: a reload reads the same
    expect((await manager.get(`/api/coaching/diagnoses/${d.id}`)).json<Diagnosis>()).toEqual(d);

    // a step saved again replaces its answers
    d = (await answers(d, 'expectations', [['expectations.standard', 'yes']])).json<Diagnosis>();
    expect(d.answers.filter((a) => a.step === 'expectations').map((a) => a.question)).toEqual([
      'expectations.standard',
    ]);

    response = await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, {
      rootCause: 'C4',
      note: 'Agreed the standard: economic buyer met before any proposal.',
      version: d.version,
    });
    expect(response.statusCode, response.body).toBe(200);
    d = response.json<Diagnosis>();
    expect(d).toMatchObject({
      status: 'concluded',
      rootCause: 'C4',
      level: 'capacity_commitment',
      fix: 'expectation_feedback',
      canEdit: false,
      closedBy: { name: expect.any(String) },
    });
  });

  it('refuses a question of another step, an unknown one and an unknown answer, keeping what was saved', async () => {
    let d = await startFromFlag();
    d = (await answers(d, 'gap', [['gap.worth', 'yes']])).json<Diagnosis>();
    for (const [list, field] of [
      [
        [
          ['gap.observable', 'yes'],
          ['resources.time', 'no'],
        ],
        'answers.1.question',
      ],
      [[['gap.nonsense', 'yes']], 'answers.0.question'],
      [[['gap.worth', 'perhaps']], 'answers.0.answer'],
    ] as const) {
      const response = await answers(d, 'gap', list as unknown as Array<[string, string]>);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.fields).toHaveProperty(field);
    }
    const now = (await manager.get(`/api/coaching/diagnoses/${d.id}`)).json<Diagnosis>();
    expect(now.answers.map((a) => a.question)).toEqual(['gap.worth']);
    expect(now.version).toBe(d.version);
  });

  it('refuses any note on a wellbeing answer, saying why, and keeps only the referral on a wellbeing conclusion', async () => {
    const d = await startFromFlag();
    const refused = await answers(d, 'commitment', [['commitment.why', 'personal', 'Going through a divorce']]);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.fields['answers.0.note']).toMatch(/never stored/);
    const kept = (await answers(d, 'commitment', [['commitment.why', 'personal']])).json<Diagnosis>();
    expect(kept.advice.suggestion).toMatchObject({ rootCauses: ['C8'], fix: 'referral' });
    const withNote = await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, {
      rootCause: 'C8',
      note: 'Personal matters at home',
      version: kept.version,
    });
    expect(withNote.statusCode).toBe(422);
    expect(withNote.json().error.fields).toHaveProperty('note');
    const concluded = (
      await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, { rootCause: 'C8', version: kept.version })
    ).json<Diagnosis>();
    expect(concluded).toMatchObject({ rootCause: 'C8', fix: 'referral', conclusion: REFERRAL_NOTE });
  });

  it('refuses an unknown root cause, a level that is not the cause’s, and a stale version', async () => {
    const d = await startFromFlag();
    const unknown = await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, { rootCause: 'Z1', version: 1 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields).toHaveProperty('rootCause');
    const level = await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, {
      rootCause: 'B4',
      level: 'skill_knowledge',
      version: 1,
    });
    expect(level.statusCode).toBe(422);
    expect(level.json().error.fields).toHaveProperty('level');
    await answers(d, 'gap', [['gap.worth', 'yes']]);
    expect((await answers(d, 'gap', [['gap.worth', 'no']])).statusCode).toBe(409);
  });

  it('no longer changes a concluded or abandoned diagnosis', async () => {
    const d = await startFromFlag();
    const concluded = (
      await manager.post(`/api/coaching/diagnoses/${d.id}/conclude`, { rootCause: 'B4', version: 1 })
    ).json<Diagnosis>();
    const edit = await answers(concluded, 'gap', [['gap.worth', 'yes']]);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/concluded/);
    expect(
      (await manager.post(`/api/coaching/diagnoses/${d.id}/abandon`, { version: concluded.version })).statusCode,
    ).toBe(409);
    const other = await startFromFlag();
    const abandoned = await manager.post(`/api/coaching/diagnoses/${other.id}/abandon`, { version: 1 });
    expect(abandoned.json<Diagnosis>().status).toBe('abandoned');
    expect((await answers(abandoned.json<Diagnosis>(), 'gap', [['gap.worth', 'yes']])).statusCode).toBe(409);
  });
});

describe('who sees a diagnosis', () => {
  it('the seller reads their concluded ones only, read-only; a peer and another team’s manager never', async () => {
    const open = await startFromFlag();
    const done = await startFromFlag();
    await manager.post(`/api/coaching/diagnoses/${done.id}/conclude`, { rootCause: 'B4', version: 1 });

    expect((await flaggedAs.get(`/api/coaching/diagnoses/${open.id}`)).statusCode).toBe(404);
    const own = await flaggedAs.get(`/api/coaching/diagnoses/${done.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json<Diagnosis>().canEdit).toBe(false);
    const listed = (await flaggedAs.get(`/api/coaching/diagnoses?seller=${flagged.id}`)).json<{
      items: DiagnosisSummary[];
    }>().items;
    expect(listed.map((i) => i.id)).toContain(done.id);
    expect(listed.map((i) => i.id)).not.toContain(open.id);
    expect(listed.every((i) => i.status === 'concluded')).toBe(true);
    const write = await flaggedAs.put(`/api/coaching/diagnoses/${done.id}/answers`, {
      step: 'gap',
      answers: [],
      version: 2,
    });
    expect(write.statusCode).toBe(403);

    for (const caller of [peerAs, otherManager]) {
      expect((await caller.get(`/api/coaching/diagnoses/${done.id}`)).statusCode).toBe(404);
      expect((await caller.get(`/api/coaching/diagnoses?seller=${flagged.id}`)).statusCode).toBe(404);
      expect((await caller.get('/api/coaching/diagnoses')).json<{ items: DiagnosisSummary[] }>().items).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ id: done.id })]),
      );
    }
    expect((await admin.get(`/api/coaching/diagnoses/${open.id}`)).json<Diagnosis>().canEdit).toBe(true);
  });
});

describe('the demo’s diagnoses', () => {
  it('holds one concluded and one in progress for the first manager’s team, each answer one its step asks', async () => {
    const list = (await manager.get('/api/coaching/diagnoses')).json<{ items: DiagnosisSummary[] }>().items;
    const demo = list.filter((d) => d.startedAt < ctx.deps.now().toISOString().slice(0, 10));
    expect(demo.map((d) => d.status).sort()).toEqual(['concluded', 'in_progress']);
    for (const summary of demo) {
      const d = (await manager.get(`/api/coaching/diagnoses/${summary.id}`)).json<Diagnosis>();
      expect(d.source).toBe('flag');
      expect(d.answers.length).toBeGreaterThan(2);
      for (const a of d.answers) expect(answerProblem(a.step, d.suspected, a)).toBeNull();
    }
    const concluded = demo.find((d) => d.status === 'concluded')!;
    expect(concluded).toMatchObject({ rootCause: 'S7', level: 'skill_knowledge', fix: 'training_practice' });
    // the seller reads the concluded one, not the other
    const sellerOf = (await admin.get(`/api/coaching/diagnoses/${concluded.id}`)).json<Diagnosis>().seller;
    const inProgress = demo.find((d) => d.status === 'in_progress')!;
    expect(sellerOf.id).not.toBe(inProgress.seller.id);
  });
});
