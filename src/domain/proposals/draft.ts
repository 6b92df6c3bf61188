import { toMajorUnits } from '../currency.ts';
import { dayInWords } from '../dates.ts';
import { humanize } from '../knowledge/display.ts';
import type { ObjectiveKey } from '../knowledge/objectives.ts';
import { fieldDef, type ItemKind } from '../knowledge/schema.ts';
import { escapeInline as esc } from './markdown.ts';
import type { KnownPlaceholders, PlaceholderName } from './template.ts';

// A proposal draft written from what the deal's knowledge holds: the customer's issues and their
// words, their criteria by their weights, the value case from their numbers, the plan from their
// process. Where something is not known the section says so to the seller (never to the customer)
// and names the question to ask and whom. The internal appendix (each evaluator's stance, what the
// proposal must do for them, the alternative each section must beat) is kept apart from the text.

// ---- what the draft reads: the shape of the deal page's knowledge (contract KnowledgeResponse) ----

export type DraftEvidence = { text: string | null; contactName: string | null };
export type DraftItem = {
  id: string;
  kind: ItemKind;
  label: string;
  category: string | null;
  contactTitle: string | null;
  evidence: DraftEvidence;
};
export type DraftFact = {
  itemId: string;
  itemKind: ItemKind;
  itemLabel: string;
  field: string;
  qualifier: string | null;
  isUnknown: boolean;
  value: unknown;
  display: string;
  evidence: DraftEvidence;
};
export type DraftGap = {
  kind: string;
  objective: ObjectiveKey;
  itemId: string | null;
  field: string | null;
  question: string;
  ask: { role: string; contactName: string | null };
};
export type DraftKnowledge = {
  objectives: ReadonlyArray<{ key: ObjectiveKey; name: string; items: DraftItem[]; facts: DraftFact[] }>;
  unknowns: readonly DraftGap[];
  evaluatorMatrix: {
    alternatives: ReadonlyArray<{ id: string; name: string; kind: string }>;
    rows: ReadonlyArray<{
      evaluatorId: string;
      name: string;
      title: string | null;
      roles: string[];
      influence: string | null;
      isEconomicBuyer: boolean;
      favours: string | null;
      support: string | null;
    }>;
  };
};
export type DraftDeal = {
  name: string;
  accountName: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
  sellerName: string;
  today: string;
};

// ---- what it writes ----

export const DRAFT_SECTIONS = [
  'executive_summary',
  'business_issues',
  'decision_criteria',
  'value_case',
  'compelling_event',
  'implementation_plan',
  'pricing',
  'appendix',
] as const;
export type DraftSection = (typeof DRAFT_SECTIONS)[number];
export type SectionQuality = 'full' | 'weak' | 'generic';

/** A word to the seller about a gap: what is unknown, what it does to the section, what to ask whom. */
export type SellerNote = {
  section: DraftSection;
  objective: ObjectiveKey;
  /** the item the gap is about, when there is one (the knowledge page opens at it) */
  itemId: string | null;
  message: string;
  question: string;
  askWhom: string;
};

export type AppendixEntry = {
  name: string;
  title: string | null;
  roles: string[];
  influence: string | null;
  stance: string;
  favours: string | null;
  mustDo: string;
};

export type ProposalDraft = {
  values: Record<PlaceholderName, string>;
  /** which placeholders rest on what the customer told us: a template's sections show or hide by this */
  known: KnownPlaceholders;
  sections: Record<DraftSection, SectionQuality>;
  notes: SellerNote[];
  appendix: { evaluators: AppendixEntry[]; toBeat: Array<{ section: DraftSection; alternative: string; why: string }> };
  /** 0-100: how much of the draft rests on what the customer told us */
  completeness: number;
};

/** How much each section weighs in the draft's completeness. */
const SECTION_WEIGHTS: Record<DraftSection, number> = {
  executive_summary: 2,
  business_issues: 1,
  decision_criteria: 2,
  value_case: 2,
  compelling_event: 1,
  implementation_plan: 1.5,
  pricing: 0.5,
  appendix: 1,
};
const QUALITY_SCORE: Record<SectionQuality, number> = { full: 1, weak: 0.5, generic: 0 };

