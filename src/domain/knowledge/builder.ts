import type { EvidenceSource } from './evidence.ts';
import type { ItemKind } from './schema.ts';
import {
  snapshotAsOf,
  type Evidence,
  type KnowledgeFact,
  type KnowledgeItem,
  type KnowledgeSnapshot,
} from './snapshot.ts';

/** Field values with how each was learned (default: a buyer said it). */
export type Fields = Record<string, readonly [unknown, Said?]>;

/** How a fact was learned, in short: a source, and optionally who and when. */
export type Said = EvidenceSource | { source: EvidenceSource; by?: string | null; on?: string; verifiedOn?: string };

/**
 * Builds knowledge in a few lines, for tables of rule tests and for the demo workspace:
 *   const k = knowledge('2026-11-20');
 *   const cfo = k.evaluator('contact-cfo', 'buyer_stated', { influence: ['high', 'buyer_stated'] });
 *   k.set(cfo, 'favours', 'us', { source: 'buyer_stated', by: 'contact-cfo' });
 */
export function knowledge(asOf: string, defaults: { observedOn?: string; recordedBy?: string } = {}) {
  const items: KnowledgeItem[] = [];
  const facts: KnowledgeFact[] = [];
  let counter = 0;
  const observed = defaults.observedOn ?? asOf;
  const evidenceOf = (said: Said): { evidence: Evidence; verifiedOn: string | null } => {
    const s = typeof said === 'string' ? { source: said } : said;
    return {
      evidence: {
        text: `Evidence ${++counter}`,
        source: s.source,
        contactId: s.by ?? null,
        observedAt: s.on ?? observed,
        recordedBy: defaults.recordedBy ?? 'user-1',
      },
      verifiedOn: s.verifiedOn ?? null,
    };
  };
  const recordedAt = (on: string) => `${on}T12:00:00.000Z`;

  const addItem = (
    kind: ItemKind,
    said: Said,
    identity: { title?: string; contactId?: string; category?: string } = {},
  ) => {
    const { evidence } = evidenceOf(said);
    const item: KnowledgeItem = {
      id: `${kind}-${++counter}`,
      kind,
      title: identity.title ?? null,
      contactId: identity.contactId ?? null,
      category: identity.category ?? null,
      evidence,
      createdAt: recordedAt(evidence.observedAt),
      retiredAt: null,
    };
    items.push(item);
    return item.id;
  };

  const set = (
    itemId: string,
    field: string,
    value: unknown,
    said: Said = 'buyer_stated',
    qualifier: string | null = null,
  ) => {
    const { evidence, verifiedOn } = evidenceOf(said);
    facts.push({
      id: `fact-${String(++counter).padStart(5, '0')}`,
      itemId,
      field,
      qualifier,
      isUnknown: value === 'unknown',
      value: value === 'unknown' ? null : value,
      evidence,
      lastVerifiedAt: verifiedOn,
      recordedAt: recordedAt(evidence.observedAt > asOf ? asOf : evidence.observedAt),
      retiredAt: null,
    });
  };

  const withFields = (id: string, fields: Fields) => {
    for (const [field, [value, said]] of Object.entries(fields)) set(id, field, value, said);
    return id;
  };

  const singletons = new Map<ItemKind, string>();
  const singleton = (kind: ItemKind, fields: Fields = {}) => {
    if (!singletons.has(kind)) singletons.set(kind, addItem(kind, 'buyer_stated'));
    return withFields(singletons.get(kind)!, fields);
  };

  return {
    evaluator: (contactId: string, said: Said, fields: Fields = {}) =>
      withFields(addItem('evaluator', said, { contactId }), fields),
    item: (
      kind: ItemKind,
      said: Said,
      identity: { title?: string; contactId?: string; category?: string },
      fields: Fields = {},
    ) => withFields(addItem(kind, said, identity), fields),
    singleton,
    set,
    retire: (itemId: string, on: string) => {
      items.find((i) => i.id === itemId)!.retiredAt = recordedAt(on);
    },
    items,
    facts,
    snapshot: (at: string = asOf): KnowledgeSnapshot => snapshotAsOf(items, facts, at),
  };
}
