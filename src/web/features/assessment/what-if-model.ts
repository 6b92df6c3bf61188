import type { KnowledgeResponse } from '../../../contract/knowledge.ts';
import { addDays } from '../../../domain/dates.ts';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { optionLabel } from '../knowledge/labels.ts';
import type { FieldDef, KnowledgeSchema } from '../knowledge/queries.ts';
import { allItems, currentFact, itemsOfKind, valueInWords, type Option } from '../knowledge/schema-model.ts';
import type { Recommendation, WhatIfFact } from './queries.ts';

// What-if controls built from what is open on a deal: the recommended moves that can be written as
// facts (a switch each), and the most telling fields nobody knows yet (a choice of values each).
// Nothing here is sent anywhere but to the what-if route, which writes nothing.

/** A one-per-deal kind (the funding ...) by kind; anything else by its item's id. */
export type Target = { kind: ItemKind; itemId: string | null };

export type PlannedFact = { target: Target; field: string; qualifier: string | null; value: unknown; words: string };

/** A recommended move whose success can be stated as facts. */
export type WhatIfMove = { id: string; action: string; facts: PlannedFact[] };

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

export type DealFacts = { expectedCloseDate: string; amountMinor: number; currency: string };

type Input = { schema: KnowledgeSchema; knowledge: KnowledgeResponse; recommendations: readonly Recommendation[]; deal: DealFacts; today: string };

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

function fieldOf(schema: KnowledgeSchema, kind: ItemKind, field: string): FieldDef | undefined {
  return schema.kinds.find((k) => k.kind === kind)?.fields.find((f) => f.key === field);
}

function isSingleton(schema: KnowledgeSchema, kind: ItemKind): boolean {
  return schema.kinds.find((k) => k.kind === kind)?.singleton ?? false;
}

function namer(knowledge: KnowledgeResponse) {
  const labels = new Map(allItems(knowledge).map((i) => [i.id, i.label]));
  return (id: string) => (id === 'us' ? 'Us' : (labels.get(id) ?? 'someone not on record'));
}

/** A value in words, the way the knowledge workspace writes it. */
function valueWords(def: FieldDef | undefined, field: string, value: unknown, name: (id: string) => string): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (def?.kind === 'enum' && typeof value === 'string') return optionLabel(value, field);
  if ((def?.kind === 'alternative' || def?.kind === 'evaluator') && typeof value === 'string') return name(value);
  if (def?.kind === 'date' && typeof value === 'string') return formatDate(value);
  if (typeof value === 'object' && value !== null && 'amountMinor' in value) {
    const money = value as { amountMinor: number; currency: string; per?: string };
    return `${formatMoney(money.amountMinor, money.currency)}${money.per ? ` per ${money.per}` : ''}`;
  }
  return String(value);
}

function planner(input: Input) {
  const name = namer(input.knowledge);
  return (kind: ItemKind, itemId: string | null, field: string, value: unknown, qualifier: string | null = null): PlannedFact => {
    const def = fieldOf(input.schema, kind, field);
    const target: Target = isSingleton(input.schema, kind) ? { kind, itemId: null } : { kind, itemId };
    const about = target.itemId ? ` of ${name(target.itemId)}` : '';
    const forWhom = qualifier ? ` for ${name(qualifier)}` : '';
    return { target, field, qualifier, value, words: `${def?.label ?? field}${about}${forWhom}: ${valueWords(def, field, value, name)}` };
  };
}

/** The facts a recommended move would establish, or null when it cannot be written as facts here. */
function factsOfMove(rec: Recommendation, input: Input): PlannedFact[] | null {
  const plan = planner(input);
  const { knowledge, deal, today } = input;
  const evaluators = itemsOfKind(knowledge, 'evaluator');
  const evaluator = (id: string) => evaluators.find((e) => e.id === id);
  const named = (name: string | null) => (name ? evaluators.find((e) => e.label === name) : undefined);
  const [kind, subject = ''] = rec.id.split(':');
  const fitFor = (criterionId: string) => currentFact(knowledge, criterionId, 'criterion', 'fit', 'us');
  switch (kind) {
    case 'confirm-budget':
      return [plan('funding', null, 'budgetStatus', 'allocated')];
    case 'confirm-economic-buyer-priority':
      return [plan('power_access', null, 'ebMet', true), plan('power_access', null, 'ebConfirmedPriority', true)];
    case 'agree-mutual-plan':
      return [
        plan('decision_process', null, 'mutualPlanAgreed', true),
        plan('decision_process', null, 'nextStep', 'Review the plan together'),
        plan('decision_process', null, 'nextStepDue', addDays(today, 7)),
      ];
    case 'learn-stance':
      return evaluator(subject) ? [plan('evaluator', subject, 'favours', 'us')] : null;
    case 'win-over':
      return evaluator(subject) ? [plan('evaluator', subject, 'favours', 'us'), plan('evaluator', subject, 'support', 'supporter')] : null;
    case 'test-champion': {
      const champion = named(rec.ask.name);
      return champion ? ['testPower', 'testAccess', 'testCoOwnsPlan'].map((test) => plan('evaluator', champion.id, test, 'passed')) : null;
    }
    case 'reframe-for-economic-buyer': {
      const eb = named(rec.ask.name);
      return eb ? [plan('evaluator', eb.id, 'responseMode', 'trouble')] : null;
    }
    case 'find-compelling-event':
      return [
        plan('compelling_event', null, 'type', 'external_deadline'),
        plan('compelling_event', null, 'eventDate', addDays(deal.expectedCloseDate, 30)),
        plan('compelling_event', null, 'costOfDelay', { amountMinor: Math.round(deal.amountMinor / 4), currency: deal.currency, per: 'month' }),
      ];
    case 'resolve-must-have': {
      const failing = itemsOfKind(knowledge, 'criterion').filter((c) => currentFact(knowledge, c.id, 'criterion', 'mandatory', null)?.value === true && fitFor(c.id)?.value === 'fails');
      return failing.length > 0 ? failing.map((c) => plan('criterion', c.id, 'fit', 'meets', 'us')) : null;
    }
    case 'reshape-criteria': {
      const short = itemsOfKind(knowledge, 'criterion').filter((c) => ['partial', 'fails'].includes(String(fitFor(c.id)?.value)));
      return short.length > 0 ? short.map((c) => plan('criterion', c.id, 'fit', 'meets', 'us')) : null;
    }
    default:
      return null;
  }
}