const ROLE_WORDS: Record<string, string> = {
  evaluator: 'the evaluator concerned',
  champion: 'your champion',
  economic_buyer: 'the economic buyer',
  anyone: 'anyone in the buying group',
};

const money = (amountMinor: number, currency: string) =>
  `${currency} ${Math.round(toMajorUnits(amountMinor, currency)).toLocaleString('en-US')}`;
type Money = { amountMinor: number; currency: string };
type Impact = Money & { period: 'year' | 'quarter' | 'one_time' };
type Metric = { name: string; baseline: number; target: number; unit: string };
const PER_YEAR = { year: 1, quarter: 4 } as const;

/**
 * The customer's own words in a piece of evidence: what the seller wrote between quotation marks
 * ("Leila on our weekly call: "…""), never the seller's telling of it; none when nothing is quoted or
 * when the words only repeat `heading`, which the document already shows.
 */
export function quoteOf(e: DraftEvidence, heading: string | null = null): string | null {
  if (!e.text) return null;
  const spoken = [...e.text.matchAll(/"([^"]+)"|“([^”]+)”/g)]
    .map((m) => (m[1] ?? m[2])!.trim())
    .filter((w) => w.length > 0);
  if (spoken.length === 0) return null;
  const words = spoken.join(' … ');
  const bare = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  if (heading !== null && bare(words) === bare(heading)) return null;
  return `> “${esc(words)}”${e.contactName ? ` (${esc(e.contactName)})` : ''}`;
}

/** A day as the customer reads it ("Dec 7, 2026"). */
const day = (date: string) => dayInWords(date);

/** "Forecast error" inside a sentence: "forecast error"; an acronym ("NPS", "ARR") stays as written. */
const inSentence = (name: string) => (/^\p{Lu}\p{Ll}/u.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name);

