import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import type { ObjectiveKey } from './schema-model.ts';

// Other pages point at one fact or item of the Knowledge tab (the evidence behind a reason, the
// person a move says to ask): the address names it, and the workspace opens its objective and
// highlights it.

export type KnowledgeFocus = { factId: string } | { itemId: string };

/** Where the focus sits: the objective to open, and the fact (or only the item) to highlight. */
export type FocusTarget = { objective: ObjectiveKey; factId: string | null; itemId: string };

const FACT = 'fact';
const ITEM = 'item';

/** The opportunity page's address (relative to it) that opens the Knowledge tab on this fact or item. */
export function knowledgeLink(focus: KnowledgeFocus): string {
  const params = new URLSearchParams({ tab: 'knowledge' });
  if ('factId' in focus) params.set(FACT, focus.factId);
  else params.set(ITEM, focus.itemId);
  return `?${params.toString()}`;
}

export function readFocus(params: URLSearchParams): KnowledgeFocus | null {
  const factId = params.get(FACT);
  if (factId) return { factId };
  const itemId = params.get(ITEM);
  return itemId ? { itemId } : null;
}

/** The address without the focus, once the workspace has acted on it. */
export function withoutFocus(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(FACT);
  next.delete(ITEM);
  return next;
}

/**
 * Finds the fact or item: a fact under the objective its field belongs to; an item under its own
 * kind's objective, else where its facts are (one-per-deal kinds have no item listed). Null when
 * it is no longer current (changed or retired since the link was made).
 */
export function locateFocus(knowledge: KnowledgeResponse, focus: KnowledgeFocus): FocusTarget | null {
  if ('factId' in focus) {
    for (const o of knowledge.objectives) {
      const fact = o.facts.find((f) => f.id === focus.factId);
      if (fact) return { objective: o.key, factId: fact.id, itemId: fact.itemId };
    }
    return null;
  }
  const home =
    knowledge.objectives.find((o) => o.items.some((i) => i.id === focus.itemId)) ??
    knowledge.objectives.find((o) => o.facts.some((f) => f.itemId === focus.itemId));
  return home ? { objective: home.key, factId: null, itemId: focus.itemId } : null;
}