/** Recommended moves that can be tried as what-ifs, in the order they are recommended. */
export function whatIfMoves(input: Input): WhatIfMove[] {
  return input.recommendations.flatMap((rec) => {
    const facts = factsOfMove(rec, input);
    return facts ? [{ id: rec.id, action: rec.action, facts }] : [];
  });
}

/**
 * Open fields to try values for: the ones recorded as unknown, then the decisive ones nobody has
 * recorded, then where the influential evaluators stand. At most `limit`.
 */
export function openFacts(input: Pick<Input, 'schema' | 'knowledge'>, limit = 6): OpenFact[] {
  const { schema, knowledge } = input;
  const name = namer(knowledge);
  const kindOfItem = new Map<string, ItemKind>([
    ...allItems(knowledge).map((i) => [i.id, i.kind] as const),
    ...knowledge.objectives.flatMap((o) => o.facts.map((f) => [f.itemId, f.itemKind] as const)),
  ]);
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

function optionsFor(def: FieldDef, field: string, knowledge: KnowledgeResponse, name: (id: string) => string): Option[] {
  switch (def.kind) {
    case 'boolean':
      return [
        { value: 'true', label: 'Yes' },
        { value: 'false', label: 'No' },
      ];
    case 'enum':
      return (def.options ?? []).map((o) => ({ value: o, label: optionLabel(o, field) }));
    case 'alternative':
      return ['us', ...itemsOfKind(knowledge, 'alternative').map((a) => a.id)].map((id) => ({ value: id, label: name(id) }));
    case 'evaluator':
      return itemsOfKind(knowledge, 'evaluator').map((e) => ({ value: e.id, label: e.label }));
    default:
      return [];
  }
}

export type WhatIfRequest = {
  facts: WhatIfFact[];
  /** for each fact, the control it came from (a move's id or an open fact's key), to place errors */
  sources: string[];
};

function toApiFact(fact: Pick<PlannedFact, 'target' | 'field' | 'qualifier' | 'value'>): WhatIfFact {
  return {
    ...(fact.target.itemId ? { itemId: fact.target.itemId } : { kind: fact.target.kind }),
    field: fact.field,
    ...(fact.qualifier ? { qualifier: fact.qualifier } : {}),
    value: fact.value,
  };
}

/**
 * The what-if request for the switched-on moves and the chosen values; null when nothing is chosen.
 * A value chosen for a field that a switched-on move also sets gives way to the move.
 */
export function buildWhatIf(moves: readonly WhatIfMove[], on: ReadonlySet<string>, open: readonly OpenFact[], chosen: Readonly<Record<string, string>>): WhatIfRequest | null {
  const facts: WhatIfFact[] = [];
  const sources: string[] = [];
  const taken = new Set<string>();
  for (const move of moves) {
    if (!on.has(move.id)) continue;
    for (const fact of move.facts) {
      const key = factKey(fact.target, fact.field, fact.qualifier);
      if (taken.has(key)) continue;
      taken.add(key);
      facts.push(toApiFact(fact));
      sources.push(move.id);
    }
  }
  for (const fact of open) {
    const value = chosen[fact.key];
    if (value === undefined || taken.has(fact.key)) continue;
    facts.push(toApiFact({ target: fact.target, field: fact.field, qualifier: null, value: fact.isBoolean ? value === 'true' : value }));
    sources.push(fact.key);
  }
  return facts.length > 0 ? { facts, sources } : null;
}

/** The keys of the open facts that a switched-on move decides. */
export function factsSetByMoves(moves: readonly WhatIfMove[], on: ReadonlySet<string>): Set<string> {
  return new Set(moves.filter((m) => on.has(m.id)).flatMap((m) => m.facts.map((f) => factKey(f.target, f.field, f.qualifier))));
}

/** Field errors of a what-if answer ("facts.3.value") placed on the controls that sent them. */
export function errorsBySource(fields: Readonly<Record<string, string>>, sources: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const index = /^facts\.(\d+)(\.|$)/.exec(path)?.[1];
    const source = index === undefined ? undefined : sources[Number(index)];
    if (source && !out[source]) out[source] = message;
  }
  return out;
}
