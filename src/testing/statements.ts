import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { Opportunity } from '../contract/opportunities.ts';
import { newDealToExplore, today } from './knowledge.ts';
import type { Workspace } from './workspace.ts';

export type StatementKind = 'read' | 'write';

export type StatementCounter = {
  /** give it to `db.withPlugin`: every statement run through that db (transactions included) is counted */
  plugin: KyselyPlugin;
  /** the statements run since the last call, in order, and starts counting afresh */
  take(): StatementKind[];
};

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Counts the statements a request runs. A result is seen for every statement, including the
 * precompiled lookups that skip query building (db/prepared.ts); those, never built here, are
 * known as writes by the affected-row count a driver reports for writes only.
 */
export function statementCounter(): StatementCounter {
  const kinds = new WeakMap<QueryId, StatementKind>();
  let seen: StatementKind[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      kinds.set(queryId, kindOf(node));
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      seen.push(kinds.get(queryId) ?? (result.numAffectedRows !== undefined ? 'write' : 'read'));
      return result;
    },
  };
  return {
    plugin,
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
  };
}

function kindOf(node: RootOperationNode): StatementKind {
  if (WRITE_NODES.has(node.kind)) return 'write';
  if (node.kind === 'RawNode')
    return /^\s*(insert|update|delete)\b/i.test(node.sqlFragments[0] ?? '') ? 'write' : 'read';
  return 'read';
}

export type MeasuredRoute =
  | 'list'
  | 'listByAmount'
  | 'detail'
  | 'patch'
  | 'log'
  | 'assessment'
  | 'review'
  | 'winLossFirst'
  | 'winLoss'
  | 'winLossCsv'
  | 'retrospective'
  | 'meeting'
  | 'changes'
  | 'scorecard'
  | 'team'
  | 'catalog'
  | 'inbox'
  | 'inboxReadAll'
  | 'diagnosisStart'
  | 'diagnosisAnswers'
  | 'diagnosisConclude'
  | 'diagnosis'
  | 'diagnoses'
  | 'assign'
  | 'assignments'
  | 'assignment'
  | 'impact'
  | 'effectiveness'
  | 'handOversMine'
  | 'dealHandOvers'
  | 'handOver';

export type RouteStatements = {
  counts: Record<MeasuredRoute, StatementKind[]>;
  /** what the writes answered, and what a read right after each gave */
  answers: { patch: unknown; readAfterPatch: unknown; log: unknown };
};

/**
 * The statements the main routes run for a seller of the workspace, each after the per-organization
 * caches are warm: the list (by last change, and by amount), one opportunity, a PATCH of its amount, a meeting logged with a new
 * item and three facts, its assessment, and the review of the seller's manager; then, the deal lost,
 * the manager's win/loss review of the quarter (and as CSV) and the seller's retrospective; the
 * manager's review recorded held, and what changed since; the learning catalog a seller reads; the seller's inbox and marking it all read. Shared by the
 * statement test and `npm run bench`.
 */
