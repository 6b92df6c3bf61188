import { addDays, daysBetween } from '../../domain/dates.ts';
import { DEFAULT_STAGES } from '../../domain/stages.ts';
import type {
  DealType,
  ForecastCategory,
  LeadSource,
  OpportunityStatus,
  Relationship,
  Role,
  SizeBand,
} from '../../domain/enums.ts';
import { previousPeriod, quarterOf } from '../../domain/periods.ts';
import { createRandom, shuffleInPlace, type Random } from '../../domain/random.ts';
import {
  COMPETITORS,
  CRITERIA,
  economicBuyerTitles,
  ISSUES,
  PARTS,
  SIDE_ISSUES,
  type CriterionTemplate,
  type IssueTemplate,
  type PartName,
} from './demo.cast.ts';
import { LAST_QUARTER_LESSONS, resolvePlot, StoryDeck, type Plot, type Story } from './demo.stories.ts';

// The demo workspace as plain data, generated from a seed and an anchor date. The same seed and
// date always give the same workspace; dates are relative to the anchor so the demo never goes
// stale. Nothing here touches the database.

export const DEMO_PASSWORD = 'winsight-demo';
export const DEMO_ORG_NAME = 'Northwind Demo';
export const DEMO_SEED = 20261126;

export type DemoUser = { id: string; email: string; name: string; role: Role; managerEmail: string | null };
export type DemoAccount = {
  id: string;
  name: string;
  industry: string;
  sizeBand: SizeBand;
  website: string;
  relationship: Relationship;
  ownerEmail: string;
  createdAt: string;
};
export type DemoContact = {
  id: string;
  accountId: string;
  name: string;
  title: string;
  email: string;
  phone: string;
  createdAt: string;
};
export type DemoStage = { id: string; name: string; position: number; probability: number };
/** One step in an opportunity's life, oldest first: the first is its creation. */
export type DemoEvent = { at: string; changes: Record<string, unknown> };
export type DemoOpportunity = {
  id: string;
  accountId: string;
  ownerEmail: string;
  name: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
  stageId: string;
  status: OpportunityStatus;
  closedDate: string | null;
  closeReason: string | null;
  forecastCategory: ForecastCategory;
  sellerProbability: number | null;
  source: LeadSource | null;
  dealType: DealType;
  createdAt: string;
  updatedAt: string;
  events: DemoEvent[];
  /** what is true about the deal and who plays in it: what its knowledge is written from */
  plan: DealPlan;
};

/** One person in a deal's buying group. */
export type CastMember = {
  part: PartName;
  contactId: string;
  name: string;
  title: string;
  /** a newcomer's first day in the deal */
  arrivesOn: string | null;
  /** the day a champion who left the company was gone */
  leavesOn: string | null;
};

export type DealPlan = {
  plot: Plot;
  /** the economic buyer first, then the main contact (our champion, or the person we talk to) */
  cast: CastMember[];
  /** the competitor that matters most, when one does */
  rival: string | null;
  otherCompetitors: string[];
  /** a do-nothing option the buyer mentioned */
  doNothing: boolean;
  issue: IssueTemplate;
  sideIssues: Array<readonly [string, IssueTemplate['category']]>;
  criteria: CriterionTemplate[];
  /** the must-have we fail, in that story */
  failedMust: CriterionTemplate | null;
  /** the stage reached (0 = Qualify), and the day it entered each stage up to it */
  stageReached: number;
  stageDates: string[];
  /** today for an open deal, its close date for a closed one */
  end: string;
};

export type DemoWorkspace = {
  orgId: string;
  orgName: string;
  users: DemoUser[];
  stages: DemoStage[];
  accounts: DemoAccount[];
  contacts: DemoContact[];
  opportunities: DemoOpportunity[];
};

