import type { KnowledgeSnapshot } from './snapshot.ts';
import { US } from './schema.ts';

export type MatrixAlternative = { id: string; name: string; kind: string };

export type MatrixRow = {
  evaluatorId: string;
  contactId: string | null;
  influence: string | null;
  roles: string[];
  isEconomicBuyer: boolean;
  /** the evaluator's share of the decision: influence, more for the economic buyer, less if only guessed */
  weight: number;
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
 * Who favours what, weighted by influence: weight = 3/2/1 by influence (1 when unknown), x1.5 for
 * the economic buyer or an approver, x0.5 when their preference is only our assumption.
 */
export function evaluatorMatrix(snapshot: KnowledgeSnapshot): EvaluatorMatrix {
  const alternatives: MatrixAlternative[] = [
    { id: US, name: 'Us', kind: 'us' },
    ...snapshot
      .itemsOf('alternative')
      .map((a) => ({ id: a.id, name: a.title ?? 'Unnamed', kind: a.category ?? 'competitor' })),
  ];
  const economicBuyerId = snapshot.known<string>(snapshot.singleton('power_access')?.id, 'economicBuyer');
  const rows: MatrixRow[] = snapshot.itemsOf('evaluator').map((e) => {
    const influence = snapshot.known<string>(e.id, 'influence') ?? null;
    const roles = snapshot.known<string[]>(e.id, 'roles') ?? [];
    const isEconomicBuyer = e.id === economicBuyerId || roles.includes('economic_buyer');
    const favoursFact = snapshot.fact(e.id, 'favours');
    const favours = favoursFact && !favoursFact.isUnknown ? String(favoursFact.value) : null;
    const guessed =
      favoursFact !== undefined && !favoursFact.isUnknown && snapshot.quality(favoursFact).grade === 'assumed';
    const weight =
      (INFLUENCE_WEIGHT[influence ?? ''] ?? 1) *
      (isEconomicBuyer || roles.includes('approver') ? 1.5 : 1) *
      (guessed ? 0.5 : 1);
    return {
      evaluatorId: e.id,
      contactId: e.contactId,
      influence,
      roles,
      isEconomicBuyer,
      weight,
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
