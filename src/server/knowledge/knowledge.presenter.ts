import { coverageOf } from '../../domain/knowledge/coverage.ts';
import { describeFact } from '../../domain/knowledge/display.ts';
import type { KnowledgeGap } from '../../domain/knowledge/gaps.ts';
import type { EvaluatorMatrix } from '../../domain/knowledge/matrix.ts';
import { kindDef, fieldDef, US } from '../../domain/knowledge/schema.ts';
import type { ObjectiveScore } from '../../domain/knowledge/scoring.ts';
import type { Evidence, KnowledgeFact, KnowledgeItem, KnowledgeSnapshot } from '../../domain/knowledge/snapshot.ts';
import type {
  EvaluatorMatrixView,
  KnowledgeFactView,
  KnowledgeGapView,
  KnowledgeItemView,
  Objective,
  ObjectiveKnowledge,
} from '../../contract/knowledge.ts';

export type Directory = {
  contacts: ReadonlyMap<string, { name: string; title: string | null }>;
  users: ReadonlyMap<string, string>;
};

/** Names for everything a fact can point at, resolved against the full record (retired items too). */
export function namesFor(allItems: readonly KnowledgeItem[], dir: Directory) {
  const byId = new Map(allItems.map((i) => [i.id, i]));
  const contactName = (id: string | null) => (id ? (dir.contacts.get(id)?.name ?? 'Unknown contact') : null);
  const itemLabel = (item: KnowledgeItem): string => {
    if (item.kind === 'evaluator') return contactName(item.contactId) ?? 'Evaluator';
    return item.title ?? kindDef(item.kind).label;
  };
  return {
    contactName,
    itemLabel,
    lookup: {
      evaluator: (id: string) => {
        const item = byId.get(id);
        return item ? itemLabel(item) : 'A former evaluator';
      },
      alternative: (id: string) => (id === US ? 'Us' : (byId.get(id)?.title ?? 'A former alternative')),
    },
    item: (id: string) => byId.get(id),
  };
}

type Names = ReturnType<typeof namesFor>;

export function presentEvidence(e: Evidence, names: Names, dir: Directory) {
  return {
    text: e.text,
    source: e.source,
    contactId: e.contactId,
    contactName: names.contactName(e.contactId),
    observedAt: e.observedAt,
    recordedBy: e.recordedBy,
    recordedByName: dir.users.get(e.recordedBy) ?? 'Former user',
  };
}

export function presentItem(item: KnowledgeItem, names: Names, dir: Directory): KnowledgeItemView {
  return {
    id: item.id,
    kind: item.kind,
    label: names.itemLabel(item),
    title: item.title,
    contactId: item.contactId,
    contactTitle: item.contactId ? (dir.contacts.get(item.contactId)?.title ?? null) : null,
    category: item.category,
    evidence: presentEvidence(item.evidence, names, dir),
    createdAt: item.createdAt,
  };
}

export function presentFact(
  fact: KnowledgeFact,
  snapshot: KnowledgeSnapshot,
  names: Names,
  dir: Directory,
): KnowledgeFactView {
  const item = names.item(fact.itemId)!;
  const q = snapshot.quality(fact);
  return {
    id: fact.id,
    itemId: fact.itemId,
    itemKind: item.kind,
    itemLabel: names.itemLabel(item),
    field: fact.field,
    label: q.def.label,
    qualifier: fact.qualifier,
    qualifierLabel: fact.qualifier ? names.lookup.alternative(fact.qualifier) : null,
    isUnknown: fact.isUnknown,
    value: fact.isUnknown ? null : fact.value,
    display: describeFact(item.kind, fact.field, fact.value, fact.isUnknown, names.lookup),
    evidence: presentEvidence(fact.evidence, names, dir),
    grade: q.grade,
    recordedAt: fact.recordedAt,
    lastVerifiedAt: fact.lastVerifiedAt,
    ageDays: q.ageDays,
    fresh: q.fresh,
  };
}

export function presentGap(gap: KnowledgeGap, names: Names): KnowledgeGapView {
  const item = gap.itemId ? names.item(gap.itemId) : undefined;
  return {
    ...gap,
    itemLabel: item ? names.itemLabel(item) : null,
    ask: { ...gap.ask, contactName: names.contactName(gap.ask.contactId) },
  };
}

export function presentMatrix(
  matrix: EvaluatorMatrix,
  snapshot: KnowledgeSnapshot,
  names: Names,
  dir: Directory,
): EvaluatorMatrixView {
  return {
    alternatives: matrix.alternatives,
    shares: matrix.shares,
    unknownShare: matrix.unknownShare,
    rows: matrix.rows.map((r) => ({
      ...r,
      name: names.lookup.evaluator(r.evaluatorId),
      title: r.contactId ? (dir.contacts.get(r.contactId)?.title ?? null) : null,
      reportsTo: snapshot.known<string>(r.evaluatorId, 'reportsTo') ?? null,
      coverage: coverageOf(snapshot, r.evaluatorId) ?? null,
    })),
  };
}

export function presentObjective(
  objective: Objective,
  score: ObjectiveScore,
  snapshot: KnowledgeSnapshot,
  gaps: readonly KnowledgeGapView[],
  names: Names,
  dir: Directory,
): ObjectiveKnowledge {
  const items = snapshot.items.filter((i) => kindDef(i.kind).objective === objective.key && !kindDef(i.kind).singleton);
  const facts = snapshot.facts.filter((f) => {
    const item = snapshot.item(f.itemId);
    return item !== undefined && fieldDef(item.kind, f.field)?.objective === objective.key;
  });
  const discovery: KnowledgeGapView[] = score.explored
    ? []
    : objective.questions.map((question) => ({
        kind: 'not_explored' as const,
        objective: objective.key,
        itemId: null,
        itemLabel: null,
        field: null,
        label: objective.name,
        question,
        ask: gaps.find((g) => g.kind === 'not_explored')?.ask ?? {
          role: 'anyone' as const,
          contactId: null,
          contactName: null,
        },
        ageDays: null,
      }));
  return {
    key: objective.key,
    number: objective.number,
    name: objective.name,
    definition: objective.definition,
    weight: objective.weight,
    explored: score.explored,
    knowledgeLevel: score.knowledgeLevel,
    position: score.position,
    knowledgeReasons: score.knowledgeReasons,
    positionReasons: score.positionReasons,
    items: items.map((i) => presentItem(i, names, dir)),
    facts: facts.map((f) => presentFact(f, snapshot, names, dir)),
    openQuestions: score.explored ? gaps.filter((g) => g.objective === objective.key) : discovery,
  };
}