export async function measureRouteStatements(ws: Workspace, counter: StatementCounter): Promise<RouteStatements> {
  const seller = ws.acme.sellerA1.as;
  const run = async (request: () => Promise<LightMyRequestResponse>) => {
    counter.take();
    const response = await request();
    const ran = counter.take();
    if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
    const isJson = String(response.headers['content-type']).includes('json');
    return { ran, body: (isJson ? response.json() : response.body) as unknown };
  };
  const deal = await newDealToExplore(ws);
  await seller.get('/api/opportunities');
  const list = await run(() => seller.get('/api/opportunities'));
  const listByAmount = await run(() => seller.get('/api/opportunities?sort=-amount'));
  const detail = await run(() => seller.get(`/api/opportunities/${deal.id}`));
  const patch = await run(() =>
    seller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, amountMinor: 12_000_000 }),
  );
  const readAfterPatch = (await seller.get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
  const log = await run(() =>
    seller.post(`/api/opportunities/${deal.id}/knowledge/log`, {
      version: readAfterPatch.version,
      summary: 'Discovery call',
      source: 'buyer_stated',
      contactId: deal.contactId,
      observedAt: today,
      items: [
        {
          ref: 'rival',
          kind: 'alternative',
          title: 'Contoso Suite',
          category: 'competitor',
          said: 'We also look at Contoso',
        },
      ],
      facts: [
        { kind: 'funding', field: 'budgetStatus', value: 'identified_not_approved', said: "In next year's plan" },
        { kind: 'compelling_event', field: 'eventDate', value: '2027-02-28', said: 'The audit is end of February' },
        { kind: 'funding', field: 'pricingDiscussed', value: true },
      ],
    }),
  );
  const assessment = await run(() => seller.get(`/api/opportunities/${deal.id}/assessment`));
  // the pipeline review of the seller's manager: the top deals of the team, each assessed with its moves
  const manager = ws.acme.managerA.as;
  await manager.get('/api/reviews/top');
  const review = await run(() => manager.get('/api/reviews/top'));
  // another deal, lost today: this quarter's win/loss review of the team, and the seller's retrospective
  const lost = await newDealToExplore(ws);
  const logged = await seller.post(`/api/opportunities/${lost.id}/knowledge/log`, {
    version: lost.version,
    summary: 'Last call',
    source: 'buyer_stated',
    contactId: lost.contactId,
    observedAt: today,
    items: [{ ref: 'rival', kind: 'alternative', title: 'Contoso Suite', category: 'competitor', said: 'Contoso won' }],
  });
  if (logged.statusCode !== 200) throw new Error(`${logged.statusCode} ${logged.body}`);
  const closed = await seller.patch(`/api/opportunities/${lost.id}`, {
    version: logged.json<{ opportunityVersion: number }>().opportunityVersion,
    status: 'lost',
    closeReason: 'Lost to Contoso Suite',
  });
  if (closed.statusCode !== 200) throw new Error(`${closed.statusCode} ${closed.body}`);
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  // the first review draws the just-lost deal's analysis and keeps it; the next reads it
  const winLossFirst = await run(() => manager.get(`/api/reviews/win-loss?period=${quarter}`));
  const winLoss = await run(() => manager.get(`/api/reviews/win-loss?period=${quarter}`));
  const winLossCsv = await run(() => manager.get(`/api/reviews/win-loss.csv?period=${quarter}`));
  const retrospective = await run(() =>
    seller.put(`/api/opportunities/${lost.id}/retrospective`, { text: 'We learned of Contoso too late.' }),
  );
  // the review recorded held, an item marked on a deal, and what changed since the review
  const meeting = await run(() => manager.post('/api/reviews/meetings', {}));
  const marked = await manager.post(`/api/opportunities/${deal.id}/marks`, { topic: 'evaluators' });
  if (marked.statusCode !== 201) throw new Error(`${marked.statusCode} ${marked.body}`);
  await newDealToExplore(ws);
  await manager.get('/api/reviews/changes');
  const changes = await run(() => manager.get('/api/reviews/changes'));
  // the seller's scorecard and the team's coaching view, as their manager reads them
  await manager.get(`/api/coaching/sellers/${ws.acme.sellerA1.user.id}/scorecard`);
  const scorecard = await run(() => manager.get(`/api/coaching/sellers/${ws.acme.sellerA1.user.id}/scorecard`));
  const team = await run(() => manager.get('/api/coaching/team'));
  // the learning catalog a seller reads, once the administrator has put an item with a quiz in it
  const added = await ws.acme.admin.as.post('/api/coaching/catalog', {
    title: 'Champion or coach?',
    type: 'module_quiz',
    summary: 'Tell them apart by what they do',
    content: 'A champion sells for us when we are not in the room.',
    minutes: 20,
    rootCauses: ['B5', 'S4'],
    quiz: {
      passMark: 80,
      questions: [{ prompt: 'Who signs?', choices: ['The coach', 'The economic buyer'], answerIndex: 1 }],
    },
  });
  if (added.statusCode !== 201) throw new Error(`${added.statusCode} ${added.body}`);
  await seller.get('/api/coaching/catalog');
  const catalog = await run(() => seller.get('/api/coaching/catalog'));
  // the seller's own inbox, and every message in it marked read
  const inbox = await run(() => seller.get('/api/inbox'));
  const inboxReadAll = await run(() => seller.post('/api/inbox/read-all'));
  // a diagnosis of the seller's gap: started from what the manager saw, a step answered, concluded,
  // then read by the seller, alone and in the list
  const diagnosisStart = await run(() =>
    manager.post('/api/coaching/diagnoses', {
      seller: ws.acme.sellerA1.user.id,
      observation: 'Sent the proposal before meeting anyone in finance.',
    }),
  );
  const started = diagnosisStart.body as { id: string; version: number };
  const diagnosisAnswers = await run(() =>
    manager.put(`/api/coaching/diagnoses/${started.id}/answers`, {
      step: 'expectations',
      answers: [
        { question: 'expectations.standard', answer: 'no', note: 'Thought a champion was enough' },
        { question: 'expectations.feedback', answer: 'no' },
      ],
      version: started.version,
    }),
  );
  const diagnosisConclude = await run(() =>
    manager.post(`/api/coaching/diagnoses/${started.id}/conclude`, {
      rootCause: 'C4',
      note: 'Agreed the standard',
      version: started.version + 1,
    }),
  );
  const diagnosis = await run(() => seller.get(`/api/coaching/diagnoses/${started.id}`));
  const diagnoses = await run(() => seller.get(`/api/coaching/diagnoses?seller=${ws.acme.sellerA1.user.id}`));
  // on-the-job learning on the deal, assigned by the manager; the seller's list and the one opened
  const assign = await run(() =>
    manager.post('/api/coaching/assignments', {
      sellerId: ws.acme.sellerA1.user.id,
      itemId: (added.json() as { id: string }).id,
      dueDate: today,
      rootCause: 'B5',
      opportunityId: deal.id,
      successCondition: { id: 'champion_tested', params: { tests: 2 } },
    }),
  );
  await seller.get('/api/coaching/assignments');
  const assignments = await run(() => seller.get('/api/coaching/assignments'));
  const assignment = await run(() => seller.get(`/api/coaching/assignments/${(assign.body as { id: string }).id}`));
  // the impact of learning aimed at an indicator, and the manager's coaching effectiveness over the quarter
  const aimed = await manager.post('/api/coaching/assignments', {
    sellerId: ws.acme.sellerA1.user.id,
    itemId: (added.json() as { id: string }).id,
    dueDate: today,
    rootCause: 'B8',
    indicator: 'knowledgeCoverage',
  });
  if (aimed.statusCode !== 201) throw new Error(`${aimed.statusCode} ${aimed.body}`);
  const impact = await run(() => seller.get(`/api/coaching/assignments/${(aimed.json() as { id: string }).id}/impact`));
  const effectiveness = await run(() => manager.get('/api/coaching/effectiveness'));
  // a deal handed to the seller: the briefs waiting on their home page, the deal's hand-overs and one brief
  const handed = (
    await ws.acme.admin.as.get(`/api/opportunities/${ws.books.sellerA2.opportunity.id}`)
  ).json<Opportunity>();
  const handOver = (
    await ws.acme.admin.as.post(`/api/opportunities/${handed.id}/hand-over`, {
      toUserId: ws.acme.sellerA1.user.id,
      version: handed.version,
    })
  ).json<{ id: string }>();
  const handOversMine = await run(() => seller.get('/api/hand-overs/mine'));
  const dealHandOvers = await run(() => seller.get(`/api/opportunities/${handed.id}/hand-overs`));
  const handOverRead = await run(() => seller.get(`/api/opportunities/${handed.id}/hand-overs/${handOver.id}`));
  return {
    counts: {
      list: list.ran,
      listByAmount: listByAmount.ran,
      detail: detail.ran,
      patch: patch.ran,
      log: log.ran,
      assessment: assessment.ran,
      review: review.ran,
      winLossFirst: winLossFirst.ran,
      winLoss: winLoss.ran,
      winLossCsv: winLossCsv.ran,
      retrospective: retrospective.ran,
      meeting: meeting.ran,
      changes: changes.ran,
      scorecard: scorecard.ran,
      team: team.ran,
      catalog: catalog.ran,
      inbox: inbox.ran,
      inboxReadAll: inboxReadAll.ran,
      diagnosisStart: diagnosisStart.ran,
      diagnosisAnswers: diagnosisAnswers.ran,
      diagnosisConclude: diagnosisConclude.ran,
      diagnosis: diagnosis.ran,
      diagnoses: diagnoses.ran,
      assign: assign.ran,
      assignments: assignments.ran,
      assignment: assignment.ran,
      impact: impact.ran,
      effectiveness: effectiveness.ran,
      handOversMine: handOversMine.ran,
      dealHandOvers: dealHandOvers.ran,
      handOver: handOverRead.ran,
    },
    answers: { patch: patch.body, readAfterPatch, log: log.body },
  };
}

export const describeCounts = (counts: Record<MeasuredRoute, StatementKind[]>): string =>
  Object.entries(counts)
    .map(([route, ran]) => `${route} ${ran.length} (${ran.filter((k) => k === 'write').length} writes)`)
    .join(', ');
