import { z } from 'zod';
import { DANGER_ZONE_RULES, zoneNameOf } from '../assessment/catalog.ts';
import { gradeOf, type EvidenceGrade, type EvidenceSource } from '../knowledge/evidence.ts';
import { fieldDef, type FactField } from '../knowledge/schema.ts';
import { passedChampionTests } from '../knowledge/scoring.ts';
import type { KnowledgeFact, KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { RootCauseId } from './root-causes.ts';

// What an on-the-job assignment must change on one live deal, checked by the app from the deal's
// knowledge rather than taken on the seller's word. A manager picks a condition from this list and
// fills in its few parameters (each described here, so a form can offer them); nothing is typed as
// code. One pure function per condition says whether it is met, which facts show it, and what is
// still missing in words a seller can act on.

/** One deal's knowledge as a condition reads it: the facts, and the danger zones it is in now. */
export type DealKnowledge = {
  snapshot: KnowledgeSnapshot;
  /** the zones of the deal's latest assessment; null before its first */
  zoneIds: readonly string[] | null;
};

/** A fact that counts toward the condition: what it says and how we know it. */
export type ConditionEvidence = {
  what: string;
  quote: string | null;
  source: EvidenceSource;
  observedAt: string;
};

export type ConditionResult = {
  met: boolean;
  evidence: ConditionEvidence[];
  /** what is still missing, one sentence each; empty when met */
  missing: string[];
};

/** A parameter a manager sets, described so that a form can offer it and zod can check it. */
export type ParamDef =
  | { key: string; label: string; kind: 'integer'; min: number; max: number; default: number }
  | { key: string; label: string; kind: 'boolean'; default: boolean }
  | {
      key: string;
      label: string;
      kind: 'choice';
      options: ReadonlyArray<{ value: string; label: string }>;
      default: string | null;
    };

export type ConditionParams = Record<string, number | boolean | string>;

type ConditionDef = {
  id: string;
  label: string;
  description: string;
  rootCauses: readonly RootCauseId[];
  params: readonly ParamDef[];
  evaluate: (k: DealKnowledge, params: ConditionParams) => ConditionResult;
};

const EVIDENCE_LEVELS = [
  { value: 'stated', label: 'The buyer said it (or better)' },
  { value: 'validated', label: 'The buyer wrote it or acted on it' },
] as const;
const minEvidenceParam: ParamDef = {
  key: 'minEvidence',
  label: 'Evidence at least',
  kind: 'choice',
  options: EVIDENCE_LEVELS,
  default: 'stated',
};

const GRADE_RANK: Record<EvidenceGrade, number> = { assumed: 0, stated: 1, validated: 2 };
const isBuyerEvidence = (fact: KnowledgeFact | undefined, min: string): fact is KnowledgeFact =>
  fact !== undefined &&
  !fact.isUnknown &&
  !fact.evidence.hypothetical &&
  GRADE_RANK[gradeOf(fact.evidence.source)] >= GRADE_RANK[min as EvidenceGrade];

const evidenceOf = (fact: KnowledgeFact, what: string): ConditionEvidence => ({
  what,
  quote: fact.evidence.text,
  source: fact.evidence.source,
  observedAt: fact.evidence.observedAt,
});

const labelOf = (kind: Parameters<typeof fieldDef>[0], field: FactField) => fieldDef(kind, field)?.label ?? field;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const result = (evidence: ConditionEvidence[], missing: string[]): ConditionResult => ({
  met: missing.length === 0,
  evidence,
  missing,
});
const known = (fact: KnowledgeFact | undefined): fact is KnowledgeFact =>
  fact !== undefined && !fact.isUnknown && !fact.evidence.hypothetical;

const WEAK = 'from the buyer (our inference or hearsay does not count)';

const CONDITIONS = [
  {
    id: 'economic_buyer_met',
    label: 'Economic buyer named and met, with buyer evidence',
    description: 'The economic buyer is named on the deal and a meeting with them is recorded from the buyer’s side.',
    rootCauses: ['B4', 'S7', 'C6'],
    params: [minEvidenceParam],
    evaluate: ({ snapshot: s }, p) => {
      const pa = s.singleton('power_access')?.id;
      const eb = pa ? s.fact(pa, 'economicBuyer') : undefined;
      const met = pa ? s.fact(pa, 'ebMet') : undefined;
      const evidence: ConditionEvidence[] = [];
      const missing: string[] = [];
      if (known(eb)) evidence.push(evidenceOf(eb, 'Economic buyer named'));
      else missing.push('Name the economic buyer on the deal');
      if (isBuyerEvidence(met, String(p.minEvidence)) && met.value === true)
        evidence.push(evidenceOf(met, 'Economic buyer met'));
      else if (known(met) && met.value === true) missing.push(`Record the meeting with the economic buyer ${WEAK}`);
      else missing.push('Meet the economic buyer and record it');
      return result(evidence, missing);
    },
  },
  {
    id: 'champion_tested',
    label: 'Champion tested, with evidence',
    description:
      'One evaluator has passed several champion tests, each shown by something the buyer wrote or did (a coach who likes us is not enough).',
    rootCauses: ['B5', 'S4'],
    params: [{ key: 'tests', label: 'Tests passed, at least', kind: 'integer', min: 1, max: 6, default: 2 }],
    evaluate: ({ snapshot: s }, p) => {
      const tests = Number(p.tests);
      const best = s
        .itemsOf('evaluator')
        .map((e) => ({ id: e.id, passed: passedChampionTests(s, e.id) }))
        .sort((a, b) => b.passed.length - a.passed.length)[0];
      const passed = best?.passed ?? [];
      const evidence = passed.map((t) => evidenceOf(s.fact(best!.id, t)!, labelOf('evaluator', t)));
      if (passed.length >= tests) return result(evidence.slice(0, tests), []);
      return result(evidence, [
        passed.length === 0
          ? `Test a champion: ${plural(tests, 'test')} passed, each shown by what the buyer wrote or did`
          : `Your strongest champion has passed ${passed.length} of the ${tests} tests asked (with written or acted evidence)`,
      ]);
    },
  },
  {
    id: 'criteria_weighted',
    label: 'Decision criteria recorded with the customer’s weights',
    description: 'Several decision criteria on the deal carry a weight the customer gave.',
    rootCauses: ['B6', 'S4', 'S10'],
    params: [{ key: 'count', label: 'Criteria, at least', kind: 'integer', min: 1, max: 20, default: 3 }],
    evaluate: ({ snapshot: s }, p) => {
      const count = Number(p.count);
      const weighted = s
        .itemsOf('criterion')
        .map((c) => ({ c, fact: s.fact(c.id, 'weight') }))
        .filter((x) => isBuyerEvidence(x.fact, 'stated'));
      const evidence = weighted.map((x) =>
        evidenceOf(x.fact!, `“${x.c.title ?? 'Criterion'}” weighs ${String(x.fact!.value)}`),
      );
      if (weighted.length >= count) return result(evidence, []);
      return result(evidence, [
        `Record ${plural(count - weighted.length, 'more criterion', 'more criteria')} with the weight the customer gives it`,
      ]);
    },
  },
  {
    id: 'alternatives_mapped',
    label: 'Alternatives mapped, doing nothing included, with who favours each',
    description:
      'The alternatives the customer weighs are on the deal, doing nothing among them, and every high-influence evaluator’s favoured option is known.',
    rootCauses: ['S3', 'B6', 'B2'],
    params: [{ key: 'count', label: 'Alternatives, at least', kind: 'integer', min: 1, max: 10, default: 2 }],
    evaluate: ({ snapshot: s }, p) => {
      const count = Number(p.count);
      const alternatives = s.itemsOf('alternative');
      const evidence: ConditionEvidence[] = [];
      const missing: string[] = [];
      const doNothing = alternatives.find((a) => a.category === 'do_nothing');
      if (doNothing)
        evidence.push({
          what: `Doing nothing recorded as “${doNothing.title ?? 'Do nothing'}”`,
          quote: doNothing.evidence.text,
          source: doNothing.evidence.source,
          observedAt: doNothing.evidence.observedAt,
        });
      else missing.push('Record doing nothing as an alternative');
      if (alternatives.length < count)
        missing.push(`Record ${plural(count - alternatives.length, 'more alternative')} the customer is weighing`);
      const influential = s.itemsOf('evaluator').filter((e) => s.known(e.id, 'influence') === 'high');
      if (influential.length === 0) missing.push('Map who has high influence on the decision');
      const titles = new Map(alternatives.map((a) => [a.id, a.title ?? 'an alternative']));
      let unknown = 0;
      for (const e of influential) {
        const fact = s.fact(e.id, 'favours');
        if (known(fact))
          evidence.push(
            evidenceOf(
              fact,
              `A high-influence evaluator favours ${fact.value === 'us' ? 'us' : (titles.get(String(fact.value)) ?? 'an option')}`,
            ),
          );
        else unknown++;
      }
      if (unknown > 0)
        missing.push(
          `Learn which option ${plural(unknown, 'high-influence evaluator')} ${unknown === 1 ? 'favours' : 'favour'}`,
        );
      return result(evidence, missing);
    },
  },
  {
    id: 'business_issue_quantified',
    label: 'Business issue quantified',
    description:
      'A business issue carries its impact in money, from the buyer, and (if asked) the customer agreed that figure.',
    rootCauses: ['B3', 'S5', 'S6'],
    params: [
      minEvidenceParam,
      { key: 'agreed', label: 'The customer agreed the figure', kind: 'boolean', default: true },
    ],
    evaluate: ({ snapshot: s }, p) => {
      const issues = s.itemsOf('business_issue');
      if (issues.length === 0) return result([], ['Record the business issue, in the customer’s words']);
      let best: { evidence: ConditionEvidence[]; missing: string[] } | null = null;
      for (const issue of issues) {
        const impact = s.fact(issue.id, 'impact');
        const agreed = s.fact(issue.id, 'impactAgreed');
        const evidence: ConditionEvidence[] = [];
        const missing: string[] = [];
        const name = issue.title ?? 'the issue';
        if (isBuyerEvidence(impact, String(p.minEvidence)))
          evidence.push(evidenceOf(impact, `Impact of “${name}” quantified`));
        else missing.push(`Put a number on what “${name}” costs, ${WEAK}`);
        if (p.agreed === true) {
          if (known(agreed) && agreed.value === true)
            evidence.push(evidenceOf(agreed, 'The customer agreed the figure'));
          else missing.push(`Have the customer agree the figure for “${name}”`);
        }
        if (missing.length === 0) return result(evidence, []);
        if (!best || missing.length < best.missing.length) best = { evidence, missing };
      }
      return result(best!.evidence, best!.missing);
    },
  },
  {
    id: 'decision_process_known',
    label: 'Decision process known',
    description:
      'Who signs is known, and the steps to signature each have a buyer owner and a date; if asked, the plan is agreed with the customer.',
    rootCauses: ['B7', 'S10'],
    params: [
      { key: 'steps', label: 'Steps with owner and date, at least', kind: 'integer', min: 1, max: 12, default: 3 },
      { key: 'planAgreed', label: 'Mutual plan agreed', kind: 'boolean', default: false },
    ],
    evaluate: ({ snapshot: s }, p) => {
      const dp = s.singleton('decision_process')?.id;
      const evidence: ConditionEvidence[] = [];
      const missing: string[] = [];
      const signatory = dp ? s.fact(dp, 'signatory') : undefined;
      if (known(signatory)) evidence.push(evidenceOf(signatory, 'Final signatory known'));
      else missing.push('Learn who signs');
      const steps = s
        .itemsOf('decision_step')
        .filter(
          (st) =>
            known(s.fact(st.id, 'owner')) &&
            (known(s.fact(st.id, 'plannedDate')) || known(s.fact(st.id, 'actualDate'))),
        );
      for (const st of steps)
        evidence.push(evidenceOf(s.fact(st.id, 'owner')!, `Step “${st.title ?? 'step'}” has an owner and a date`));
      const wanted = Number(p.steps);
      if (steps.length < wanted)
        missing.push(`Map ${plural(wanted - steps.length, 'more step')} to signature with its buyer owner and date`);
      if (p.planAgreed === true) {
        const plan = dp ? s.fact(dp, 'mutualPlanAgreed') : undefined;
        if (known(plan) && plan.value === true) evidence.push(evidenceOf(plan, 'Mutual plan agreed'));
        else missing.push('Agree the plan with the customer');
      }
      return result(evidence, missing);
    },
  },
  {
    id: 'funding_confirmed',
    label: 'Funding confirmed, with buyer evidence',
    description: 'The budget is allocated, or the economic buyer confirmed the funding, from the buyer’s side.',
    rootCauses: ['B2', 'B9', 'S6'],
    params: [minEvidenceParam],
    evaluate: ({ snapshot: s }, p) => {
      const min = String(p.minEvidence);
      const funding = s.singleton('funding')?.id;
      const pa = s.singleton('power_access')?.id;
      const budget = funding ? s.fact(funding, 'budgetStatus') : undefined;
      const confirmed = pa ? s.fact(pa, 'ebConfirmedFunding') : undefined;
      const evidence: ConditionEvidence[] = [];
      if (isBuyerEvidence(budget, min) && budget.value === 'allocated')
        evidence.push(evidenceOf(budget, 'Budget allocated'));
      if (isBuyerEvidence(confirmed, min) && confirmed.value === true)
        evidence.push(evidenceOf(confirmed, 'Economic buyer confirmed funding'));
      return result(evidence, evidence.length > 0 ? [] : [`Confirm the budget is allocated, ${WEAK}`]);
    },
  },
  {
    id: 'danger_zone_resolved',
    label: 'A named danger zone resolved on this deal',
    description: 'The deal is no longer in the danger zone chosen: what it lacked is now known.',
    rootCauses: ['B2', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'S4', 'S10'],
    params: [
      {
        key: 'zoneId',
        label: 'Danger zone',
        kind: 'choice',
        options: DANGER_ZONE_RULES.map((z) => ({ value: z.id, label: `${z.id} ${z.name}` })),
        default: null,
      },
    ],
    evaluate: ({ zoneIds }, p) => {
      const zone = String(p.zoneId);
      if (zoneIds === null) return result([], ['The deal has not been assessed yet']);
      if (zoneIds.includes(zone)) return result([], [`The deal is still in “${zoneNameOf(zone)}”`]);
      return result([], []);
    },
  },
  {
    id: 'evaluators_mapped',
    label: 'Buying group mapped with influence',
    description: 'At least so many evaluators are on the deal, each with their real influence known.',
    rootCauses: ['B4', 'S4', 'B8'],
    params: [{ key: 'count', label: 'Evaluators, at least', kind: 'integer', min: 1, max: 20, default: 4 }],
    evaluate: ({ snapshot: s }, p) => {
      const wanted = Number(p.count);
      const mapped = s
        .itemsOf('evaluator')
        .map((e) => s.fact(e.id, 'influence'))
        .filter(known);
      const evidence = mapped.map((f) => evidenceOf(f, `An evaluator’s influence: ${String(f.value)}`));
      if (mapped.length >= wanted) return result(evidence, []);
      return result(evidence, [
        `Map ${plural(wanted - mapped.length, 'more evaluator')} with their influence on the decision`,
      ]);
    },
  },
  {
    id: 'compelling_event_costed',
    label: 'Compelling event dated and its cost of delay known',
    description: 'The event that forces a decision has a date and a cost of delay the buyer gave.',
    rootCauses: ['B3', 'B7', 'S8'],
    params: [minEvidenceParam],
    evaluate: ({ snapshot: s }, p) => {
      const ce = s.singleton('compelling_event')?.id;
      const date = ce ? s.fact(ce, 'eventDate') : undefined;
      const cost = ce ? s.fact(ce, 'costOfDelay') : undefined;
      const evidence: ConditionEvidence[] = [];
      const missing: string[] = [];
      if (isBuyerEvidence(date, String(p.minEvidence))) evidence.push(evidenceOf(date, 'Event date known'));
      else missing.push(`Learn the date that forces the decision, ${WEAK}`);
      if (isBuyerEvidence(cost, String(p.minEvidence))) evidence.push(evidenceOf(cost, 'Cost of delay known'));
      else missing.push(`Learn what each month of delay costs the customer, ${WEAK}`);
      return result(evidence, missing);
    },
  },
] as const satisfies readonly ConditionDef[];

export type SuccessConditionId = (typeof CONDITIONS)[number]['id'];
export const SUCCESS_CONDITIONS: readonly ConditionDef[] = CONDITIONS;
export const SUCCESS_CONDITION_IDS = CONDITIONS.map((c) => c.id) as readonly SuccessConditionId[];
const BY_ID = new Map<string, ConditionDef>(CONDITIONS.map((c) => [c.id, c]));

export const findSuccessCondition = (id: string): ConditionDef | undefined => BY_ID.get(id);

function paramSchema(def: ParamDef): z.ZodType {
  switch (def.kind) {
    case 'integer':
      return z
        .number({ error: `Expected a whole number from ${def.min} to ${def.max}` })
        .int(`Expected a whole number from ${def.min} to ${def.max}`)
        .min(def.min, `At least ${def.min}`)
        .max(def.max, `At most ${def.max}`)
        .default(def.default);
    case 'boolean':
      return z.boolean({ error: 'Expected true or false' }).default(def.default);
    case 'choice': {
      const values = def.options.map((o) => o.value) as [string, ...string[]];
      const choice = z.enum(values, { error: `Choose one of ${values.slice(0, 6).join(', ')}…` });
      return def.default === null ? choice : choice.default(def.default);
    }
  }
}

const SCHEMAS = new Map(
  CONDITIONS.map((c) => [
    c.id as string,
    z.strictObject(Object.fromEntries(c.params.map((p) => [p.key, paramSchema(p)]))),
  ]),
);

/**
 * A condition's parameters checked and completed with their defaults; or, what is wrong, by the
 * parameter's key ('' for the condition itself).
 */
export function parseConditionParams(
  id: string,
  raw: unknown,
): { ok: true; params: ConditionParams } | { ok: false; field: string; message: string } {
  const schema = SCHEMAS.get(id);
  if (!schema) return { ok: false, field: '', message: `Unknown success condition ${id}: choose one from the list` };
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, params: parsed.data as ConditionParams };
  const issue = parsed.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '');
  return {
    ok: false,
    field: key,
    message: issue.code === 'unrecognized_keys' ? `Not a parameter of this condition` : issue.message,
  };
}

/** Whether the condition holds on this deal now; `params` as parseConditionParams gave them. */
export function evaluateCondition(id: string, params: ConditionParams, k: DealKnowledge): ConditionResult {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown success condition ${id}`);
  return def.evaluate(k, params);
}

/** The condition as a person reads it, its parameters filled in ("at least 3 criteria ..."). */
export function describeCondition(id: string, params: ConditionParams): string {
  const def = BY_ID.get(id);
  if (!def) return id;
  const parts = def.params.flatMap((p) => {
    const value = params[p.key];
    if (value === undefined) return [];
    if (p.kind === 'boolean') return value === true ? [p.label.toLowerCase()] : [];
    if (p.kind === 'choice')
      return [`${p.label.toLowerCase()}: ${p.options.find((o) => o.value === value)?.label ?? String(value)}`];
    return [`${p.label.toLowerCase()} ${String(value)}`];
  });
  return parts.length > 0 ? `${def.label} (${parts.join('; ')})` : def.label;
}