const FIRST_NAMES = [
  'Avery',
  'Jordan',
  'Priya',
  'Mateo',
  'Chen',
  'Olivia',
  'Kwame',
  'Sofia',
  'Lukas',
  'Amara',
  'Noah',
  'Yuki',
  'Elena',
  'Omar',
  'Hannah',
  'Diego',
  'Ingrid',
  'Ravi',
  'Fatima',
  'Liam',
  'Zara',
  'Tomás',
  'Mei',
  'Jonas',
  'Aisha',
  'Felix',
  'Nadia',
  'Samuel',
  'Leila',
  'Erik',
  'Grace',
  'Arjun',
  'Clara',
  'Hugo',
  'Ines',
  'Marcus',
];
const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'Patel',
  'García',
  'Wang',
  'Schneider',
  'Mensah',
  'Rossi',
  'Novak',
  'Haddad',
  'Kim',
  'Tanaka',
  'Dubois',
  'Ivanova',
  'Murphy',
  'Costa',
  'Berg',
  'Nair',
  'Rahman',
  'Walsh',
  'Fischer',
  'Silva',
  'Yilmaz',
  'Andersen',
  'Moreau',
  'Kowalski',
  'Osei',
  'Brennan',
  'Suzuki',
  'Ferreira',
  'Laine',
  'Mwangi',
];
const COMPANY_STEMS = [
  'Alder',
  'Brightwater',
  'Cobalt',
  'Driftwood',
  'Emberline',
  'Foxglove',
  'Granite Peak',
  'Harbor',
  'Ironbridge',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Meridian',
  'Northgate',
  'Oakridge',
  'Pinnacle',
  'Quarry',
  'Redwood',
  'Silverline',
  'Tidewater',
  'Upland',
  'Vantage',
  'Westbrook',
  'Yellowpine',
  'Zenith',
  'Arcadia',
  'Bluestem',
  'Cedar Point',
  'Dunmore',
  'Eastvale',
  'Fairhaven',
  'Glenmore',
  'Highfield',
  'Ivy Lane',
  'Kingsway',
  'Larkspur',
  'Millbrook',
  'Newhaven',
  'Orchard',
  'Portside',
  'Ridgeway',
  'Stonebridge',
  'Thornbury',
  'Valemont',
  'Willowby',
  'Ashford',
  'Beacon',
  'Crestview',
  'Deerfield',
  'Elmstead',
  'Falcon',
  'Greystone',
  'Hawthorne',
  'Kestrel',
  'Lighthouse',
  'Marlow',
  'Norwood',
  'Osprey',
  'Prescott',
  'Rosemont',
  'Summit',
  'Trident',
];
const INDUSTRIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Manufacturing', ['Industries', 'Manufacturing', 'Components']],
  ['Financial services', ['Capital', 'Bank', 'Financial']],
  ['Healthcare', ['Health', 'Medical Group', 'Clinics']],
  ['Retail', ['Retail', 'Stores', 'Brands']],
  ['Logistics', ['Logistics', 'Freight', 'Shipping']],
  ['Software', ['Software', 'Systems', 'Labs']],
  ['Energy', ['Energy', 'Power', 'Utilities']],
  ['Insurance', ['Insurance', 'Mutual', 'Assurance']],
  ['Public sector', ['County', 'Transit Authority', 'Water Board']],
  ['Education', ['University', 'College', 'Academy']],
];
const SIZE_WEIGHTS: ReadonlyArray<readonly [SizeBand, number]> = [
  ['1-49', 1],
  ['50-249', 3],
  ['250-999', 4],
  ['1000-4999', 3],
  ['5000+', 2],
];
const DEAL_SIZE: Record<SizeBand, readonly [number, number]> = {
  '1-49': [6_000, 30_000],
  '50-249': [15_000, 80_000],
  '250-999': [40_000, 180_000],
  '1000-4999': [80_000, 400_000],
  '5000+': [150_000, 950_000],
};
const MANAGER_TEAM_SIZES = [5, 4, 5];
/** open deals a seller carries before new ones go to a colleague */
const FULL_BOOK = 9;

/** About a third of the deals are still open; of the closed ones, about a third were won. */
const OUTCOMES: ReadonlyArray<readonly [OpportunityStatus, number]> = [
  ['open', 33],
  ['won', 23],
  ['lost', 27],
  ['no_decision', 17],
];

