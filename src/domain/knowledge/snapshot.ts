import { ageInDays, gradeOf, HALF_LIFE_DAYS, isFresh, type EvidenceGrade, type EvidenceSource } from './evidence.ts';
import type { ObjectiveKey } from './objectives.ts';
import { fieldDef, type FieldDef, type ItemKind } from './schema.ts';

/** One thing about the opportunity that facts are attached to: an evaluator, an alternative ... */
export type KnowledgeItem = {
  id: string;
  kind: ItemKind;
  title: string | null;
  contactId: string | null;
  category: string | null;
  /** how we learned the item exists (the customer named the alternative, stated the issue ...) */
  evidence: Evidence;
  createdAt: string;
  retiredAt: string | null;
};

export type Evidence = {
  /** what the customer said or did; may be empty only when the value is "unknown" */
  text: string | null;
  source: EvidenceSource;
  contactId: string | null;
  observedAt: string;
  recordedBy: string;
  /** set on what-if facts: they change the probability but are not things the buyer did */
  hypothetical?: boolean;
};

/** A value (or an honest "unknown") for one field of one item, with the evidence behind it. */
export type KnowledgeFact = {
  id: string;
  itemId: string;
  field: string;
  /** the alternative a per-alternative field is about ("us" or an alternative's id) */
  qualifier: string | null;
  isUnknown: boolean;
  value: unknown;
  evidence: Evidence;
  lastVerifiedAt: string | null;
  recordedAt: string;
  retiredAt: string | null;
};

export type FactQuality = {
  fact: KnowledgeFact;
  def: FieldDef;
  /** null when the fact says "unknown" */
  grade: EvidenceGrade | null;
  ageDays: number;
  fresh: boolean;
};

/** Knowledge as it stood at the end of a day: live items and the latest live fact per field. */
export type KnowledgeSnapshot = {
  asOf: string;
  items: KnowledgeItem[];
  facts: KnowledgeFact[];
  item(id: string): KnowledgeItem | undefined;
  itemsOf(kind: ItemKind): KnowledgeItem[];
  singleton(kind: ItemKind): KnowledgeItem | undefined;
  fact(itemId: string, field: string, qualifier?: string | null): KnowledgeFact | undefined;
  /** the value when known, else undefined (missing or "unknown") */
  known<T = unknown>(itemId: string | undefined, field: string, qualifier?: string | null): T | undefined;
  quality(fact: KnowledgeFact): FactQuality;
  /** how well the item's own existence is evidenced (stable facts: 90-day half-life) */
  itemQuality(item: KnowledgeItem): { grade: EvidenceGrade; fresh: boolean };
  /** the live facts whose field serves an objective */
  factsOf(objective: ObjectiveKey): KnowledgeFact[];
};

const endOfDay = (date: string) => `${date}T23:59:59.999Z`;
const factKey = (itemId: string, field: string, qualifier: string | null) => `${itemId}|${field}|${qualifier ?? ''}`;

/**
 * Replays the append-only record to what was known at the end of `asOf` (YYYY-MM-DD): items
 * created by then and not yet retired, and for each field the latest fact recorded by then.
 */
export function snapshotAsOf(allItems: readonly KnowledgeItem[], allFacts: readonly KnowledgeFact[], asOf: string): KnowledgeSnapshot {
  const cutoff = endOfDay(asOf);
  const alive = (createdAt: string, retiredAt: string | null) => createdAt <= cutoff && (retiredAt === null || retiredAt > cutoff);
  const items = allItems.filter((i) => alive(i.createdAt, i.retiredAt));
  const itemIds = new Set(items.map((i) => i.id));
  const latest = new Map<string, KnowledgeFact>();
  for (const fact of allFacts) {
    if (fact.recordedAt > cutoff || !itemIds.has(fact.itemId)) continue;
    const key = factKey(fact.itemId, fact.field, fact.qualifier);
    const previous = latest.get(key);
    if (!previous || fact.recordedAt > previous.recordedAt || (fact.recordedAt === previous.recordedAt && fact.id > previous.id)) {
      latest.set(key, fact);
    }
  }
  // a retired latest fact means the field is no longer known (it does not resurrect the one before)
  const facts = [...latest.values()].filter((f) => f.retiredAt === null || f.retiredAt > cutoff);
  // itemId -> field (with "#qualifier" for per-alternative fields) -> fact: lookups allocate nothing
  const byItem = new Map<string, Map<string, KnowledgeFact>>();
  for (const f of facts) {
    let fields = byItem.get(f.itemId);
    if (!fields) byItem.set(f.itemId, (fields = new Map()));
    fields.set(f.qualifier === null ? f.field : `${f.field}#${f.qualifier}`, f);
  }
  const lookup = (itemId: string, field: string, qualifier: string | null) =>
    byItem.get(itemId)?.get(qualifier === null ? field : `${field}#${qualifier}`);
  const byId = new Map(items.map((i) => [i.id, i]));
  const qualities = new Map<KnowledgeFact, FactQuality>();
  const quality = (fact: KnowledgeFact): FactQuality => {
    let q = qualities.get(fact);
    if (!q) {
      const item = byId.get(fact.itemId)!;
      const def = fieldDef(item.kind, fact.field)!;
      const ageDays = ageInDays(fact.lastVerifiedAt ?? fact.evidence.observedAt, asOf);
      const halfLife = def.volatile ? HALF_LIFE_DAYS.volatile : HALF_LIFE_DAYS.stable;
      q = { fact, def, grade: fact.isUnknown ? null : gradeOf(fact.evidence.source), ageDays, fresh: isFresh(ageDays, halfLife) };
      qualities.set(fact, q);
    }
    return q;
  };
  const byObjective = new Map<ObjectiveKey, KnowledgeFact[]>();
  for (const f of facts) {
    const objective = quality(f).def.objective;
    const list = byObjective.get(objective);
    if (list) list.push(f);
    else byObjective.set(objective, [f]);
  }
  const byKind = new Map<ItemKind, KnowledgeItem[]>();
  for (const i of items) {
    const list = byKind.get(i.kind);
    if (list) list.push(i);
    else byKind.set(i.kind, [i]);
  }

  const snapshot: KnowledgeSnapshot = {
    asOf,
    items,
    facts,
    item: (id) => byId.get(id),
    itemsOf: (kind) => byKind.get(kind) ?? [],
    singleton: (kind) => byKind.get(kind)?.[0],
    fact: (itemId, field, qualifier = null) => lookup(itemId, field, qualifier),
    known: <T,>(itemId: string | undefined, field: string, qualifier: string | null = null) => {
      if (!itemId) return undefined;
      const found = lookup(itemId, field, qualifier);
      return found && !found.isUnknown ? (found.value as T) : undefined;
    },
    quality,
    itemQuality: (item) => ({
      grade: gradeOf(item.evidence.source),
      fresh: isFresh(ageInDays(item.evidence.observedAt, asOf), HALF_LIFE_DAYS.stable),
    }),
    factsOf: (objective) => byObjective.get(objective) ?? [],
  };
  return snapshot;
}
