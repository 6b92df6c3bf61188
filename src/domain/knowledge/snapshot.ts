import { ageInDays, gradeOf, HALF_LIFE_DAYS, isFresh, type EvidenceGrade, type EvidenceSource } from './evidence.ts';
import { OBJECTIVE_KEYS, type ObjectiveKey } from './objectives.ts';
import { kindFields, type FactField, type FieldDef, type ItemKind, type KindFields } from './schema.ts';

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
  /**
   * What `compute` derives from this snapshot alone, worked out on the first request for `key`
   * and kept with the snapshot (which never changes): for answers several readers ask for.
   */
  derived<T>(key: object, compute: (s: KnowledgeSnapshot) => T): T;
};

const OBJECTIVE_INDEX = new Map(OBJECTIVE_KEYS.map((key, index) => [key, index]));

const endOfDay = (date: string) => `${date}T23:59:59.999Z`;
const isNewer = (fact: KnowledgeFact, than: KnowledgeFact) =>
  fact.recordedAt > than.recordedAt || (fact.recordedAt === than.recordedAt && fact.id > than.id);

/**
 * One live item's latest facts, as slots of the snapshot's list of latest facts: one slot per
 * field of its kind (-1 while nothing is recorded), per-alternative fields by name then
 * alternative. Assessments look facts up thousands of times per deal, so a lookup is a Map read
 * for the item, one for the field's position, and an array read, with no key built; and a
 * snapshot allocates one small array per item rather than growing a Map per item.
 */
type ItemFacts = {
  item: KnowledgeItem;
  fields: KindFields;
  slots: number[];
  qualified: Map<string, Map<string, number>> | null;
};

/**
 * The replayed knowledge. A class rather than an object of closures: a snapshot is built for
 * every assessment and every what-if, and methods on the prototype cost nothing per snapshot.
 */
class Snapshot implements KnowledgeSnapshot {
  readonly items: KnowledgeItem[] = [];
  readonly facts: KnowledgeFact[] = [];
  readonly #byKind = new Map<ItemKind, KnowledgeItem[]>();
  /** live items only, with their facts: an item missing here is not in this snapshot */
  readonly #factsOfItem = new Map<string, ItemFacts>();
  /** the latest fact per field, in the order fields first appear; undefined once retired */
  readonly #latest: Array<KnowledgeFact | undefined> = [];
  /**
   * live facts by the place of their field's objective in OBJECTIVE_KEYS: nine lists in an array
   * rather than a Map grown per snapshot (that Map was a fifth of a snapshot's time)
   */
  readonly #byObjective: Array<KnowledgeFact[] | undefined> = [];
  #lastId: string | null = null;
  #lastOwner: ItemFacts | undefined = undefined;
  // grading and ageing parse dates: done once per fact or item, when first asked
  readonly #qualities = new Map<KnowledgeFact, FactQuality>();
  readonly #itemQualities = new Map<KnowledgeItem, { grade: EvidenceGrade; fresh: boolean }>();
  // kept on the snapshot rather than in a WeakMap keyed by it: one entry per snapshot in a WeakMap
  // lived on until a full collection (measured: 90 MB of heap after the bulk bench instead of 35)
  #derived: Map<object, unknown> | null = null;

