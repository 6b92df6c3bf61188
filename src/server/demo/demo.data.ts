import { addDays } from '../../domain/dates.ts';
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
import { createRandom, type Random } from '../../domain/random.ts';

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
const TITLES = [
  'Chief Financial Officer',
  'Chief Operating Officer',
  'Chief Information Officer',
  'VP Operations',
  'VP Finance',
  'Head of Procurement',
  'IT Director',
  'Director of Sales Operations',
  'Operations Manager',
  'Finance Manager',
  'Enterprise Architect',
  'Head of Customer Service',
  'Procurement Specialist',
  'Security Lead',
  'Program Manager',
  'Business Analyst',
  'General Counsel',
  'Head of Digital',
];
const PRODUCTS = [
  'Revenue analytics platform',
  'Field service rollout',
  'Customer portal',
  'Data platform migration',
  'Contact center upgrade',
  'Supply chain visibility',
  'Billing modernisation',
  'Security operations',
  'Workforce scheduling',
  'Partner portal',
  'Forecasting suite',
  'Quality management',
];
const LOSS_REASONS = [
  'Lost to competitor on price',
  'Competitor had an existing relationship with the CFO',
  'Our solution missed a mandatory integration',
  'Competitor wrote the requirements',
  'Lost to an in-house build',
  'Economic buyer never engaged',
  'Champion left the company',
];
const NO_DECISION_REASONS = [
  'Project deprioritised after budget review',
  'No compelling event; stayed with status quo',
  'Reorganisation froze all new spend',
  'Decision postponed indefinitely',
  'Could not agree on a business case',
];
const WIN_REASONS = [
  'Strongest business case and a committed champion',
  'Best fit on the mandatory criteria',
  'Executive sponsor drove the decision',
  'Faster time to value than the alternatives',
  'Existing relationship and proven results',
];

const MANAGER_TEAM_SIZES = [5, 4, 5];

/** Generates the workspace for `today` (YYYY-MM-DD). */
export function generateDemoWorkspace(today: string, seed = DEMO_SEED): DemoWorkspace {
  const random = createRandom(seed);
  const names = uniqueNames(random);
  const users = demoUsers(random, names);
  const stages = DEFAULT_STAGES.map((s, i) => ({
    id: random.uuid(),
    name: s.name,
    position: i + 1,
    probability: s.probability,
  }));
  const sellers = users.filter((u) => u.role === 'seller');
  const accounts = demoAccounts(random, sellers, today);
  const contacts = accounts.flatMap((a) => demoContacts(random, a, names));
  const opportunities = accounts.flatMap((a) => demoOpportunities(random, a, stages, sellers, today));
  return { orgId: random.uuid(), orgName: DEMO_ORG_NAME, users, stages, accounts, contacts, opportunities };
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
      createdAt: `${addDays(today, -random.int(760, 900))}T${clock(random)}`,
    };
  });
}

function demoContacts(random: Random, account: DemoAccount, nextName: () => string): DemoContact[] {
  const domain = account.website.replace('https://www.', '');
  const titles = sample(random, TITLES, random.int(3, 5));
  return titles.map((title) => {
    const name = nextName();
    const [first, last] = name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(' ');
    return {
      id: random.uuid(),
      accountId: account.id,
      name,
      title,
      email: `${first}.${last}@${domain}`,
      phone: `+1 555 ${String(random.int(100, 999))} ${String(random.int(1000, 9999))}`,
      createdAt: account.createdAt,
    };
  });
}

function demoOpportunities(
  random: Random,
  account: DemoAccount,
  stages: readonly DemoStage[],
  sellers: readonly DemoUser[],
  today: string,
): DemoOpportunity[] {
  const count = random.int(4, 7);
  const opportunities: DemoOpportunity[] = [];
  for (let i = 0; i < count; i++) {
    // about a third still open, closing within the next two quarters; the rest closed over two years
    const isOpen = random.chance(0.32);
    const owner = random.chance(0.85) ? account.ownerEmail : random.pick(sellers).email;
    opportunities.push(
      isOpen
        ? openOpportunity(random, account, owner, stages, today)
        : closedOpportunity(random, account, owner, stages, today),
    );
  }
  return opportunities;
}

