import type { EvidenceSource } from '../knowledge/evidence.ts';
import type { FactField, ItemKind } from '../knowledge/schema.ts';
import type { KnowledgeFact, KnowledgeItem, KnowledgeSnapshot } from '../knowledge/snapshot.ts';

// Hypothetical facts: what a move would establish if it went one way. Recomputing the probability
// with them (what-if) tells how much that outcome is worth; nothing is written anywhere.

export type Hypothesis = { items: KnowledgeItem[]; facts: KnowledgeFact[] };

export type HypothesisBuilder = ReturnType<typeof hypothesisBuilder>;

export function hypothesisBuilder(s: KnowledgeSnapshot, asOf: string) {
  const items: KnowledgeItem[] = [];
  const facts: KnowledgeFact[] = [];
  let n = 0;
  const evidence = (source: EvidenceSource) => ({
    text: 'what-if',
    source,
    contactId: null,
    observedAt: asOf,
    recordedBy: 'what-if',
    hypothetical: true,
  });
  const at = `${asOf}T23:59:59.000Z`;
  const singletonId = (kind: ItemKind) => {
    const existing = s.singleton(kind) ?? items.find((i) => i.kind === kind);
    if (existing) return existing.id;
    const item: KnowledgeItem = {
      id: `what-if-${++n}`,
      kind,
      title: null,
      contactId: null,
      category: null,
      evidence: evidence('buyer_stated'),
      createdAt: at,
      retiredAt: null,
    };
    items.push(item);
    return item.id;
  };
  const fact = (
    target: string | ItemKind,
    field: FactField,
    value: unknown,
    source: EvidenceSource,
    qualifier: string | null,
    isUnknown: boolean,
  ): KnowledgeFact => ({
    id: `what-if-fact-${++n}`,
    itemId: s.item(target) || items.some((i) => i.id === target) ? target : singletonId(target as ItemKind),
    field,
    qualifier,
    isUnknown,
    value,
    evidence: evidence(source),
    lastVerifiedAt: null,
    recordedAt: at,
    retiredAt: null,
  });
  return {
    item(kind: ItemKind, identity: { title?: string; category?: string }): string {
      const item: KnowledgeItem = {
        id: `what-if-${++n}`,
        kind,
        title: identity.title ?? null,
        contactId: null,
        category: identity.category ?? null,
        evidence: evidence('buyer_stated'),
        createdAt: at,
        retiredAt: null,
      };
      items.push(item);
      return item.id;
    },
    set(
      target: string | ItemKind,
      field: FactField,
      value: unknown,
      source: EvidenceSource = 'buyer_stated',
      qualifier: string | null = null,
    ) {
      facts.push(fact(target, field, value, source, qualifier, false));
    },
    /** the field answered "unknown" again (a stance no longer held, say) */
    forget(target: string | ItemKind, field: FactField, source: EvidenceSource = 'buyer_stated') {
      facts.push(fact(target, field, null, source, null, true));
    },
    done: (): Hypothesis => ({ items, facts }),
  };
}
