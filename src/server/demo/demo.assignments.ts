import { randomUUID } from 'node:crypto';
import { ROOT_CAUSES, type RootCauseId } from '../../domain/coaching/root-causes.ts';
import { evaluateCondition, parseConditionParams } from '../../domain/coaching/success-conditions.ts';
import { addDays } from '../../domain/dates.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import { indicatorOn, seedAssignments, type NewAssignment } from '../coaching/index.ts';
import type { AppDeps } from '../deps.ts';
import type { DemoWorkspace } from './demo.data.ts';
import type { DemoKnowledge } from './demo.knowledge.ts';

// Learning the managers have assigned, in every state a coaching page shows: on-the-job work on a
// live deal whose condition is not met yet (a demo user can meet it by recording what the economic
// buyer said), a quiz passed and waiting for the manager, work the app saw applied on a deal, one
// overdue, and one verified a month ago, assigned 64 days ago with its baseline read from the
// replayed snapshots of that day, so its impact chart has 30 and 60 days to show. The role-play the
// concluded diagnosis prescribed is assigned from it with the inbox's news (demo.assignment-news.ts).

type Catalog = ReadonlyArray<{ id: string; title: string; quiz: { questions: unknown[] } | null }>;

export async function seedDemoAssignments(
  deps: AppDeps,
  ws: DemoWorkspace,
  knowledge: DemoKnowledge,
  catalog: Catalog,
  today: string,
): Promise<NewAssignment[]> {
  const user = (email: string) => ws.users.find((u) => u.email === email)!;
  const item = (title: string) => catalog.find((i) => i.title.startsWith(title))!;
  const at = (daysAgo: number, hour = 9) => `${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:30:00.000Z`;
  const byDeal = new Map<string, { items: DemoKnowledge['items']; facts: DemoKnowledge['facts'] }>();
  for (const i of knowledge.items) {
    const k = byDeal.get(i.opportunityId) ?? { items: [], facts: [] };
    k.items.push(i);
    byDeal.set(i.opportunityId, k);
  }
  for (const f of knowledge.facts) byDeal.get(f.opportunityId)?.facts.push(f);
  /** the seller's largest open deal where the condition is (or is not yet) met, and what it shows */
  const dealWhere = (email: string, conditionId: string, raw: Record<string, unknown>, met: boolean) => {
    const parsed = parseConditionParams(conditionId, raw);
    if (!parsed.ok) throw new Error(parsed.message);
    const deals = ws.opportunities
      .filter((o) => o.ownerEmail === email && o.status === 'open')
      .sort((a, b) => b.amountMinor - a.amountMinor);
    for (const deal of deals) {
      const k = byDeal.get(deal.id) ?? { items: [], facts: [] };
      const check = evaluateCondition(conditionId, parsed.params, {
        snapshot: snapshotAsOf(k.items, k.facts, today),
        zoneIds: null,
      });
      if (check.met === met) return { deal, params: parsed.params, check };
    }
    return null;
  };
  const levelOf = (id: RootCauseId) => ROOT_CAUSES.find((c) => c.id === id)!.level;
  const rows: NewAssignment[] = [];
  const add = (
    seller: string,
    manager: string,
    row: Partial<NewAssignment> & Pick<NewAssignment, 'itemId' | 'rootCause' | 'assignedAt' | 'dueDate' | 'status'>,
  ) =>
    rows.push({
      id: randomUUID(),
      sellerId: user(seller).id,
      assignedBy: user(manager).id,
      level: levelOf(row.rootCause),
      gapRule: null,
      zoneId: null,
      indicator: null,
      baselineValue: null,
      opportunityId: null,
      conditionId: null,
      conditionParams: null,
      ...row,
    });

  const m1 = 'manager1@demo.example.com';
  const access = dealWhere('seller1@demo.example.com', 'economic_buyer_met', {}, false);
  if (access)
    add('seller1@demo.example.com', m1, {
      itemId: item('Secure the economic-buyer meeting').id,
      rootCause: 'B4',
      gapRule: 'GAP-02',
      indicator: 'economicBuyerAccess',
      assignedAt: at(5),
      dueDate: addDays(today, 9),
      status: 'in_progress',
      startedAt: at(3, 14),
      opportunityId: access.deal.id,
      conditionId: 'economic_buyer_met',
      conditionParams: access.params,
    });
  add('seller1@demo.example.com', m1, {
    itemId: item('The 10-minute post-meeting capture habit').id,
    rootCause: 'B8',
    gapRule: 'GAP-06',
    indicator: 'freshKnowledge',
    assignedAt: at(64),
    baselineValue: await indicatorOn(
      deps,
      ws.orgId,
      user('seller1@demo.example.com').id,
      'freshKnowledge',
      addDays(today, -64),
    ),
    dueDate: addDays(today, -44),
    status: 'verified',
    startedAt: at(63),
    completedAt: at(46, 16),
    reflection:
      'I block ten minutes after every customer call and log what was said before I open my inbox. Three weeks in, my deals show last week’s facts instead of last month’s.',
    verifiedBy: user(m1).id,
    verifiedAt: at(40, 11),
  });
  const quiz = item('Champion, coach or economic buyer?');
  const questions = quiz.quiz?.questions.length ?? 1;
  add('seller2@demo.example.com', m1, {
    itemId: quiz.id,
    rootCause: 'B5',
    gapRule: 'GAP-04',
    indicator: 'championTested',
    assignedAt: at(12),
    dueDate: addDays(today, 2),
    status: 'completed',
    startedAt: at(6, 15),
    completedAt: at(2, 16),
    quizScore: Math.round((100 * (questions - 1)) / questions),
    quizPassed: true,
    reflection:
      'I had been calling my friendliest contact a champion. On my two largest deals I will ask each of them to get us to the budget owner this month, and record what they actually do.',
  });
  const value = dealWhere('seller3@demo.example.com', 'business_issue_quantified', { agreed: false }, true);
  if (value)
    add('seller3@demo.example.com', m1, {
      itemId: item('Co-build a value estimate').id,
      rootCause: 'B3',
      assignedAt: at(20),
      dueDate: addDays(today, -3),
      status: 'applied',
      startedAt: at(18),
      completedAt: at(4, 10),
      reflection:
        'We built the estimate with their operations lead on a whiteboard; he now quotes our number internally.',
      opportunityId: value.deal.id,
      conditionId: 'business_issue_quantified',
      conditionParams: value.params,
      appliedAt: at(4, 10),
      applicationEvidence: value.check.evidence,
    });
  add('seller6@demo.example.com', 'manager2@demo.example.com', {
    itemId: item('Mutual action plan template').id,
    rootCause: 'B7',
    gapRule: 'GAP-05',
    indicator: 'processControl',
    assignedAt: at(20),
    dueDate: addDays(today, -6),
    status: 'assigned',
  });
  const champion = dealWhere('seller11@demo.example.com', 'champion_tested', { tests: 2 }, false);
  if (champion)
    add('seller11@demo.example.com', 'manager3@demo.example.com', {
      itemId: item('Run two champion tests').id,
      rootCause: 'B5',
      gapRule: 'GAP-04',
      indicator: 'championTested',
      assignedAt: at(1),
      dueDate: addDays(today, 13),
      status: 'assigned',
      opportunityId: champion.deal.id,
      conditionId: 'champion_tested',
      conditionParams: champion.params,
    });
  await seedAssignments(deps.db, ws.orgId, rows, at(0, 7));
  return rows;
}