function dealBasics(random: Random, account: DemoAccount) {
  const [low, high] = DEAL_SIZE[account.sizeBand];
  const major = Math.round((low + (high - low) * random.next() ** 2) / 500) * 500;
  const currency = random.weighted([
    ['USD', 8],
    ['EUR', 2],
    ['GBP', 1],
  ] as const);
  const dealType: DealType =
    account.relationship === 'current'
      ? random.weighted<DealType>([
          ['upsell', 4],
          ['cross_sell', 3],
          ['renewal', 3],
        ])
      : account.relationship === 'past'
        ? random.weighted<DealType>([
            ['new_logo', 3],
            ['cross_sell', 1],
          ])
        : 'new_logo';
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
  return {
    name: `${account.name.split(' ')[0]} – ${random.pick(PRODUCTS)}`,
    amountMinor: major * 100,
    currency,
    dealType,
    source,
  };
}

function openOpportunity(
  random: Random,
  account: DemoAccount,
  ownerEmail: string,
  stages: readonly DemoStage[],
  today: string,
): DemoOpportunity {
  const basics = dealBasics(random, account);
  const stageIndex = random.weighted([
    [0, 3],
    [1, 4],
    [2, 4],
    [3, 3],
    [4, 2],
    [5, 1],
  ] as const);
  const stage = stages[stageIndex]!;
  const expectedCloseDate = addDays(today, random.int(-10, 180));
  const created = addDays(today, -random.int(20 + stageIndex * 15, 60 + stageIndex * 35));
  const forecastCategory: ForecastCategory =
    stageIndex >= 5
      ? 'commit'
      : stageIndex >= 3
        ? random.weighted([
            ['best_case', 3],
            ['commit', 1],
          ] as const)
        : 'pipeline';
  // sellers' own figures run ahead of the stage's, as they do in life
  const sellerProbability = random.chance(0.75) ? Math.min(95, stage.probability + random.int(-5, 30)) : null;
  const events = stageJourney(random, stages, stageIndex, created, today);
  const record: DemoOpportunity = {
    id: random.uuid(),
    accountId: account.id,
    ownerEmail,
    ...basics,
    expectedCloseDate,
    stageId: stage.id,
    status: 'open',
    closedDate: null,
    closeReason: null,
    forecastCategory,
    sellerProbability,
    createdAt: events[0]!.at,
    updatedAt: events[events.length - 1]!.at,
    events,
  };
  events[0]!.changes = creationSnapshot(record, stages[0]!.id, expectedCloseDate);
  return record;
}

function closedOpportunity(
  random: Random,
  account: DemoAccount,
  ownerEmail: string,
  stages: readonly DemoStage[],
  today: string,
): DemoOpportunity {
  const basics = dealBasics(random, account);
  const status = random.weighted<OpportunityStatus>([
    ['won', 32],
    ['lost', 43],
    ['no_decision', 25],
  ]);
  const closedDate = addDays(today, -random.int(5, 720));
  // many losses come late in the cycle, so the stage a deal reached says less than it seems
  const reached = status === 'won' ? random.int(3, 5) : status === 'lost' ? random.int(1, 5) : random.int(1, 4);
  const created = addDays(closedDate, -random.int(45, 220));
  const events = stageJourney(random, stages, reached, created, closedDate);
  const closeReason = random.pick(
    status === 'won' ? WIN_REASONS : status === 'lost' ? LOSS_REASONS : NO_DECISION_REASONS,
  );
  const plannedClose = addDays(closedDate, -random.int(-20, 60));
  const sellerProbability = random.chance(0.7) ? Math.min(95, stages[reached]!.probability + random.int(-5, 30)) : null;
  const closingAt = `${closedDate}T${clock(random)}`;
  events.push({
    at: closingAt,
    changes: { status, closedDate, closeReason, forecastCategory: status === 'won' ? 'commit' : 'omitted' },
  });
  const record: DemoOpportunity = {
    id: random.uuid(),
    accountId: account.id,
    ownerEmail,
    ...basics,
    expectedCloseDate: plannedClose,
    stageId: stages[reached]!.id,
    status,
    closedDate,
    closeReason,
    forecastCategory: status === 'won' ? 'commit' : 'omitted',
    sellerProbability,
    createdAt: events[0]!.at,
    updatedAt: closingAt,
    events,
  };
  events[0]!.changes = creationSnapshot(record, stages[0]!.id, plannedClose);
  return record;
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
  const span = Math.max(1, Math.round((Date.parse(until) - Date.parse(from)) / 86_400_000));
  for (let i = 1; i <= reachedIndex; i++) {
    const day = addDays(from, Math.min(span - 1, Math.round((span * i) / (reachedIndex + 1))));
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
