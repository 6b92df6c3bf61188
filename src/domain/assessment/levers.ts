import { listInWords } from '../text.ts';
import { addDays } from '../dates.ts';
import { US } from '../knowledge/schema.ts';
import type { KnowledgeItem, KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { DangerZoneId } from './catalog.ts';
import { hypothesisBuilder, type Hypothesis, type HypothesisBuilder } from './hypothesis.ts';
import { alternativeName, dealPeople, quoted, type Ask, type DealPeople, type PersonNames } from './move-people.ts';
import type { DealContext, Signals } from './signals.ts';

// Moves a seller can make on this deal, worded with its own names (the person, the competitor, the
// criterion, the issue). A move is not assumed to succeed: it has a few plausible outcomes, each
// with a probability and the facts it would establish; the engine prices each outcome by what-if and
// weighs them (expected gain). The outcome where nothing changes costs nothing to price.

export const MOVE_KINDS = ['learn', 'change', 'decide', 'protect'] as const;
/** learn something unknown; change someone's mind or the facts; a decision for the seller; guard against a danger zone */
export type MoveKind = (typeof MOVE_KINDS)[number];

/** 1 one conversation, 2 a meeting or two with the right person, 3 changing someone's mind */
export type Effort = 1 | 2 | 3;

export type Outcome = { label: string; probability: number; hypothesis: Hypothesis };

export type Lever = {
  /** stable per deal: the kind of move and whom or what it is about */
  id: string;
  kind: MoveKind;
  action: string;
  question: string;
  ask: Ask;
  /** why the question goes through someone else, when it does */
  via: string | null;
  effort: Effort;
  /** the plausible answers, probabilities adding up to 1 (the last: nothing changes) */
  outcomes: Outcome[];
  /** the danger zones this move works on, whether or not one conversation clears them */
  addresses: DangerZoneId[];
};

/** [what happens, how likely, the facts it would establish] */
type OutcomeSpec = readonly [label: string, probability: number, build: (b: HypothesisBuilder) => void];

const EMPTY: Hypothesis = Object.freeze({ items: [], facts: [] }) as Hypothesis;

/** The outcomes given, and "nothing changes" with the probability left over. */
function outcomesOf(s: KnowledgeSnapshot, asOf: string, specs: readonly OutcomeSpec[], nothing: string): Outcome[] {
  const out: Outcome[] = specs.map(([label, probability, build]) => {
    const b = hypothesisBuilder(s, asOf);
    build(b);
    return { label, probability, hypothesis: b.done() };
  });
  const left = 1 - specs.reduce((sum, [, p]) => sum + p, 0);
  if (left > 1e-9) out.push({ label: nothing, probability: left, hypothesis: EMPTY });
  return out;
}

const FRIENDLY = new Set(['mentor', 'supporter']);
const HOSTILE = new Set(['non_supporter', 'enemy']);

/**
 * Where this deal's buying group stands, as the odds for an evaluator whose stance we do not know:
 * favours us, neutral, favours an alternative. One pseudo-count each (a third each when nothing is
 * known), plus the stances known on this deal.
 */
export function stanceMix(s: KnowledgeSnapshot, evaluators: readonly KnowledgeItem[]) {
  let us = 1;
  let neutral = 1;
  let other = 1;
  for (const e of evaluators) {
    const favours = s.known<string>(e.id, 'favours');
    const support = s.known<string>(e.id, 'support') ?? '';
    if ((favours !== undefined && favours !== US) || HOSTILE.has(support)) other++;
    else if (favours === US || FRIENDLY.has(support)) us++;
    else if (support === 'neutral') neutral++;
  }
  const n = us + neutral + other;
  return { us: us / n, neutral: neutral / n, other: other / n };
}

/** The alternative the buying group favours most (competitors first), else the first one listed. */
function leadingAlternative(s: KnowledgeSnapshot, evaluators: readonly KnowledgeItem[]): string | undefined {
  const alternatives = s.itemsOf('alternative').filter((a) => s.known(a.id, 'status') !== 'eliminated');
  const votes = new Map<string, number>();
  for (const e of evaluators) {
    const favours = s.known<string>(e.id, 'favours');
    if (favours && favours !== US) votes.set(favours, (votes.get(favours) ?? 0) + 1);
  }
  return [...alternatives].sort(
    (a, b) =>
      (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) ||
      Number(b.category === 'competitor') - Number(a.category === 'competitor'),
  )[0]?.id;
}

/** The moves that apply to this opportunity now, worded with its names. */
export function levers(
  s: KnowledgeSnapshot,
  signals: Signals,
  ctx: DealContext,
  names: PersonNames = () => null,
): Lever[] {
  return leversFor(s, signals, ctx, dealPeople(s, signals, names));
}

/** The same, for a caller that has the deal's people already. */
export function leversFor(s: KnowledgeSnapshot, signals: Signals, ctx: DealContext, people: DealPeople): Lever[] {
  const out: Lever[] = [];
  const { ebId, champion, championAsk, name } = people;
  const eb = name(ebId);
  const champ = champion ? name(champion.id) : 'the champion';
  const move = (
    lever: Omit<Lever, 'outcomes' | 'via'> & { via?: string | null },
    specs: readonly OutcomeSpec[],
    nothing: string,
  ) => out.push({ ...lever, via: lever.via ?? null, outcomes: outcomesOf(s, ctx.asOf, specs, nothing) });

  economicBuyerMoves(s, signals, people, move, eb);
  championMoves(s, signals, people, move, eb, champ);
  evaluatorMoves(s, people, move, ebId);
  criteriaMoves(s, signals, people, move, champ);
  valueAndProcessMoves(s, signals, ctx, people, move, { eb, champ, championAsk });
  closingMoves(s, signals, people, move);
  return out;
}

/**
 * Late in a deal nobody has told us we are the choice: ask for the decision. Without a verbal award
 * no deal goes above 95 % (the near-certainty guardrail), so this is the move that lifts a deal the
 * evidence already favours; the answer may as well be another option, which is worth knowing now.
 */
function closingMoves(s: KnowledgeSnapshot, signals: Signals, people: DealPeople, move: Move) {
  if (signals.late !== true || signals.customerPreference === US || signals.weEliminated === true) return;
  const { ebId, champion, name } = people;
  const leading = leadingAlternative(s, people.evaluators);
  // whoever decides says it best; through a friend when we have never met them or they favour another option
  const routed = ebId
    ? people.route(ebId, {
        friendOnly: true,
        direct: 'If you had to decide today, would it be us?',
        about: (who) => `If ${who} had to decide today, would it be us?`,
      })
    : { ask: people.championAsk, question: 'If your team had to decide today, would it be us?', via: null };
  move(
    {
      id: 'ask-for-the-decision',
      kind: 'learn',
      action: ebId
        ? `Ask for the decision: would ${name(ebId)} choose us today, and what stands in the way`
        : `Ask ${champion ? name(champion.id) : 'the champion'} whether their side would choose us today`,
      question: routed.question,
      ask: routed.ask,
      via: routed.via,
      effort: 1,
      addresses: [],
    },
    [
      ['They tell us we are their choice', 0.35, (b) => b.set('competition', 'customerPreference', US, 'buyer_stated')],
      ...(leading
        ? [
            [
              `They would choose ${alternativeName(s, leading)}`,
              0.15,
              (b: HypothesisBuilder) => b.set('competition', 'customerPreference', leading, 'buyer_stated'),
            ] as const,
          ]
        : []),
    ],
    'No answer yet',
  );
}

type Move = (
  lever: Omit<Lever, 'outcomes' | 'via'> & { via?: string | null },
  specs: readonly OutcomeSpec[],
  nothing: string,
) => void;

function economicBuyerMoves(s: KnowledgeSnapshot, signals: Signals, people: DealPeople, move: Move, eb: string) {
  const { ebId, championAsk } = people;
  if (!signals.ebIdentified) {
    move(
      {
        id: 'identify-economic-buyer',
        kind: 'learn',
        action: 'Find out who signs: name the economic buyer',
        question: 'Who signs, and who can still say no after everyone else says yes?',
        ask: championAsk,
        effort: 1,
        addresses: ['DZ-01'],
      },
      [
        [
          'The economic buyer is named',
          0.7,
          (b) => {
            const person = b.item('evaluator', {});
            b.set(person, 'roles', ['economic_buyer']);
            b.set(person, 'influence', 'high');
            b.set('power_access', 'economicBuyer', person);
          },
        ],
      ],
      'Nobody is named yet',
    );
    return;
  }
  if (!ebId || signals.ebEngaged === true) return;
  const hostile = people.isHostile(ebId);
  const unmet = people.isUnmet(ebId);
  const routed = people.route(ebId, {
    friendOnly: true,
    direct: 'Is this one of your priorities this year, and what would you need to see to approve it?',
    about: (who) => `Does ${who} see this as a priority this year, and can you get us thirty minutes together?`,
  });
  move(
    {
      id: 'confirm-economic-buyer-priority',
      kind: 'learn',
      action: unmet
        ? `Get a meeting with ${eb}, the economic buyer, and have the priority confirmed`
        : `Have ${eb}, the economic buyer, confirm this is a priority`,
      ...routed,
      effort: 2,
      addresses: ['DZ-01', 'DZ-02'],
    },
    [
      [
        `${eb} meets us and confirms the priority`,
        hostile ? 0.2 : unmet ? 0.4 : 0.55,
        (b) => {
          b.set('power_access', 'ebMet', true, 'buyer_action');
          b.set('power_access', 'ebConfirmedPriority', true, 'buyer_stated');
        },
      ],
      [
        `${eb} meets us but does not call it a priority`,
        0.25,
        (b) => {
          b.set('power_access', 'ebMet', true, 'buyer_action');
          b.set('power_access', 'ebConfirmedPriority', false, 'buyer_stated');
        },
      ],
    ],
    'No meeting yet',
  );
}

function championMoves(
  s: KnowledgeSnapshot,
  signals: Signals,
  people: DealPeople,
  move: Move,
  eb: string,
  champ: string,
) {
  const { champion, ebId } = people;
  if (champion && !signals.championPowerPassed) {
    move(
      {
        id: 'test-champion',
        kind: 'learn',
        action: `Test ${champ} as a champion: ask for the meeting with ${ebId ? eb : 'whoever signs'} and to co-own the plan`,
        question: `Can you get us thirty minutes with ${ebId ? eb : 'whoever signs'}, and will you build the plan with us?`,
        ask: { role: 'champion', evaluatorId: champion.id },
        effort: 2,
        addresses: ['DZ-04', 'DZ-05'],
      },
      [
        [
          `${champ} gets us the meeting and co-owns the plan`,
          0.4,
          (b) => {
            b.set(champion.id, 'testPower', 'passed', 'buyer_action');
            b.set(champion.id, 'testAccess', 'passed', 'buyer_action');
            b.set(champion.id, 'testCoOwnsPlan', 'passed', 'buyer_action');
          },
        ],
        [
          `${champ} co-owns the plan but cannot get us the meeting`,
          0.25,
          (b) => {
            b.set(champion.id, 'testCoOwnsPlan', 'passed', 'buyer_action');
            b.set(champion.id, 'testAccess', 'failed', 'buyer_action');
          },
        ],
      ],
      `${champ} declines: a coach, not a champion`,
    );
  } else if (!champion) {
    const candidate = people.evaluators
      .filter((e) => !people.isHostile(e.id))
      .sort((a, b) => people.influence(b.id) - people.influence(a.id))[0];
    move(
      {
        id: 'find-champion',
        kind: 'change',
        action: candidate
          ? `Find a champion: see whether ${people.name(candidate.id)} will argue for us when we are not in the room`
          : 'Find a champion: someone with power who wants us to win',
        question: 'Who has the most to gain if this succeeds, and who has moved a decision like this before?',
        ask: candidate ? { role: 'evaluator', evaluatorId: candidate.id } : { role: 'anyone', evaluatorId: null },
        effort: 3,
        addresses: ['DZ-04'],
      },
      candidate
        ? [
            [
              `${people.name(candidate.id)} takes it on and has the power to`,
              0.25,
              (b) => {
                b.set(candidate.id, 'testPower', 'passed', 'buyer_action');
                b.set(candidate.id, 'testVestedInterest', 'passed', 'buyer_stated');
                b.set(candidate.id, 'support', 'supporter');
              },
            ],
          ]
        : [],
      'No champion yet',
    );
  }
}

function evaluatorMoves(s: KnowledgeSnapshot, people: DealPeople, move: Move, ebId: string | undefined) {
  const mix = stanceMix(s, people.evaluators);
  const leading = leadingAlternative(s, people.evaluators);
  const options = s
    .itemsOf('alternative')
    .filter((a) => s.known(a.id, 'status') !== 'eliminated')
    .slice(0, 2)
    .map((a) => alternativeName(s, a.id));
  for (const e of people.evaluators) {
    if (people.influence(e.id) !== 3 && e.id !== ebId) continue;
    const who = people.name(e.id);
    const favours = s.known<string>(e.id, 'favours');
    const support = s.known<string>(e.id, 'support') ?? '';
    if ((favours !== undefined && favours !== US) || HOSTILE.has(support)) {
      const alt = favours && favours !== US ? alternativeName(s, favours) : null;
      const routed = people.route(e.id, {
        friendOnly: true,
        direct: alt
          ? `What do you like about ${alt}, and what would you need to believe to support us, or at least not oppose us?`
          : 'What worries you about our proposal, and what would you need to believe to support us, or at least not oppose us?',
        about: (them) =>
          alt
            ? `What does ${them} like about ${alt}, and what would make them support us, or at least not oppose us?`
            : `What worries ${them} about our proposal, and what would make them support us?`,
      });
      const source = routed.via ? 'buyer_secondhand' : 'buyer_stated';
      move(
        {
          id: `win-over:${e.id}`,
          kind: 'change',
          action: alt
            ? `Find out why ${who} favours ${alt}, and what would change that`
            : `Find out why ${who} opposes us`,
          ...routed,
          effort: 3,
          addresses: ['DZ-06', 'DZ-17', ...(alt === 'doing nothing' ? (['DZ-13'] as const) : [])],
        },
        [
          [
            `${who} comes round to us`,
            0.15,
            (b) => {
              b.set(e.id, 'favours', US, source);
              b.set(e.id, 'support', 'supporter', source);
            },
          ],
          [
            `${who} stops opposing us`,
            0.3,
            (b) => {
              b.forget(e.id, 'favours', source);
              b.set(e.id, 'support', 'neutral', source);
            },
          ],
        ],
        alt ? `${who} stays with ${alt}` : `${who} still opposes us`,
      );
    } else if (favours === undefined && !FRIENDLY.has(support) && support !== 'neutral') {
      const routed = people.route(e.id, {
        friendOnly: true,
        direct: 'How do you see each of the options today?',
        about: (them) => `How does ${them} see each of the options today, and what has ${them} said in meetings?`,
      });
      const source = routed.via ? 'buyer_secondhand' : 'buyer_stated';
      const between = options.length > 0 ? ` between ${listInWords(['us', ...options])}` : ' on our proposal';
      move(
        {
          id: `learn-stance:${e.id}`,
          kind: 'learn',
          action: `Learn where ${who} stands${between}`,
          ...routed,
          effort: 1,
          addresses: ['DZ-07'],
        },
        [
          [`${who} favours us`, mix.us, (b) => b.set(e.id, 'favours', US, source)],
          [`${who} is neutral`, mix.neutral, (b) => b.set(e.id, 'support', 'neutral', source)],
          [
            leading ? `${who} favours ${alternativeName(s, leading)}` : `${who} is against us`,
            mix.other,
            (b) => {
              if (leading) b.set(e.id, 'favours', leading, source);
              b.set(e.id, 'support', 'non_supporter', source);
            },
          ],
        ],
        'Still unknown',
      );
    }
  }
  // people with influence nobody on our side has spoken to (the economic buyer has a move of their own)
  const uncontacted = people.evaluators.filter(
    (e) =>
      e.id !== ebId &&
      people.influence(e.id) >= 2 &&
      ['none', undefined].includes(s.known<string>(e.id, 'coverage')) &&
      !people.isHostile(e.id),
  );
  for (const e of uncontacted.slice(0, 2)) {
    const who = people.name(e.id);
    const routed = people.route(e.id, {
      friendOnly: true,
      direct: 'What matters most to you in this decision?',
      about: (them) => `What does ${them} care about most, and will you introduce us?`,
    });
    move(
      {
        id: `meet:${e.id}`,
        kind: 'change',
        action: routed.ask.evaluatorId
          ? `Get an introduction to ${who} through ${people.name(routed.ask.evaluatorId)}`
          : `Get an introduction to ${who}`,
        ...routed,
        via: null,
        effort: 2,
        addresses: ['DZ-08', 'DZ-03'],
      },
      [
        [`A real conversation with ${who}`, 0.4, (b) => b.set(e.id, 'coverage', 'multiple', 'buyer_action')],
        [`A brief call with ${who}`, 0.3, (b) => b.set(e.id, 'coverage', 'brief', 'buyer_action')],
      ],
      'No introduction yet',
    );
  }
}

function criteriaMoves(s: KnowledgeSnapshot, signals: Signals, people: DealPeople, move: Move, champ: string) {
  const criteria = s.itemsOf('criterion');
  const caredAboutBy = (c: KnowledgeItem) =>
    (s.known<string[]>(c.id, 'caresAbout') ?? []).find((id) => s.item(id) && !people.isHostile(id));
  for (const c of criteria
    .filter((c) => s.known(c.id, 'mandatory') === true && s.known(c.id, 'fit', US) === 'fails')
    .slice(0, 2)) {
    const owner = caredAboutBy(c);
    const title = quoted(c, 'this must-have');
    move(
      {
        id: `resolve-must-have:${c.id}`,
        kind: 'change',
        action: `Resolve ${title}, the must-have we fail: check it is truly mandatory, or meet it another way (workaround, partner, roadmap)`,
        question: `What is behind ${title}, and what happens if it is met another way?`,
        ask: owner ? { role: people.roleOf(owner), evaluatorId: owner } : people.championAsk,
        effort: 3,
        addresses: ['DZ-15'],
      },
      [
        [`${title} is met another way`, 0.3, (b) => b.set(c.id, 'fit', 'meets', 'buyer_stated', US)],
        [`${title} is not a must-have after all`, 0.2, (b) => b.set(c.id, 'mandatory', false, 'buyer_stated')],
      ],
      `${title} stays a must-have we fail`,
    );
  }
  if (typeof signals.criteriaFitAdvantage === 'number' && signals.criteriaFitAdvantage < 0) {
    const weak = criteria
      .filter((c) => ['partial', 'fails'].includes(s.known<string>(c.id, 'fit', US) ?? ''))
      .filter((c) => s.known(c.id, 'mandatory') !== true || s.known(c.id, 'fit', US) !== 'fails')
      .sort((a, b) => (s.known<number>(b.id, 'weight') ?? 0) - (s.known<number>(a.id, 'weight') ?? 0));
    if (weak.length > 0) {
      const named = listInWords(weak.slice(0, 2).map((c) => quoted(c, 'a criterion')));
      move(
        {
          id: 'reshape-criteria',
          kind: 'change',
          action: `Reshape ${named} toward our strengths: where we fall short, tie our differentiators to their issues`,
          question: `Where do we fall short on ${named} in your view, and what would make the difference?`,
          ask: people.championAsk,
          effort: 3,
          addresses: ['DZ-17'],
        },
        [
          [
            `${champ} helps move ${named} our way`,
            0.3,
            (b) => {
              for (const c of weak) b.set(c.id, 'fit', 'meets', 'buyer_stated', US);
            },
          ],
        ],
        'The criteria stay as they are',
      );
    }
  }
  if (signals.criteriaShapedByOther === true) bidOrNoBid(s, people, move, criteria);
}

/** Criteria a competitor wrote: whether to bid at all is the seller's and their manager's call. */
function bidOrNoBid(s: KnowledgeSnapshot, people: DealPeople, move: Move, criteria: readonly KnowledgeItem[]) {
  const written = criteria.filter((c) => s.known(c.id, 'authoredBy') === 'competitor');
  const shapers = s.itemsOf('alternative').filter((a) => s.known(a.id, 'shapedRequirements') === true);
  const dp = s.singleton('decision_process')?.id;
  const rfpUnexpected = s.known(dp, 'rfpReceived') === true && s.known(dp, 'rfpInfluenced') === false;
  const author = shapers[0]
    ? alternativeName(s, shapers[0].id)
    : (() => {
        const leading = leadingAlternative(s, people.evaluators);
        return leading && s.item(leading)?.category === 'competitor' ? alternativeName(s, leading) : 'a competitor';
      })();
  const named = listInWords(written.slice(0, 2).map((c) => quoted(c, 'a criterion')));
  const reason =
    written.length > 0
      ? `${named} ${written.length === 1 ? 'was' : 'were'} written by ${author}`
      : shapers.length > 0
        ? `${author} shaped the requirements`
        : 'the request for proposal arrived without us having shaped it';
  move(
    {
      id: 'bid-or-no-bid',
      kind: 'decide',
      action: `Decide with your manager whether to bid: ${reason}`,
      question: `Can we meet the people who wrote the requirements before we answer, and can we win on criteria ${author} wrote? If not, step back early.`,
      ask: { role: 'seller', evaluatorId: null },
      effort: 2,
      addresses: ['DZ-14'],
    },
    [
      [
        'We meet the authors and add a criterion of our own',
        0.3,
        (b) => {
          const ours = b.item('criterion', { title: 'A differentiator the customer adds', category: 'formal' });
          b.set(ours, 'authoredBy', 'us', 'buyer_written');
          b.set(ours, 'weight', 20, 'buyer_written');
          b.set(ours, 'fit', 'exceeds', 'buyer_stated', US);
          if (rfpUnexpected) b.set('decision_process', 'rfpInfluenced', true, 'buyer_action');
        },
      ],
    ],
    'No access to the authors: the criteria stay theirs',
  );
}

function valueAndProcessMoves(
  s: KnowledgeSnapshot,
  signals: Signals,
  ctx: DealContext,
  people: DealPeople,
  move: Move,
  { eb, champ, championAsk }: { eb: string; champ: string; championAsk: Ask },
) {
  const { ebId, champion } = people;
  const ebAsk = (): Ask => (ebId ? people.route(ebId, NOT_FRIEND_ONLY).ask : championAsk);
  if (!signals.impactAgreed) {
    const issues = s.itemsOf('business_issue');
    const issue = [...issues].sort(
      (a, b) =>
        Number(s.known(b.id, 'priority') === 'top3_initiative') -
        Number(s.known(a.id, 'priority') === 'top3_initiative'),
    )[0];
    const owner = (issue && s.known<string>(issue.id, 'owner')) || ebId;
    const title = quoted(issue, 'the business issue');
    move(
      {
        id: 'agree-impact',
        kind: 'change',
        action: issue
          ? `Quantify ${title} with ${people.name(owner)} and get the figure agreed`
          : `Find the business issue that matters to ${ebId ? eb : 'them'}, quantify it and get the figure agreed`,
        question: issue
          ? `How do you measure ${title} today, and what is it costing you a year?`
          : 'Which problem would you most like solved, how do you measure it today, and what is it costing you a year?',
        ask: owner ? { role: people.roleOf(owner), evaluatorId: owner } : championAsk,
        effort: 2,
        addresses: ['DZ-11', 'DZ-12'],
      },
      [
        ['The impact is quantified and agreed', 0.4, (b) => quantify(b, issue, ebId, ctx, true)],
        ['The impact is quantified, not yet agreed', 0.25, (b) => quantify(b, issue, ebId, ctx, false)],
      ],
      'No figure yet',
    );
  }
  if (typeof signals.P2 !== 'number' || signals.P2 < 1) {
    const renewal = ctx.dealType === 'renewal';
    move(
      {
        id: 'find-compelling-event',
        kind: 'learn',
        action: renewal
          ? "Tie the renewal to the contract's end date, and what a lapse would cost"
          : 'Find the event that forces a decision, and what delay costs',
        question: renewal
          ? 'When does the current contract end, and what happens that day if nothing is signed?'
          : 'What happens if you do nothing until next year, and which date is driving this?',
        ask: championAsk,
        effort: renewal ? 1 : 2,
        addresses: ['DZ-10', 'DZ-20'],
      },
      renewal
        ? [['The contract end date is confirmed', 0.7, (b) => event(b, 'contract_expiry', ebId, ctx, true)]]
        : [
            ['An external deadline with a cost of delay', 0.3, (b) => event(b, 'external_deadline', ebId, ctx, true)],
            ['An internal deadline set by leadership', 0.25, (b) => event(b, 'leadership_mandate', ebId, ctx, false)],
            ['No event: the close date should move', 0.2, (b) => b.set('compelling_event', 'type', 'none')],
          ],
      'Still unclear',
    );
  }
  if (!signals.budgetAllocated) {
    move(
      {
        id: 'confirm-budget',
        kind: 'learn',
        action: ebId
          ? `Confirm with ${eb} that the budget is allocated`
          : 'Confirm the budget is allocated and who owns it',
        question: 'How will this be funded, and who controls that budget?',
        ask: ebAsk(),
        effort: 2,
        addresses: ['DZ-23'],
      },
      [
        [
          'The budget is allocated',
          0.45,
          (b) => {
            b.set('funding', 'budgetStatus', 'allocated', 'buyer_written');
            if (ebId) b.set('funding', 'budgetOwner', ebId);
          },
        ],
        [
          'Identified, not yet approved',
          0.3,
          (b) => b.set('funding', 'budgetStatus', 'identified_not_approved', 'buyer_stated'),
        ],
        ['The money must be found', 0.15, (b) => b.set('funding', 'budgetStatus', 'must_be_created', 'buyer_stated')],
      ],
      'Still unknown',
    );
  }
  if (!signals.mapAgreed) {
    move(
      {
        id: 'agree-mutual-plan',
        kind: 'change',
        action: champion
          ? `Agree a mutual plan with ${champ}, with a dated next step their side owns`
          : 'Agree a mutual plan with a dated, buyer-owned next step',
        question: 'Can we build the plan to your go-live date together?',
        ask: championAsk,
        effort: 1,
        addresses: ['DZ-22', 'DZ-18', 'DZ-21'],
      },
      [
        [
          'The plan is agreed',
          0.5,
          (b) => {
            b.set('decision_process', 'mutualPlanAgreed', true, 'buyer_action');
            nextStep(b, ctx, champion?.id);
          },
        ],
        ['A dated next step, no plan yet', 0.3, (b) => nextStep(b, ctx, champion?.id)],
      ],
      'No plan yet',
    );
  }
  if (!signals.processKnown) {
    move(
      {
        id: 'map-process',
        kind: 'learn',
        action: champion
          ? `Map the decision process with ${champ}: owners and dates, legal and procurement included`
          : 'Map the decision process with owners and dates, legal and procurement included',
        question: 'Walk me through what happens after you choose a supplier.',
        ask: championAsk,
        effort: 1,
        addresses: ['DZ-19', 'DZ-18'],
      },
      [['The steps are mapped with owners and dates', 0.6, (b) => mapSteps(b, signals, ctx, champion?.id)]],
      'Still unmapped',
    );
  } else if (signals.signatoryKnown !== true || signals.paperProcessKnown !== true) {
    move(
      {
        id: 'map-paper-process',
        kind: 'learn',
        action: 'Find out who signs, and what legal and procurement need before they do',
        question:
          'Who signs, above what amount are more approvals needed, and how long did the last similar purchase take?',
        ask: championAsk,
        effort: 1,
        addresses: ['DZ-19', 'DZ-18'],
      },
      [
        [
          'The signatory and the paper process are known',
          0.6,
          (b) => {
            if (ebId) b.set('decision_process', 'signatory', ebId);
            const step = b.item('decision_step', { title: 'Contract and legal', category: 'legal' });
            b.set(step, 'plannedDate', addDays(ctx.asOf, Math.max(1, Math.round(0.8 * daysLeft(signals)))));
          },
        ],
      ],
      'Still unknown',
    );
  }
}

const NOT_FRIEND_ONLY = { friendOnly: false, direct: '', about: () => '' };

const daysLeft = (signals: Signals) => Math.max(1, Number(signals.daysToClose ?? 30));

function quantify(
  b: HypothesisBuilder,
  issue: KnowledgeItem | undefined,
  ebId: string | undefined,
  ctx: DealContext,
  agreed: boolean,
) {
  const target = issue?.id ?? b.item('business_issue', { title: 'Business issue to quantify', category: 'other' });
  if (ebId && !issue) b.set(target, 'owner', ebId);
  b.set(target, 'priority', 'important');
  b.set(target, 'ourImpact', 'strong');
  b.set(target, 'metric', { name: 'Measure', baseline: 10, target: 5, unit: '' });
  b.set(target, 'impact', { amountMinor: ctx.amountMinor * 3, currency: ctx.currency, period: 'year' });
  if (agreed) b.set(target, 'impactAgreed', true, 'buyer_written');
}

function event(b: HypothesisBuilder, type: string, ebId: string | undefined, ctx: DealContext, withCost: boolean) {
  b.set('compelling_event', 'type', type);
  b.set('compelling_event', 'eventDate', addDays(ctx.expectedCloseDate, 30));
  if (withCost)
    b.set('compelling_event', 'costOfDelay', {
      amountMinor: Math.round(ctx.amountMinor / 4),
      currency: ctx.currency,
      per: 'month',
    });
  if (ebId) b.set('compelling_event', 'owner', ebId);
}

function nextStep(b: HypothesisBuilder, ctx: DealContext, owner: string | undefined) {
  b.set('decision_process', 'nextStep', 'Review the plan together');
  b.set('decision_process', 'nextStepDue', addDays(ctx.asOf, 7));
  if (owner) b.set('decision_process', 'nextStepOwner', owner);
}

function mapSteps(b: HypothesisBuilder, signals: Signals, ctx: DealContext, owner: string | undefined) {
  for (const [title, category, share] of [
    ['Technical validation', 'technical_validation', 0.4],
    ['Contract and legal', 'legal', 0.8],
  ] as const) {
    const step = b.item('decision_step', { title, category });
    b.set(step, 'plannedDate', addDays(ctx.asOf, Math.max(1, Math.round(share * daysLeft(signals)))));
    if (owner) b.set(step, 'owner', owner);
  }
}
