import type { KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { Hypothesis } from './hypothesis.ts';
import { leversFor, type Lever } from './levers.ts';
import { dealPeople, type PersonNames } from './move-people.ts';
import { SEVERITY_RANK, type DangerZone } from './rules.ts';
import type { DealContext, Signals } from './signals.ts';
import { zoneMove } from './zone-moves.ts';

// The moves worth making next: each lever priced over its plausible outcomes (expected gain, not the
// best case), valued in the deal's currency, ranked by expected value for the effort, with no two
// the same; and every danger zone that no priced move works on answered by its own concrete action,
// offered for what it protects.

export type RecommendedOutcome = { label: string; probability: number; points: number };

/** A lever as recommended: its words, whom to ask and effort, priced over its outcomes. */
export type Recommendation = Omit<Lever, 'outcomes' | 'addresses'> & {
  /** expected probability points: Σ probability × change over the outcomes */
  gain: number;
  /** the expected gain in the deal's money: gain / 100 × amount (none for a protective move) */
  value: { amountMinor: number; currency: string };
  /** value for the effort (gain for the effort when the deal has no amount): the ranking key */
  priority: number;
  /** offered for the danger zone it guards against rather than for points */
  protects: boolean;
  outcomes: RecommendedOutcome[];
  /** danger zones the best outcome would clear */
  resolves: string[];
  /** the danger zones it works on */
  addresses: string[];
  /** the facts of the best outcome (what the what-if panel switches on) */
  hypothesis: Hypothesis;
};

/** What a what-if says of hypothetical facts: the probability, and (when asked) the zones that would still fire. */
export type Pricer = (hypothesis: Hypothesis) => { winProbability: number; zoneIds: () => readonly string[] };

/** Below this many expected points a move is not worth it for the points alone. */
export const MIN_GAIN = 0.05;

const EMPTY: Hypothesis = { items: [], facts: [] };

/** A lever priced over its outcomes; the outcome where nothing changes is not recomputed. */
export function priceLever(
  lever: Lever,
  now: number,
  price: Pricer,
): {
  gain: number;
  outcomes: RecommendedOutcome[];
  best: { hypothesis: Hypothesis; zoneIds: () => readonly string[] } | null;
} {
  let gain = 0;
  let best: { points: number; hypothesis: Hypothesis; zoneIds: () => readonly string[] } | null = null;
  const outcomes = lever.outcomes.map((o) => {
    if (o.hypothesis.facts.length === 0 && o.hypothesis.items.length === 0)
      return { label: o.label, probability: o.probability, points: 0 };
    const after = price(o.hypothesis);
    const points = (after.winProbability - now) * 100;
    gain += o.probability * points;
    if (!best || points > best.points) best = { points, hypothesis: o.hypothesis, zoneIds: after.zoneIds };
    return { label: o.label, probability: o.probability, points };
  });
  return { gain, outcomes, best };
}

const cleared = (firing: readonly string[], after: readonly string[]) => firing.filter((id) => !after.includes(id));

/** Two moves are the same when they do the same thing, or put the same question to the same person. */
function sameness(r: Pick<Recommendation, 'id' | 'action' | 'question' | 'ask'>): string[] {
  const plain = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return [
    `id:${r.id}`,
    `action:${plain(r.action)}`,
    `question:${r.ask.role}:${r.ask.evaluatorId ?? ''}:${plain(r.question)}`,
  ];
}

/** Ranked best first; the first of two moves that are the same is kept. */
export function dedupeMoves<T extends Pick<Recommendation, 'id' | 'action' | 'question' | 'ask'>>(
  ranked: readonly T[],
): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const r of ranked) {
    const keys = sameness(r);
    if (keys.some((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    kept.push(r);
  }
  return kept;
}

/** Priced moves first by value for the effort; then protective ones by the severity of what they guard. */
export function byWorth(severityOf: (r: Recommendation) => number) {
  return (a: Recommendation, b: Recommendation) =>
    Number(a.protects) - Number(b.protects) ||
    (a.protects ? severityOf(b) - severityOf(a) || a.effort - b.effort : b.priority - a.priority || b.gain - a.gain);
}

export function recommendMoves(
  snapshot: KnowledgeSnapshot,
  signals: Signals,
  ctx: DealContext & { sellerProbability?: number | null },
  zones: readonly DangerZone[],
  now: number,
  price: Pricer,
  names: PersonNames = () => null,
): Recommendation[] {
  const firing = new Map(zones.map((z) => [z.id, z]));
  const people = dealPeople(snapshot, signals, names);
  const out: Recommendation[] = [];
  for (const lever of leversFor(snapshot, signals, ctx, people)) {
    const priced = priceLever(lever, now, price);
    const worksOnZone = lever.addresses.some((id) => firing.has(id));
    const protects = priced.gain <= MIN_GAIN;
    if (protects && !worksOnZone) continue;
    const value = (Math.max(0, priced.gain) / 100) * ctx.amountMinor;
    out.push({
      id: lever.id,
      kind: lever.kind,
      action: lever.action,
      question: lever.question,
      ask: lever.ask,
      via: lever.via,
      effort: lever.effort,
      gain: priced.gain,
      value: { amountMinor: protects ? 0 : Math.round(value), currency: ctx.currency },
      priority: protects ? 0 : (ctx.amountMinor > 0 ? value : priced.gain) / lever.effort,
      protects,
      outcomes: priced.outcomes,
      resolves: priced.best ? cleared([...firing.keys()], priced.best.zoneIds()) : [],
      addresses: lever.addresses.filter((id) => firing.has(id)),
      hypothesis: priced.best?.hypothesis ?? EMPTY,
    });
  }
  // every zone that no move works on gets its own action, made concrete
  const covered = new Set(out.flatMap((r) => [...r.addresses, ...r.resolves]));
  for (const zone of zones) {
    if (covered.has(zone.id)) continue;
    const words = zoneMove(zone, { s: snapshot, signals, ctx, people });
    out.push({
      id: `guard:${zone.id}`,
      kind: 'protect',
      ...words,
      via: null,
      gain: 0,
      value: { amountMinor: 0, currency: ctx.currency },
      priority: 0,
      protects: true,
      outcomes: [],
      resolves: [],
      addresses: [zone.id],
      hypothesis: EMPTY,
    });
  }
  const severityOf = (r: Recommendation) =>
    Math.max(0, ...r.addresses.map((id) => SEVERITY_RANK[firing.get(id)?.severity ?? 'low']));
  return dedupeMoves(out.sort(byWorth(severityOf)));
}
