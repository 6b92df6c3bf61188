import { randomUUID } from 'node:crypto';
import type { Scorecard } from '../../contract/scorecard.ts';
import { suspectedCauses } from '../../domain/coaching/diagnosis.ts';
import { addDays } from '../../domain/dates.ts';
import {
  getScorecard,
  getTeamCoaching,
  recordDiagnosis,
  type StoredAnswer,
  type StoredDiagnosis,
} from '../coaching/index.ts';
import type { AppDeps } from '../deps.ts';
import type { DemoWorkspace } from './demo.data.ts';
import { managerActor } from './demo.forecast.ts';

// Two diagnoses for the first manager's team, read from what the demo's scorecards flag that day:
// one concluded a week ago on a single-threading or champion gap (the seller knows the standard,
// has the time and wants it, but froze in the role-play with the economic buyer: a skill gap), and
// one begun two days ago on another seller's gap, the gap described and the expectations half-way.

type Flag = Scorecard['flags'][number];
type Answer = [step: StoredAnswer['step'], question: string, answer: string, note?: string];

export async function seedDemoDiagnoses(deps: AppDeps, ws: DemoWorkspace, today: string): Promise<void> {
  const manager = ws.users.find((u) => u.role === 'manager');
  if (!manager) return;
  const actor = managerActor(ws, manager.id);
  const team = await getTeamCoaching(deps, actor, manager.id);
  // single-threading first, a champion gap failing that: both come down to reaching power
  const gapOf = (cause: string) => (flags: ReadonlyArray<{ rootCauses: ReadonlyArray<{ id: string }> }>) =>
    flags.findIndex((f) => f.rootCauses.some((c) => c.id === cause));
  const accessGap = team.sellers.some((s) => gapOf('B4')(s.flags) >= 0) ? gapOf('B4') : gapOf('B5');
  const first = team.sellers.find((s) => accessGap(s.flags) >= 0);
  const second = team.sellers.find((s) => s.id !== first?.id && s.flags.length > 0);

  if (first) {
    const card = await getScorecard(deps, actor, first.id);
    const flag = card.flags[accessGap(card.flags)]!;
    const name = first.name.split(' ')[0]!;
    const deal = (k: number) => flag.deals[k]?.name ?? flag.deals[0]?.name ?? 'the biggest deal';
    const started = `${addDays(today, -9)}T10:00:00.000Z`;
    const concluded = `${addDays(today, -6)}T16:30:00.000Z`;
    const diagnosis: StoredDiagnosis = {
      ...fromFlag(flag, first.id, manager.id, started),
      status: 'concluded',
      rootCause: 'S7',
      level: 'skill_knowledge',
      fix: 'training_practice',
      conclusion: `Skill, not will: ${name} knows the standard and wants the meetings, but cannot yet hold a conversation with a CFO. Two role-plays with me, then shadowing an executive meeting; on the job: the economic buyer met at ${deal(0)} within 30 days. Watch economic-buyer access on the scorecard.`,
      version: 2,
      updatedAt: concluded,
      closedBy: manager.id,
      closedAt: concluded,
    };
    await write(deps, ws, diagnosis, started, manager.id, [
      [
        'gap',
        'gap.observable',
        'yes',
        `${flag.deals.length} open deals carry it, ${deal(0)} and ${deal(1)} among them.`,
      ],
      ['gap', 'gap.worth', 'yes', `${deal(0)} is the largest of them, and it rests on one contact.`],
      ['gap', 'B4.q2', 'points_here', `${name} does not want to go over the contact’s head at ${deal(0)}.`],
      ['gap', 'B5.q2', 'points_here', `At ${deal(0)} the contact has shared documents, never opened a door.`],
      ['expectations', 'expectations.standard', 'yes', 'Quoted “economic buyer met before the proposal” back to me.'],
      ['expectations', 'expectations.feedback', 'yes', `We went through ${deal(1)} in last week’s one-to-one.`],
      ['resources', 'resources.time', 'yes', `${card.openDeals} open deals: the week has room for it.`],
      ['resources', 'resources.territory', 'yes'],
      ['resources', 'resources.support', 'yes', 'Our VP offered to join any CFO meeting on these deals.'],
      ['consequences', 'consequences.rewarded', 'yes'],
      ['consequences', 'consequences.opposite', 'no'],
      [
        'skill',
        'skill.could',
        'no',
        `Role-played the CFO meeting for ${deal(0)}: lost the thread at the first question on payback and went back to features.`,
      ],
      ['skill', 'S7.q1', 'points_here', 'Could not say what the CFO would want in the first two minutes.'],
      ['skill', 'S4.q1', 'rules_out', 'Told a coach from a champion at once, with an example from a live deal.'],
      ['commitment', 'commitment.why', 'unclear', `${name} wants these meetings; it is not a matter of will.`],
      ['commitment', 'C6.q2', 'rules_out', 'Not fear of asking: fear of not knowing what to say once in the room.'],
      ['prescribe', 'prescribe.follow_up', 'two_weeks', `Role-play again before the ${deal(0)} meeting.`],
    ]);
  }

  if (second) {
    const card = await getScorecard(deps, actor, second.id);
    const flag = card.flags[0]!;
    const started = `${addDays(today, -2)}T14:00:00.000Z`;
    const processGap = flag.rootCauses.some((c) => c.id === 'B7');
    await write(deps, ws, fromFlag(flag, second.id, manager.id, started), started, manager.id, [
      [
        'gap',
        'gap.observable',
        'yes',
        flag.deals.length > 0
          ? `Seen on ${flag.deals
              .slice(0, 3)
              .map((d) => d.name)
              .join(', ')}.`
          : 'Seen across the quarter, not on one deal.',
      ],
      ['gap', 'gap.worth', 'yes', 'Worth an hour: it will show in the forecast call by month end.'],
      [
        'expectations',
        'expectations.standard',
        'yes',
        processGap
          ? 'Knows we want a plan the buyer has edited; says the customers “do not do paperwork”.'
          : 'Could say what good looks like without prompting.',
      ],
    ]);
  }
}

function fromFlag(flag: Flag, sellerId: string, managerId: string, at: string): StoredDiagnosis {
  return {
    id: randomUUID(),
    sellerId,
    startedBy: managerId,
    source: 'flag',
    flag: { rule: flag.rule, indicator: flag.indicator, zoneId: flag.zoneId },
    gap: flag.text,
    deals: flag.deals,
    suspected: suspectedCauses(flag.rootCauses.map((c) => c.id)),
    status: 'in_progress',
    rootCause: null,
    level: null,
    fix: null,
    conclusion: null,
    version: 1,
    startedAt: at,
    updatedAt: at,
    closedBy: null,
    closedAt: null,
  };
}

async function write(
  deps: AppDeps,
  ws: DemoWorkspace,
  diagnosis: StoredDiagnosis,
  at: string,
  by: string,
  answers: readonly Answer[],
): Promise<StoredDiagnosis> {
  // only the questions this diagnosis asks (a guide question of a cause it does not suspect is left out)
  const asked = answers.filter(
    ([, question]) =>
      !/^[BSC]\d+\.q\d$/.test(question) || diagnosis.suspected.includes(question.split('.')[0] as never),
  );
  await recordDiagnosis(
    deps.db,
    ws.orgId,
    diagnosis,
    asked.map(([step, question, answer, note]) => ({
      step,
      question,
      answer,
      note: note ?? null,
      answeredBy: by,
      answeredAt: at,
    })),
  );
  return diagnosis;
}
