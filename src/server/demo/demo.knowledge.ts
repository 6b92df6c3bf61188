import { addDays, daysBetween } from '../../domain/dates.ts';
import { toMajorUnits } from '../../domain/currency.ts';
import type { EvidenceSource } from '../../domain/knowledge/evidence.ts';
import { KNOWLEDGE_SCHEMA, US, type FactField, type ItemKind } from '../../domain/knowledge/schema.ts';
import type { Evidence, KnowledgeFact, KnowledgeItem } from '../../domain/knowledge/snapshot.ts';
import { createRandom, type Random } from '../../domain/random.ts';
import { PARTS } from './demo.cast.ts';
import type { CastMember, DealPlan, DemoOpportunity, DemoWorkspace } from './demo.data.ts';

// What the demo sellers learned about their deals, written from each deal's story: what the
// customer said, wrote or did, by whom and when, up to the stage the deal reached. Early deals know
// little; late ones know more, or know they are in trouble. Closed deals keep what was known when
// they closed, so outcomes can be learned from it.

export type DemoKnowledge = {
  items: Array<KnowledgeItem & { opportunityId: string }>;
  facts: Array<KnowledgeFact & { opportunityId: string }>;
};

export function generateDemoKnowledge(ws: DemoWorkspace, today: string, seed: number): DemoKnowledge {
  const random = createRandom(seed ^ 0x5eed);
  const out: DemoKnowledge = { items: [], facts: [] };
  const userByEmail = new Map(ws.users.map((u) => [u.email, u.id]));
  for (const o of ws.opportunities) new DealWriter(random, o, userByEmail.get(o.ownerEmail)!, today, out).write();
  return out;
}

const first = (m: CastMember) => m.name.split(' ')[0]!;
const SAID_WHERE = [
  'on the discovery call',
  'in the workshop',
  'after the demo',
  'in the steering meeting',
  'on our weekly call',
  'over lunch',
  'in the pilot review',
];
const SINGLETONS: ReadonlySet<ItemKind> = new Set([
  'compelling_event',
  'buying_group',
  'power_access',
  'competition',
  'decision_process',
  'funding',
]);

type Target = string | ItemKind;

const VOLATILE_FIELDS: ReadonlySet<string> = new Set(
  KNOWLEDGE_SCHEMA.flatMap((k) => k.fields.filter((f) => f.volatile).map((f) => f.key)),
);

/** Writes one deal's knowledge, phase by phase: 0 qualify, 1 discover, 2 solution, 3 propose and later. */
class DealWriter {
  #r: Random;
  readonly #o: DemoOpportunity;
  readonly #plan: DealPlan;
  readonly #seller: string;
  readonly #out: DemoKnowledge;
  readonly #today: string;
  /** the highest phase the deal reached */
  readonly phase: number;
  /** the last day anyone on the buyer's side was heard from */
  readonly #lastTouch: string;
  readonly #start: string;
  /** evaluator item ids by contact id */
  readonly #evaluators = new Map<string, string>();
  readonly #singletons = new Map<ItemKind, string>();
  readonly #alternatives = new Map<string, string>();
  readonly #facts = new Map<string, KnowledgeFact & { opportunityId: string }>();

