import { ageInDays, gradeOf, HALF_LIFE_DAYS, isFresh, type EvidenceGrade, type EvidenceSource } from './evidence.ts';
import type { ObjectiveKey } from './objectives.ts';
import { fieldDef, type FactField, type FieldDef, type ItemKind } from './schema.ts';

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
  fact(itemId: string, field: FactField, qualifier?: string | null): KnowledgeFact | undefined;
  /** the value when known, else undefined (missing or "unknown") */
  known<T = unknown>(itemId: string | undefined, field: FactField, qualifier?: string | null): T | undefined;
  quality(fact: KnowledgeFact): FactQuality;
  /** how well the item's own existence is evidenced (stable facts: 90-day half-life) */
  itemQuality(item: KnowledgeItem): { grade: EvidenceGrade; fresh: boolean };
  /** the live facts whose field serves an objective */
  factsOf(objective: ObjectiveKey): KnowledgeFact[];
};

const endOfDay = (date: string) => `${date}T23:59:59.999Z`;
/** a field's key within its item: per-alternative fields carry the alternative ("fit#us") */
const fieldKey = (field: string, qualifier: string | null) => (qualifier === null ? field : `${field}#${qualifier}`);
const isNewer = (fact: KnowledgeFact, than: KnowledgeFact) =>
  fact.recordedAt > than.recordedAt || (fact.recordedAt === than.recordedAt && fact.id > than.id);

/**
 * Replays the append-only record to what was known at the end of `asOf` (YYYY-MM-DD): items
 * created by then and not yet retired, and for each field the latest fact recorded by then.
 */
export function snapshotAsOf(allItems: readonly KnowledgeItem[], allFacts: readonly KnowledgeFact[], asOf: string): KnowledgeSnapshot {
  const cutoff = endOfDay(asOf);
  const isLive = (retiredAt: string | null) => retiredAt === null || retiredAt > cutoff;
  const items: KnowledgeItem[] = [];
  const byId = new Map<string, KnowledgeItem>();
  const byKind = new Map<ItemKind, KnowledgeItem[]>();
  for (const item of allItems) {
    if (item.createdAt > cutoff || !isLive(item.retiredAt)) continue;
    items.push(item);
    byId.set(item.id, item);
    const list = byKind.get(item.kind);
    if (list) list.push(item);
    else byKind.set(item.kind, [item]);
  }
  // the latest fact per field, in the order fields first appear; itemId -> field key -> its slot.
  // Assessments look facts up thousands of times, so the item's own map spares building a key.
  const latest: Array<KnowledgeFact | undefined> = [];
  const slots = new Map<string, Map<string, number>>();
  for (const fact of allFacts) {
    if (fact.recordedAt > cutoff || !byId.has(fact.itemId)) continue;
    let fields = slots.get(fact.itemId);
    if (!fields) slots.set(fact.itemId, (fields = new Map()));
    const key = fieldKey(fact.field, fact.qualifier);
    const slot = fields.get(key);
    if (slot === undefined) {
      fields.set(key, latest.length);
      latest.push(fact);
    } else if (isNewer(fact, latest[slot]!)) latest[slot] = fact;
  }
  // a retired latest fact means the field is no longer known (it does not resurrect the one before)
  const facts: KnowledgeFact[] = [];
  const byObjective = new Map<ObjectiveKey, KnowledgeFact[]>();
  for (let slot = 0; slot < latest.length; slot++) {
    const fact = latest[slot]!;
    if (!isLive(fact.retiredAt)) {
      latest[slot] = undefined;
      continue;
    }
    facts.push(fact);
    const objective = fieldDef(byId.get(fact.itemId)!.kind, fact.field)!.objective;
    const list = byObjective.get(objective);
    if (list) list.push(fact);
    else byObjective.set(objective, [fact]);
  }
  const lookup = (itemId: string, field: string, qualifier: string | null) => {
    const slot = slots.get(itemId)?.get(fieldKey(field, qualifier));
    return slot === undefined ? undefined : latest[slot];
  };
  // grading and ageing parse dates: done once per fact or item, when first asked
  const qualities = new Map<KnowledgeFact, FactQuality>();
  const quality = (fact: KnowledgeFact): FactQuality => {
    let q = qualities.get(fact);
    if (!q) {
      const def = fieldDef(byId.get(fact.itemId)!.kind, fact.field)!;
      const ageDays = ageInDays(fact.lastVerifiedAt ?? fact.evidence.observedAt, asOf);
      const halfLife = def.volatile ? HALF_LIFE_DAYS.volatile : HALF_LIFE_DAYS.stable;
      q = { fact, def, grade: fact.isUnknown ? null : gradeOf(fact.evidence.source), ageDays, fresh: isFresh(ageDays, halfLife) };
      qualities.set(fact, q);
    }
    return q;
  };
  const itemQualities = new Map<KnowledgeItem, { grade: EvidenceGrade; fresh: boolean }>();
  const itemQuality = (item: KnowledgeItem) => {
    let q = itemQualities.get(item);
    if (!q) {
      q = { grade: gradeOf(item.evidence.source), fresh: isFresh(ageInDays(item.evidence.observedAt, asOf), HALF_LIFE_DAYS.stable) };
      itemQualities.set(item, q);
    }
    return q;
  };

  const snapshot: KnowledgeSnapshot = {
    asOf,
    items,
    facts,
    item: (id) => byId.get(id),
    itemsOf: (kind) => byKind.get(kind) ?? [],
    singleton: (kind) => byKind.get(kind)?.[0],
    fact: (itemId, field, qualifier = null) => lookup(itemId, field, qualifier),
    known: <T,>(itemId: string | undefined, field: FactField, qualifier: string | null = null) => {
      if (!itemId) return undefined;
      const found = lookup(itemId, field, qualifier);
      return found && !found.isUnknown ? (found.value as T) : undefined;
    },
    quality,
    itemQuality,
    factsOf: (objective) => byObjective.get(objective) ?? [],
  };
  return snapshot;
}
