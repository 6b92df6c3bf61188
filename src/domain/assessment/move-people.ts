import { passedChampionTests } from '../knowledge/scoring.ts';
import { US } from '../knowledge/schema.ts';
import type { KnowledgeItem, KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { Signals } from './signals.ts';

// Who a move is put to, by name, and who must stand in when the person concerned would not answer
// us: a question only a friend answers ("what would you need to believe to choose us?") is never put
// to someone hostile or whom we have never met; it goes through the champion or a coach.

/** A person's name by the id of their evaluator item (contacts live outside the domain). */
export type PersonNames = (evaluatorId: string) => string | null;

export const ASK_ROLES = ['champion', 'coach', 'economic_buyer', 'evaluator', 'seller', 'anyone'] as const;
export type AskRole = (typeof ASK_ROLES)[number];
export type Ask = { role: AskRole; evaluatorId: string | null };

/** How the words read when nobody is named yet (the moves panel says the same). */
export const ROLE_WORDS: Record<AskRole, string> = {
  champion: 'the champion',
  coach: 'your coach',
  economic_buyer: 'the economic buyer',
  evaluator: 'the evaluator',
  seller: 'you and your manager',
  anyone: 'someone in the buying group',
};

const INFLUENCE_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const FRIENDLY = new Set(['mentor', 'supporter']);
const HOSTILE = new Set(['non_supporter', 'enemy']);
const MET = new Set(['brief', 'multiple', 'in_depth']);

/** A question put to someone: directly, or through a friend when the person would not answer us. */
export type Routed = { ask: Ask; question: string; via: string | null };

export type DealPeople = ReturnType<typeof dealPeople>;

/** The deal's people as moves name them: the economic buyer, the champion, a coach, and who is friendly. */
export function dealPeople(s: KnowledgeSnapshot, signals: Signals, names: PersonNames) {
  const evaluators = s.itemsOf('evaluator');
  const influence = (id: string) => INFLUENCE_RANK[s.known<string>(id, 'influence') ?? ''] ?? 0;
  const pa = s.singleton('power_access')?.id;
  const ebId =
    s.known<string>(pa, 'economicBuyer') ??
    evaluators.find((e) => (s.known<string[]>(e.id, 'roles') ?? []).includes('economic_buyer'))?.id;
  const isHostile = (id: string) => {
    const favours = s.known<string>(id, 'favours');
    return (favours !== undefined && favours !== US) || HOSTILE.has(s.known<string>(id, 'support') ?? '');
  };
  const isFriendly = (id: string) =>
    !isHostile(id) &&
    (FRIENDLY.has(s.known<string>(id, 'support') ?? '') ||
      s.known<string>(id, 'favours') === US ||
      (s.known<string[]>(id, 'roles') ?? []).includes('coach') ||
      passedChampionTests(s, id).length > 0);
  const isUnmet = (id: string) =>
    !MET.has(s.known<string>(id, 'coverage') ?? '') && !(id === ebId && signals.ebMet === true);
  // the champion: most champion tests passed, then support, then influence; only someone on our side
  let champion: KnowledgeItem | undefined;
  let championScore = 0;
  for (const e of evaluators) {
    if (!isFriendly(e.id)) continue;
    const score =
      passedChampionTests(s, e.id).length * 10 +
      (FRIENDLY.has(s.known<string>(e.id, 'support') ?? '') ? 5 : 0) +
      influence(e.id);
    if (score > championScore) [champion, championScore] = [e, score];
  }
  const roleOf = (id: string): AskRole =>
    id === ebId ? 'economic_buyer' : id === champion?.id ? 'champion' : 'evaluator';
  /** "Dana Ruiz", or "the economic buyer" while nobody is named */
  const name = (id: string | null | undefined): string => {
    if (!id) return ROLE_WORDS.anyone;
    return names(id) ?? (id === ebId ? ROLE_WORDS.economic_buyer : 'an evaluator not yet named');
  };
  /** a friend who can answer for `targetId`: the champion, else the most influential friendly evaluator */
  const friendOf = (targetId: string): Ask | null => {
    if (champion && champion.id !== targetId) return { role: 'champion', evaluatorId: champion.id };
    const coach = evaluators
      .filter((e) => e.id !== targetId && isFriendly(e.id) && !isUnmet(e.id))
      .sort((a, b) => influence(b.id) - influence(a.id))[0];
    return coach ? { role: 'coach', evaluatorId: coach.id } : null;
  };
  const championAsk: Ask = { role: 'champion', evaluatorId: champion?.id ?? null };

  /**
   * The question put to `targetId` when they would answer us, else through a friend (in the words
   * `about` gives for a third person), saying why.
   */
  const route = (
    targetId: string,
    question: { direct: string; about: (who: string) => string; friendOnly: boolean },
  ): Routed => {
    const hostile = isHostile(targetId);
    const unmet = isUnmet(targetId);
    if (!question.friendOnly || (!hostile && !unmet))
      return { ask: { role: roleOf(targetId), evaluatorId: targetId }, question: question.direct, via: null };
    const who = name(targetId);
    const why =
      hostile && unmet
        ? `${who} favours another option and has not met us`
        : hostile
          ? `${who} favours another option`
          : `we have not met ${who}`;
    const friend = friendOf(targetId);
    if (!friend)
      return {
        ask: { role: 'anyone', evaluatorId: null },
        question: question.about(who),
        via: `${why}, and nobody on their side is yet on ours: find someone who can read ${who} for us before asking`,
      };
    return {
      ask: friend,
      question: question.about(who),
      via: `${why}: ask ${name(friend.evaluatorId)} (${ROLE_WORDS[friend.role].replace(/^(the|your) /, '')}), who can answer for them`,
    };
  };

  return { evaluators, ebId, champion, championAsk, influence, isHostile, isUnmet, name, roleOf, route };
}

/** An alternative as people call it: its name, or what kind of option it is. */
export function alternativeName(s: KnowledgeSnapshot, id: string | undefined): string {
  if (!id) return 'another option';
  if (id === US) return 'us';
  const item = s.item(id);
  if (!item) return 'another option';
  // a competitor by its name; doing nothing, building it in-house ... by the customer's words for it
  if (item.title) return item.category === 'competitor' ? item.title : `“${item.title}”`;
  switch (item.category) {
    case 'do_nothing':
    case 'incumbent_status_quo':
      return 'doing nothing';
    case 'internal_build':
      return 'building it in-house';
    default:
      return 'another option';
  }
}

/** An item named in a sentence: “Single sign-on”, or a plain description when it has no title. */
export function quoted(item: KnowledgeItem | undefined, otherwise: string): string {
  return item?.title ? `“${item.title}”` : otherwise;
}
