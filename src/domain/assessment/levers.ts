import type { EvidenceSource } from '../knowledge/evidence.ts';
import { passedChampionTests } from '../knowledge/scoring.ts';
import { US, type FactField, type ItemKind } from '../knowledge/schema.ts';
import { addDays } from '../dates.ts';
import type { KnowledgeFact, KnowledgeItem, KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import type { DealContext, Signals } from './signals.ts';

// Moves a seller can make, each as the facts it would establish if it succeeded. Recomputing the
// probability with those facts (what-if) tells how much each move is worth.

export type Hypothesis = { items: KnowledgeItem[]; facts: KnowledgeFact[] };

export type Lever = {
  id: string;
  action: string;
  question: string;
  ask: { role: 'champion' | 'economic_buyer' | 'evaluator' | 'anyone'; evaluatorId: string | null };
  /** 1 easy (one conversation) to 3 hard (changing someone's mind) */
  ease: 1 | 2 | 3;
  hypothesis: Hypothesis;
};

type Builder = ReturnType<typeof hypothesisBuilder>;

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
      const itemId = s.item(target) || items.some((i) => i.id === target) ? target : singletonId(target as ItemKind);
      facts.push({
        id: `what-if-fact-${++n}`,
        itemId,
        field,
        qualifier,
        isUnknown: false,
        value,
        evidence: evidence(source),
        lastVerifiedAt: null,
        recordedAt: at,
        retiredAt: null,
      });
    },
    done: (): Hypothesis => ({ items, facts }),
  };
}

function best<T>(list: readonly T[], score: (t: T) => number): T | undefined {
  return [...list].sort((a, b) => score(b) - score(a))[0];
}

