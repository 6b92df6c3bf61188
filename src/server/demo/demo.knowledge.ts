import { addDays, daysBetween } from '../../domain/dates.ts';
import type { EvidenceSource } from '../../domain/knowledge/evidence.ts';
import { US, type ItemKind } from '../../domain/knowledge/schema.ts';
import type { Evidence, KnowledgeFact, KnowledgeItem } from '../../domain/knowledge/snapshot.ts';
import { createRandom, type Random } from '../../domain/random.ts';
import type { DemoContact, DemoOpportunity, DemoWorkspace } from './demo.data.ts';

// What the demo sellers know about their deals, generated from the same seed: strong deals, thin
// ones, deals with a hostile economic buyer or a competitor-written RFP, stalled ones, with
// evidence of every kind and some of it stale. Closed deals carry the knowledge they had, so
// outcomes can be learned from it.

export type DemoKnowledge = {
  items: Array<KnowledgeItem & { opportunityId: string }>;
  facts: Array<KnowledgeFact & { opportunityId: string }>;
};

export type Archetype = 'strong' | 'solid' | 'thin' | 'hostile_eb' | 'competitor_rfp' | 'stalled';

const SENIORITY = [
  'Chief',
  'VP',
  'General Counsel',
  'Head',
  'Director',
  'Manager',
  'Lead',
  'Architect',
  'Specialist',
  'Analyst',
];
const seniority = (title: string) => {
  const i = SENIORITY.findIndex((word) => title.includes(word));
  return i === -1 ? SENIORITY.length : i;
};

const COMPETITORS = [
  'Contoso Suite',
  'Fabrikam Cloud',
  'Northwind Analytics',
  'Tailspin Platform',
  'Litware One',
  'Adatum Systems',
];
const ISSUES: ReadonlyArray<readonly [string, string, string]> = [
  ['Month-end close takes twelve days and the board wants five', 'cost', 'Days to close'],
  ['Customer churn rose to 14 % after the last price change', 'revenue', 'Annual churn'],
  ['Field technicians spend a third of their day on paperwork', 'cost', 'Hours on admin per week'],
  ['Audit found we cannot trace who approved discounts', 'compliance', 'Untraceable approvals'],
  ['Forecast misses by more than 20 % each quarter', 'strategic', 'Forecast error'],
  ['Support backlog doubles every peak season', 'customer_experience', 'Open tickets at peak'],
];
const CRITERIA: ReadonlyArray<readonly [string, string]> = [
  ['Single sign-on with the corporate identity provider', 'formal'],
  ['Live within one quarter', 'formal'],
  ['Total cost over three years', 'formal'],
  ['Data stays in-region', 'formal'],
  ['Vendor they trust to be around in five years', 'informal'],
  ['Users like it in the pilot', 'informal'],
];

export function archetypeFor(random: Random, o: DemoOpportunity): Archetype {
  if (o.status === 'won')
    return random.weighted<Archetype>([
      ['strong', 5],
      ['solid', 4],
      ['thin', 1],
    ]);
  if (o.status === 'lost')
    return random.weighted<Archetype>([
      ['hostile_eb', 3],
      ['competitor_rfp', 3],
      ['thin', 2],
      ['solid', 1],
    ]);
  if (o.status === 'no_decision')
    return random.weighted<Archetype>([
      ['stalled', 5],
      ['thin', 3],
      ['solid', 1],
    ]);
  return random.weighted<Archetype>([
    ['strong', 2],
    ['solid', 3],
    ['thin', 3],
    ['hostile_eb', 1],
    ['competitor_rfp', 1],
    ['stalled', 1],
  ]);
}

