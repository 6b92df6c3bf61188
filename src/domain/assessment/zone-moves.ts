import { listInWords } from '../text.ts';
import type { KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { DangerZoneId } from './catalog.ts';
import type { Effort } from './levers.ts';
import { alternativeName, quoted, type Ask, type DealPeople } from './move-people.ts';
import type { DangerZone } from './rules.ts';
import type { DealContext, Signals } from './signals.ts';

// A danger zone's own action, made concrete with the deal's names: the move that guards against it
// when no priced move works on it. It is offered for what it protects, not for points: no what-if
// is claimed for it.

export type ZoneMove = { action: string; question: string; ask: Ask; effort: Effort };

type Reading = {
  s: KnowledgeSnapshot;
  signals: Signals;
  ctx: DealContext & { sellerProbability?: number | null };
  people: DealPeople;
};

/** The influential evaluators matching `test`, by name (two at most). */
function named({ people }: Reading, test: (id: string) => boolean): { ids: string[]; words: string } {
  const ids = people.evaluators
    .filter((e) => (people.influence(e.id) >= 2 || e.id === people.ebId) && test(e.id))
    .map((e) => e.id)
    .slice(0, 2);
  return { ids, words: listInWords(ids.map((id) => people.name(id))) };
}

const champ = (r: Reading) => (r.people.champion ? r.people.name(r.people.champion.id) : 'the champion');
const eb = (r: Reading) => (r.people.ebId ? r.people.name(r.people.ebId) : 'the economic buyer');
const ebAsk = (r: Reading): Ask =>
  r.people.ebId ? { role: 'economic_buyer', evaluatorId: r.people.ebId } : r.people.championAsk;
const topIssue = ({ s }: Reading) => quoted(s.itemsOf('business_issue')[0], 'the business issue');
const alternatives = ({ s }: Reading) =>
  listInWords(
    s
      .itemsOf('alternative')
      .filter((a) => s.known(a.id, 'status') !== 'eliminated')
      .slice(0, 2)
      .map((a) => alternativeName(s, a.id)),
  );

const CONCRETE: Partial<Record<DangerZoneId, (r: Reading) => ZoneMove>> = {
  'DZ-01': (r) => ({
    action: `Ask ${champ(r)} to broker a meeting with ${eb(r)}: it is also their access test`,
    question: `Has ${eb(r)} said this is a priority this year, and can you get us thirty minutes together?`,
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-02': (r) => ({
    action: `Bring ${eb(r)} an insight that shows what ${topIssue(r)} costs today, or find a receptive person with influence to carry the case`,
    question: `Which results is ${eb(r)} accountable for this year, and where are they at risk?`,
    ask: r.people.championAsk,
    effort: 3,
  }),
  'DZ-03': (r) => ({
    action: `Build the buying-group map with ${champ(r)}, and ask for introductions to finance, IT and the users`,
    question: 'Who else will be affected by this, and whose support would make this easier for you internally?',
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-05': (r) => ({
    action: `Keep ${champ(r)} as a coach, and look for someone with influence who drives change`,
    question: 'Who in the organization usually drives change like this, and whom would they listen to?',
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-06': (r) => {
    const { words } = named(r, (id) => r.people.isHostile(id));
    return {
      action: `Use leverage from strength with ${words || 'the evaluator who favours another option'}: a supporter they trust, a peer reference, an executive meeting`,
      question: `Whom does ${words || 'that person'} trust, and what would they lose if we win?`,
      ask: r.people.championAsk,
      effort: 3,
    };
  },
  'DZ-07': (r) => {
    const { words } = named(r, (id) => r.s.known(id, 'favours') === undefined);
    return {
      action: `Ask ${champ(r)} for a read on ${words || 'the key evaluators'}, and record what they actually said`,
      question: `How does ${words || 'each key evaluator'} see each of the options?`,
      ask: r.people.championAsk,
      effort: 1,
    };
  },
  'DZ-08': (r) => {
    const { words } = named(r, (id) => ['none', undefined].includes(r.s.known<string>(id, 'coverage')));
    return {
      action: `Ask for an introduction to ${words || 'the people we have not met'}, and bring the matching person from our side`,
      question: `What does ${words || 'each of them'} care about most, and what is the best way onto their calendar?`,
      ask: r.people.championAsk,
      effort: 2,
    };
  },
  'DZ-09': (r) => {
    const { words } = named(r, (id) => r.s.known(id, 'newInRole') === true);
    return {
      action: `Meet ${words || 'the new person'} early, and re-check the timeline, the criteria and the budget`,
      question: `What is ${words || 'the new person'}'s mandate, and does it change priorities, budget or timing?`,
      ask: r.people.championAsk,
      effort: 2,
    };
  },
  'DZ-10': (r) => ({
    action: 'Quantify the cost of delay, or move the close date and forecast category honestly',
    question: 'What happens if you do nothing until next year, and which date is driving this?',
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-11': (r) => ({
    action: `Build a simple business case for ${topIssue(r)} with its owner: baseline, target, value, cost, payback`,
    question: `How do you measure ${topIssue(r)} today, and who would sign off on the numbers?`,
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-12': (r) => ({
    action: `Get ${topIssue(r)} owned by someone with influence, or qualify out`,
    question: `Which company goal does ${topIssue(r)} support, and who else has said it is a problem?`,
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-13': (r) => ({
    action: 'Bring an insight that reframes the status quo, and put a figure on the risk of doing nothing',
    question:
      'What would have to be true for you to change how you do this, and what are your peers doing differently?',
    ask: r.people.championAsk,
    effort: 3,
  }),
  'DZ-15': (r) => ({
    action: 'Check with its owner whether the must-have we fail is truly mandatory, or qualify out early',
    question: 'What is behind this requirement, and what happens if it is met another way?',
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-16': (r) => ({
    action: `Ask ${champ(r)} for the evaluation scorecard, with the must-haves and weights`,
    question: `How will you decide between us${alternatives(r) ? ` and ${alternatives(r)}` : ' and the other options'}, and how would you score us today?`,
    ask: r.people.championAsk,
    effort: 1,
  }),
  'DZ-17': (r) => ({
    action: `Choose how to compete with ${alternatives(r) || 'the leading option'}: flank or narrow the field rather than attack head-on, and bring reference customers`,
    question: 'Where do we fall short today in your view, and what would make the difference?',
    ask: r.people.championAsk,
    effort: 3,
  }),
  'DZ-18': (r) => ({
    action: `Rebuild the timeline to ${r.ctx.expectedCloseDate} with ${champ(r)}, and start legal and procurement in parallel`,
    question: `What has to happen between now and signature by ${r.ctx.expectedCloseDate}, and can legal and procurement start now?`,
    ask: r.people.championAsk,
    effort: 2,
  }),
  'DZ-19': (r) => ({
    action: `Walk through the decision and paper process with ${champ(r)}, approvals by amount included`,
    question:
      'Who signs, above what amount are more approvals needed, and how long did the last similar purchase take?',
    ask: r.people.championAsk,
    effort: 1,
  }),
  'DZ-20': (r) => ({
    action: `Confirm the close date with ${champ(r)}, not with ourselves: it has moved ${String(r.signals.closeDatePushes ?? 0)} times`,
    question: 'What changed on your side, who set the new date, and what will be different this time?',
    ask: r.people.championAsk,
    effort: 1,
  }),
  'DZ-21': (r) => ({
    action: `Re-engage through ${champ(r)}: the customer last said or did something ${String(r.signals.daysSinceBuyerEngagement ?? 'many')} days ago`,
    question: 'Is this still a priority, and what did you commit to next?',
    ask: r.people.championAsk,
    effort: 1,
  }),
  'DZ-22': (r) => ({
    action: `End the next conversation with ${champ(r)} on a dated next step their side owns`,
    question: 'What will you do next, by when, and who on your side owns it?',
    ask: r.people.championAsk,
    effort: 1,
  }),
  'DZ-23': (r) => ({
    action: `Identify the funding source and its owner, and involve ${eb(r)} in any reallocation`,
    question: 'How will this be funded, and if it costs more than planned, where does the money come from?',
    ask: ebAsk(r),
    effort: 2,
  }),
  'DZ-24': (r) => ({
    action: `Anchor the value of ${topIssue(r)}, then test a price range with ${r.people.ebId ? eb(r) : champ(r)}`,
    question: 'Have you shared an investment range internally, and how will the value be compared with the cost?',
    ask: r.people.ebId ? ebAsk(r) : r.people.championAsk,
    effort: 2,
  }),
  'DZ-25': () => ({
    action: 'Hold the forecast category until the unknowns are answered, and schedule the meetings that answer them',
    question: 'For each unknown: what did the customer say or do that tells us this?',
    ask: { role: 'seller', evaluatorId: null },
    effort: 2,
  }),
  'DZ-26': (r) => ({
    action:
      typeof r.ctx.sellerProbability === 'number'
        ? `Review the evidence behind the seller's ${Math.round(r.ctx.sellerProbability)} % in the next one-to-one: record what is missing, or adjust the figure`
        : "Review the evidence behind the seller's figure in the next one-to-one",
    question: 'What do you know that the system does not, and what evidence would change your mind?',
    ask: { role: 'seller', evaluatorId: null },
    effort: 1,
  }),
  'DZ-27': (r) => ({
    action: `Re-confirm what has gone stale in the next conversation with ${champ(r)}`,
    question: 'Has anything changed since we last spoke?',
    ask: r.people.championAsk,
    effort: 1,
  }),
};

/** The zone's own action made concrete, or its first action and question as written when no wording is known. */
export function zoneMove(zone: DangerZone, reading: Reading): ZoneMove {
  const concrete = CONCRETE[zone.id as DangerZoneId];
  if (concrete) return concrete(reading);
  return {
    action: zone.actions[0] ?? zone.name,
    question: zone.questions[0] ?? 'What has changed since we last spoke?',
    ask: reading.people.championAsk,
    effort: 2,
  };
}

/** For the tests: the zones with wording of their own. */
export const CONCRETE_ZONE_IDS = Object.keys(CONCRETE) as DangerZoneId[];
