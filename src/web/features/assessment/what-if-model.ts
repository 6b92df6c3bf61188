import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { US, type ItemKind } from '../../../domain/knowledge/schema.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { optionLabel, THREAT_WORDS } from '../knowledge/labels.ts';
import type { FieldDef, KnowledgeSchema } from '../knowledge/queries.ts';
import { allItems, currentFact, itemsOfKind, type Option } from '../knowledge/schema-model.ts';
import type { Recommendation, WhatIfBody, WhatIfFact, WhatIfItem } from './queries.ts';

// What-if controls built from what is open on a deal: the recommended moves, each with the
// what-if the API says it assumes (a switch each), and the most telling fields nobody knows yet
// (a choice of values each). Nothing here is sent anywhere but to the what-if route, which
// writes nothing.

/** A one-per-deal kind (the funding ...) by kind; anything else by its item's id. */
export type Target = { kind: ItemKind; itemId: string | null };

/** A recommended move that can be tried: the what-if it assumes, and those facts in words. */
export type WhatIfMove = { id: string; action: string; body: WhatIfBody; words: string[] };

/** A field with no answer yet, and the values it could turn out to have. */
export type OpenFact = {
  key: string;
  target: Target;
  field: string;
  label: string;
  /** what it is about (an evaluator, an issue); null for one-per-deal kinds */
  about: string | null;
  current: string;
  question: string;
  /** yes/no fields: the options' values are "true" and "false" */
  isBoolean: boolean;
  options: Option[];
};

type Input = { schema: KnowledgeSchema; knowledge: KnowledgeResponse; recommendations: readonly Recommendation[] };

const SUPPORTED_KINDS = new Set(['enum', 'boolean', 'alternative', 'evaluator']);

/** Fields worth trying first when nobody has recorded them: they move the probability most. */
const KEY_FIELDS: ReadonlyArray<[ItemKind, string]> = [
  ['funding', 'budgetStatus'],
  ['power_access', 'ebConfirmedPriority'],
  ['power_access', 'ebMet'],
  ['compelling_event', 'type'],
  ['competition', 'shortlisted'],
  ['decision_process', 'mutualPlanAgreed'],
  ['decision_process', 'purchasingInvolved'],
  ['funding', 'priceVsBudget'],
  ['funding', 'pricingDiscussed'],
];

export function factKey(target: Target, field: string, qualifier: string | null = null): string {
  return `${target.itemId ?? `kind:${target.kind}`}|${field}|${qualifier ?? ''}`;
}

/** The same key for a fact as the API takes it: by item, by one-per-deal kind, or by a new item's ref. */
function keyOfFact(fact: WhatIfFact): string {
  const about = fact.itemId ?? (fact.itemRef ? `ref:${fact.itemRef}` : `kind:${fact.kind ?? ''}`);
  return `${about}|${fact.field}|${fact.qualifier ?? ''}`;
}

function fieldOf(schema: KnowledgeSchema, kind: ItemKind | undefined, field: string): FieldDef | undefined {
  return schema.kinds.find((k) => k.kind === kind)?.fields.find((f) => f.key === field);
}

function isSingleton(schema: KnowledgeSchema, kind: ItemKind): boolean {
  return schema.kinds.find((k) => k.kind === kind)?.singleton ?? false;
}

function namer(knowledge: KnowledgeResponse) {
  const labels = new Map(allItems(knowledge).map((i) => [i.id, i.label]));
  return (id: string) => (id === US ? 'Us' : (labels.get(id) ?? 'someone not on record'));
}

/** Each item's kind, from the items and from the facts (one-per-deal kinds have no item listed). */
function kindsOfItems(knowledge: KnowledgeResponse): Map<string, ItemKind> {
  return new Map<string, ItemKind>([
    ...knowledge.objectives.flatMap((o) => o.facts.map((f) => [f.itemId, f.itemKind] as const)),
    ...allItems(knowledge).map((i) => [i.id, i.kind] as const),
  ]);
}

