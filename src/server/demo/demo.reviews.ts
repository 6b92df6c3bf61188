import { randomUUID } from 'node:crypto';
import type { MarkTopic } from '../../contract/marks.ts';
import { addDays } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { recordPastReview, seedAction, seedMark, topReview } from '../reviews/index.ts';
import type { DemoWorkspace } from './demo.data.ts';
import { managerActor } from './demo.forecast.ts';

// Each team's pipeline review of last week, recorded from that day's snapshot, so "since the last
// review" opens on a week of real movement (deals won, lost and opened, win chances moved by what
// the sellers learned); and what manager1 marked to raise at this week's meeting, with the question
// they want settled, plus the help one of their sellers asked for.

/** What a manager wants settled about a deal's headline danger zone. */
const QUESTIONS: ReadonlyArray<{ zones: readonly string[]; topic: MarkTopic; note: string }> = [
  { zones: ['DZ-01', 'DZ-02'], topic: 'evaluators', note: 'Who gets us in front of the economic buyer, and when?' },
  { zones: ['DZ-03', 'DZ-08'], topic: 'evaluators', note: 'One contact is not a buying group: who else?' },
  { zones: ['DZ-04', 'DZ-05'], topic: 'evaluators', note: 'Has our champion done anything for us yet?' },
  { zones: ['DZ-06', 'DZ-17'], topic: 'alternatives', note: 'What would change the favourite’s mind?' },
  { zones: ['DZ-14', 'DZ-15', 'DZ-16'], topic: 'criteria', note: 'Whose criteria are these, and can we reshape them?' },
  { zones: ['DZ-10', 'DZ-11', 'DZ-13'], topic: 'business_issues', note: 'What does doing nothing cost them?' },
  {
    zones: ['DZ-18', 'DZ-19', 'DZ-20'],
    topic: 'close_date',
    note: 'Does their own process get to a signature by then?',
  },
  { zones: ['DZ-23', 'DZ-24'], topic: 'deal', note: 'Is the money there, and have we talked price?' },
];

/** What a pipeline review typically agrees, due some days after it. */
const AGREED = [
  { text: 'Call their finance lead myself to hear how the budget is really decided', forManager: true, dueIn: 10 },
  { text: 'Put the economic buyer meeting in the calendar before the proposal goes out', forManager: false, dueIn: 5 },
  { text: 'Send the two reference customers and ask who else joins the final call', forManager: false, dueIn: 12 },
];

export async function seedDemoReviews(
  deps: AppDeps,
  ws: DemoWorkspace,
  today: string,
  snapshotDays: readonly string[],
) {
  const lastWeek = [...snapshotDays].filter((d) => d <= addDays(today, -5)).at(-1);
  const managers = ws.users.filter((u) => u.role === 'manager');
  for (const manager of managers) {
    const team = managerActor(ws, manager.id).visibleOwnerIds;
    if (lastWeek)
      await recordPastReview(deps.db, ws.orgId, {
        id: randomUUID(),
        scopeKey: `team:${manager.id}`,
        heldBy: manager.id,
        heldAt: `${lastWeek}T15:00:00.000Z`,
        day: lastWeek,
        owners: team,
      });
  }
  const first = managers[0];
  if (!first) return;
  const review = await topReview(deps, managerActor(ws, first.id), { rank: 'value_probability', limit: 20 });
  const at = `${today}T08:30:00.000Z`;
  // what last week's review agreed: one for the manager, two for the sellers, one of them overdue
  if (lastWeek) {
    const agreed = AGREED.map((a, k) => ({ ...a, item: review.items[k * 2 + 1] }));
    for (const { text, forManager, dueIn, item } of agreed) {
      if (!item) continue;
      await seedAction(deps.db, ws.orgId, {
        id: randomUUID(),
        opportunityId: item.opportunity.id,
        text,
        ownerId: forManager ? first.id : item.opportunity.ownerId,
        dueDate: addDays(lastWeek, dueIn),
        createdBy: first.id,
        createdAt: `${lastWeek}T15:30:00.000Z`,
        doneAt: null,
        doneBy: null,
      });
    }
  }
  let marked = 0;
  for (const item of review.items) {
    const zone = item.dangerZones.flatMap((z) => z.zoneIds).find((id) => QUESTIONS.some((q) => q.zones.includes(id)));
    const question = zone && QUESTIONS.find((q) => q.zones.includes(zone));
    if (!question) continue;
    await seedMark(deps.db, ws.orgId, {
      id: randomUUID(),
      opportunityId: item.opportunity.id,
      topic: question.topic,
      note: question.note,
      markedBy: first.id,
      markedAt: at,
    });
    if (++marked === 3) break;
  }
  // a seller asking for help on their own deal
  const asking = review.items.find((i) => i.nextMove && i.marks.length === 0 && i.opportunity.ownerId !== first.id);
  if (asking)
    await seedMark(deps.db, ws.orgId, {
      id: randomUUID(),
      opportunityId: asking.opportunity.id,
      topic: 'next_move',
      note: 'I need help getting this meeting: can you call them?',
      markedBy: asking.opportunity.ownerId,
      markedAt: at,
    });
}