export function draftProposal(knowledge: DraftKnowledge, deal: DraftDeal): ProposalDraft {
  const items = knowledge.objectives.flatMap((o) => o.items);
  const facts = knowledge.objectives.flatMap((o) => o.facts);
  const itemsOf = (kind: ItemKind) => items.filter((i) => i.kind === kind);
  const factOf = (itemId: string | undefined, field: string, qualifier: string | null = null) =>
    itemId === undefined
      ? undefined
      : facts.find((f) => f.itemId === itemId && f.field === field && f.qualifier === qualifier);
  const known = <T>(itemId: string | undefined, field: string, qualifier: string | null = null): T | undefined => {
    const f = factOf(itemId, field, qualifier);
    return f && !f.isUnknown ? (f.value as T) : undefined;
  };
  const singleton = (kind: ItemKind) => itemsOf(kind)[0]?.id;
  const alternatives = knowledge.evaluatorMatrix.alternatives;
  const altName = (id: string | null | undefined) =>
    id === null || id === undefined ? null : (alternatives.find((a) => a.id === id)?.name ?? humanize(id));
  const rows = knowledge.evaluatorMatrix.rows;
  const eb = rows.find((r) => r.isEconomicBuyer);

  const notes: SellerNote[] = [];
  /** the question for a gap: the deal's own open question when it has one, else the field's */
  const note = (
    section: DraftSection,
    objective: ObjectiveKey,
    message: string,
    where: { kind: ItemKind; field: string; itemId?: string; askName?: string | null },
  ) => {
    const gap =
      knowledge.unknowns.find(
        (g) => g.field === where.field && (where.itemId === undefined || g.itemId === where.itemId),
      ) ??
      // a gap of the whole objective speaks for a section-wide note, not for one item's field
      (where.itemId === undefined
        ? knowledge.unknowns.find((g) => g.objective === objective && g.field === null)
        : undefined);
    const def = fieldDef(where.kind, where.field);
    const question = gap?.question ?? def?.question ?? 'What should we know here?';
    const askWhom =
      where.askName ??
      gap?.ask.contactName ??
      ROLE_WORDS[gap?.ask.role ?? def?.askWhom ?? 'anyone'] ??
      'anyone in the buying group';
    notes.push({ section, objective, itemId: where.itemId ?? gap?.itemId ?? null, message, question, askWhom });
  };
  const sections = {} as Record<DraftSection, SectionQuality>;

  // ---- business issues: the summary in their words, and how we address each one ----
  const issues = itemsOf('business_issue').filter((i) => known<string>(i.id, 'ourImpact') !== 'none');
  const summary: string[] = [];
  const addressing: string[] = [];
  let quantified = 0;
  for (const issue of issues) {
    const impact = known<Impact>(issue.id, 'impact');
    const metric = known<Metric>(issue.id, 'metric');
    const owner = factOf(issue.id, 'owner');
    if (impact) quantified++;
    const worth = impact
      ? `, worth ${money(impact.amountMinor, impact.currency)}${impact.period === 'one_time' ? '' : ` a ${impact.period}`}`
      : '';
    summary.push(`**${esc(issue.label)}**${esc(worth)}.`);
    const quote =
      quoteOf(factOf(issue.id, 'impact')?.evidence ?? issue.evidence, issue.label) ??
      quoteOf(issue.evidence, issue.label);
    if (quote) summary.push(quote);
    const ourImpact = known<string>(issue.id, 'ourImpact');
    const how: string[] = [`### ${esc(issue.label)}`];
    const lead =
      ourImpact === 'unique'
        ? 'This is where we are different: no other option addresses it as we do.'
        : ourImpact === 'strong'
          ? 'We address this directly.'
          : 'We address this alongside the rest of the solution.';
    how.push(lead);
    if (metric)
      how.push(
        `Together we will move ${esc(inSentence(metric.name))} from ${metric.baseline}${esc(metric.unit)} to ${metric.target}${esc(metric.unit)}.`,
      );
    if (owner && !owner.isUnknown) how.push(`We will report progress to ${esc(owner.display)}, who owns this outcome.`);
    addressing.push(how.join('\n\n'));
    if (!impact)
      note(
        'executive_summary',
        'business_issues',
        `We don't know what "${issue.label}" costs the customer: its impact is not quantified.`,
        {
          kind: 'business_issue',
          field: 'impact',
          itemId: issue.id,
        },
      );
  }
  if (issues.length === 0) {
    note(
      'executive_summary',
      'business_issues',
      "We don't know the customer's business issues: the summary and the issues section are generic.",
      { kind: 'business_issue', field: 'impact' },
    );
    sections.executive_summary = 'generic';
    sections.business_issues = 'generic';
  } else {
    sections.executive_summary = quantified === issues.length ? 'full' : 'weak';
    sections.business_issues = issues.some((i) => known(i.id, 'metric') !== undefined) ? 'full' : 'weak';
  }
  const executiveSummary =
    issues.length === 0
      ? `${esc(deal.accountName)} is looking to improve how it works in the area this proposal covers. This proposal sets out how we would help, the value it brings and how we would get there together.`
      : [
          `${esc(deal.accountName)} told us what matters most right now:`,
          ...summary,
          `This proposal sets out how we address ${issues.length === 1 ? 'it' : 'each of them'}, the value it brings and how we get there together.`,
        ].join('\n\n');
  const businessIssues =
    issues.length === 0
      ? 'We will work with your team to confirm the outcomes that matter most and the measures that show progress.'
      : addressing.join('\n\n');

  // ---- decision criteria, heaviest first ----
  const criteria = itemsOf('criterion')
    .map((c) => ({ c, weight: known<number>(c.id, 'weight') }))
    .sort((a, b) => (b.weight ?? -1) - (a.weight ?? -1));
  const FIT_WORDS: Record<string, string> = {
    exceeds: 'We exceed this requirement.',
    meets: 'We meet this requirement in full.',
    partial: 'We meet the core of this requirement; the rest is covered in the implementation plan.',
    fails: 'We address this through the approach described below.',
  };
  const criteriaRows: string[] = [];
  const toBeat: ProposalDraft['appendix']['toBeat'] = [];
  for (const { c, weight } of criteria) {
    const fit = known<string>(c.id, 'fit', 'us');
    const mandatory = known<boolean>(c.id, 'mandatory');
    criteriaRows.push(
      `| ${esc(c.label)}${mandatory ? ' (must-have)' : ''} | ${weight === undefined ? '-' : `${weight} %`} | ${fit ? FIT_WORDS[fit] : 'Our response is set out in the sections above.'} |`,
    );
    if (weight === undefined)
      note(
        'decision_criteria',
        'decision_criteria',
        `We don't know how much "${c.label}" weighs against the other criteria.`,
        {
          kind: 'criterion',
          field: 'weight',
          itemId: c.id,
        },
      );
    if (fit === undefined && mandatory)
      note(
        'decision_criteria',
        'decision_criteria',
        `We don't know how the customer rates us on the must-have "${c.label}": our answer there is generic.`,
        { kind: 'criterion', field: 'fit', itemId: c.id },
      );
    if (fit === 'fails' || fit === 'partial')
      note(
        'decision_criteria',
        'decision_criteria',
        `The customer rates us "${fit}" on "${c.label}": write the answer to that yourself.`,
        {
          kind: 'criterion',
          field: 'fit',
          itemId: c.id,
        },
      );
    const rank = ['fails', 'partial', 'meets', 'exceeds'];
    const ahead = alternatives
      .map((a) => ({ a, fit: known<string>(c.id, 'fit', a.id) }))
      .filter((x) => x.fit !== undefined && rank.indexOf(x.fit) > rank.indexOf(fit ?? 'fails'))
      .sort((x, y) => rank.indexOf(y.fit!) - rank.indexOf(x.fit!))[0];
    if (ahead)
      toBeat.push({
        section: 'decision_criteria',
        alternative: ahead.a.name,
        why: `rated "${ahead.fit}" on ${c.label}, ahead of us`,
      });
  }
  const ebCares =
    eb !== undefined && criteria.some(({ c }) => (known<string[]>(c.id, 'caresAbout') ?? []).includes(eb.evaluatorId));
  if (criteria.length === 0) {
    note(
      'decision_criteria',
      'decision_criteria',
      "We don't know the customer's decision criteria: this section is generic.",
      {
        kind: 'criterion',
        field: 'weight',
      },
    );
    sections.decision_criteria = 'generic';
  } else {
    if (eb && !ebCares)
      note(
        'decision_criteria',
        'decision_criteria',
        `We don't know the economic buyer's criteria (${eb.name}): this section answers the others' criteria only.`,
        { kind: 'criterion', field: 'caresAbout', askName: eb.name },
      );
    sections.decision_criteria = criteria.every((x) => x.weight !== undefined) && (!eb || ebCares) ? 'full' : 'weak';
  }
  const decisionCriteria =
    criteria.length === 0
      ? 'We will answer each of your evaluation criteria once they are agreed; the sections above describe how the solution meets the needs we discussed.'
      : ['| Criterion | Weight | Our response |', '| --- | --- | --- |', ...criteriaRows].join('\n');

  // ---- value case: their impact against our price ----
  const funding = singleton('funding');
  const price = { amountMinor: deal.amountMinor, currency: deal.currency };
  const yearly = issues
    .map((i) => known<Impact>(i.id, 'impact'))
    .filter((x): x is Impact => x !== undefined && x.currency === deal.currency);
  const fundingValue = known<Impact>(funding, 'valueToCustomer');
  const recurring = yearly
    .filter((x) => x.period !== 'one_time')
    .reduce((s, x) => s + x.amountMinor * PER_YEAR[x.period as 'year' | 'quarter'], 0);
  const oneTime = yearly.filter((x) => x.period === 'one_time').reduce((s, x) => s + x.amountMinor, 0);
  const annual =
    recurring > 0
      ? recurring
      : fundingValue && fundingValue.currency === deal.currency && fundingValue.period !== 'one_time'
        ? fundingValue.amountMinor * PER_YEAR[fundingValue.period]
        : 0;
  const budget = known<Money>(funding, 'budgetAmount');
  const value: string[] = [];
  if (annual > 0 && price.amountMinor > 0) {
    const ratio = annual / price.amountMinor;
    const paybackMonths = Math.max(1, Math.ceil((price.amountMinor - oneTime) / (annual / 12)));
    value.push(
      `The issues above are worth **${money(annual, deal.currency)} a year** to ${esc(deal.accountName)}${oneTime > 0 ? `, plus ${money(oneTime, deal.currency)} once` : ''}.`,
      `Against an investment of ${money(price.amountMinor, price.currency)}, that is a return of **${ratio.toFixed(1)} times** the investment in the first year, and a payback in **${paybackMonths <= 1 ? 'under a month' : `${paybackMonths} months`}**.`,
    );
    const q = quoteOf(factOf(funding, 'valueToCustomer')?.evidence ?? { text: null, contactName: null });
    if (q) value.push(q);
    sections.value_case = known<boolean>(funding, 'valueAgreed') ? 'full' : 'weak';
    if (!known<boolean>(funding, 'valueAgreed'))
      note(
        'value_case',
        'funding_value',
        'The customer has not agreed the value case: check these figures with them before it goes out.',
        {
          kind: 'funding',
          field: 'valueAgreed',
          askName: eb?.name ?? null,
        },
      );
  } else {
    value.push(
      'We will build the value case with your team from the measures you track today, so the return and payback are in your own numbers.',
    );
    sections.value_case = 'generic';
    note(
      'value_case',
      'funding_value',
      "We don't know what solving these issues is worth to the customer: the value case is generic.",
      {
        kind: 'business_issue',
        field: 'impact',
      },
    );
  }
  if (budget && budget.currency === deal.currency && budget.amountMinor < price.amountMinor)
    note(
      'value_case',
      'funding_value',
      `The budget set aside (${money(budget.amountMinor, budget.currency)}) is below the price.`,
      {
        kind: 'funding',
        field: 'priceVsBudget',
      },
    );

  // ---- why now, and the plan to their date ----
  const event = singleton('compelling_event');
  const description = factOf(event, 'description');
  const eventDate = known<string>(event, 'eventDate');
  const goLive = known<string>(event, 'goLiveDate');
  const decisionDate = known<string>(event, 'decisionDate');
  const delay = known<Money & { per: 'month' | 'quarter' }>(event, 'costOfDelay');
  const why: string[] = [];
  if (description && !description.isUnknown) {
    why.push(`${esc(description.display)}${eventDate ? ` The date that matters is ${day(eventDate)}.` : ''}`);
    const q = quoteOf(description.evidence, description.display);
    if (q) why.push(q);
    if (delay) why.push(`Each ${delay.per} of delay costs ${money(delay.amountMinor, delay.currency)}.`);
    sections.compelling_event = eventDate || goLive ? 'full' : 'weak';
  } else {
    why.push('Acting now brings the benefits forward; the plan below shows how quickly they can start.');
    sections.compelling_event = 'generic';
    note(
      'compelling_event',
      'compelling_event',
      'We don\'t know what forces a decision now: the "why now" is generic.',
      {
        kind: 'compelling_event',
        field: 'description',
      },
    );
  }
  const steps = itemsOf('decision_step')
    .map((s) => ({ s, date: known<string>(s.id, 'plannedDate'), status: known<string>(s.id, 'status') }))
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  const plan: string[] = [];
  if (steps.length > 0) {
    plan.push('| Step | Owner | Date | Status |', '| --- | --- | --- | --- |');
    for (const { s, date, status } of steps) {
      const owner = factOf(s.id, 'owner');
      plan.push(
        `| ${esc(s.label)} | ${owner && !owner.isUnknown ? esc(owner.display) : '-'} | ${date ? day(date) : 'to agree'} | ${status ? humanize(status) : '-'} |`,
      );
    }
  }
  const milestones = [
    decisionDate ? `- Decision by ${day(decisionDate)}` : null,
    `- Contract signed by ${day(deal.expectedCloseDate)}`,
    goLive ? `- Live by ${day(goLive)}` : eventDate ? `- Live before ${day(eventDate)}` : null,
  ].filter((x): x is string => x !== null);
  plan.push('', ...milestones);
  if (steps.length === 0)
    note(
      'implementation_plan',
      'decision_process',
      "We don't know the customer's decision steps: the plan shows our dates only.",
      {
        kind: 'decision_step',
        field: 'plannedDate',
      },
    );
  if (!goLive && !eventDate)
    note(
      'implementation_plan',
      'compelling_event',
      "We don't know when the solution must be live: the plan has no go-live date.",
      {
        kind: 'compelling_event',
        field: 'goLiveDate',
      },
    );
  sections.implementation_plan =
    steps.length > 0 && (goLive || eventDate) ? 'full' : steps.length > 0 || goLive || eventDate ? 'weak' : 'generic';

  // ---- pricing, from the opportunity ----
  const pricing = [
    '| Item | Amount |',
    '| --- | --- |',
    `| ${esc(deal.name)} | ${money(price.amountMinor, price.currency)} |`,
    `| **Total** | **${money(price.amountMinor, price.currency)}** |`,
  ].join('\n');
  sections.pricing = price.amountMinor > 0 ? 'full' : 'generic';
  if (known<string>(funding, 'priceVsBudget') === 'well_above')
    note('pricing', 'funding_value', 'The customer said our price is well above what they expected.', {
      kind: 'funding',
      field: 'priceVsBudget',
    });

  // ---- the internal appendix: each evaluator, what the proposal must do for them ----
  const evaluators: AppendixEntry[] = rows.map((r) => {
    const concerns = known<string>(r.evaluatorId, 'concerns');
    const result = known<string>(r.evaluatorId, 'businessResult');
    const personal = known<string>(r.evaluatorId, 'personalWin');
    const favours = r.favours && r.favours !== 'us' ? altName(r.favours) : r.favours === 'us' ? 'us' : null;
    const mustDo = [
      concerns ? `answer their concern: ${concerns}` : null,
      result ? `show the result they need: ${result}` : null,
      personal ? `serve their personal win: ${personal}` : null,
      favours && favours !== 'us' ? `win them from ${favours}` : null,
    ].filter((x): x is string => x !== null);
    if (r.support === null && (r.isEconomicBuyer || r.influence === 'high'))
      note('appendix', 'evaluator_stance', `We don't know how ${r.name} sees our proposal.`, {
        kind: 'evaluator',
        field: 'support',
        itemId: r.evaluatorId,
        askName: r.name,
      });
    return {
      name: r.name,
      title: r.title,
      roles: r.roles.map(humanize),
      influence: r.influence === null ? null : humanize(r.influence),
      stance: r.support === null ? 'unknown' : humanize(r.support),
      favours,
      mustDo: mustDo.length > 0 ? `The proposal must ${mustDo.join('; ')}.` : 'Not known: ask what they need from it.',
    };
  });
  const threat = alternatives
    .map((a) => ({ a, threat: known<number>(a.id, 'threat') ?? 0 }))
    .sort((x, y) => y.threat - x.threat)[0];
  if (threat && threat.threat > 0)
    for (const section of ['executive_summary', 'value_case', 'implementation_plan'] as const)
      toBeat.push({
        section,
        alternative: threat.a.name,
        why: `the strongest alternative (threat ${threat.threat} of 4)`,
      });
  sections.appendix = rows.length === 0 ? 'generic' : rows.every((r) => r.support !== null) ? 'full' : 'weak';
  if (rows.length === 0)
    note('appendix', 'buying_group', "We don't know who evaluates this proposal.", {
      kind: 'evaluator',
      field: 'roles',
    });

  const totalWeight = Object.values(SECTION_WEIGHTS).reduce((s, w) => s + w, 0);
  const score = DRAFT_SECTIONS.reduce((s, k) => s + SECTION_WEIGHTS[k] * QUALITY_SCORE[sections[k]], 0);

  const rests = (section: DraftSection) => sections[section] !== 'generic';
  return {
    known: {
      customer: true,
      deal: true,
      date: true,
      seller: true,
      executive_summary: rests('executive_summary'),
      business_issues: rests('business_issues'),
      decision_criteria: rests('decision_criteria'),
      value_case: rests('value_case'),
      compelling_event: rests('compelling_event'),
      implementation_plan: rests('implementation_plan'),
      pricing: rests('pricing'),
      total_price: rests('pricing'),
    },
    values: {
      customer: esc(deal.accountName),
      deal: esc(deal.name),
      date: day(deal.today),
      seller: esc(deal.sellerName),
      executive_summary: executiveSummary,
      business_issues: businessIssues,
      decision_criteria: decisionCriteria,
      value_case: value.join('\n\n'),
      compelling_event: why.join('\n\n'),
      implementation_plan: plan.join('\n'),
      pricing,
      total_price: money(price.amountMinor, price.currency),
    },
    sections,
    notes,
    appendix: { evaluators, toBeat },
    completeness: Math.round((100 * score) / totalWeight),
  };
}