  constructor(
    allItems: readonly KnowledgeItem[],
    allFacts: readonly KnowledgeFact[],
    readonly asOf: string,
  ) {
    const cutoff = endOfDay(asOf);
    for (const item of allItems) {
      if (item.createdAt > cutoff || (item.retiredAt !== null && item.retiredAt <= cutoff)) continue;
      this.items.push(item);
      const fields = kindFields(item.kind);
      this.#factsOfItem.set(item.id, {
        item,
        fields,
        slots: new Array<number>(fields.defs.length).fill(-1),
        qualified: null,
      });
      const list = this.#byKind.get(item.kind);
      if (list) list.push(item);
      else this.#byKind.set(item.kind, [item]);
    }
    const latest = this.#latest;
    // the objective of each latest fact's field (its place in OBJECTIVE_KEYS), by slot
    const objectiveOfSlot: number[] = [];
    for (const fact of allFacts) {
      if (fact.recordedAt > cutoff) continue;
      const owner = this.#factsOfItem.get(fact.itemId);
      if (owner === undefined) continue;
      const position = owner.fields.position.get(fact.field);
      if (position === undefined) throw new Error(`a ${owner.item.kind} has no field ${fact.field}`);
      let slot: number | undefined;
      let byQualifier: Map<string, number> | undefined;
      if (fact.qualifier === null) slot = owner.slots[position]!;
      else {
        owner.qualified ??= new Map();
        byQualifier = owner.qualified.get(fact.field);
        if (!byQualifier) owner.qualified.set(fact.field, (byQualifier = new Map()));
        slot = byQualifier.get(fact.qualifier) ?? -1;
      }
      if (slot === -1) {
        if (byQualifier) byQualifier.set(fact.qualifier!, latest.length);
        else owner.slots[position] = latest.length;
        latest.push(fact);
        objectiveOfSlot.push(owner.fields.objectiveIndex[position]!);
      } else if (isNewer(fact, latest[slot]!)) latest[slot] = fact;
    }
    // a retired latest fact means the field is no longer known (it does not resurrect the one before)
    for (let slot = 0; slot < latest.length; slot++) {
      const fact = latest[slot]!;
      if (fact.retiredAt !== null && fact.retiredAt <= cutoff) {
        latest[slot] = undefined;
        continue;
      }
      this.facts.push(fact);
      const list = this.#byObjective[objectiveOfSlot[slot]!];
      if (list) list.push(fact);
      else this.#byObjective[objectiveOfSlot[slot]!] = [fact];
    }
  }

  item(id: string): KnowledgeItem | undefined {
    return this.#factsOfItem.get(id)?.item;
  }

  itemsOf(kind: ItemKind): KnowledgeItem[] {
    return this.#byKind.get(kind) ?? [];
  }

  singleton(kind: ItemKind): KnowledgeItem | undefined {
    return this.#byKind.get(kind)?.[0];
  }

  fact(itemId: string, field: FactField, qualifier: string | null = null): KnowledgeFact | undefined {
    // rules read several fields of one item in a row: the item last asked for is kept at hand
    let owner = this.#lastOwner;
    if (itemId !== this.#lastId) {
      owner = this.#factsOfItem.get(itemId);
      this.#lastId = itemId;
      this.#lastOwner = owner;
    }
    if (owner === undefined) return undefined;
    let slot: number | undefined;
    if (qualifier === null) {
      const position = owner.fields.position.get(field);
      slot = position === undefined ? undefined : owner.slots[position];
    } else slot = owner.qualified?.get(field)?.get(qualifier);
    return slot === undefined || slot === -1 ? undefined : this.#latest[slot];
  }

  known<T = unknown>(itemId: string | undefined, field: FactField, qualifier: string | null = null): T | undefined {
    if (!itemId) return undefined;
    const found = this.fact(itemId, field, qualifier);
    return found && !found.isUnknown ? (found.value as T) : undefined;
  }

  quality(fact: KnowledgeFact): FactQuality {
    let q = this.#qualities.get(fact);
    if (!q) {
      const owner = this.#factsOfItem.get(fact.itemId)!;
      const def = owner.fields.defs[owner.fields.position.get(fact.field)!]!;
      const ageDays = ageInDays(fact.lastVerifiedAt ?? fact.evidence.observedAt, this.asOf);
      const halfLife = def.volatile ? HALF_LIFE_DAYS.volatile : HALF_LIFE_DAYS.stable;
      q = {
        fact,
        def,
        grade: fact.isUnknown ? null : gradeOf(fact.evidence.source),
        ageDays,
        fresh: isFresh(ageDays, halfLife),
      };
      this.#qualities.set(fact, q);
    }
    return q;
  }

  itemQuality(item: KnowledgeItem): { grade: EvidenceGrade; fresh: boolean } {
    let q = this.#itemQualities.get(item);
    if (!q) {
      q = {
        grade: gradeOf(item.evidence.source),
        fresh: isFresh(ageInDays(item.evidence.observedAt, this.asOf), HALF_LIFE_DAYS.stable),
      };
      this.#itemQualities.set(item, q);
    }
    return q;
  }

  factsOf(objective: ObjectiveKey): KnowledgeFact[] {
    return this.#byObjective[OBJECTIVE_INDEX.get(objective) ?? -1] ?? [];
  }

  derived<T>(key: object, compute: (s: KnowledgeSnapshot) => T): T {
    this.#derived ??= new Map();
    if (this.#derived.has(key)) return this.#derived.get(key) as T;
    const value = compute(this);
    this.#derived.set(key, value);
    return value;
  }
}

/**
 * Replays the append-only record to what was known at the end of `asOf` (YYYY-MM-DD): items
 * created by then and not yet retired, and for each field the latest fact recorded by then.
 */
export function snapshotAsOf(
  allItems: readonly KnowledgeItem[],
  allFacts: readonly KnowledgeFact[],
  asOf: string,
): KnowledgeSnapshot {
  return new Snapshot(allItems, allFacts, asOf);
}