/** The levers that apply to this opportunity now. */
export function levers(s: KnowledgeSnapshot, signals: Signals, ctx: DealContext): Lever[] {
  const out: Lever[] = [];
  const evaluators = s.itemsOf('evaluator');
  const influence = (id: string) =>
    (({ high: 3, medium: 2, low: 1 }) as Record<string, number>)[s.known<string>(id, 'influence') ?? ''] ?? 0;
  const pa = s.singleton('power_access')?.id;
  const ebId =
    s.known<string>(pa, 'economicBuyer') ??
    evaluators.find((e) => (s.known<string[]>(e.id, 'roles') ?? []).includes('economic_buyer'))?.id;
  const champion = best(
    evaluators,
    (e) =>
      passedChampionTests(s, e.id).length * 10 +
      (['mentor', 'supporter'].includes(s.known<string>(e.id, 'support') ?? '') ? 5 : 0) +
      influence(e.id),
  );
  const championAsk = { role: 'champion' as const, evaluatorId: champion?.id ?? null };
  const make = (
    id: string,
    action: string,
    question: string,
    ask: Lever['ask'],
    ease: Lever['ease'],
    build: (b: Builder) => void,
  ) => {
    const b = hypothesisBuilder(s, ctx.asOf);
    build(b);
    out.push({ id, action, question, ask, ease, hypothesis: b.done() });
  };

  if (!signals.ebIdentified) {
    make(
      'identify-economic-buyer',
      'Find out who the economic buyer is',
      'Who signs, and who can still say no after everyone else says yes?',
      championAsk,
      1,
      (b) => {
        const eb = b.item('evaluator', {});
        b.set(eb, 'roles', ['economic_buyer']);
        b.set(eb, 'influence', 'high');
        b.set('power_access', 'economicBuyer', eb);
      },
    );
  } else if (signals.ebEngaged !== true) {
    make(
      'confirm-economic-buyer-priority',
      'Meet the economic buyer and get the priority confirmed',
      'Is this one of your priorities this year, and what would you need to see to approve it?',
      { role: 'economic_buyer', evaluatorId: ebId ?? null },
      2,
      (b) => {
        b.set('power_access', 'ebMet', true, 'buyer_action');
        b.set('power_access', 'ebConfirmedPriority', true, 'buyer_action');
      },
    );
  }
  if (champion && !signals.championPowerPassed) {
    make(
      'test-champion',
      'Test the champion: ask them to get us to the economic buyer and to co-own the plan',
      'Can you get us thirty minutes with the economic buyer, and will you build the plan with us?',
      championAsk,
      2,
      (b) => {
        b.set(champion.id, 'testPower', 'passed', 'buyer_action');
        b.set(champion.id, 'testAccess', 'passed', 'buyer_action');
        b.set(champion.id, 'testCoOwnsPlan', 'passed', 'buyer_action');
      },
    );
  }
  for (const e of evaluators) {
    const high = influence(e.id) === 3 || e.id === ebId;
    if (!high) continue;
    const favours = s.known<string>(e.id, 'favours');
    const unknown = favours === undefined;
    if (favours !== undefined && favours !== US) {
      make(
        `win-over:${e.id}`,
        'Win over an influential evaluator who favours another option',
        'What would you need to believe to choose us?',
        { role: 'evaluator', evaluatorId: e.id },
        3,
        (b) => {
          b.set(e.id, 'favours', US);
          b.set(e.id, 'support', 'supporter');
        },
      );
    } else if (unknown) {
      make(
        `learn-stance:${e.id}`,
        'Learn which option an influential evaluator favours (worth this much if it is us)',
        'How do you see each of the options today?',
        { role: 'evaluator', evaluatorId: e.id },
        1,
        (b) => {
          b.set(e.id, 'favours', US);
        },
      );
    }
  }
  if (ebId && ['even_keel', 'overconfident'].includes(String(signals.ebResponseMode))) {
    make(
      'reframe-for-economic-buyer',
      'Create a gap the economic buyer feels: bring an insight that reframes how they do this today',
      'What results are you accountable for this year, and where are they at risk?',
      { role: 'economic_buyer', evaluatorId: ebId },
      3,
      (b) => {
        b.set(ebId, 'responseMode', 'trouble');
      },
    );
  }
  const failedMustHaves = s
    .itemsOf('criterion')
    .filter((c) => s.known(c.id, 'mandatory') === true && s.known(c.id, 'fit', US) === 'fails');
  if (failedMustHaves.length > 0) {
    make(
      'resolve-must-have',
      'Resolve the must-have we fail: confirm it is truly mandatory, or meet it another way (workaround, partner, roadmap)',
      'What is behind this requirement, and what happens if it is met differently?',
      championAsk,
      3,
      (b) => {
        for (const c of failedMustHaves) b.set(c.id, 'fit', 'meets', 'buyer_stated', US);
      },
    );
  }
  if (!signals.impactAgreed) {
    const issue = best(s.itemsOf('business_issue'), (i) => (s.known(i.id, 'priority') === 'top3_initiative' ? 2 : 1));
    make(
      'agree-impact',
      'Quantify the business impact with its owner and get it agreed',
      'How do you measure this today, and what is a one-point improvement worth?',
      ebId ? { role: 'economic_buyer', evaluatorId: ebId } : championAsk,
      2,
      (b) => {
        const target =
          issue?.id ?? b.item('business_issue', { title: 'Business issue to quantify', category: 'other' });
        if (ebId) b.set(target, 'owner', ebId);
        b.set(target, 'priority', 'important');
        b.set(target, 'ourImpact', 'strong');
        b.set(target, 'metric', { name: 'Measure', baseline: 10, target: 5, unit: '' });
        b.set(target, 'impact', { amountMinor: ctx.amountMinor * 3, currency: ctx.currency, period: 'year' });
        b.set(target, 'impactAgreed', true, 'buyer_written');
      },
    );
  }
  if (typeof signals.P2 !== 'number' || signals.P2 < 1) {
    make(
      'find-compelling-event',
      'Find the event that forces a decision, and what delay costs',
      'What happens if you do nothing until next year, and which date is driving this?',
      championAsk,
      3,
      (b) => {
        b.set('compelling_event', 'type', 'external_deadline');
        b.set('compelling_event', 'eventDate', addDays(ctx.expectedCloseDate, 30));
        b.set('compelling_event', 'costOfDelay', {
          amountMinor: Math.round(ctx.amountMinor / 4),
          currency: ctx.currency,
          per: 'month',
        });
        if (ebId) b.set('compelling_event', 'owner', ebId);
      },
    );
  }
  if (!signals.budgetAllocated) {
    make(
      'confirm-budget',
      'Confirm the budget is allocated and who owns it',
      'How will this be funded, and who controls that budget?',
      ebId ? { role: 'economic_buyer', evaluatorId: ebId } : championAsk,
      2,
      (b) => {
        b.set('funding', 'budgetStatus', 'allocated', 'buyer_written');
        if (ebId) b.set('funding', 'budgetOwner', ebId);
      },
    );
  }
  if (!signals.mapAgreed) {
    make(
      'agree-mutual-plan',
      'Agree a mutual action plan with a dated, buyer-owned next step',
      'Can we build the plan to your go-live date together?',
      championAsk,
      1,
      (b) => {
        b.set('decision_process', 'mutualPlanAgreed', true, 'buyer_action');
        b.set('decision_process', 'nextStep', 'Review the plan together');
        b.set('decision_process', 'nextStepDue', addDays(ctx.asOf, 7));
        if (champion) b.set('decision_process', 'nextStepOwner', champion.id);
      },
    );
  }
  if (typeof signals.criteriaFitAdvantage === 'number' && signals.criteriaFitAdvantage < 0) {
    make(
      'reshape-criteria',
      'Reshape the criteria toward our strengths where we fall short',
      'Where do we fall short today in your view, and what would make the difference?',
      championAsk,
      3,
      (b) => {
        for (const c of s.itemsOf('criterion')) {
          const fit = s.known<string>(c.id, 'fit', US);
          if (fit === 'partial' || fit === 'fails') b.set(c.id, 'fit', 'meets', 'buyer_stated', US);
        }
      },
    );
  }
  if (!signals.processKnown) {
    make(
      'map-process',
      'Map the decision process with owners and dates, including legal and procurement',
      'Walk me through what happens after you choose a supplier.',
      championAsk,
      1,
      (b) => {
        for (const [title, category, share] of [
          ['Technical validation', 'technical_validation', 0.4],
          ['Contract and legal', 'legal', 0.8],
        ] as const) {
          const step = b.item('decision_step', { title, category });
          b.set(
            step,
            'plannedDate',
            addDays(ctx.asOf, Math.max(1, Math.round(share * Math.max(1, Number(signals.daysToClose ?? 30))))),
          );
          if (champion) b.set(step, 'owner', champion.id);
        }
      },
    );
  }
  return out;
}
