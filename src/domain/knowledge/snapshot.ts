import { ageInDays, gradeOf, HALF_LIFE_DAYS, isFresh, type EvidenceGrade, type EvidenceSource } from './evidence.ts';
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
  const byKey = new Map(facts.map((f) => [factKey(f.itemId, f.field, f.qualifier), f]));
  const byId = new Map(items.map((i) => [i.id, i]));

  const snapshot: KnowledgeSnapshot = {
    asOf,
    items,
    facts,
    item: (id) => byId.get(id),
    itemsOf: (kind) => items.filter((i) => i.kind === kind),
    singleton: (kind) => items.find((i) => i.kind === kind),
    fact: (itemId, field, qualifier = null) => byKey.get(factKey(itemId, field, qualifier)),
    known: <T,>(itemId: string | undefined, field: string, qualifier: string | null = null) => {
      if (!itemId) return undefined;
      const found = byKey.get(factKey(itemId, field, qualifier));
      return found && !found.isUnknown ? (found.value as T) : undefined;
    },
    quality: (fact) => {
      const item = byId.get(fact.itemId)!;
      const def = fieldDef(item.kind, fact.field)!;
      const ageDays = ageInDays(fact.lastVerifiedAt ?? fact.evidence.observedAt, asOf);
      const halfLife = def.volatile ? HALF_LIFE_DAYS.volatile : HALF_LIFE_DAYS.stable;
      return { fact, def, grade: fact.isUnknown ? null : gradeOf(fact.evidence.source), ageDays, fresh: isFresh(ageDays, halfLife) };
    },
    itemQuality: (item) => ({
      grade: gradeOf(item.evidence.source),
      fresh: isFresh(ageInDays(item.evidence.observedAt, asOf), HALF_LIFE_DAYS.stable),
    }),
  };
  return snapshot;
}