export function generateDemoKnowledge(ws: DemoWorkspace, today: string, seed: number): DemoKnowledge {
  const random = createRandom(seed ^ 0x5eed);
  const out: DemoKnowledge = { items: [], facts: [] };
  const contactsByAccount = new Map<string, DemoContact[]>();
  for (const c of ws.contacts) contactsByAccount.set(c.accountId, [...(contactsByAccount.get(c.accountId) ?? []), c]);
  const userByEmail = new Map(ws.users.map((u) => [u.email, u.id]));
  for (const o of ws.opportunities) {
    const contacts = [...(contactsByAccount.get(o.accountId) ?? [])].sort(
      (a, b) => seniority(a.title) - seniority(b.title),
    );
    if (contacts.length < 2) continue;
    dealKnowledge(random, o, contacts, userByEmail.get(o.ownerEmail)!, today, archetypeFor(random, o), out);
  }
  return out;
}

function dealKnowledge(
  random: Random,
  o: DemoOpportunity,
  contacts: DemoContact[],
  sellerId: string,
  today: string,
  archetype: Archetype,
  out: DemoKnowledge,
): void {
  const start = o.createdAt.slice(0, 10);
  const end = o.closedDate ?? today;
  const span = Math.max(1, daysBetween(start, end));
  /** a day within the deal's life so far: early (0) to recent (1) */
  const day = (from: number, to: number) =>
    addDays(start, Math.min(span, Math.round(span * (from + (to - from) * random.next()))));
  const at = (date: string) =>
    `${date}T${String(random.int(8, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const evidence = (source: EvidenceSource, text: string, contactId: string | null, observedAt: string): Evidence => ({
    text,
    source,
    contactId,
    observedAt,
    recordedBy: sellerId,
  });
  const item = (
    kind: ItemKind,
    ev: Evidence,
    identity: { title?: string; contactId?: string; category?: string } = {},
  ) => {
    const it = {
      id: random.uuid(),
      opportunityId: o.id,
      kind,
      title: identity.title ?? null,
      contactId: identity.contactId ?? null,
      category: identity.category ?? null,
      evidence: ev,
      createdAt: at(ev.observedAt),
      retiredAt: null,
    };
    out.items.push(it);
    return it.id;
  };
  const singletons = new Map<ItemKind, string>();
  const set = (
    target: string | ItemKind,
    field: string,
    value: unknown,
    ev: Evidence,
    qualifier: string | null = null,
  ) => {
    let itemId = target;
    if (
      ['compelling_event', 'buying_group', 'power_access', 'competition', 'decision_process', 'funding'].includes(
        target,
      )
    ) {
      const kind = target as ItemKind;
      if (!singletons.has(kind)) singletons.set(kind, item(kind, ev));
      itemId = singletons.get(kind)!;
    }
    out.facts.push({
      id: random.uuid(),
      opportunityId: o.id,
      itemId,
      field,
      qualifier,
      isUnknown: value === 'unknown',
      value: value === 'unknown' ? null : value,
      evidence: ev,
      lastVerifiedAt: null,
      recordedAt: at(ev.observedAt),
      retiredAt: null,
    });
  };

  const [senior, second, ...rest] = contacts as [DemoContact, DemoContact, ...DemoContact[]];
  const champion = rest[0] ?? second;
  const strong = archetype === 'strong';
  const thin = archetype === 'thin';

  // IO3: who evaluates
  const early = day(0, 0.25);
  const evaluators = new Map<string, string>();
  const addEvaluator = (c: DemoContact, source: EvidenceSource, text: string, witness: string | null, when: string) => {
    const id = item('evaluator', evidence(source, text, witness, when), { contactId: c.id });
    evaluators.set(c.id, id);
    return id;
  };
  const champId = addEvaluator(
    champion,
    thin ? 'seller_inference' : 'buyer_stated',
    `${champion.name} set up the first meeting and walked us through the project`,
    thin ? null : champion.id,
    early,
  );
  set(
    champId,
    'roles',
    [champion === second ? 'technical_evaluator' : 'user_evaluator', 'coach'],
    evidence(
      thin ? 'seller_inference' : 'buyer_stated',
      'Described their part in the evaluation',
      thin ? null : champion.id,
      early,
    ),
  );
  set(
    champId,
    'influence',
    thin ? 'unknown' : 'medium',
    evidence('buyer_stated', 'Leads the working group', champion.id, early),
  );
  if (thin) {
    set('power_access', 'economicBuyer', 'unknown', evidence('seller_inference', '', null, early));
    set(
      'funding',
      'budgetStatus',
      random.chance(0.5) ? 'unknown' : 'identified_not_approved',
      evidence('seller_inference', 'We think there is money in the plan', null, early),
    );
    const issue = item(
      'business_issue',
      evidence('seller_inference', 'Sounds like their process is slow', null, early),
      { title: random.pick(ISSUES)[0], category: 'cost' },
    );
    set(issue, 'priority', 'unknown', evidence('seller_inference', '', null, early));
    return;
  }
  const mid = day(0.25, 0.6);
  const ebId = addEvaluator(
    senior,
    'buyer_stated',
    `${champion.name} told us ${senior.name} signs off anything this size`,
    champion.id,
    mid,
  );
  set(
    ebId,
    'roles',
    ['economic_buyer', 'approver'],
    evidence(
      'buyer_secondhand',
      `${champion.name}: "${senior.name.split(' ')[0]} signs off anything over budget"`,
      champion.id,
      mid,
    ),
  );
  set(ebId, 'influence', 'high', evidence('buyer_stated', 'Chairs the steering committee', champion.id, mid));
  set(
    'power_access',
    'economicBuyer',
    ebId,
    evidence('buyer_stated', `${champion.name} named ${senior.name} as the budget holder`, champion.id, mid),
  );
  const techId =
    second !== champion
      ? addEvaluator(second, 'buyer_stated', `${second.name} joined the technical deep-dive`, second.id, mid)
      : champId;
  if (techId !== champId) {
    set(
      techId,
      'roles',
      ['technical_evaluator'],
      evidence('buyer_stated', 'Runs the technical evaluation', second.id, mid),
    );
    set(
      techId,
      'influence',
      random.pick(['medium', 'high']),
      evidence('buyer_stated', 'Has a veto on architecture', champion.id, mid),
    );
    set(
      techId,
      'coverage',
      strong ? 'in_depth' : random.pick(['brief', 'multiple']),
      evidence('buyer_action', 'Attended two workshops', second.id, day(0.5, 0.9)),
    );
  }
  set(
    ebId,
    'coverage',
    strong ? 'multiple' : archetype === 'hostile_eb' ? 'brief' : random.pick(['none', 'brief', 'multiple']),
    evidence('buyer_action', 'Meeting history with us', senior.id, day(0.5, 0.95)),
  );
  set(champId, 'coverage', 'in_depth', evidence('buyer_action', 'Weekly calls', champion.id, day(0.6, 1)));

  // IO6 alternatives
  const rivalName = random.pick(COMPETITORS);
  const rival = item(
    'alternative',
    evidence('buyer_stated', `"We are also talking to ${rivalName}"`, champion.id, early),
    { title: rivalName, category: 'competitor' },
  );
  set(
    rival,
    'status',
    archetype === 'competitor_rfp' ? 'shortlisted' : random.pick(['evaluating', 'shortlisted', 'some_interest']),
    evidence('buyer_stated', `${rivalName} presented last week`, champion.id, mid),
  );
  set(
    rival,
    'threat',
    archetype === 'competitor_rfp' ? 4 : random.int(1, 3),
    evidence('seller_inference', 'Our read of the field', null, mid),
  );
  const doNothing = item(
    'alternative',
    evidence('buyer_stated', '"We could also just live with it another year"', senior.id, mid),
    { title: 'Keep the current process', category: 'do_nothing' },
  );
  if (archetype === 'competitor_rfp') {
    set(
      rival,
      'shapedRequirements',
      true,
      evidence('buyer_written', `The RFP copies ${rivalName}'s product sheet almost word for word`, null, mid),
    );
    set(
      'decision_process',
      'formalTender',
      true,
      evidence('buyer_written', 'RFP issued through procurement', null, mid),
    );
    set('decision_process', 'rfpReceived', true, evidence('buyer_written', 'RFP received by email', null, mid));
    set(
      'decision_process',
      'rfpInfluenced',
      false,
      evidence('seller_inference', 'We saw it only when it was published', null, mid),
    );
  }

  // IO4 stance
  const ebFavours =
    archetype === 'hostile_eb'
      ? random.pick([rival, doNothing])
      : archetype === 'stalled'
        ? doNothing
        : archetype === 'competitor_rfp'
          ? rival
          : strong
            ? US
            : random.pick([US, US, rival]);
  const late = day(0.6, 1);
  set(
    ebId,
    'favours',
    ebFavours,
    evidence(
      strong ? 'buyer_stated' : random.pick(['buyer_stated', 'buyer_secondhand', 'seller_inference']),
      ebFavours === US
        ? `${senior.name}: "Your plan is the one I can defend to the board"`
        : `${senior.name} keeps asking why we would not stay as we are`,
      strong ? senior.id : champion.id,
      late,
    ),
  );
  set(
    ebId,
    'support',
    archetype === 'hostile_eb' ? random.pick(['non_supporter', 'enemy']) : strong ? 'supporter' : 'neutral',
    evidence('buyer_stated', 'Tone in the last steering meeting', senior.id, late),
  );
  set(
    ebId,
    'responseMode',
    archetype === 'stalled' ? 'even_keel' : random.pick(['growth', 'trouble', 'even_keel']),
    evidence('buyer_stated', 'How they describe the situation', senior.id, mid),
  );
  set(champId, 'favours', US, evidence('buyer_stated', '"I want this to be you"', champion.id, late));
  set(
    champId,
    'support',
    strong ? 'mentor' : 'supporter',
    evidence('buyer_action', 'Shared internal slides with us', champion.id, late),
  );
  set(
    champId,
    'personalWin',
    'Wants to lead the rollout and be seen to fix the problem',
    evidence('buyer_stated', 'Told us over lunch', champion.id, mid),
  );
  if (techId !== champId)
    set(
      techId,
      'favours',
      archetype === 'competitor_rfp' ? rival : random.pick([US, rival]),
      evidence('buyer_stated', 'Scored the demos', second.id, late),
    );

  // IO5 champion tests
  const passedSource: EvidenceSource = strong ? 'buyer_action' : 'buyer_stated';
  set(
    champId,
    'testSharesInsideInfo',
    'passed',
    evidence('buyer_written', 'Forwarded the internal scoring sheet', champion.id, mid),
  );
  set(
    champId,
    'testAccess',
    strong ? 'passed' : random.pick(['passed', 'not_tested']),
    evidence(passedSource, `Arranged our meeting with ${senior.name}`, champion.id, late),
  );
  set(
    champId,
    'testPower',
    strong ? 'passed' : random.pick(['not_tested', 'failed', 'passed']),
    evidence(strong ? 'buyer_action' : 'seller_inference', 'Got the last software purchase through', champion.id, mid),
  );
  if (strong) {
    set(
      champId,
      'testSellsInternally',
      'passed',
      evidence('buyer_action', 'Defended us in a meeting we were not in (minutes shared)', champion.id, late),
    );
    set(
      champId,
      'testVestedInterest',
      'passed',
      evidence('buyer_written', 'Their objectives this year include this project', champion.id, mid),
    );
  }
  set(
    'power_access',
    'ebMet',
    strong || random.chance(0.5),
    evidence('buyer_action', `Meeting with ${senior.name}`, senior.id, late),
  );
  set(
    'power_access',
    'ebConfirmedPriority',
    strong ? true : archetype === 'stalled' || archetype === 'hostile_eb' ? false : 'unknown',
    evidence(
      strong ? 'buyer_action' : 'buyer_stated',
      strong ? 'Put it on the board agenda' : 'Would not commit in the meeting',
      senior.id,
      late,
    ),
  );
  if (archetype === 'hostile_eb')
    set(
      'power_access',
      'counterChampion',
      ebId,
      evidence(
        'buyer_secondhand',
        `${champion.name}: "${senior.name.split(' ')[0]} is pushing for the other option"`,
        champion.id,
        late,
      ),
    );

  // IO1 business issue
  const [issueText, category, metric] = random.pick(ISSUES);
  const issue = item('business_issue', evidence('buyer_stated', `"${issueText}"`, senior.id, early), {
    title: issueText,
    category,
  });
  set(issue, 'owner', ebId, evidence('buyer_stated', 'Owns the target', senior.id, mid));
  set(
    issue,
    'priority',
    strong ? 'top3_initiative' : archetype === 'stalled' ? 'nice_to_have' : 'important',
    evidence('buyer_stated', 'Listed in the annual plan', senior.id, mid),
  );
  set(
    issue,
    'ourImpact',
    strong ? 'unique' : 'strong',
    evidence('seller_inference', 'Our assessment of fit', null, mid),
  );
  if (!['stalled'].includes(archetype)) {
    set(
      issue,
      'metric',
      { name: metric, baseline: random.int(10, 40), target: random.int(2, 9), unit: '' },
      evidence('buyer_written', 'From their operations report', champion.id, mid),
    );
    set(
      issue,
      'impact',
      { amountMinor: o.amountMinor * random.int(strong ? 3 : 1, strong ? 8 : 3), currency: o.currency, period: 'year' },
      evidence(strong ? 'buyer_written' : 'buyer_stated', 'Finance estimate', senior.id, mid),
    );
    if (strong)
      set(
        issue,
        'impactAgreed',
        true,
        evidence('buyer_written', 'Business case signed off by finance', senior.id, late),
      );
  }

  // IO2 compelling event
  if (archetype === 'stalled') {
    set('compelling_event', 'type', 'none', evidence('buyer_stated', '"There is no hard deadline"', senior.id, mid));
  } else {
    const type = strong
      ? random.pick(['regulatory', 'contract_expiry', 'external_deadline'])
      : random.pick(['fiscal_budget_cycle', 'leadership_mandate', 'project_dependency']);
    set('compelling_event', 'type', type, evidence('buyer_stated', 'Why now', senior.id, mid));
    set(
      'compelling_event',
      'eventDate',
      addDays(o.expectedCloseDate, random.int(10, 60)),
      evidence(strong ? 'buyer_written' : 'buyer_stated', 'Date in their programme plan', champion.id, mid),
    );
    set('compelling_event', 'owner', ebId, evidence('buyer_stated', 'On the hook for the date', champion.id, mid));
    if (strong)
      set(
        'compelling_event',
        'costOfDelay',
        { amountMinor: Math.round(o.amountMinor / 4), currency: o.currency, per: 'month' },
        evidence('buyer_written', 'Penalty clause in the old contract', senior.id, mid),
      );
  }

  // IO7 criteria
  for (const [text, kind] of [CRITERIA[random.int(0, 3)]!, CRITERIA[random.int(4, 5)]!]) {
    const c = item(
      'criterion',
      evidence(
        archetype === 'competitor_rfp' && kind === 'formal' ? 'buyer_written' : 'buyer_stated',
        kind === 'formal' ? 'In the requirements document' : 'Came up in every meeting',
        champion.id,
        mid,
      ),
      { title: text, category: kind },
    );
    const mandatory = kind === 'formal';
    set(c, 'mandatory', mandatory, evidence('buyer_written', 'Marked must-have', champion.id, mid));
    set(c, 'weight', mandatory ? 40 : 20, evidence('buyer_stated', 'Scoring weights', champion.id, mid));
    set(c, 'caresAbout', [techId], evidence('buyer_stated', 'Raised it first', champion.id, mid));
    set(
      c,
      'authoredBy',
      archetype === 'competitor_rfp' ? 'competitor' : strong ? 'us' : 'customer',
      evidence('seller_inference', 'Wording matches', null, mid),
    );
    const ourFit =
      archetype === 'competitor_rfp' && mandatory
        ? random.pick(['partial', 'fails'])
        : strong
          ? 'exceeds'
          : random.pick(['meets', 'partial']);
    set(c, 'fit', ourFit, evidence('buyer_stated', 'Demo scoring', second.id, late), US);
    set(
      c,
      'fit',
      archetype === 'competitor_rfp' ? 'exceeds' : random.pick(['meets', 'partial']),
      evidence('buyer_stated', 'Demo scoring', second.id, late),
      rival,
    );
  }

  // IO8 process
  const steps: Array<[string, string, number]> = [
    ['Technical validation', 'technical_validation', 0.3],
    ['Security review', 'security_review', 0.6],
    ['Contract and legal', 'legal', 0.95],
  ];
  for (const [name, type, share] of steps) {
    const step = item('decision_step', evidence('buyer_stated', 'Walked us through the process', champion.id, mid), {
      title: name,
      category: type,
    });
    const planned = addDays(start, Math.round(daysBetween(start, o.expectedCloseDate) * share));
    set(step, 'owner', type === 'legal' ? ebId : techId, evidence('buyer_stated', 'Step owner', champion.id, mid));
    set(
      step,
      'plannedDate',
      archetype === 'stalled' && type === 'legal' ? addDays(o.expectedCloseDate, 45) : planned,
      evidence('buyer_stated', 'From the project plan', champion.id, mid),
    );
    set(
      step,
      'status',
      planned < end ? 'done' : 'not_started',
      evidence('buyer_action', 'Progress update', champion.id, late),
    );
  }
  set(
    'decision_process',
    'mutualPlanAgreed',
    strong,
    evidence(
      strong ? 'buyer_action' : 'seller_inference',
      strong ? 'Champion edits the shared plan weekly' : 'No shared plan yet',
      strong ? champion.id : null,
      late,
    ),
  );
  set(
    'decision_process',
    'purchasingInvolved',
    random.pick([true, false, 'unknown']),
    evidence('buyer_stated', 'Procurement involvement', champion.id, mid),
  );

  // IO9 funding
  const budget = strong
    ? 'allocated'
    : archetype === 'stalled'
      ? 'must_be_created'
      : archetype === 'hostile_eb'
        ? random.pick(['identified_not_approved', 'none'])
        : 'identified_not_approved';
  set(
    'funding',
    'budgetStatus',
    budget,
    evidence(
      strong ? 'buyer_written' : 'buyer_stated',
      strong ? 'Budget line approved in the capital plan' : 'Money is not approved yet',
      senior.id,
      mid,
    ),
  );
  set('funding', 'budgetOwner', ebId, evidence('buyer_stated', 'Controls the budget', champion.id, mid));
  set(
    'funding',
    'priceVsBudget',
    archetype === 'hostile_eb' ? 'above' : 'within',
    evidence('buyer_stated', 'Reaction to the price range', senior.id, late),
  );
  set('funding', 'pricingDiscussed', true, evidence('buyer_action', 'Reviewed our proposal', senior.id, late));
  if (strong) {
    set('funding', 'valueAgreed', true, evidence('buyer_written', 'Signed business case', senior.id, late));
    set(
      'funding',
      'valueToCustomer',
      { amountMinor: o.amountMinor * 4, currency: o.currency, period: 'year' },
      evidence('buyer_written', 'Business case', senior.id, late),
    );
  }
  set(
    'funding',
    'fundingSource',
    random.pick(['Operations budget', 'Digital programme', 'Capital plan']),
    evidence('third_party', 'Their annual report names the programme', null, early),
  );
}
