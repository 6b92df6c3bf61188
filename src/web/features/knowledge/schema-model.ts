import type {
  KnowledgeFactView,
  KnowledgeItemView,
  KnowledgeResponse,
  ObjectiveKnowledge,
} from '../../../contract/knowledge.ts';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { optionLabel, THREAT_WORDS } from './labels.ts';
import type { FieldDef, KindDef, KnowledgeSchema } from './queries.ts';

export type ObjectiveKey = ObjectiveKnowledge['key'];

// Questions about the knowledge schema the forms ask: which kinds of item and which fields belong
// to an objective, what a fact can be about, which evaluators and alternatives can be chosen.

export function kindOf(schema: KnowledgeSchema, kind: ItemKind): KindDef {
  const def = schema.kinds.find((k) => k.kind === kind);
  if (!def) throw new Error(`The knowledge schema has no kind "${kind}"`);
  return def;
}

/** A kind's fields that tell us about an objective (an evaluator's stance fields, for "Evaluator stance"). */
export function fieldsIn(kind: KindDef, objective: ObjectiveKey): FieldDef[] {
  return kind.fields.filter((f) => f.objective === objective);
}

/** Kinds with at least one field about the objective. */
export function kindsAbout(schema: KnowledgeSchema, objective: ObjectiveKey): KindDef[] {
  return schema.kinds.filter((k) => k.fields.some((f) => f.objective === objective));
}

/** Kinds of item a person can add under an objective: evaluators under the buying group, and so on. */
export function addableKinds(schema: KnowledgeSchema, objective: ObjectiveKey): KindDef[] {
  return schema.kinds.filter((k) => !k.singleton && k.objective === objective);
}

/** Every current item (evaluators, alternatives, criteria, issues, steps). */
export function allItems(knowledge: KnowledgeResponse): KnowledgeItemView[] {
  return knowledge.objectives.flatMap((o) => o.items);
}

export function itemsOfKind(knowledge: KnowledgeResponse, kind: ItemKind): KnowledgeItemView[] {
  return allItems(knowledge).filter((i) => i.kind === kind);
}

/**
 * What a fact can be about: an item, or a one-per-opportunity kind (the funding, the compelling
 * event ...) that the API creates on first use when given its kind.
 */
export type FactTarget = { key: string; kind: ItemKind; itemId: string | null; label: string; kindLabel: string };

export function targetKey(kind: ItemKind, itemId: string | null): string {
  return itemId ?? `kind:${kind}`;
}

export function targetsAbout(
  schema: KnowledgeSchema,
  knowledge: KnowledgeResponse,
  objective: ObjectiveKey,
): FactTarget[] {
  return kindsAbout(schema, objective).flatMap((kind): FactTarget[] =>
    kind.singleton
      ? [{ key: targetKey(kind.kind, null), kind: kind.kind, itemId: null, label: kind.label, kindLabel: kind.label }]
      : itemsOfKind(knowledge, kind.kind).map((item) => ({
          key: item.id,
          kind: kind.kind,
          itemId: item.id,
          label: item.label,
          kindLabel: kind.label,
        })),
  );
}

export type Option = { value: string; label: string };

export function evaluatorOptions(knowledge: KnowledgeResponse): Option[] {
  return itemsOfKind(knowledge, 'evaluator').map((e) => ({
    value: e.id,
    label: e.contactTitle ? `${e.label} · ${e.contactTitle}` : e.label,
  }));
}

export function alternativeOptions(knowledge: KnowledgeResponse): Option[] {
  return [
    { value: 'us', label: 'Us' },
    ...itemsOfKind(knowledge, 'alternative').map((a) => ({ value: a.id, label: a.label })),
  ];
}

/** The fact currently recorded for a field of an item (and alternative, for per-alternative fields). */
export function currentFact(
  knowledge: KnowledgeResponse,
  itemId: string | null,
  kind: ItemKind,
  field: string,
  qualifier: string | null,
): KnowledgeFactView | undefined {
  return knowledge.objectives
    .flatMap((o) => o.facts)
    .find(
      (f) =>
        (itemId ? f.itemId === itemId : f.itemKind === kind) &&
        f.field === field &&
        (f.qualifier ?? null) === qualifier,
    );
}

/** Facts of an objective grouped by what they are about, in the order the items were added. */
export type FactGroup = {
  key: string;
  kind: ItemKind;
  itemId: string | null;
  label: string;
  item: KnowledgeItemView | null;
  facts: KnowledgeFactView[];
};

export function groupFacts(objective: ObjectiveKnowledge): FactGroup[] {
  const groups = new Map<string, FactGroup>();
  for (const item of objective.items) {
    groups.set(item.id, { key: item.id, kind: item.kind, itemId: item.id, label: item.label, item, facts: [] });
  }
  for (const fact of objective.facts) {
    const group = groups.get(fact.itemId) ?? {
      key: fact.itemId,
      kind: fact.itemKind,
      itemId: fact.itemId,
      label: fact.itemLabel,
      item: null,
      facts: [],
    };
    group.facts.push(fact);
    groups.set(fact.itemId, group);
  }
  return [...groups.values()];
}

/** Fields of a group's kind, within the objective, that have no fact recorded yet. */
export function unrecordedFields(
  schema: KnowledgeSchema,
  group: Pick<FactGroup, 'kind' | 'facts'>,
  objective: ObjectiveKey,
): FieldDef[] {
  const recorded = new Set(group.facts.map((f) => f.field));
  return fieldsIn(kindOf(schema, group.kind), objective).filter((f) => !recorded.has(f.key));
}

/** A fact's value in words: closed options in our words, everything else as the API wrote it. */
export function valueInWords(schema: KnowledgeSchema, fact: KnowledgeFactView): string {
  if (fact.isUnknown) return 'Unknown';
  const def = schema.kinds.find((k) => k.kind === fact.itemKind)?.fields.find((f) => f.key === fact.field);
  if (def?.kind === 'enum' && typeof fact.value === 'string') return optionLabel(fact.value, fact.field);
  if (def?.kind === 'enumList' && Array.isArray(fact.value))
    return fact.value.map((v) => optionLabel(String(v), fact.field)).join(', ');
  if (def?.kind === 'threat' && typeof fact.value === 'number')
    return `${fact.value} of 4 · ${THREAT_WORDS[fact.value] ?? ''}`;
  if (def?.kind === 'date' && typeof fact.value === 'string') return formatDate(fact.value);
  if ((def?.kind === 'money' || def?.kind === 'costOfDelay' || def?.kind === 'impact') && isMoney(fact.value)) {
    const money = formatMoney(fact.value.amountMinor, fact.value.currency);
    const extra = fact.value as { per?: string; period?: string };
    if (extra.per) return `${money} per ${extra.per}`;
    if (extra.period) return extra.period === 'one_time' ? `${money} one-time` : `${money} per ${extra.period}`;
    return money;
  }
  if (def?.kind === 'percentage' && typeof fact.value === 'number') return `${fact.value} %`;
  return fact.display;
}

function isMoney(value: unknown): value is { amountMinor: number; currency: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { amountMinor?: unknown }).amountMinor === 'number'
  );
}