/** The parts of a buying group, in the order a deal adds people as the group grows. */
const GROUP_ORDER: readonly PartName[] = [
  'technical',
  'user',
  'finance',
  'procurement',
  'security',
  'influencer',
  'user',
  'legal',
];

/** Generates the workspace for `today` (YYYY-MM-DD). */
export function generateDemoWorkspace(today: string, seed = DEMO_SEED): DemoWorkspace {
  const random = createRandom(seed);
  const nextName = uniqueNames(random);
  const users = demoUsers(random, nextName);
  const stages = DEFAULT_STAGES.map((s, i) => ({
    id: random.uuid(),
    name: s.name,
    position: i + 1,
    probability: s.probability,
  }));
  const sellers = users.filter((u) => u.role === 'seller');
  // two sellers read their deals through rose-tinted glasses, as every team has
  // two sellers run optimistic, one keeps every figure low: the gap rule has habits to find
  const habits = new Map<string, SellerHabit>([
    [sellers[2]!.email, 'optimist'],
    [sellers[9]!.email, 'optimist'],
    [sellers[6]!.email, 'sandbagger'],
  ]);
  const accounts = demoAccounts(random, sellers, today);
  const contacts: DemoContact[] = [];
  const opportunities: DemoOpportunity[] = [];
  const deck = new StoryDeck(random);
  // managers keep the open pipeline spread: a seller whose book is full hands a new deal to the
  // colleague with the fewest
  const openCount = new Map(sellers.map((s) => [s.email, 0]));
  const outcomes = dealer(random, OUTCOMES);
  const showcase = new LastQuarterShowcase(
    today,
    users.filter((u) => u.managerEmail === users.find((m) => m.role === 'manager')!.email).map((u) => u.email),
  );
  for (const account of accounts) {
    const people = new People(random, account, nextName, contacts);
    const count = random.int(4, 7);
    for (let i = 0; i < count; i++) {
      const status = outcomes();
      let owner = random.chance(0.85) ? account.ownerEmail : random.pick(sellers).email;
      if (status === 'open') {
        if (openCount.get(owner)! >= FULL_BOOK)
          owner = [...openCount.entries()].reduce((a, b) => (b[1] < a[1] ? b : a))[0];
        openCount.set(owner, openCount.get(owner)! + 1);
      }
      opportunities.push(
        storyDeal(random, deck, account, people, owner, habits.get(owner) ?? 'even', stages, today, status, showcase),
      );
    }
  }
  return { orgId: random.uuid(), orgName: DEMO_ORG_NAME, users, stages, accounts, contacts, opportunities };
}

/**
 * Closed deals close on a day drawn from the last two years, except the first deal of each story of
 * LAST_QUARTER_LESSONS that the first manager's team closes that way: it closes in the last full
 * quarter (on a day taken from the same draw), so the win/loss review the demo opens on has one of
 * each lesson, in the team the first manager sees.
 */
class LastQuarterShowcase {
  readonly #today: string;
  readonly #team: ReadonlySet<string>;
  readonly #wanted = new Set(LAST_QUARTER_LESSONS.map(([story, status]) => `${story}:${status}`));

  constructor(today: string, team: readonly string[]) {
    this.#today = today;
    this.#team = new Set(team);
  }

