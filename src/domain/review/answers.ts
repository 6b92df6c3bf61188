import { evaluatorMatrix } from '../knowledge/matrix.ts';
import { US } from '../knowledge/schema.ts';
import type { KnowledgeSnapshot } from '../knowledge/snapshot.ts';

// The four questions of the pipeline review that a probability alone does not answer, read from
// what the seller recorded: who evaluates and with what influence (the economic buyer and the
// champion named), which alternatives each evaluator favours, which business issues we can impact
// and by how much, and which criteria will decide with our fit on each. An answer we do not have
// stays visibly empty, never guessed.

export type ReviewEvaluator = {
  evaluatorId: string;
  contactId: string | null;
  roles: string[];
  influence: string | null;
  support: string | null;
  /** "us", an alternative's id, or null while unknown */
  favours: string | null;
  isEconomicBuyer: boolean;
  isChampion: boolean;
};

export type ReviewAlternative = {
  /** "us" for our own offer */
  id: string;
  name: string;
  kind: string;
  /** the evaluators who favour it, most influential first */
  favouredBy: string[];
  /** 1 (low) to 4 (very high), as the customer takes it; null when unknown or for us */
  threat: number | null;
};

export type Money = { amountMinor: number; currency: string };

export type ReviewIssue = {
  itemId: string;
  /** in the customer's words */
  title: string;
  category: string | null;
  impact: (Money & { period: string }) | null;
  /** the impact was asked and the answer is "unknown" */
  impactUnknown: boolean;
  impactAgreed: boolean | null;
  /** how much we can impact it: unique, strong, parity, none */
  ourImpact: string | null;
  ownerId: string | null;
};

export type ReviewCriterion = {
  itemId: string;
  title: string;
  /** 0-100, null when unknown */
  weight: number | null;
  mandatory: boolean;
  /** exceeds, meets, partial, fails; null when unknown */
  ourFit: string | null;
  /** the best fit among the other alternatives, and whose */
  bestOther: { alternativeId: string; fit: string } | null;
};

export type ReviewAnswers = {
  evaluators: ReviewEvaluator[];
  alternatives: ReviewAlternative[];
  businessIssues: ReviewIssue[];
  decisionCriteria: ReviewCriterion[];
};

const INFLUENCE_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };
const FIT_ORDER: Record<string, number> = { exceeds: 0, meets: 1, partial: 2, fails: 3 };
const IMPACT_ORDER: Record<string, number> = { unique: 0, strong: 1, parity: 2, none: 3 };
const rank = (order: Record<string, number>, value: string | null) => (value === null ? 9 : (order[value] ?? 8));
/** An impact per year, to order issues by what they cost the customer. */
const yearly = (impact: ReviewIssue['impact']) =>
  impact === null ? -1 : impact.amountMinor * (impact.period === 'quarter' ? 4 : 1);

/**
 * The review's answers for one deal as its knowledge stands. `championId` is the evaluator the
 * assessment takes for the champion (the one with the most champion tests passed), or null.
 */
export function reviewAnswers(snapshot: KnowledgeSnapshot, championId: string | null): ReviewAnswers {
  const matrix = evaluatorMatrix(snapshot);
  const evaluators: ReviewEvaluator[] = matrix.rows
    .map((row) => ({
      evaluatorId: row.evaluatorId,
      contactId: row.contactId,
      roles: row.roles,
      influence: row.influence,
      support: row.support,
      favours: row.favours,
      isEconomicBuyer: row.isEconomicBuyer,
      isChampion: row.evaluatorId === championId,
    }))
    // the economic buyer, then the champion, then by influence
    .sort(
      (a, b) =>
        Number(b.isEconomicBuyer) - Number(a.isEconomicBuyer) ||
        Number(b.isChampion) - Number(a.isChampion) ||
        rank(INFLUENCE_ORDER, a.influence) - rank(INFLUENCE_ORDER, b.influence),
    );
  const alternatives: ReviewAlternative[] = matrix.alternatives.map((alternative) => ({
    id: alternative.id,
    name: alternative.name,
    kind: alternative.kind,
    favouredBy: evaluators.filter((e) => e.favours === alternative.id).map((e) => e.evaluatorId),
    threat: alternative.id === US ? null : (snapshot.known<number>(alternative.id, 'threat') ?? null),
  }));
  const businessIssues: ReviewIssue[] = snapshot
    .itemsOf('business_issue')
    .map((issue) => {
      const impactFact = snapshot.fact(issue.id, 'impact');
      return {
        itemId: issue.id,
        title: issue.title ?? 'Unnamed issue',
        category: issue.category,
        impact: snapshot.known<ReviewIssue['impact'] & object>(issue.id, 'impact') ?? null,
        impactUnknown: impactFact?.isUnknown === true,
        impactAgreed: snapshot.known<boolean>(issue.id, 'impactAgreed') ?? null,
        ourImpact: snapshot.known<string>(issue.id, 'ourImpact') ?? null,
        ownerId: snapshot.known<string>(issue.id, 'owner') ?? null,
      };
    })
    // what we can impact most first, then what costs the customer most
    .sort(
      (a, b) =>
        rank(IMPACT_ORDER, a.ourImpact) - rank(IMPACT_ORDER, b.ourImpact) || yearly(b.impact) - yearly(a.impact),
    );
  const others = matrix.alternatives.filter((a) => a.id !== US);
  const decisionCriteria: ReviewCriterion[] = snapshot
    .itemsOf('criterion')
    .map((criterion) => {
      const fits = others.flatMap((a) => {
        const fit = snapshot.known<string>(criterion.id, 'fit', a.id);
        return fit ? [{ alternativeId: a.id, fit }] : [];
      });
      return {
        itemId: criterion.id,
        title: criterion.title ?? 'Unnamed criterion',
        weight: snapshot.known<number>(criterion.id, 'weight') ?? null,
        mandatory: snapshot.known<boolean>(criterion.id, 'mandatory') === true,
        ourFit: snapshot.known<string>(criterion.id, 'fit', US) ?? null,
        bestOther: fits.sort((a, b) => rank(FIT_ORDER, a.fit) - rank(FIT_ORDER, b.fit))[0] ?? null,
      };
    })
    // must-haves first, then by the customer's weight
    .sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || (b.weight ?? -1) - (a.weight ?? -1));
  return { evaluators, alternatives, businessIssues, decisionCriteria };
}