/** A value in words, the way the knowledge workspace writes it. */
function valueWords(def: FieldDef | undefined, field: string, value: unknown, name: (id: string) => string): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (def?.kind === 'enum' && typeof value === 'string') return optionLabel(value, field);
  if (def?.kind === 'enumList' && Array.isArray(value))
    return value.map((v) => optionLabel(String(v), field)).join(', ');
  if ((def?.kind === 'alternative' || def?.kind === 'evaluator') && typeof value === 'string') return name(value);
  if (def?.kind === 'evaluators' && Array.isArray(value)) return value.map((v) => name(String(v))).join(', ');
  if (def?.kind === 'date' && typeof value === 'string') return formatDate(value);
  if (def?.kind === 'threat' && typeof value === 'number') return `${value} of 4 · ${THREAT_WORDS[value] ?? ''}`;
  if (def?.kind === 'percentage' && typeof value === 'number') return `${value} %`;
  if (typeof value === 'object' && value !== null && 'amountMinor' in value) {
    const money = value as { amountMinor: number; currency: string; per?: string; period?: string };
    const per = money.per ?? (money.period === 'one_time' ? null : money.period);
    return `${formatMoney(money.amountMinor, money.currency)}${per ? ` per ${per}` : money.period === 'one_time' ? ' one-time' : ''}`;
  }
  if (typeof value === 'object' && value !== null && 'baseline' in value && 'target' in value) {
    const metric = value as { name: string; baseline: number; target: number; unit: string };
    return `${metric.name} from ${metric.baseline}${metric.unit} to ${metric.target}${metric.unit}`;
  }
  return String(value);
}

/** "Budget status: Allocated", "Favoured alternative of Dana Ortiz: Us", "Planned date of Contract and legal: …" */
function factWords(
  fact: WhatIfFact,
  newItems: readonly WhatIfItem[],
  input: Pick<Input, 'schema' | 'knowledge'>,
  kinds: Map<string, ItemKind>,
): string {
  const name = namer(input.knowledge);
  const newItem = fact.itemRef ? newItems.find((i) => i.ref === fact.itemRef) : undefined;
  const kind = fact.kind ?? (fact.itemId ? kinds.get(fact.itemId) : newItem?.kind);
  const def = fieldOf(input.schema, kind, fact.field);
  const kindLabel = input.schema.kinds.find((k) => k.kind === kind)?.label.toLowerCase() ?? 'item';
  const about = fact.itemId
    ? ` of ${name(fact.itemId)}`
    : newItem
      ? ` of ${newItem.title ?? `a new ${kindLabel}`}`
      : '';
  const forWhom = fact.qualifier ? ` for ${name(fact.qualifier)}` : '';
  return `${def?.label ?? fact.field}${about}${forWhom}: ${fact.unknown ? 'Unknown' : valueWords(def, fact.field, fact.value, name)}`;
}

/**
 * Recommended moves that can be tried as what-ifs, in the order they are recommended: those the
 * API gave a what-if (it has none for a move that needs someone nobody has named yet).
 */
export function whatIfMoves(input: Input): WhatIfMove[] {
  const kinds = kindsOfItems(input.knowledge);
  return input.recommendations.flatMap((rec) =>
    rec.whatIf
      ? [
          {
            id: rec.id,
            action: rec.action,
            body: rec.whatIf,
            words: rec.whatIf.facts.map((f) => factWords(f, rec.whatIf!.items, input, kinds)),
          },
        ]
      : [],
  );
}

/**
 * Open fields to try values for: the ones recorded as unknown, then the decisive ones nobody has
 * recorded, then where the influential evaluators stand. At most `limit`.
 */
export function openFacts(input: Pick<Input, 'schema' | 'knowledge'>, limit = 6): OpenFact[] {
  const { schema, knowledge } = input;
  const name = namer(knowledge);
  const kindOfItem = kindsOfItems(knowledge);
  const out = new Map<string, OpenFact>();
  const consider = (kind: ItemKind, itemId: string | null, field: string) => {
    const def = fieldOf(schema, kind, field);
    if (!def || def.perAlternative || !SUPPORTED_KINDS.has(def.kind)) return;
    const target: Target = isSingleton(schema, kind) ? { kind, itemId: null } : { kind, itemId };
    const key = factKey(target, field);
    if (out.has(key)) return;
    const fact = currentFact(knowledge, target.itemId, kind, field, null);
    if (fact && !fact.isUnknown) return;
    const options = optionsFor(def, field, knowledge, name);
    if (options.length === 0) return;
    out.set(key, {
      key,
      target,
      field,
      label: def.label,
      about: target.itemId ? name(target.itemId) : (schema.kinds.find((k) => k.kind === kind)?.label ?? null),
      current: fact ? 'Unknown' : 'Not recorded',
      question: def.question,
      isBoolean: def.kind === 'boolean',
      options,
    });
  };
  for (const gap of knowledge.unknowns) {
    if (gap.kind !== 'unknown' || !gap.field || !gap.itemId) continue;
    const kind = kindOfItem.get(gap.itemId);
    if (kind) consider(kind, gap.itemId, gap.field);
  }
  for (const [kind, field] of KEY_FIELDS) consider(kind, null, field);
  for (const row of knowledge.evaluatorMatrix.rows) {
    if (row.influence !== 'high' && !row.isEconomicBuyer) continue;
    consider('evaluator', row.evaluatorId, 'favours');
    consider('evaluator', row.evaluatorId, 'support');
  }
  return [...out.values()].slice(0, limit);
}