  /** The day a deal closed `daysAgo` days before today closes on, in the quarter when it shows a lesson there. */
  closingDay(daysAgo: number, story: Story, status: OpportunityStatus, ownerEmail: string): string {
    if (!this.#team.has(ownerEmail) || !this.#wanted.delete(`${story.key}:${status}`))
      return addDays(this.#today, -daysAgo);
    const quarter = previousPeriod(quarterOf(this.#today));
    const latest = addDays(this.#today, -5) < quarter.to ? addDays(this.#today, -5) : quarter.to;
    return addDays(quarter.from, daysAgo % (daysBetween(quarter.from, latest) + 1));
  }
}

function uniqueNames(random: Random): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

function demoUsers(random: Random, nextName: () => string): DemoUser[] {
  const users: DemoUser[] = [
    { id: random.uuid(), email: 'admin@demo.example.com', name: nextName(), role: 'admin', managerEmail: null },
  ];
  let sellerNumber = 0;
  MANAGER_TEAM_SIZES.forEach((teamSize, index) => {
    const managerEmail = `manager${index + 1}@demo.example.com`;
    users.push({
      id: random.uuid(),
      email: managerEmail,
      name: nextName(),
      role: 'manager',
      managerEmail: 'admin@demo.example.com',
    });
    for (let i = 0; i < teamSize; i++) {
      sellerNumber += 1;
      users.push({
        id: random.uuid(),
        email: `seller${sellerNumber}@demo.example.com`,
        name: nextName(),
        role: 'seller',
        managerEmail,
      });
    }
  });
  return users;
}

function demoAccounts(random: Random, sellers: readonly DemoUser[], today: string): DemoAccount[] {
  return COMPANY_STEMS.slice(0, 60).map((stem, i) => {
    const [industry, suffixes] = random.pick(INDUSTRIES);
    const name = `${stem} ${random.pick(suffixes)}`;
    const relationship = random.weighted<Relationship>([
      ['new', 5],
      ['current', 4],
      ['past', 1],
    ]);
    return {
      id: random.uuid(),
      name,
      industry,
      sizeBand: random.weighted(SIZE_WEIGHTS),
      website: `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      relationship,
      // spread accounts evenly, so every seller has a book of business
      ownerEmail: sellers[i % sellers.length]!.email,
      // on record before the oldest deal with them began
      createdAt: `${addDays(today, -random.int(960, 1100))}T${clock(random)}`,
    };
  });
}

/**
 * An account's people: each deal casts its buying group from them, reusing the person who already
 * holds a fitting title there (the same CFO signs every deal at one company) and hiring, so to
 * speak, whoever is missing.
 */
class People {
  readonly #random: Random;
  readonly #account: DemoAccount;
  readonly #nextName: () => string;
  readonly #all: DemoContact[];
  readonly #mine: DemoContact[] = [];

  constructor(random: Random, account: DemoAccount, nextName: () => string, all: DemoContact[]) {
    this.#random = random;
    this.#account = account;
    this.#nextName = nextName;
    this.#all = all;
  }

  /** someone with one of these titles not already in `taken`; a new person when `fresh` or none fits */
  find(titles: readonly string[], taken: ReadonlySet<string>, since: string, fresh = false): DemoContact {
    const createdAt = `${since}T${clock(this.#random)}`;
    const existing = fresh ? undefined : this.#mine.find((c) => titles.includes(c.title) && !taken.has(c.id));
    if (existing) {
      // on record from the first deal they were part of
      if (createdAt < existing.createdAt)
        existing.createdAt = createdAt < this.#account.createdAt ? this.#account.createdAt : createdAt;
      return existing;
    }
    const name = this.#nextName();
    const [first, last] = name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(' ');
    const contact: DemoContact = {
      id: this.#random.uuid(),
      accountId: this.#account.id,
      name,
      title: this.#random.pick(titles),
      email: `${first}.${last}@${this.#account.website.replace('https://www.', '')}`,
      phone: `+1 555 ${String(this.#random.int(100, 999))} ${String(this.#random.int(1000, 9999))}`,
      createdAt: createdAt < this.#account.createdAt ? this.#account.createdAt : createdAt,
    };
    this.#mine.push(contact);
    this.#all.push(contact);
    return contact;
  }
}

function allowedDealTypes(account: DemoAccount): DealType[] {
  if (account.relationship === 'current') return ['upsell', 'cross_sell', 'renewal'];
  if (account.relationship === 'past') return ['new_logo', 'cross_sell'];
  return ['new_logo'];
}

function storyDeal(
  random: Random,
  deck: StoryDeck,
  account: DemoAccount,
  people: People,
  ownerEmail: string,
  habit: SellerHabit,
  stages: readonly DemoStage[],
  today: string,
  status: OpportunityStatus,
  showcase: LastQuarterShowcase,
): DemoOpportunity {
  const allowed = allowedDealTypes(account);
  const story = deck.draw(status, allowed);
  // an open deal is headed somewhere already: what is true of it is what is true of deals of its
  // story that ended that way (the seller does not know which way, and neither does the model)
  const destiny =
    status === 'open'
      ? random.weighted(
          (['won', 'lost', 'no_decision'] as const)
            .map((s): readonly [Exclude<OpportunityStatus, 'open'>, number] => [s, story.weights[s] ?? 0])
            .filter(([, w]) => w > 0),
        )
      : status;
  const plot = resolvePlot(random, story, destiny);
  const dealType = random.pick((story.dealTypes ?? allowed).filter((t) => allowed.includes(t)));
  const basics = dealBasics(random, account, dealType, story.small === true);

  // the stages it went through, and when; many losses come late, so the stage a deal reached says
  // less about its outcome than what was known
  const range =
    status === 'open'
      ? (story.openStages ?? [1, 4])
      : (story.closedStages?.[status] ?? ({ won: [3, 5], lost: [1, 5], no_decision: [1, 4] } as const)[status]);
  const stageReached = random.int(range[0], range[1]);
  const closedDate = status === 'open' ? null : showcase.closingDay(random.int(5, 720), story, status, ownerEmail);
  const end = closedDate ?? today;
  // a closed deal lived its whole cycle; an open one is as far into it as its stage
  const created =
    status === 'open'
      ? addDays(end, -random.int(10 + stageReached * 22, 35 + stageReached * 28))
      : addDays(end, -random.int(30 + stageReached * 18, 70 + stageReached * 32));
  const journey = stageJourney(random, stages, stageReached, created, end);
  const stageDates = [created, ...journey.slice(1).map((e) => e.at.slice(0, 10))];

  // where the close date ended up, and how it got there
  const finalClose =
    closedDate !== null
      ? addDays(closedDate, random.int(-20, 10))
      : stageReached >= 4
        ? addDays(today, random.int(-5, 40))
        : stageReached === 3
          ? addDays(today, random.int(20, 90))
          : stageReached === 2
            ? addDays(today, random.int(45, 150))
            : addDays(today, random.int(knowsWhyTheDateMatters(plot, stageReached) ? 60 : 91, 180));
  const slips = slipEvents(random, plot.slips, created, end, finalClose);
  const plannedClose = slips.length === 0 ? finalClose : (slips[0]!.changes.from as string);
  const events: DemoEvent[] = [
    journey[0]!,
    ...[...journey.slice(1), ...slips.map((s) => ({ at: s.at, changes: { expectedCloseDate: s.changes.to } }))].sort(
      (a, b) => a.at.localeCompare(b.at),
    ),
  ];

  const plan = castDeal(random, account, people, plot, basics.issue, stageReached, stageDates, end);
  const forecastCategory: ForecastCategory =
    status !== 'open'
      ? status === 'won'
        ? 'commit'
        : 'omitted'
      : stageReached >= 5 || (stageReached === 4 && (plot.sellerHappyEars || plot.champion === 'tested'))
        ? 'commit'
        : stageReached >= 3
          ? 'best_case'
          : 'pipeline';
  const closeReason = status === 'open' ? null : reasonFor(random, story, status, plan);
  if (closedDate !== null) {
    events.push({
      at: `${closedDate}T${clock(random)}`,
      changes: { status, closedDate, closeReason, forecastCategory },
    });
  }
  const record: DemoOpportunity = {
    id: random.uuid(),
    accountId: account.id,
    ownerEmail,
    name: basics.name,
    amountMinor: basics.amountMinor,
    currency: basics.currency,
    dealType,
    source: basics.source,
    expectedCloseDate: finalClose,
    stageId: stages[stageReached]!.id,
    status,
    closedDate,
    closeReason,
    forecastCategory,
    sellerProbability: sellerFigure(random, plot, stageReached, stages[stageReached]!.probability, habit),
    createdAt: events[0]!.at,
    updatedAt: events[events.length - 1]!.at,
    events,
    plan,
  };
  events[0]!.changes = creationSnapshot(record, stages[0]!.id, plannedClose);
  return record;
}

/**
 * Whether a seller in the first stages has heard why the date matters: a hard date, a contract
 * end, or a deadline the economic buyer set, all learned in Discover. A reasonably run team puts
 * a just-qualified deal with no such reason more than a quarter out.
 */
function knowsWhyTheDateMatters(plot: Plot, stageReached: number): boolean {
  if (stageReached < 1) return false;
  return (
    plot.event === 'hard' ||
    plot.event === 'contract_end' ||
    (plot.event === 'internal' && plot.economicBuyer !== 'unknown')
  );
}

function dealBasics(random: Random, account: DemoAccount, dealType: DealType, small: boolean) {
  const [low, high] = DEAL_SIZE[account.sizeBand];
  // expanding what a customer already has costs less than the first purchase
  const scale = (dealType === 'new_logo' ? 1 : dealType === 'renewal' ? 0.6 : 0.45) * (small ? 0.3 : 1);
  const major = Math.max(5_000, Math.round(((low + (high - low) * random.next() ** 2) * scale) / 500) * 500);
  const currency = random.weighted([
    ['USD', 8],
    ['EUR', 2],
    ['GBP', 1],
  ] as const);
  const source = random.chance(0.9)
    ? random.weighted<LeadSource>(
        account.relationship === 'current'
          ? [
              ['existing_customer', 6],
              ['referral', 1],
              ['outbound', 1],
            ]
          : [
              ['inbound', 3],
              ['outbound', 4],
              ['partner', 2],
              ['referral', 1],
              ['event', 1],
            ],
      )
    : null;
  const issue = random.pick(ISSUES);
  const label = dealType === 'renewal' ? `${issue.product} renewal` : issue.product;
  return { name: `${account.name.split(' ')[0]} – ${label}`, amountMinor: major * 100, currency, source, issue };
}

/** Who plays in the deal and what it is about. */
function castDeal(
  random: Random,
  account: DemoAccount,
  people: People,
  plot: Plot,
  issue: IssueTemplate,
  stageReached: number,
  stageDates: string[],
  end: string,
): DealPlan {
  const [low, high] = plot.story.group ?? [2, 8];
  // two people at least besides an economic buyer nobody has named
  const size = Math.max(plot.economicBuyer === 'unknown' ? 3 : 2, Math.min(9, random.int(low, high)));
  const start = stageDates[0]!;
  const taken = new Set<string>();
  const cast: CastMember[] = [];
  const join = (part: PartName, titles: readonly string[], extra: Partial<CastMember> = {}, fresh = false) => {
    const c = people.find(titles, taken, extra.arrivesOn ?? start, fresh);
    taken.add(c.id);
    cast.push({ part, contactId: c.id, name: c.name, title: c.title, arrivesOn: null, leavesOn: null, ...extra });
  };
  join('economic_buyer', economicBuyerTitles(account.sizeBand));
  const mainPart: PartName = plot.petProject ? 'sponsor' : plot.champion === 'none' ? 'user' : 'champion';
  const span = Math.max(10, daysBetween(start, end));
  if (plot.champion === 'left') {
    // the champion leaves in the second half of the deal; a successor arrives two or three weeks later
    const leavesOn = addDays(start, Math.round(span * (0.5 + 0.25 * random.next())));
    join('champion', PARTS.champion.titles, { leavesOn });
    const arrival = addDays(leavesOn, random.int(10, 20));
    const arrivesOn = arrival > end ? end : arrival;
    join('champion', PARTS.champion.titles, { arrivesOn }, true);
  } else join(mainPart, PARTS[mainPart].titles);
  if (plot.newPlayer && plot.champion !== 'left') {
    const arrivesOn = addDays(end, -random.int(5, Math.min(40, Math.max(6, Math.round(span / 3)))));
    join('newcomer', PARTS.newcomer.titles, { arrivesOn: arrivesOn < start ? start : arrivesOn }, true);
  }
  const wanted: PartName[] = [];
  if (plot.rival === 'in_house_unmapped') wanted.push('technical');
  if (plot.blocker === 'security') wanted.push('security');
  if (plot.blocker === 'procurement') wanted.push('procurement');
  for (const part of [...wanted, ...GROUP_ORDER]) {
    if (cast.length >= size) break;
    if (part !== 'user' && cast.some((m) => m.part === part)) continue;
    join(part, PARTS[part].titles);
  }

  const competitorPool = [...COMPETITORS];
  const takeCompetitor = () => competitorPool.splice(random.int(0, competitorPool.length - 1), 1)[0]!;
  const rival = plot.rival === 'competitor' || plot.rival === 'rfp_author' ? takeCompetitor() : null;
  // one to four alternatives in all: the rival, other vendors, and sometimes doing nothing
  const alternatives = random.weighted([
    [1, 3],
    [2, 4],
    [3, 2],
    [4, 1],
  ] as const);
  let doNothing = plot.rival === 'status_quo' || random.chance(0.35);
  const already = (rival ? 1 : 0) + (doNothing ? 1 : 0) + (plot.rival === 'in_house_unmapped' ? 1 : 0);
  const otherCompetitors: string[] = [];
  if (plot.rival !== 'none' || random.chance(0.4))
    for (let i = already; i < alternatives; i++) otherCompetitors.push(takeCompetitor());
  // with no vendor in sight, the customer can still do nothing
  if (plot.rival === 'none' && otherCompetitors.length === 0) doNothing = true;

  const criteria = sample(
    random,
    CRITERIA,
    random.weighted([
      [1, 1],
      [2, 3],
      [3, 3],
      [4, 2],
      [5, 1],
    ] as const),
  );
  let failedMust: CriterionTemplate | null = null;
  if (plot.fit === 'fails_must') {
    failedMust = criteria.find((c) => c.mustHave) ?? CRITERIA.find((c) => c.mustHave && !criteria.includes(c))!;
    if (!criteria.includes(failedMust)) criteria.unshift(failedMust);
  }
  const sideIssues = sample(
    random,
    SIDE_ISSUES,
    random.weighted([
      [0, 3],
      [1, 2],
      [2, 1],
    ] as const),
  );
  return {
    plot,
    cast,
    rival,
    otherCompetitors,
    doNothing,
    issue,
    sideIssues,
    criteria,
    failedMust,
    stageReached,
    stageDates,
    end,
  };
}

/** The story's close reason for this outcome, with the deal's own names. */
function reasonFor(random: Random, story: Story, status: Exclude<OpportunityStatus, 'open'>, plan: DealPlan): string {
  const eb = plan.cast[0]!;
  const champion = plan.cast[1]!;
  const newcomer = plan.cast.find((m) => m.arrivesOn !== null);
  const words: Record<string, string> = {
    rival: plan.rival ?? plan.otherCompetitors[0] ?? 'another vendor',
    eb: eb.name,
    ebTitle: eb.title,
    champion: champion.name,
    must: plan.failedMust?.title ?? '',
    newcomer: newcomer ? `${newcomer.name} (${newcomer.title})` : 'a new executive',
  };
  return random.pick(story.reasons[status]!).replace(/\{(\w+)\}/g, (_, key: string) => words[key] ?? key);
}

/** How a seller's own figures lean, deal after deal. */
type SellerHabit = 'optimist' | 'sandbagger' | 'even';

/**
 * The seller's own figure: what they make of what they can see, leaning on the stage while the
 * deal is young. Sellers read their own relationships kindly (a friendly coach passes for a champion,
 * an economic buyer they have met for one who backs them) and the competition lightly (an RFP a rival
 * wrote is "a chance to show what we can do"), and a month of news moves them either way. On the
 * deals they fell in love with, and on every deal of an optimist, it runs well ahead of that; a
 * sandbagger keeps every figure low so that nobody asks (REFERENCE 4.1: biased both ways). What they
 * cannot see (an in-house build nobody mapped) does not move it.
 */
function sellerFigure(
  random: Random,
  plot: Plot,
  stage: number,
  stageProbability: number,
  habit: SellerHabit,
): number | null {
  if (random.chance(0.2)) return null;
  const read = Math.min(1, stage / 3);
  // from the organization's win rate, about one deal in three
  const seen =
    33 +
    { tested: 14, coach: 5, powerless: -5, left: -12, none: -12 }[plot.champion] +
    { engaged: 14, met: 5, named: -3, unread: -3, hostile: -20, unknown: -8 }[plot.economicBuyer] +
    { lead: 8, level: 0, behind: -10, fails_must: -20 }[plot.fit] +
    { none: 5, competitor: 0, rfp_author: -10, in_house_unmapped: 0, status_quo: -5 }[plot.rival] +
    { hard: 5, contract_end: 5, internal: 2, soft: 0, none: -5, unknown: 0 }[plot.event] +
    { allocated: 5, identified: 2, to_create: -5, none: -10, unknown: 0 }[plot.budget] +
    { within: 0, above: -5, well_above: -10 }[plot.price] +
    (plot.stale ? -5 : 0) -
    3 * plot.slips;
  const sense = read * seen + (1 - read) * stageProbability;
  const mood = random.int(-14, 14);
  const bias = plot.sellerHappyEars ? 30 : habit === 'optimist' ? 20 : habit === 'sandbagger' ? -15 : 0;
  return Math.max(5, Math.min(95, Math.round(sense + mood + bias)));
}

/**
 * The close date moved later up to `count` times, each move made as the old date drew near; the
 * last move lands on `finalClose`. No planned date falls within three weeks of the deal's creation.
 */
function slipEvents(
  random: Random,
  count: number,
  created: string,
  end: string,
  finalClose: string,
): Array<{ at: string; changes: { from: string; to: string } }> {
  const moves: Array<{ at: string; changes: { from: string; to: string } }> = [];
  let to = finalClose;
  for (let i = count; i >= 1; i--) {
    const room = daysBetween(addDays(created, 21), to);
    const shift = Math.min(random.int(21, 60), Math.floor(room / i));
    if (shift < 10) break;
    const from = addDays(to, -shift);
    let day = addDays(from, -random.int(0, 10));
    if (day >= end) day = addDays(end, -random.int(1, 3));
    if (day <= created) day = addDays(created, 1);
    moves.unshift({ at: `${day}T${clock(random)}`, changes: { from, to } });
    to = from;
  }
  // made in order: each move's day no earlier than the one before
  for (let i = 1; i < moves.length; i++)
    if (moves[i]!.at <= moves[i - 1]!.at)
      moves[i]!.at = `${addDays(moves[i - 1]!.at.slice(0, 10), 1)}T${clock(random)}`;
  return moves;
}

/** Creation, then one update per stage advanced, spread between `from` and `until`. */
function stageJourney(
  random: Random,
  stages: readonly DemoStage[],
  reachedIndex: number,
  from: string,
  until: string,
): DemoEvent[] {
  const events: DemoEvent[] = [{ at: `${from}T${clock(random)}`, changes: {} }];
  const span = Math.max(1, daysBetween(from, until));
  for (let i = 1; i <= reachedIndex; i++) {
    const day = addDays(from, Math.min(span - 1, Math.round((span * i) / (reachedIndex + 1.5))));
    events.push({ at: `${day}T${clock(random)}`, changes: { stageId: stages[i]!.id } });
  }
  return events;
}

function creationSnapshot(
  o: DemoOpportunity,
  firstStageId: string,
  expectedCloseDate: string,
): Record<string, unknown> {
  return {
    name: o.name,
    accountId: o.accountId,
    amountMinor: o.amountMinor,
    currency: o.currency,
    expectedCloseDate,
    stageId: firstStageId,
    status: 'open',
    forecastCategory: 'pipeline',
    source: o.source,
    dealType: o.dealType,
  };
}

/** Draws by weight like cards from a shuffled deck, so a few hundred draws keep the proportions. */
function dealer<T>(random: Random, weights: ReadonlyArray<readonly [T, number]>): () => T {
  let deck: T[] = [];
  return () => {
    if (deck.length === 0)
      deck = shuffleInPlace(
        random,
        weights.flatMap(([item, n]) => Array<T>(n).fill(item)),
      );
    return deck.pop()!;
  };
}

/** `count` distinct items, in random order (a partial Fisher-Yates shuffle). */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = random.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function clock(random: Random): string {
  const h = String(random.int(8, 17)).padStart(2, '0');
  const m = String(random.int(0, 59)).padStart(2, '0');
  return `${h}:${m}:00.000Z`;
}
