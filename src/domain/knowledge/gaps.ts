import { objectiveByKey, OBJECTIVE_KEYS, type ObjectiveDefinition, type ObjectiveKey } from './objectives.ts';
import type { FieldDef } from './schema.ts';
import { isExplored, passedChampionTests } from './scoring.ts';
import type { KnowledgeSnapshot } from './snapshot.ts';

export type GapKind = 'not_explored' | 'unknown' | 'assumed' | 'stale';

/** Something we do not know (or no longer know well), the question that finds it out, and whom to ask. */
export type KnowledgeGap = {
  kind: GapKind;
  objective: ObjectiveKey;
  itemId: string | null;
  field: string | null;
  /** what the gap is about, e.g. "Budget status" or "Influence" */
  label: string;
  question: string;
  ask: { role: 'evaluator' | 'champion' | 'economic_buyer' | 'anyone'; contactId: string | null };
  ageDays: number | null;
};

/** The evaluator we would ask most questions: the strongest tested champion, else a supporter. */
function championOf(s: KnowledgeSnapshot): string | null {
  const evaluators = s.itemsOf('evaluator');
  const ranked = evaluators
    .map((e) => ({
      e,
      passed: passedChampionTests(s, e.id).length,
      supports: ['mentor', 'supporter'].includes(s.known<string>(e.id, 'support') ?? ''),
    }))
    .filter((x) => x.passed > 0 || x.supports)
    .sort((a, b) => b.passed - a.passed || Number(b.supports) - Number(a.supports));
  return ranked[0]?.e.contactId ?? null;
}

function whomToAsk(s: KnowledgeSnapshot, def: Pick<FieldDef, 'askWhom'>, itemId: string | null): KnowledgeGap['ask'] {
  const item = itemId ? s.item(itemId) : undefined;
  if (def.askWhom === 'evaluator' && item?.kind === 'evaluator')
    return { role: 'evaluator', contactId: item.contactId };
  if (def.askWhom === 'economic_buyer') {
    const ebId = s.known<string>(s.singleton('power_access')?.id, 'economicBuyer');
    const eb = ebId ? s.item(ebId) : undefined;
    if (eb?.contactId) return { role: 'economic_buyer', contactId: eb.contactId };
  }
  const champion = championOf(s);
  return champion ? { role: 'champion', contactId: champion } : { role: 'anyone', contactId: null };
}

const KIND_ORDER: Record<GapKind, number> = { not_explored: 0, unknown: 1, assumed: 2, stale: 3 };

/**
 * What we don't know about an opportunity: objectives never explored, facts recorded as unknown,
 * facts resting only on our own inference, and facts older than their half-life.
 */
export function knowledgeGaps(s: KnowledgeSnapshot, objectives: readonly ObjectiveDefinition[]): KnowledgeGap[] {
  const gaps: KnowledgeGap[] = [];
  for (const key of OBJECTIVE_KEYS) {
    if (isExplored(s, key)) continue;
    const objective = objectiveByKey(objectives, key);
    gaps.push({
      kind: 'not_explored',
      objective: key,
      itemId: null,
      field: null,
      label: objective.name,
      question: objective.questions[0] ?? objective.definition,
      ask: whomToAsk(s, { askWhom: 'champion' }, null),
      ageDays: null,
    });
  }
  for (const fact of s.facts) {
    const q = s.quality(fact);
    const kind: GapKind | null = fact.isUnknown
      ? 'unknown'
      : fact.evidence.source === 'seller_inference'
        ? 'assumed'
        : !q.fresh
          ? 'stale'
          : null;
    if (!kind) continue;
    gaps.push({
      kind,
      objective: q.def.objective,
      itemId: fact.itemId,
      field: fact.field,
      label: q.def.label,
      question: q.def.question,
      ask: whomToAsk(s, q.def, fact.itemId),
      ageDays: q.ageDays,
    });
  }
  const order = new Map(OBJECTIVE_KEYS.map((k, i) => [k, i]));
  return gaps.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || order.get(a.objective)! - order.get(b.objective)!,
  );
}