  constructor(random: Random, o: DemoOpportunity, sellerId: string, today: string, out: DemoKnowledge) {
    this.#r = random;
    this.#o = o;
    this.#plan = o.plan;
    this.#seller = sellerId;
    this.#out = out;
    this.#today = today;
    this.phase = Math.min(3, o.plan.stageReached);
    // nothing is recorded later than yesterday on a deal still open: the load happens today, at
    // whatever hour, and must not hold facts from later that day
    this.#latest = o.status === 'open' ? addDays(today, -1) : o.plan.end;
    this.#start = o.plan.stageDates[0]!;
    this.#lastTouch = o.plan.plot.stale
      ? addDays(o.plan.end, -random.int(35, Math.max(36, Math.min(80, daysBetween(this.#start, o.plan.end) - 10))))
      : o.plan.end;
    if (this.#lastTouch <= this.#start) this.#lastTouch = addDays(this.#start, 1);
    if (this.#lastTouch > this.#latest) this.#lastTouch = this.#latest;
    const lastCall = addDays(this.#lastTouch, -random.int(0, 6));
    this.#lastCall = lastCall < this.#start ? this.#start : lastCall;
  }
  readonly #lastCall: string;
  readonly #latest: string;

  // ---- the cast

  get eb(): CastMember {
    return this.#plan.cast[0]!;
  }
  /** the person we work with most: our champion (or coach), or whoever we talk to */
  get main(): CastMember {
    return this.#plan.cast[1]!;
  }
  get successor(): CastMember | undefined {
    return this.#plan.plot.champion === 'left' ? this.#plan.cast[2] : undefined;
  }
  get newcomer(): CastMember | undefined {
    return this.#plan.cast.find((m) => m.part === 'newcomer');
  }
  member(part: CastMember['part']): CastMember | undefined {
    return this.#plan.cast.find((m) => m.part === part && m.arrivesOn === null);
  }
  /** the rest of the group, as named over the deal */
  get others(): CastMember[] {
    return this.#plan.cast.slice(2).filter((m) => m.arrivesOn === null);
  }

  // ---- time

  /**
   * A meeting day within a phase (0 early .. 1 late in it), never after the last touch: what is
   * learned comes from a handful of conversations per phase, each yielding several facts.
   */
  day(phase: number, from = 0, to = 1): string {
    const meetings = this.meetingsOf(phase);
    const wanted =
      meetings[Math.min(meetings.length - 1, Math.floor((from + (to - from) * this.#r.next()) * meetings.length))]!;
    return wanted;
  }
  readonly #meetings = new Map<number, string[]>();
  meetingsOf(phase: number): string[] {
    let days = this.#meetings.get(phase);
    if (days) return days;
    const dates = this.#plan.stageDates;
    const begin = dates[Math.min(phase, dates.length - 1)]!;
    const finish = phase + 1 < dates.length && phase < 3 ? dates[phase + 1]! : this.#plan.end;
    const span = Math.max(0, daysBetween(begin, finish));
    // a deal gone quiet: its whole story squeezed before the silence
    const life = Math.max(1, daysBetween(this.#start, this.#plan.end));
    const lived = Math.max(1, daysBetween(this.#start, this.#lastTouch));
    const squeeze = (d: string) =>
      lived >= life ? d : addDays(this.#start, Math.round((daysBetween(this.#start, d) * lived) / life));
    const count = phase === 3 ? this.#r.int(3, 5) : this.#r.int(2, 4);
    days = [
      ...new Set(
        Array.from({ length: count }, (_, i) =>
          squeeze(addDays(begin, Math.round((span * (i + this.#r.next())) / count))),
        ),
      ),
    ].sort();
    this.#meetings.set(phase, days);
    return days;
  }
  /** the latest conversation with the buyer */
  recent(): string {
    return this.#lastCall;
  }
  at(date: string): string {
    const r = this.#r;
    return `${date}T${String(r.int(8, 18)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`;
  }

  // ---- words

  pick<T>(items: readonly T[]): T {
    return this.#r.pick(items);
  }
  /** what someone said, and where: one place per day, as one meeting yields several facts */
  said(who: CastMember, words: string, on: string): string {
    let where = this.#places.get(on);
    if (!where) this.#places.set(on, (where = this.pick(SAID_WHERE)));
    return `${first(who)} ${where}: "${words}"`;
  }
  readonly #places = new Map<string, string>();
  ev(source: EvidenceSource, text: string, who: CastMember | null, observedAt: string): Evidence {
    const on = observedAt > this.#latest ? this.#latest : observedAt;
    return { text, source, contactId: who?.contactId ?? null, observedAt: on, recordedBy: this.#seller };
  }
  stated(who: CastMember, words: string, on: string): Evidence {
    return this.ev('buyer_stated', this.said(who, words, on), who, on);
  }
  written(who: CastMember | null, text: string, on: string): Evidence {
    return this.ev('buyer_written', text, who, on);
  }
  did(who: CastMember, text: string, on: string): Evidence {
    return this.ev('buyer_action', text, who, on);
  }
  heard(reporter: CastMember, text: string, on: string): Evidence {
    return this.ev('buyer_secondhand', text, reporter, on);
  }
  ourRead(text: string, on: string): Evidence {
    return this.ev('seller_inference', `Our read: ${text}`, null, on);
  }

  // ---- writing

  item(kind: ItemKind, ev: Evidence, identity: { title?: string; contactId?: string; category?: string } = {}): string {
    const it = {
      id: this.#r.uuid(),
      opportunityId: this.#o.id,
      kind,
      title: identity.title ?? null,
      contactId: identity.contactId ?? null,
      category: identity.category ?? null,
      evidence: ev,
      createdAt: this.at(ev.observedAt),
      retiredAt: null as string | null,
    };
    this.#out.items.push(it);
    this.#itemDays.set(it.id, ev.observedAt);
    return it.id;
  }
  readonly #itemDays = new Map<string, string>();

  set(target: Target, field: FactField, value: unknown, ev: Evidence, qualifier: string | null = null): void {
    let itemId = target;
    if (SINGLETONS.has(target as ItemKind)) {
      const kind = target as ItemKind;
      if (!this.#singletons.has(kind)) this.#singletons.set(kind, this.item(kind, ev));
      itemId = this.#singletons.get(kind)!;
    }
    // nothing is learned about an item before the item itself
    const born = this.#itemDays.get(itemId)!;
    if (ev.observedAt < born) ev = { ...ev, observedAt: born };
    const fact = {
      id: this.#r.uuid(),
      opportunityId: this.#o.id,
      itemId,
      field,
      qualifier,
      isUnknown: value === 'unknown',
      value: value === 'unknown' ? null : value,
      evidence: ev,
      lastVerifiedAt: null,
      recordedAt: this.at(ev.observedAt),
      retiredAt: null,
    };
    this.#out.facts.push(fact);
    this.#facts.set(`${itemId}|${field}|${qualifier ?? ''}`, fact);
  }

  /** the seller re-confirmed a fact with the buyer on `on` (as the knowledge page's "still true" does) */
  reconfirm(target: Target, field: FactField, on: string): void {
    const itemId = SINGLETONS.has(target as ItemKind) ? this.#singletons.get(target as ItemKind) : target;
    const fact = itemId ? this.#facts.get(`${itemId}|${field}|`) : undefined;
    if (!fact || fact.isUnknown) return;
    // re-confirmed only once it had begun to fade: a week for what changes fast, two months for the rest
    const volatile = VOLATILE_FIELDS.has(field);
    if (daysBetween(fact.evidence.observedAt, on) < (volatile ? 7 : 60)) return;
    const copy = { ...fact, id: this.#r.uuid(), lastVerifiedAt: on, recordedAt: this.at(on) };
    this.#out.facts.push(copy);
    this.#facts.set(`${itemId}|${field}|`, copy);
  }

  evaluator(m: CastMember, ev: Evidence): string {
    const known = this.#evaluators.get(m.contactId);
    if (known) return known;
    const id = this.item('evaluator', ev, { contactId: m.contactId });
    this.#evaluators.set(m.contactId, id);
    return id;
  }
  idOf(m: CastMember | undefined): string | undefined {
    return m ? this.#evaluators.get(m.contactId) : undefined;
  }
  /**
   * Who tells us about a subject: the person it belongs to once we know them (IT on its
   * requirements, finance on the budget), or our main contact; on a single-threaded deal, always
   * the main contact, which is what single-threaded means.
   */
  voice(...candidates: Array<CastMember | undefined>): CastMember {
    if (this.#plan.plot.singleThreaded) return this.main;
    return candidates.find((m) => m !== undefined && this.idOf(m) !== undefined && this.talks(m)) ?? this.main;
  }
  /** someone we have a real conversation with (the economic buyer only once met) */
  talks(m: CastMember): boolean {
    if (m === this.eb) return ['engaged', 'met', 'hostile'].includes(this.#plan.plot.economicBuyer) && this.phase >= 2;
    return !(this.#plan.plot.rival === 'in_house_unmapped' && m.part === 'technical');
  }

  // ---- the story

  write(): void {
    const p = this.#plan.plot;
    this.qualify();
    if (this.phase >= 1) this.discover();
    if (this.phase >= 2) this.solution();
    if (this.phase >= 3) this.propose();
    if (p.champion === 'left') this.championLeaves();
    if (this.newcomer) this.newcomerArrives(this.newcomer);
    if (p.rival === 'in_house_unmapped' && this.#o.status === 'lost') this.buildRevealed();
    if (p.blocker === 'security' && this.#o.status === 'lost') this.ownStream(() => this.residencyRevealed());
    this.nextStep();
    if (!p.stale && this.#o.status === 'open') this.checkIn();
  }

  /** Phase 0: the contact who brought the deal, the issue in their words, what we do not know yet. */
  qualify(): void {
    const { plot, issue, rival } = this.#plan;
    const main = this.main;
    const d0 = this.day(0, 0, 0.3);
    const mainId = this.evaluator(
      main,
      this.pick([
        this.stated(main, `${issue.title}. I need a fix before it gets worse.`, d0),
        this.did(main, `${first(main)} asked for a call after reading our guide and brought two pages of notes`, d0),
        this.written(main, `${first(main)} by email: "Can we talk next week? ${issue.title}."`, d0),
      ]),
    );
    const part = PARTS[main.part];
    this.set(
      mainId,
      'roles',
      plot.champion === 'none' ? ['user_evaluator'] : [...part.roles],
      this.stated(main, this.pick(['I run the evaluation day to day.', 'I will pull the team together for this.']), d0),
    );
    const influence = plot.champion === 'powerless' ? 'low' : part.influence;
    this.set(
      mainId,
      'influence',
      influence,
      plot.champion === 'powerless'
        ? this.ourRead(`${first(main)} is keen but rarely in the room when money is decided`, this.day(0, 0.3, 1))
        : this.ourRead(
            influence === 'low'
              ? `${first(main)} does the legwork but will not decide`
              : `${first(main)} leads the working group`,
            d0,
          ),
    );
    if (plot.petProject || plot.champion === 'powerless')
      this.set(
        mainId,
        'politicalStatus',
        'outside',
        this.heard(
          main,
          `${first(main)}: "Between us, the leadership team has not bought into this yet."`,
          this.day(0, 0.3, 1),
        ),
      );

    const issueId = this.item('business_issue', this.stated(main, issue.title, d0), {
      title: issue.title,
      category: issue.category,
    });
    this.issueId = issueId;
    if (plot.petProject) {
      this.set(issueId, 'owner', mainId, this.stated(main, 'This one is mine; I pitched it at the offsite.', d0));
      this.set(
        issueId,
        'priority',
        'top3_initiative',
        this.stated(main, 'For me this is the most important thing we could do this year.', d0),
      );
    }
    this.set(
      issueId,
      'ourImpact',
      plot.fit === 'behind' || plot.fit === 'fails_must' ? 'parity' : plot.fit === 'lead' ? 'unique' : 'strong',
      this.ourRead(
        plot.fit === 'lead'
          ? this.pick([
              `${first(main)}'s problem is squarely what we do best`,
              'three of our references had exactly this problem',
            ])
          : this.pick([`we can help ${first(main)}, as could others`, 'a fair fit; nothing only we can do']),
        d0,
      ),
    );
    if (rival && plot.rival === 'competitor' && this.#r.chance(0.5)) this.competitor(rival, 0);
    this.set(
      'funding',
      'budgetStatus',
      'unknown',
      this.ev('seller_inference', `Not asked ${first(main)} about money yet: too early`, null, d0),
    );
    if (plot.economicBuyer === 'unknown')
      this.set(
        'power_access',
        'economicBuyer',
        'unknown',
        this.stated(main, 'Who signs? Honestly, I am not sure yet; it depends on the amount.', this.day(0, 0.3, 1)),
      );
  }

  issueId = '';

  /** Phase 1: the economic buyer named, the group sketched, the event, the alternatives, the criteria, the budget. */
  discover(): void {
    const { plot, issue, rival, otherCompetitors, doNothing } = this.#plan;
    const main = this.main;
    const eb = this.eb;
    const d1 = () => this.day(1, 0, 0.8);
    if (plot.economicBuyer !== 'unknown') {
      const d = d1();
      const ebId = this.evaluator(
        eb,
        this.stated(main, `${eb.name} signs off anything this size; nothing moves without ${first(eb)}.`, d),
      );
      this.set(
        ebId,
        'roles',
        ['economic_buyer', 'approver'],
        this.stated(main, `${first(eb)} owns the budget and has the final word.`, d),
      );
      this.set(ebId, 'influence', 'high', this.stated(main, `${first(eb)} chairs the steering committee.`, d));
      this.set('power_access', 'economicBuyer', ebId, this.stated(main, `It is ${first(eb)}'s money, in the end.`, d));
      if (!plot.petProject)
        this.set(
          this.issueId,
          'owner',
          ebId,
          this.stated(main, `${first(eb)} has this target in the annual objectives.`, d),
        );
      if (plot.ebComplacent)
        this.set(
          ebId,
          'responseMode',
          'even_keel',
          this.heard(main, `${first(main)}: "${first(eb)} thinks the current way works well enough."`, d1()),
        );
    }
    // the group, as the main contact describes it; the rest is learned in the solution phase
    const others = this.others;
    const early = others.slice(0, Math.ceil(others.length / 2));
    for (const m of early) this.namePerson(m, 1);
    // a champion who shares inside information tells us early where the people with weight stand
    if (plot.champion === 'tested') this.relayStances([eb, ...early], d1());
    // a contact who backs us brings a colleague to the discovery workshop: two threads from the start
    const colleague = early.find((m) => this.talks(m));
    if (colleague && plot.champion !== 'none' && !plot.singleThreaded) {
      const d = d1();
      this.set(this.idOf(main)!, 'coverage', 'multiple', this.did(main, `Three calls with ${first(main)} so far`, d));
      this.set(
        this.idOf(colleague)!,
        'coverage',
        'multiple',
        this.did(colleague, `${first(colleague)} came to the discovery workshop with ${first(main)}`, d),
      );
    }

    this.event();
    const priority =
      plot.petProject || plot.event === 'none' || plot.ebComplacent
        ? 'nice_to_have'
        : plot.event === 'hard' || plot.value === 'agreed'
          ? 'top3_initiative'
          : 'important';
    if (!plot.petProject && plot.economicBuyer !== 'unknown')
      this.set(
        this.issueId,
        'priority',
        priority,
        priority === 'nice_to_have'
          ? this.heard(main, `${first(main)}: "It is on the list, but not near the top."`, d1())
          : this.stated(main, `It is in this year's plan; ${first(eb)} reports on it to the board.`, d1()),
      );
    if (plot.value !== 'vague') {
      const d = d1();
      this.set(
        this.issueId,
        'metric',
        { ...issue.metric },
        this.written(
          this.voice(this.member('user')),
          `${first(this.voice(this.member('user')))} shared the operations dashboard: ${issue.metric.name.toLowerCase()} sits at ${issue.metric.baseline} ${issue.metric.unit}, target ${issue.metric.target}`,
          d,
        ),
      );
      const amountMinor =
        this.#o.amountMinor * this.#r.int(plot.value === 'agreed' ? 3 : 1, plot.value === 'agreed' ? 7 : 3);
      this.set(
        this.issueId,
        'impact',
        { amountMinor, currency: this.#o.currency, period: 'year' },
        this.stated(main, impactWords(this.#o.name, issue.metric.name, amountMinor, this.#o.currency), d),
      );
    }
    // a pet project has one issue, its sponsor's
    for (const [title, category] of plot.petProject ? [] : this.#plan.sideIssues) {
      const raiser = this.pick(early.length > 0 ? early : [main]);
      const id = this.item('business_issue', this.stated(raiser, title, d1()), { title, category });
      const raiserId = this.idOf(raiser);
      if (raiserId) this.set(id, 'owner', raiserId, this.stated(raiser, 'That one lands on my desk.', d1()));
    }

    // the alternatives
    if (rival && plot.rival === 'competitor' && !this.#alternatives.has(rival)) this.competitor(rival, 1);
    if (rival && plot.rival === 'rfp_author') this.rfp(rival);
    for (const name of otherCompetitors) this.competitor(name, 1);
    if (doNothing) {
      const d = d1();
      const id = this.item(
        'alternative',
        this.stated(this.pick([main, eb]), 'We could also just live with it another year.', d),
        { title: 'Keep the current spreadsheets', category: 'do_nothing' },
      );
      this.#alternatives.set('do nothing', id);
      this.set(
        id,
        'status',
        plot.rival === 'status_quo' ? 'existing_relationship' : 'some_interest',
        this.ourRead(`${first(main)}'s team has lived with it for ${this.#r.int(3, 9)} years`, d),
      );
      this.set(
        id,
        'customerView',
        'It works, people know it, and it costs nothing extra',
        this.stated(main, 'The spreadsheets are ugly, but everyone knows them.', d),
      );
    }
    if (this.#alternatives.size > 0 && this.#r.chance(0.5))
      this.set(
        'competition',
        'shortlisted',
        true,
        this.written(
          main,
          `${first(main)} by email: "You are on the shortlist of ${this.#alternatives.size + 1}."`,
          d1(),
        ),
      );

    this.criteria();

    // money
    // an allocated budget is first only identified: the approval comes in writing later
    const budget = plot.budget;
    const fd = d1();
    if (budget === 'unknown')
      this.set(
        'funding',
        'budgetStatus',
        'unknown',
        this.stated(main, 'I do not know where the money comes from yet.', fd),
      );
    else {
      const [status, words] = (
        {
          allocated: ['identified_not_approved', 'There is a line for it in the plan; finance approves it next.'],
          identified: ['identified_not_approved', 'There is a line for it in next year’s plan, not yet approved.'],
          to_create: ['must_be_created', 'We would have to make the case for new money.'],
          none: ['none', 'There is no budget for this; it would have to come from somewhere else.'],
        } as const
      )[budget];
      this.set('funding', 'budgetStatus', status, this.stated(this.voice(this.member('finance')), words, fd));
      if (budget !== 'none' && plot.economicBuyer !== 'unknown' && !plot.petProject)
        this.set('funding', 'budgetOwner', this.idOf(eb)!, this.stated(main, `${first(eb)} holds that budget.`, fd));
      if (this.#r.chance(0.4))
        this.set(
          'funding',
          'fundingSource',
          this.pick(['Operations budget', 'Digital programme', 'Capital plan']),
          this.ev(
            'third_party',
            `${this.#o.name.split(' – ')[0]}'s annual report names the programme this would be paid from`,
            null,
            fd,
          ),
        );
    }
    if (plot.blocker === 'procurement')
      this.set(
        'decision_process',
        'purchasingInvolved',
        false,
        this.stated(main, 'Procurement? No, we can buy this directly from my budget.', d1()),
      );
  }

  /** Phase 2: the whole group, where each stands, the champion tested, fit scored, the steps. */
  solution(): void {
    const { plot } = this.#plan;
    const main = this.main;
    const eb = this.eb;
    const ebId = this.idOf(eb);
    const d2 = () => this.day(2, 0.1, 0.9);
    const others = this.others;
    for (const m of others.slice(Math.ceil(others.length / 2))) this.namePerson(m, 2);

    // coverage and stance, person by person
    const mainId = this.idOf(main)!;
    this.set(
      mainId,
      'coverage',
      'in_depth',
      this.did(main, `Weekly calls with ${first(main)} since the first meeting`, d2()),
    );
    this.set(
      mainId,
      'support',
      plot.champion === 'tested' || plot.champion === 'left'
        ? 'mentor'
        : plot.champion === 'none'
          ? 'neutral'
          : 'supporter',
      plot.champion === 'none'
        ? this.stated(main, 'I will give every vendor a fair hearing.', d2())
        : this.did(main, `${first(main)} shared their internal slides and asked us to check the numbers`, d2()),
    );
    if (plot.champion !== 'none')
      this.set(
        mainId,
        'favours',
        US,
        this.stated(main, this.pick(['I want this to be you.', 'Yours is the one the team talks about.']), d2()),
      );
    this.set(
      mainId,
      'personalWin',
      this.pick([
        'Wants to lead the rollout and be seen to fix the problem',
        'Up for promotion next year; this is the project that gets them there',
        'Wants their team to stop working weekends at month-end',
      ]),
      this.stated(main, 'If this works, it is my team that gets the credit.', d2()),
    );
    this.championTests();
    if (ebId) this.ebStance(ebId);
    for (const m of this.others) this.stance(m);

    // a business case built together: the customer stands behind the impact
    if (plot.value === 'agreed') {
      const who = ebId && plot.economicBuyer !== 'named' && plot.economicBuyer !== 'unread' ? eb : main;
      this.set(
        this.issueId,
        'impactAgreed',
        true,
        this.written(who, `The business case ${first(who)} sent to finance uses our numbers`, d2()),
      );
    }

    // fit against the criteria
    this.fit();

    // the process
    this.steps();
    this.paperwork(2);
    const ebMet = plot.economicBuyer === 'engaged' || plot.economicBuyer === 'met' || plot.economicBuyer === 'hostile';
    if (ebId)
      this.set(
        'power_access',
        'ebMet',
        ebMet,
        ebMet
          ? this.did(eb, `${first(eb)} gave us forty minutes, with ${first(main)} in the room`, d2())
          : this.ourRead(`we have not met ${first(eb)}; ${first(main)} keeps that relationship to themselves`, d2()),
      );
    if (this.#alternatives.size > 0 && this.#r.chance(0.5))
      this.set(
        'competition',
        'shortlisted',
        true,
        this.did(main, `${first(main)} invited us to the final presentations`, d2()),
      );
  }

  /** Phase 3: price, value, the plan to signature, the economic buyer's word. */
  propose(): void {
    const { plot } = this.#plan;
    const main = this.main;
    const eb = this.eb;
    const ebId = this.idOf(eb);
    const d3 = () => this.day(3, 0.05, 0.9);
    const speaker = ebId && plot.economicBuyer !== 'named' && plot.economicBuyer !== 'unread' ? eb : main;
    // a pet project's sponsor has no money to hold a price against, and keeps the quote in a drawer
    if (plot.petProject && (plot.budget === 'none' || plot.budget === 'to_create'))
      this.set(
        'funding',
        'pricingDiscussed',
        false,
        this.stated(main, 'Let us not talk numbers yet; I first need to find the money.', d3()),
      );
    else this.pricing(speaker, d3);
    if (plot.budget === 'allocated')
      this.set(
        'funding',
        'budgetStatus',
        'allocated',
        this.written(
          ebId ? eb : main,
          `Budget approval memo, copied to us by ${first(main)}: the project line is approved`,
          d3(),
        ),
      );
    // a quantified impact becomes agreed when someone who can say yes accepts the figure: mostly
    // the economic buyer who took our meetings, sometimes the steering committee through our contact
    if (plot.value === 'quantified') {
      const ebSawIt = ebId !== undefined && (plot.economicBuyer === 'engaged' || plot.economicBuyer === 'met');
      if (this.#r.chance(ebSawIt ? 0.8 : 0.3))
        this.set(
          this.issueId,
          'impactAgreed',
          true,
          ebSawIt
            ? this.written(eb, `${first(eb)} signed off our impact figure for the investment request`, d3())
            : this.written(main, `${first(main)} put our impact figure in the steering committee pack`, d3()),
        );
    }
    if (plot.value === 'agreed') {
      const d = d3();
      this.set(
        'funding',
        'valueAgreed',
        true,
        this.did(
          ebId ? eb : main,
          `${first(ebId ? eb : main)} presented our joint business case to the leadership team`,
          d,
        ),
      );
      this.set(
        'funding',
        'valueToCustomer',
        { amountMinor: this.#o.amountMinor * this.#r.int(3, 6), currency: this.#o.currency, period: 'year' },
        this.written(
          ebId ? eb : main,
          `Business case summary from ${first(ebId ? eb : main)}: payback inside ${this.#r.int(7, 14)} months`,
          d,
        ),
      );
    }
    if (ebId) {
      if (plot.economicBuyer === 'engaged')
        this.set(
          'power_access',
          'ebConfirmedPriority',
          true,
          this.did(
            eb,
            this.pick([
              `${first(eb)} put it on the board agenda`,
              `${first(eb)} named it one of three priorities at the all-hands`,
            ]),
            d3(),
          ),
        );
      else if (plot.ebComplacent)
        this.set(
          'power_access',
          'ebConfirmedPriority',
          false,
          this.stated(eb, 'It is a good idea. I am not sure it has to be this year.', d3()),
        );
    }
    this.paperwork(3);
    if (plot.blocker === 'procurement') this.procurementSurprise();
    if (plot.economicBuyer === 'engaged' && plot.fit === 'lead' && this.#r.chance(0.5))
      this.set(
        'competition',
        'customerPreference',
        US,
        this.stated(eb, 'If I had to choose today, it would be you.', d3()),
      );
    if (plot.economicBuyer === 'hostile' && this.#plan.rival)
      this.set(
        'competition',
        'customerPreference',
        this.#alternatives.get(this.#plan.rival)!,
        this.heard(
          main,
          `${first(main)}: "${first(eb)} told the committee ${this.#plan.rival} is the safe choice."`,
          d3(),
        ),
      );
  }

  // ---- pieces of the story

  /** the proposal walked through with the buyer, and how its price sits against their budget */
  pricing(speaker: CastMember, d3: () => string): void {
    const { plot } = this.#plan;
    this.set(
      'funding',
      'pricingDiscussed',
      true,
      this.did(
        speaker,
        this.pick([
          `${first(speaker)} walked through our proposal line by line`,
          `${first(speaker)} asked for the price broken down by year`,
          `${first(speaker)} came back with questions on every line of the quote`,
        ]),
        d3(),
      ),
    );
    const priceWords: Record<string, string> = {
      within: 'That fits what we set aside.',
      above: 'You are about twenty percent over what I have.',
      well_above: 'That is nearly double our number. I cannot take that upstairs.',
    };
    this.set('funding', 'priceVsBudget', plot.price, this.stated(speaker, priceWords[plot.price]!, d3()));
  }

  /** who signs, whether procurement joins, and (on a mapped process) the plan both sides keep */
  paperwork(phase: number): void {
    const { plot } = this.#plan;
    if (plot.process === 'unknown' || this.#paperDone.has(phase)) return;
    this.#paperDone.add(phase);
    const main = this.main;
    const eb = this.eb;
    const ebId = this.idOf(eb);
    const d = this.day(phase, 0.3, 1);
    const mapped = plot.process === 'mapped';
    const simple = plot.process === 'simple';
    if (phase === 2) {
      if (ebId && (mapped || simple || this.#r.chance(0.5)))
        this.set(
          'decision_process',
          'signatory',
          ebId,
          this.stated(
            this.voice(this.member('finance'), this.member('legal')),
            `${first(eb)} signs; above a million it goes to the board.`,
            d,
          ),
        );
      if (simple && plot.blocker !== 'procurement')
        this.set(
          'decision_process',
          'purchasingInvolved',
          false,
          this.stated(main, 'No procurement at this size: it comes out of my budget, on an order form.', d),
        );
      else if (plot.blocker !== 'procurement' && (mapped || this.#r.chance(0.6)))
        this.set(
          'decision_process',
          'purchasingInvolved',
          this.#r.chance(0.6),
          this.stated(this.voice(this.member('procurement')), 'Procurement joins for the contract only.', d),
        );
      if (mapped && this.#r.chance(0.7)) this.mutualPlan(d);
      return;
    }
    if (mapped) {
      this.mutualPlan(d);
      this.set(
        'buying_group',
        'completeConfirmed',
        true,
        this.written(main, `${first(main)} by email: "That is everyone who has a say; nobody else will appear."`, d),
      );
    }
  }
  readonly #paperDone = new Set<number>();

  mutualPlan(on: string): void {
    const main = this.successor ?? this.main;
    this.set(
      'decision_process',
      'mutualPlanAgreed',
      true,
      this.did(main, `${first(main)} keeps the shared plan up to date and added their legal team's dates`, on),
    );
  }

  /** someone in the group becomes known: their part and their weight, as the main contact tells it */
  namePerson(m: CastMember, phase: number): void {
    const main = this.main;
    const plot = this.#plan.plot;
    const d = this.day(phase, 0, 0.7);
    // the IT team in an unmapped build: we know the name, never spoke with them
    const id = this.evaluator(m, this.stated(main, `${m.name} (${m.title}) will want a say.`, d));
    const part = PARTS[m.part];
    const byThemselves = plot.champion !== 'none' || this.#r.chance(0.5);
    this.set(
      id,
      'roles',
      [...part.roles],
      byThemselves
        ? phase >= 2 && this.talks(m) && !plot.singleThreaded
          ? this.stated(m, `I look after the ${describePart(m.part)} side.`, d)
          : this.stated(main, `${first(m)} looks after the ${describePart(m.part)} side.`, d)
        : this.ourRead(`${first(m)} probably covers the ${describePart(m.part)} side`, d),
    );
    this.set(
      id,
      'influence',
      part.influence,
      this.pick([
        this.stated(
          main,
          part.influence === 'high'
            ? `If ${first(m)} says no, it is no.`
            : `${first(m)} will be asked, but will not decide.`,
          d,
        ),
        this.ourRead(`${first(m)} carries ${part.influence} weight in this decision`, d),
      ]),
    );
    if (m.part === 'finance' && this.idOf(this.eb))
      this.set(id, 'reportsTo', this.idOf(this.eb)!, this.stated(main, `${first(m)} reports to ${first(this.eb)}.`, d));
  }

  /** the main contact's account of where each person with weight stands, before we meet them */
  relayStances(people: readonly CastMember[], on: string): void {
    const main = this.main;
    const ebPlot = this.#plan.plot.economicBuyer;
    for (const m of people) {
      const id = this.idOf(m);
      if (!id || PARTS[m.part].influence !== 'high') continue;
      if (m === this.eb && (ebPlot === 'unread' || ebPlot === 'hostile')) continue;
      const keen = m === this.eb && ebPlot === 'engaged';
      this.set(
        id,
        'support',
        keen ? 'supporter' : 'neutral',
        this.heard(
          main,
          keen
            ? `${first(main)}: "${first(m)} wants this fixed this year and asked me to find the options."`
            : `${first(main)}: "${first(m)} is open to it and waiting to see the options."`,
          on,
        ),
      );
    }
  }

  /** where one person stands, as far as we could learn it */
  stance(m: CastMember): void {
    const id = this.idOf(m);
    if (!id) return;
    const plot = this.#plan.plot;
    const d = this.day(2, 0.2, 1);
    const rivalId = this.#plan.rival ? this.#alternatives.get(this.#plan.rival) : undefined;
    const unmapped = plot.rival === 'in_house_unmapped' && m.part === 'technical';
    const thin = plot.singleThreaded || unmapped;
    // a customer's own users have worked with us for years: we know them well
    const customerUser = this.#o.dealType !== 'new_logo' && m.part === 'user';
    const coverage = thin
      ? this.pick(['none', 'brief'] as const)
      : customerUser
        ? 'multiple'
        : this.pick(['brief', 'multiple', 'multiple'] as const);
    this.set(
      id,
      'coverage',
      coverage,
      coverage === 'none'
        ? this.ourRead(`we have not spoken with ${first(m)} yet`, d)
        : this.did(
            m,
            coverage === 'brief'
              ? `${first(m)} joined one call for fifteen minutes`
              : `${first(m)} came to the workshop and the demo`,
            d,
          ),
    );
    if (unmapped) return;
    if (coverage === 'none' || (plot.economicBuyer === 'unread' && m.part === 'finance')) {
      if (this.#r.chance(0.4))
        this.set(
          id,
          'favours',
          US,
          this.ourRead(`${first(m)} seemed positive when ${first(this.main)} mentioned us`, d),
        );
      return;
    }
    const doNothingId = this.#alternatives.get('do nothing');
    if (plot.rival === 'status_quo' && doNothingId && m.part !== 'champion') {
      this.set(id, 'favours', doNothingId, this.stated(m, 'The spreadsheets do the job. Why change what works?', d));
      this.set(id, 'responseMode', 'even_keel', this.stated(m, 'We have bigger fires to fight this year.', d));
      return;
    }
    const againstUs =
      (plot.fit === 'behind' || plot.rival === 'rfp_author') &&
      rivalId &&
      (m.part === 'technical' || m.part === 'user');
    if (againstUs) {
      this.set(
        id,
        'favours',
        rivalId,
        this.stated(m, `${this.#plan.rival} scored higher in our tests, to be honest.`, d),
      );
      this.set(
        id,
        'support',
        'non_supporter',
        this.did(m, `${first(m)} scored us lowest of three on the demo sheet`, d),
      );
      return;
    }
    const support = this.pick(['supporter', 'neutral', 'supporter'] as const);
    this.set(
      id,
      'support',
      support,
      support === 'supporter'
        ? this.stated(m, this.pick(['This would make my week a lot easier.', 'I liked what I saw in the demo.']), d)
        : this.stated(m, 'I can live with any of the options.', d),
    );
    if (support === 'supporter')
      this.set(id, 'favours', US, this.stated(m, 'Of the ones we saw, I would pick yours.', d));
    if (m.part === 'technical' || m.part === 'finance')
      this.set(
        id,
        'concerns',
        m.part === 'technical'
          ? 'Another system for a small team to support'
          : 'The second-year cost once the discount ends',
        this.stated(
          m,
          m.part === 'technical'
            ? 'Who supports this at 2 a.m.? Not my team, I hope.'
            : 'What happens to the price in year two?',
          d,
        ),
      );
  }

  ebStance(ebId: string): void {
    const { plot, rival } = this.#plan;
    const eb = this.eb;
    const main = this.main;
    const d = () => this.day(2, 0.3, 1);
    const rivalId = rival ? this.#alternatives.get(rival) : this.#alternatives.get('do nothing');
    switch (plot.economicBuyer) {
      case 'engaged':
        this.set(
          ebId,
          'coverage',
          'multiple',
          this.did(eb, `Two meetings with ${first(eb)}, one of them at their request`, d()),
        );
        this.set(ebId, 'support', 'supporter', this.stated(eb, 'Your plan is the one I can defend to the board.', d()));
        this.set(ebId, 'favours', US, this.stated(eb, 'I want this done, and I want it done with you.', d()));
        this.set(
          ebId,
          'responseMode',
          this.pick(['trouble', 'growth'] as const),
          this.stated(eb, 'We cannot go into next year like this.', d()),
        );
        break;
      case 'met':
        // a champion who passed the access test set up a real meeting, not the end of a demo
        if (plot.champion !== 'tested' && this.#r.chance(0.5))
          this.set(
            ebId,
            'coverage',
            'brief',
            this.did(eb, `${first(eb)} joined the last twenty minutes of the demo`, d()),
          );
        else
          this.set(
            ebId,
            'coverage',
            'multiple',
            this.did(eb, `${first(eb)} came to the demo and to the pricing call`, d()),
          );
        this.set(
          ebId,
          'support',
          this.pick(['neutral', 'supporter'] as const),
          this.stated(eb, 'Show me it pays back and you will have my attention.', d()),
        );
        if (!plot.ebComplacent)
          this.set(ebId, 'responseMode', 'growth', this.stated(eb, 'We are growing faster than our processes.', d()));
        else if (this.#alternatives.has('do nothing'))
          this.set(
            ebId,
            'favours',
            this.#alternatives.get('do nothing')!,
            this.stated(eb, 'Honestly, what we have works well enough.', d()),
          );
        break;
      case 'hostile':
        this.set(ebId, 'coverage', 'brief', this.did(eb, `${first(eb)} left our presentation after ten minutes`, d()));
        if (rivalId)
          this.set(
            ebId,
            'favours',
            rivalId,
            this.heard(
              main,
              `${first(main)}: "${first(eb)} used ${rival ?? 'the old way'} at their last company and trusts it."`,
              d(),
            ),
          );
        this.set(
          ebId,
          'support',
          this.pick(['non_supporter', 'enemy'] as const),
          this.stated(eb, 'I do not see why we would take the risk with you.', d()),
        );
        this.set(
          'power_access',
          'counterChampion',
          ebId,
          this.heard(main, `${first(main)}: "${first(eb)} is lobbying the committee for the other option."`, d()),
        );
        break;
      case 'unread':
        this.set(
          ebId,
          'coverage',
          this.pick(['none', 'brief'] as const),
          this.ourRead(`${first(eb)} has not taken a meeting with us`, d()),
        );
        if (this.#r.chance(0.5))
          this.set(
            ebId,
            'support',
            'supporter',
            this.ourRead(`${first(main)} thinks ${first(eb)} will go along with the team`, d()),
          );
        break;
      case 'named':
        this.set(ebId, 'coverage', 'none', this.ourRead(`no meeting with ${first(eb)} yet`, d()));
        if (this.#r.chance(0.6))
          this.set(
            ebId,
            'support',
            'neutral',
            this.heard(main, `${first(main)}: "${first(eb)} is waiting to see the numbers."`, d()),
          );
        break;
      case 'unknown':
        break;
    }
  }

  championTests(): void {
    const plot = this.#plan.plot;
    const main = this.main;
    const id = this.idOf(main)!;
    const eb = this.eb;
    const d = () => this.day(2, 0.1, 1);
    if (plot.champion === 'none') return;
    this.set(
      id,
      'testSharesInsideInfo',
      'passed',
      this.written(main, `${first(main)} forwarded the internal evaluation scoresheet`, d()),
    );
    if (plot.champion === 'tested' || plot.champion === 'left') {
      this.set(
        id,
        'testPower',
        'passed',
        this.did(main, `${first(main)} got the pilot approved in a week, budget included`, d()),
      );
      this.set(
        id,
        'testVestedInterest',
        'passed',
        this.written(main, `${first(main)}'s objectives for the year, shared with us, include this project`, d()),
      );
      if (plot.economicBuyer !== 'named' && plot.economicBuyer !== 'unread' && plot.economicBuyer !== 'unknown')
        this.set(
          id,
          'testAccess',
          'passed',
          this.did(main, `${first(main)} set up our meeting with ${eb.name} and briefed us beforehand`, d()),
        );
      return;
    }
    if (plot.champion === 'powerless') {
      this.set(
        id,
        'testPower',
        'failed',
        this.did(main, `${first(main)} asked for pilot money; the request was turned down`, d()),
      );
      this.set(
        id,
        'testAccess',
        'failed',
        this.stated(main, `I cannot get you in front of ${first(eb)}; I hardly get in myself.`, d()),
      );
      return;
    }
    // a coach: helpful, untested where it counts
    this.set(id, 'testPower', 'not_tested', this.ourRead(`we have not seen ${first(main)} move a decision yet`, d()));
    if (plot.economicBuyer === 'named' || plot.economicBuyer === 'unread')
      this.set(
        id,
        'testAccess',
        'not_tested',
        this.stated(main, `Let me find the right moment to bring ${first(eb)} in.`, d()),
      );
  }

  /** the alternative `name` becomes known */
  competitor(name: string, phase: number): void {
    const main = this.main;
    const d = this.day(phase, 0, 0.8);
    const id = this.item(
      'alternative',
      this.stated(
        main,
        this.pick([
          `We are also talking to ${name}.`,
          `${name} called us the same week you did.`,
          `${name} did a demo for us last month.`,
        ]),
        d,
      ),
      {
        title: name,
        category: 'competitor',
      },
    );
    this.#alternatives.set(name, id);
    const isRival = name === this.#plan.rival;
    this.set(
      id,
      'status',
      isRival ? 'shortlisted' : this.pick(['some_interest', 'evaluating'] as const),
      this.stated(main, isRival ? `${name} is in the final round with you.` : `${name} is still in the mix.`, d),
    );
    this.set(
      id,
      'threat',
      isRival ? this.#r.int(2, 4) : this.#r.int(1, 2),
      this.ourRead(isRival ? `${name} is our real competition here` : `${name} is an outsider`, d),
    );
    if (isRival && this.#r.chance(0.6))
      this.set(
        id,
        'strengths',
        'Cheaper to start, and they know the industry',
        this.stated(main, `${name} has done this for two of our neighbours.`, d),
      );
  }

  /** the competitor wrote the requirements; the RFP arrives */
  rfp(name: string): void {
    const main = this.main;
    const d = this.day(1, 0.2, 1);
    const id = this.item(
      'alternative',
      this.written(
        null,
        `The RFP arrived from their procurement team with a three-week deadline; ${name} is the incumbent reference in it`,
        d,
      ),
      {
        title: name,
        category: 'competitor',
      },
    );
    this.#alternatives.set(name, id);
    this.set(id, 'status', 'shortlisted', this.stated(main, `${name} has been advising us for months.`, d));
    this.set(id, 'threat', 4, this.ourRead(`${name} shaped this evaluation before we arrived`, d));
    this.set(
      id,
      'shapedRequirements',
      true,
      this.heard(main, `${first(main)}: "Honestly, ${name} helped us write the requirements."`, d),
    );
    this.set(
      'decision_process',
      'formalTender',
      true,
      this.written(null, 'RFP cover letter: a formal tender under the procurement policy', d),
    );
    this.set('decision_process', 'rfpReceived', true, this.written(null, 'RFP received by email from procurement', d));
    this.set('decision_process', 'rfpInfluenced', false, this.ourRead('we saw the RFP only when it was published', d));
  }

  criteria(): void {
    const { plot, criteria } = this.#plan;
    const tech = this.member('technical');
    const user = this.member('user');
    for (const c of criteria) {
      const d = this.day(1, 0.3, 1);
      const main = c.kind === 'formal' ? this.voice(tech) : this.voice(user, tech);
      const id = this.item(
        'criterion',
        plot.rival === 'rfp_author' && c.kind === 'formal'
          ? this.written(null, `RFP section 4, scored requirement: "${c.title}"`, d)
          : this.stated(
              main,
              c.kind === 'formal'
                ? `${c.title}: that one is written into our requirements.`
                : `${c.title}. Nobody will write it down, but it matters.`,
              d,
            ),
        { title: c.title, category: c.kind },
      );
      this.criterionIds.set(c.title, id);
      this.set(
        id,
        'mandatory',
        c.mustHave,
        this.stated(main, c.mustHave ? 'Without that, you are out.' : 'Nice to have, not a deal-breaker.', d),
      );
      // a seller who never learned how they buy never saw how they score either
      if (plot.process !== 'unknown')
        this.set(
          id,
          'weight',
          c.mustHave ? 30 : this.pick([10, 15, 20]),
          this.written(main, `${first(main)} shared the scoring weights`, d),
        );
      const cares = [this.idOf(main)].filter((x): x is string => !!x);
      if (cares.length > 0) this.set(id, 'caresAbout', cares, this.stated(main, 'That one matters most to me.', d));
      this.set(
        id,
        'authoredBy',
        plot.rival === 'rfp_author' && c.kind === 'formal'
          ? 'competitor'
          : plot.fit === 'lead' && plot.champion === 'tested'
            ? 'us'
            : 'customer',
        plot.rival === 'rfp_author' && c.kind === 'formal'
          ? this.ourRead(`the wording matches ${this.#plan.rival}'s product sheet`, d)
          : this.stated(
              main,
              this.pick([
                'We wrote that one ourselves.',
                'That came out of our own workshop.',
                'Our team drafted it before we met anyone.',
              ]),
              d,
            ),
      );
    }
  }
  criterionIds = new Map<string, string>();

  fit(): void {
    const { plot, criteria, failedMust, rival } = this.#plan;
    const scorer = this.member('technical') ?? this.main;
    const rivalId = rival ? this.#alternatives.get(rival) : undefined;
    const ours: Record<string, ReadonlyArray<'exceeds' | 'meets' | 'partial' | 'fails'>> = {
      lead: ['exceeds', 'exceeds', 'meets'],
      level: ['meets'],
      behind: ['partial', 'meets', 'partial'],
      fails_must: ['meets', 'partial'],
    };
    const theirs: Record<string, ReadonlyArray<'exceeds' | 'meets' | 'partial' | 'fails'>> = {
      lead: ['meets', 'partial'],
      level: ['meets'],
      behind: ['exceeds', 'exceeds', 'meets'],
      fails_must: ['meets', 'exceeds'],
    };
    for (const c of criteria) {
      const id = this.criterionIds.get(c.title);
      if (!id) continue;
      const d = this.day(2, 0.3, 1);
      const our = c === failedMust ? 'fails' : this.pick(ours[plot.fit]!);
      const words: Record<string, string> = {
        exceeds: 'You were the best we saw on that.',
        meets: 'You cover it, like the others.',
        partial: 'You only half cover that one.',
        fails: 'You simply cannot do that, and it is a must.',
      };
      this.set(
        id,
        'fit',
        our,
        this.pick([
          this.stated(scorer, words[our]!, d),
          this.written(scorer, `Evaluation scoresheet from ${first(scorer)}: "${c.title}" scored ${our}`, d),
        ]),
        US,
      );
      if (rivalId)
        this.set(
          id,
          'fit',
          this.pick(theirs[plot.fit]!),
          this.written(scorer, `${first(scorer)}'s scoresheet, ${rival}'s column for "${c.title}"`, d),
          rivalId,
        );
    }
  }

  steps(): void {
    const { plot } = this.#plan;
    if (plot.process === 'unknown') {
      this.set(
        'decision_process',
        'signatory',
        'unknown',
        this.stated(this.main, 'How it gets signed? I will have to find out.', this.day(2, 0, 1)),
      );
      return;
    }
    const main = this.main;
    const close = this.#o.expectedCloseDate;
    const tech = this.member('technical');
    const sec = this.member('security');
    const proc = this.member('procurement');
    const owner = (m: CastMember | undefined) => this.idOf(m) ?? this.idOf(main)!;
    const wanted: Array<[string, string, CastMember | undefined, number]> = [
      ['Technical validation', 'technical_validation', tech, 0.35],
    ];
    if (plot.process === 'mapped' || plot.blocker === 'security') {
      // the business case is approved before the contract goes to legal, not alongside it
      if (sec || plot.blocker === 'security') wanted.push(['Security review', 'security_review', sec, 0.5]);
      wanted.push(['Business case to the leadership team', 'business_case', this.eb, 0.6]);
    }
    if (plot.process === 'mapped') {
      wanted.push(['Contract and legal review', 'legal', this.member('legal') ?? proc, 0.85]);
      wanted.push(['Signature', 'signature', this.eb, 0.97]);
    }
    // a small purchase: the economic buyer signs our order form, nobody else
    if (plot.process === 'simple') wanted.push(['Order form signed', 'signature', this.eb, 0.9]);
    const start = this.#plan.stageDates[Math.min(2, this.#plan.stageDates.length - 1)]!;
    const d = this.day(2, 0, 0.5);
    for (const [title, type, who, share] of wanted) {
      const id = this.item('decision_step', this.stated(this.voice(who), `Next comes the ${title.toLowerCase()}.`, d), {
        title,
        category: type,
      });
      const blocked = plot.blocker === 'security' && type === 'security_review';
      const planned = blocked
        ? addDays(close, this.#r.int(15, 45))
        : addDays(start, Math.round(Math.max(7, daysBetween(start, close)) * share));
      this.set(
        id,
        'owner',
        owner(who),
        this.stated(main, who && who !== main ? `${first(who)} owns that step.` : 'I will own that one myself.', d),
      );
      this.set(
        id,
        'plannedDate',
        planned,
        blocked && who
          ? this.stated(
              who,
              'Our review queue is six weeks. Nothing gets signed before it clears.',
              this.day(2, 0.5, 1),
            )
          : this.stated(this.voice(who), 'That is the date in our project plan.', d),
      );
      const done = planned < this.#lastTouch && !blocked;
      this.set(
        id,
        'status',
        done ? 'done' : blocked || planned < addDays(this.#lastTouch, 20) ? 'in_progress' : 'not_started',
        done
          ? this.did(
              who ?? main,
              `${first(who ?? main)} signed off the ${title.toLowerCase()}`,
              planned < d ? d : planned,
            )
          : this.stated(
              main,
              blocked ? 'Security still has questions on data residency.' : 'Not finished yet.',
              this.day(2, 0.5, 1),
            ),
      );
    }
  }

  procurementSurprise(): void {
    const proc = this.member('procurement') ?? this.main;
    const d = this.day(3, 0.4, 1);
    this.set(
      'decision_process',
      'purchasingInvolved',
      true,
      this.stated(proc, 'Every new supplier goes through onboarding. Nobody told you?', d),
    );
    const id = this.item(
      'decision_step',
      this.written(proc, 'Supplier onboarding form and a ten-page questionnaire', d),
      {
        title: 'Supplier onboarding',
        category: 'procurement',
      },
    );
    this.set(id, 'owner', this.idOf(proc) ?? this.idOf(this.main)!, this.stated(proc, 'I run onboarding.', d));
    this.set(
      id,
      'plannedDate',
      addDays(this.#o.expectedCloseDate, this.#r.int(14, 40)),
      this.stated(proc, 'Onboarding takes eight weeks, sometimes more.', d),
    );
    this.set(id, 'status', 'in_progress', this.did(proc, 'Sent us the questionnaire', d));
  }

  event(): void {
    const { plot } = this.#plan;
    const eb = this.eb;
    const main = this.main;
    const ebId = this.idOf(eb);
    const d = this.day(1, 0.1, 0.9);
    const dated = (from: number, to: number) => addDays(this.#o.expectedCloseDate, this.#r.int(from, to));
    switch (plot.event) {
      case 'unknown':
        if (this.#r.chance(0.5))
          this.set(
            'compelling_event',
            'type',
            'fiscal_budget_cycle',
            this.ourRead('they probably want it done before the budget year ends', d),
          );
        return;
      case 'none':
        this.set(
          'compelling_event',
          'type',
          'none',
          this.stated(ebId && this.#r.chance(0.5) ? eb : main, 'Honestly, nothing breaks if we wait a year.', d),
        );
        return;
      case 'contract_end': {
        const renewal = this.#o.dealType === 'renewal';
        this.set(
          'compelling_event',
          'type',
          'contract_expiry',
          this.stated(
            main,
            renewal
              ? 'Our licence with you runs out soon, and we cannot be without it.'
              : 'Our contract with the old supplier ends, and we will not extend it.',
            d,
          ),
        );
        this.set(
          'compelling_event',
          'eventDate',
          dated(5, 30),
          this.written(
            main,
            renewal
              ? 'The contract end date, from their copy of the order form'
              : 'The end date in their current supplier contract',
            d,
          ),
        );
        this.set(
          'compelling_event',
          'description',
          renewal
            ? 'The current subscription ends; without a renewal the service stops'
            : 'The old contract ends and they have given notice',
          this.stated(main, 'After that date we are on our own.', d),
        );
        if (ebId)
          this.set('compelling_event', 'owner', ebId, this.stated(main, `${first(eb)} signed the notice letter.`, d));
        return;
      }
      case 'hard': {
        const type = this.pick(['regulatory', 'external_deadline'] as const);
        this.set(
          'compelling_event',
          'type',
          type,
          this.stated(
            main,
            type === 'regulatory'
              ? 'The new reporting rules apply from the first of the quarter.'
              : 'We promised our biggest customer it would be live for their season.',
            d,
          ),
        );
        this.set(
          'compelling_event',
          'eventDate',
          dated(10, 60),
          this.written(main, `${first(main)} shared the programme plan; the date is on page one`, d),
        );
        this.set(
          'compelling_event',
          'description',
          type === 'regulatory'
            ? 'New reporting rules take effect; they must comply from day one'
            : 'A promise to their largest customer, with penalties if late',
          this.stated(main, 'Missing it is not an option anyone here wants to explain.', d),
        );
        if (ebId)
          this.set('compelling_event', 'owner', ebId, this.stated(main, `${first(eb)} answers for that date.`, d));
        if (plot.value !== 'vague' || this.#r.chance(0.5))
          this.set(
            'compelling_event',
            'costOfDelay',
            {
              amountMinor: Math.round(this.#o.amountMinor / this.#r.int(3, 6)),
              currency: this.#o.currency,
              per: 'month',
            },
            this.written(
              ebId ? eb : main,
              `${first(ebId ? eb : main)}'s own estimate of the penalties and overtime for each month late`,
              d,
            ),
          );
        return;
      }
      case 'internal':
      case 'soft': {
        const type = this.pick(['fiscal_budget_cycle', 'leadership_mandate', 'project_dependency'] as const);
        const owned = plot.event === 'internal';
        const words: Record<string, string> = owned
          ? {
              fiscal_budget_cycle: 'If it is not signed before the year closes, the money goes back.',
              leadership_mandate: `${first(eb)} told the leadership team it would be done by spring.`,
              project_dependency: 'The new warehouse opens in the spring and needs this running.',
            }
          : {
              fiscal_budget_cycle: 'It would be nice to spend the money before the year closes.',
              leadership_mandate: 'The team hopes to have it done by spring.',
              project_dependency: 'Ideally it runs before the new warehouse opens, but it can wait.',
            };
        this.set('compelling_event', 'type', type, this.stated(main, words[type]!, d));
        this.set(
          'compelling_event',
          'eventDate',
          dated(0, 45),
          this.stated(main, 'That is the date everyone is working to.', d),
        );
        this.set(
          'compelling_event',
          'description',
          words[type]!.replace(/\.$/, ''),
          this.stated(main, 'Everyone here knows that date.', d),
        );
        // a deadline the economic buyer set; a soft target is one nobody above the team answers for
        if (ebId && owned)
          this.set('compelling_event', 'owner', ebId, this.stated(main, `${first(eb)} set that date.`, d));
        return;
      }
    }
  }

  /** the champion leaves; a successor arrives with no history with us */
  championLeaves(): void {
    const gone = this.main;
    const successor = this.successor!;
    const goneId = this.idOf(gone);
    if (!goneId || !gone.leavesOn || gone.leavesOn > this.#plan.end) return;
    const item = this.#out.items.find((i) => i.id === goneId)!;
    const leavesOn = gone.leavesOn < item.evidence.observedAt ? item.evidence.observedAt : gone.leavesOn;
    item.retiredAt = `${leavesOn}T17:00:00.000Z`;
    const arrives = successor.arrivesOn! > this.#plan.end ? this.#plan.end : successor.arrivesOn!;
    const id = this.evaluator(
      successor,
      this.stated(
        successor,
        `I have taken over from ${first(gone)}, who left the company last month. Bring me up to speed.`,
        arrives,
      ),
    );
    this.set(id, 'roles', ['decision_maker'], this.stated(successor, 'The project is mine now.', arrives));
    this.set(id, 'influence', 'medium', this.ourRead(`${first(successor)} inherits ${first(gone)}'s seat`, arrives));
    this.set(id, 'newInRole', true, this.stated(successor, 'I started three weeks ago.', arrives));
    this.set(id, 'coverage', 'brief', this.did(successor, 'One introductory call', arrives));
    this.set(id, 'support', 'neutral', this.stated(successor, 'I want to look at all the options again.', arrives));
    this.set(
      id,
      'testSharesInsideInfo',
      'not_tested',
      this.ourRead(`too early to know whether ${first(successor)} will help us`, arrives),
    );
  }

  newcomerArrives(m: CastMember): void {
    const arrives = m.arrivesOn! > this.#plan.end ? this.#plan.end : m.arrivesOn!;
    const main = this.main;
    const id = this.evaluator(
      m,
      this.stated(main, `We have a new ${m.title}, ${m.name}; everything is being reviewed.`, arrives),
    );
    this.set(id, 'roles', ['decision_maker'], this.stated(main, `${first(m)} will want to sign off on this.`, arrives));
    this.set(id, 'influence', 'high', this.stated(main, `${first(m)} has the CEO's ear.`, arrives));
    this.set(
      id,
      'newInRole',
      true,
      this.ev('third_party', `Press release: ${m.name} appointed ${m.title}`, null, arrives),
    );
    this.set(id, 'coverage', 'none', this.ourRead(`no meeting with ${first(m)} yet`, arrives));
  }

  /** the build nobody mapped comes to light at the end */
  buildRevealed(): void {
    const main = this.main;
    const tech = this.member('technical');
    const d = addDays(this.#plan.end, -this.#r.int(3, 15));
    const on = d < this.#start ? this.#start : d;
    const id = this.item(
      'alternative',
      this.heard(
        main,
        `${first(main)}: "${tech ? first(tech) : 'IT'} says they can build it themselves by the summer."`,
        on,
      ),
      {
        title: 'Build it in-house',
        category: 'internal_build',
      },
    );
    this.set(id, 'status', 'shortlisted', this.stated(main, 'IT has a prototype already, apparently.', on));
    this.set(id, 'threat', 4, this.ourRead('we never met the people building it', on));
    const techId = this.idOf(tech);
    if (techId)
      this.set(
        techId,
        'favours',
        id,
        this.heard(main, `${first(main)}: "${tech!.name} wants his team to own it."`, on),
      );
  }

  /**
   * The security review at the end finds that our data cannot stay in their region: a must-have we
   * learn we fail only weeks before the close (the story's close reason), recorded from their report.
   */
  residencyRevealed(): void {
    const sec = this.member('security');
    const voice = sec && this.idOf(sec) ? sec : this.main;
    const d = addDays(this.#plan.end, -this.#r.int(5, 20));
    const on = d < this.#start ? this.#start : d;
    const title = 'Data stays in our region';
    let id = this.criterionIds.get(title);
    if (!id) {
      id = this.item(
        'criterion',
        this.written(voice, `Security review finding: "Customer data must be stored and processed in our region"`, on),
        { title, category: 'formal' },
      );
      this.criterionIds.set(title, id);
      this.set(id, 'mandatory', true, this.stated(voice, 'That one is not negotiable for us.', on));
    }
    this.set(
      id,
      'fit',
      'fails',
      this.written(
        voice,
        `Security review report from ${first(voice)}: "${title}" not met, the hosting is elsewhere`,
        on,
      ),
      US,
    );
  }

  /**
   * Runs a scene on a random stream of the deal's own (seeded from its id), so that a scene added to
   * the stories leaves every other deal of the demo exactly as it was.
   */
  ownStream(scene: () => void): void {
    const shared = this.#r;
    let seed = 0x811c9dc5;
    for (const ch of this.#o.id) seed = Math.imul(seed ^ ch.charCodeAt(0), 0x01000193);
    this.#r = createRandom(seed);
    try {
      scene();
    } finally {
      this.#r = shared;
    }
  }

  /** what happens next, and who on their side does it */
  nextStep(): void {
    const { plot } = this.#plan;
    if (plot.nextStep === 'none') return;
    const owner =
      this.phase >= 3 && this.idOf(this.eb) && plot.economicBuyer === 'engaged'
        ? this.eb
        : (this.successor ?? this.main);
    const ownerId = this.idOf(owner);
    if (!ownerId) return;
    const overdue = plot.nextStep === 'overdue';
    const on = this.recent();
    const steps = [
      [
        'Send the org chart and book the discovery workshop',
        'I will send the org chart and find a slot for the workshop.',
      ],
      ['Bring the IT team to a technical deep-dive', 'I will get IT into a room with your architect.'],
      ['Share the current process costs with finance', 'I will pull the cost figures and share them.'],
      ['Review the draft mutual plan with the legal team', 'I will take the plan to legal this week.'],
      ['Present the business case to the leadership team', 'I will present the case on Thursday.'],
      ['Return the security questionnaire', 'We will have the questionnaire back to you.'],
    ] as const;
    const [step, words] = steps[Math.min(steps.length - 1, this.phase + this.#r.int(0, 2))]!;
    const due = overdue
      ? addDays(this.#today < this.#plan.end ? this.#today : this.#plan.end, -this.#r.int(6, 25))
      : // agreed at the last call for a day still ahead when the deal was last looked at
        addDays(this.#plan.end, this.#r.int(2, 18));
    this.set('decision_process', 'nextStep', step, this.stated(owner, words, on));
    this.set('decision_process', 'nextStepOwner', ownerId, this.stated(owner, 'Leave that one with me.', on));
    this.set(
      'decision_process',
      'nextStepDue',
      due < on ? on : due,
      this.stated(owner, `You will have it by ${due < on ? on : due}.`, on),
    );
  }

  /** the latest conversation re-confirmed what still stands */
  checkIn(): void {
    const on = this.recent();
    const ebId = this.idOf(this.eb);
    const mainId = this.idOf(this.main);
    if (mainId)
      for (const field of ['coverage', 'support', 'favours', 'testPower', 'testAccess', 'testSellsInternally'] as const)
        this.reconfirm(mainId, field, on);
    // an engaged economic buyer is in the regular meetings; a tested champion brings the others along
    const plot = this.#plan.plot;
    if (ebId && (plot.economicBuyer === 'engaged' || this.#r.chance(0.75)))
      for (const field of ['coverage', 'favours', 'support'] as const) this.reconfirm(ebId, field, on);
    for (const m of this.others) {
      const id = this.idOf(m);
      if (id && this.#r.chance(plot.champion === 'tested' ? 0.85 : 0.6))
        for (const field of ['coverage', 'favours'] as const) this.reconfirm(id, field, on);
    }
    for (const field of ['type', 'eventDate', 'owner', 'costOfDelay', 'description'] as const)
      this.reconfirm('compelling_event', field, on);
    for (const field of ['budgetStatus', 'priceVsBudget', 'pricingDiscussed'] as const)
      this.reconfirm('funding', field, on);
    for (const field of ['economicBuyer', 'ebConfirmedPriority'] as const) this.reconfirm('power_access', field, on);
    for (const field of ['shortlisted', 'customerPreference'] as const) this.reconfirm('competition', field, on);
    this.reconfirm('decision_process', 'mutualPlanAgreed', on);
    this.reconfirm(this.issueId, 'priority', on);
  }
}

function describePart(part: CastMember['part']): string {
  const words: Record<CastMember['part'], string> = {
    economic_buyer: 'budget',
    champion: 'project',
    technical: 'technical',
    user: 'day-to-day user',
    finance: 'finance',
    procurement: 'purchasing',
    security: 'security',
    legal: 'legal',
    influencer: 'planning',
    sponsor: 'project',
    newcomer: 'leadership',
  };
  return words[part];
}

/**
 * How a buyer puts a figure on their issue, in one of a few ways chosen by the deal's name (not the
 * random stream, so the rest of the story stays as it was).
 */
function impactWords(dealName: string, metricName: string, amountMinor: number, currency: string): string {
  const figure = `${currency} ${Math.round(toMajorUnits(amountMinor, currency)).toLocaleString('en-US')}`;
  const metric = metricName.toLowerCase();
  const ways = [
    `Finance sized it last quarter at about ${figure} a year; I will send you the sheet.`,
    `Every point of ${metric} costs us; all in, it comes to ${figure} a year.`,
    `Our controller puts it at ${figure} a year, and I think that is low.`,
    `We worked it through with finance: ${figure} a year if ${metric} stays where it is.`,
  ];
  let sum = 0;
  for (const ch of dealName) sum += ch.charCodeAt(0);
  return ways[sum % ways.length]!;
}