function optionsFor(
  def: FieldDef,
  field: string,
  knowledge: KnowledgeResponse,
  name: (id: string) => string,
): Option[] {
  switch (def.kind) {
    case 'boolean':
      return [
        { value: 'true', label: 'Yes' },
        { value: 'false', label: 'No' },
      ];
    case 'enum':
      return (def.options ?? []).map((o) => ({ value: o, label: optionLabel(o, field) }));
    case 'alternative':
      return [US, ...itemsOfKind(knowledge, 'alternative').map((a) => a.id)].map((id) => ({
        value: id,
        label: name(id),
      }));
    case 'evaluator':
      return itemsOfKind(knowledge, 'evaluator').map((e) => ({ value: e.id, label: e.label }));
    default:
      return [];
  }
}

export type WhatIfRequest = {
  body: WhatIfBody;
  /** for each fact and each new item, the control it came from (a move's id or an open fact's key), to place errors */
  factSources: string[];
  itemSources: string[];
};

/**
 * The what-if request for the switched-on moves and the chosen values; null when nothing is chosen.
 * Where two moves set the same field, the one recommended first decides; a value chosen for a
 * field that a switched-on move also sets gives way to the move. Each move's new items keep refs
 * of their own, so two moves never point at each other's.
 */
export function buildWhatIf(
  moves: readonly WhatIfMove[],
  on: ReadonlySet<string>,
  open: readonly OpenFact[],
  chosen: Readonly<Record<string, string>>,
): WhatIfRequest | null {
  const items: WhatIfItem[] = [];
  const facts: WhatIfFact[] = [];
  const request: WhatIfRequest = { body: { items, facts }, factSources: [], itemSources: [] };
  const taken = new Set<string>();
  moves.forEach((move, index) => {
    if (!on.has(move.id)) return;
    const own = (ref: string) => `m${index}-${ref}`;
    for (const item of move.body.items) {
      items.push({ ...item, ref: own(item.ref) });
      request.itemSources.push(move.id);
    }
    for (const fact of move.body.facts) {
      const placed = fact.itemRef ? { ...fact, itemRef: own(fact.itemRef) } : fact;
      const key = keyOfFact(placed);
      if (taken.has(key)) continue;
      taken.add(key);
      facts.push(placed);
      request.factSources.push(move.id);
    }
  });
  for (const fact of open) {
    const value = chosen[fact.key];
    if (value === undefined || taken.has(fact.key)) continue;
    facts.push({
      ...(fact.target.itemId ? { itemId: fact.target.itemId } : { kind: fact.target.kind }),
      field: fact.field,
      value: fact.isBoolean ? value === 'true' : value,
    });
    request.factSources.push(fact.key);
  }
  return facts.length > 0 ? request : null;
}

/** The keys of the open facts that a switched-on move decides. */
export function factsSetByMoves(moves: readonly WhatIfMove[], on: ReadonlySet<string>): Set<string> {
  return new Set(moves.filter((m) => on.has(m.id)).flatMap((m) => m.body.facts.map(keyOfFact)));
}

/** Field errors of a what-if answer ("facts.3.value", "items.0.title") placed on the controls that sent them. */
export function errorsBySource(
  fields: Readonly<Record<string, string>>,
  request: Pick<WhatIfRequest, 'factSources' | 'itemSources'>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const match = /^(facts|items)\.(\d+)(\.|$)/.exec(path);
    const source = match
      ? (match[1] === 'facts' ? request.factSources : request.itemSources)[Number(match[2])]
      : undefined;
    if (source && !out[source]) out[source] = message;
  }
  return out;
}
