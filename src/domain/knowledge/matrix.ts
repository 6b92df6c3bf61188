import { HALF_LIFE_DAYS, SOURCE_STRENGTH, type EvidenceSource } from './evidence.ts';
import type { KnowledgeFact, KnowledgeSnapshot } from './snapshot.ts';
import { US } from './schema.ts';

export type MatrixAlternative = { id: string; name: string; kind: string };

export type MatrixRow = {
  evaluatorId: string;
  contactId: string | null;
  influence: string | null;
  roles: string[];
  isEconomicBuyer: boolean;
  /** the evaluator's share of the decision: influence, more for the economic buyer, less the weaker the evidence of their stance */
  weight: number;
  /** how far their stated preference counts (1: said or done by them, recently), see stanceConfidence */
  stanceConfidence: number;
  favours: string | null;
  support: string | null;
  /** how we know what they favour */
  stanceSource: string | null;
};

export type EvaluatorMatrix = {
  alternatives: MatrixAlternative[];
  rows: MatrixRow[];
  /** share of total influence behind each alternative (including us) */
  shares: Array<{ alternativeId: string; share: number }>;
  /** share of influence whose preference we do not know */
  unknownShare: number;
};

const INFLUENCE_WEIGHT: Record<string, number> = { high: 3, medium: 2, low: 1 };

/**
 * How far a stance counts by how we know it: the source's strength (REFERENCE 3.0) against the
 * buyer saying it himself, so what the person said, wrote or did counts fully, a report by someone
 * else or a third party two thirds, our own inference a third.
 */
export const STANCE_SOURCE_WEIGHT: Record<EvidenceSource, number> = Object.fromEntries(
  Object.entries(SOURCE_STRENGTH).map(([source, strength]) => [
    source,
    Math.min(1, strength / SOURCE_STRENGTH.buyer_stated),
  ]),
) as Record<EvidenceSource, number>;

/**
 * A second-hand report counts more the closer the one who reported it sits to the decision: the
 * person himself (then it is first-hand after all), the economic buyer or an approver, someone of
 * high influence; less from someone of low influence.
 */
export const REPORTER_WEIGHT = {
  themselves: 1.5,
  economicBuyer: 1.3,
  high: 1.2,
  medium: 1,
  unknown: 0.9,
  low: 0.8,
} as const;
export type Reporter = keyof typeof REPORTER_WEIGHT;

/** A stance counts fully while fresh (one volatile half-life), then halves each half-life, down to a quarter. */
export function stanceRecency(ageDays: number): number {
  const halfLife = HALF_LIFE_DAYS.volatile;
  return Math.max(0.25, 0.5 ** (Math.max(0, ageDays - halfLife) / halfLife));
}

/** How far a stance counts, 0-1: its source, who reported it (second-hand only) and its age. */
export function stanceConfidence(source: EvidenceSource, reporter: Reporter, ageDays: number): number {
  const bySource = STANCE_SOURCE_WEIGHT[source] * (source === 'buyer_secondhand' ? REPORTER_WEIGHT[reporter] : 1);
  return Math.min(1, bySource) * stanceRecency(ageDays);
}

/**
 * Who favours what, weighted by influence: weight = 3/2/1 by influence (1 when unknown), x1.5 for
 * the economic buyer or an approver, times how far the evidence of their stance counts
 * (stanceConfidence: its source, who reported it, its age).
 */
export function evaluatorMatrix(snapshot: KnowledgeSnapshot): EvaluatorMatrix {
  const alternatives: MatrixAlternative[] = [
    { id: US, name: 'Us', kind: 'us' },
    ...snapshot
      .itemsOf('alternative')
      .map((a) => ({ id: a.id, name: a.title ?? 'Unnamed', kind: a.category ?? 'competitor' })),
  ];
  const economicBuyerId = snapshot.known<string>(snapshot.singleton('power_access')?.id, 'economicBuyer');
  const evaluators = snapshot.itemsOf('evaluator');
  const rolesOf = (id: string) => snapshot.known<string[]>(id, 'roles') ?? [];
  const reporterOf = (fact: KnowledgeFact, contactId: string | null): Reporter => {
    const by = fact.evidence.contactId;
    if (by === null) return 'unknown';
    if (by === contactId) return 'themselves';
    const reporter = evaluators.find((x) => x.contactId === by);
    if (!reporter) return 'unknown';
    const roles = rolesOf(reporter.id);
    if (reporter.id === economicBuyerId || roles.includes('economic_buyer') || roles.includes('approver'))
      return 'economicBuyer';
    const influence = snapshot.known<string>(reporter.id, 'influence');
    return influence === 'high' || influence === 'medium' || influence === 'low' ? influence : 'unknown';
  };
  const rows: MatrixRow[] = evaluators.map((e) => {
    const influence = snapshot.known<string>(e.id, 'influence') ?? null;
    const roles = rolesOf(e.id);
    const isEconomicBuyer = e.id === economicBuyerId || roles.includes('economic_buyer');
    const favoursFact = snapshot.fact(e.id, 'favours');
    const favours = favoursFact && !favoursFact.isUnknown ? String(favoursFact.value) : null;
    const confidence =
      favoursFact !== undefined && !favoursFact.isUnknown
        ? stanceConfidence(
            favoursFact.evidence.source,
            reporterOf(favoursFact, e.contactId),
            snapshot.quality(favoursFact).ageDays,
          )
        : 1;
    const weight =
      (INFLUENCE_WEIGHT[influence ?? ''] ?? 1) * (isEconomicBuyer || roles.includes('approver') ? 1.5 : 1) * confidence;
    return {
      evaluatorId: e.id,
      contactId: e.contactId,
      influence,
      roles,
      isEconomicBuyer,
      weight,
      stanceConfidence: confidence,
      favours: favours && alternatives.some((a) => a.id === favours) ? favours : null,
      support: snapshot.known<string>(e.id, 'support') ?? null,
      stanceSource: favoursFact && !favoursFact.isUnknown ? favoursFact.evidence.source : null,
    };
  });
  const total = rows.reduce((sum, r) => sum + r.weight, 0);
  const shares = alternatives.map((a) => ({
    alternativeId: a.id,
    share: total === 0 ? 0 : rows.filter((r) => r.favours === a.id).reduce((sum, r) => sum + r.weight, 0) / total,
  }));
  const unknownShare =
    total === 0 ? 0 : rows.filter((r) => r.favours === null).reduce((sum, r) => sum + r.weight, 0) / total;
  return { alternatives, rows, shares, unknownShare };
}

/** share(us) minus the largest share of any other alternative, from -1 to +1. */
export function preferenceGap(matrix: Pick<EvaluatorMatrix, 'shares'>): number {
  const us = matrix.shares.find((s) => s.alternativeId === US)?.share ?? 0;
  const best = Math.max(0, ...matrix.shares.filter((s) => s.alternativeId !== US).map((s) => s.share));
  return us - best;
}

/** The same gap counting only high-influence evaluators. */
export function highInfluenceGap(matrix: EvaluatorMatrix): number {
  const high = matrix.rows.filter((r) => r.influence === 'high');
  const total = high.reduce((s, r) => s + r.weight, 0);
  if (total === 0) return 0;
  const shares = matrix.alternatives.map((a) => ({
    alternativeId: a.id,
    share: high.filter((r) => r.favours === a.id).reduce((s, r) => s + r.weight, 0) / total,
  }));
  return preferenceGap({ shares });
}
