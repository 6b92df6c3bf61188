import type { DealType, OpportunityStatus } from '../../domain/enums.ts';
import type { Random } from '../../domain/random.ts';

// The deals a sales VP recognises, as data. Each story fixes what is true about a deal (who backs
// us, what the competition did, whether money and a deadline exist) and what became of it; the
// generator varies the rest (people, amounts, dates, group size) and the knowledge generator
// records what a seller would have learned by the stage the deal reached. A closed deal's close
// reason is written from its story, so it follows from what was known.

/** How we stand with the person who argues for us. */
export type ChampionPlot = 'tested' | 'coach' | 'powerless' | 'left' | 'none';
/** How we stand with the person who can fund the deal and say yes when others say no. */
export type EconomicBuyerPlot = 'engaged' | 'met' | 'named' | 'unread' | 'hostile' | 'unknown';
/** The alternative that matters most. `in_house_unmapped`: IT builds it, and we learn it only at the end. */
export type RivalPlot = 'none' | 'competitor' | 'rfp_author' | 'in_house_unmapped' | 'status_quo';
export type FitPlot = 'lead' | 'level' | 'behind' | 'fails_must';
/** `internal`: a deadline the economic buyer set; `soft`: an internal target nobody with power answers for. */
export type EventPlot = 'hard' | 'contract_end' | 'internal' | 'soft' | 'none' | 'unknown';
export type BudgetPlot = 'allocated' | 'identified' | 'to_create' | 'none' | 'unknown';
export type PricePlot = 'within' | 'above' | 'well_above';
/** `simple`: a small purchase the economic buyer signs on an order form, without procurement. */
export type ProcessPlot = 'mapped' | 'simple' | 'partial' | 'unknown';
export type BlockerPlot = 'none' | 'security' | 'procurement';
export type NextStepPlot = 'buyer' | 'overdue' | 'none';
export type ValuePlot = 'agreed' | 'quantified' | 'vague';

export type Knobs = {
  champion: ChampionPlot;
  economicBuyer: EconomicBuyerPlot;
  rival: RivalPlot;
  fit: FitPlot;
  event: EventPlot;
  budget: BudgetPlot;
  price: PricePlot;
  process: ProcessPlot;
  blocker: BlockerPlot;
  nextStep: NextStepPlot;
  /** times the expected close date moved later */
  slips: number;
  /** nothing heard from the buyer for weeks */
  stale: boolean;
  /** the issue belongs to one executive outside the circle that decides */
  petProject: boolean;
  /** only the champion is really covered */
  singleThreaded: boolean;
  value: ValuePlot;
  /** a new executive arrived mid-deal */
  newPlayer: boolean;
  /** the economic buyer sees no need to change */
  ebComplacent: boolean;
  /** the seller's own figure runs well ahead of the evidence */
  sellerHappyEars: boolean;
};

type Spec<T> = T | ReadonlyArray<readonly [T, number]>;
type KnobSpecs = { [K in keyof Knobs]: Spec<Knobs[K]> };
type Outcomes = Partial<Record<OpportunityStatus, number>>;
type Closed = Exclude<OpportunityStatus, 'open'>;

export type Story = {
  key: string;
  /** what a sales VP would call it */
  title: string;
  /** how often it happens, by what became of it (open deals are still running) */
  weights: Outcomes;
  /** the deal types it can be; any the account allows when absent */
  dealTypes?: readonly DealType[];
  /** a small purchase: a fraction of what the account usually spends */
  small?: boolean;
  knobs: Partial<KnobSpecs>;
  /** what differs when the story ends otherwise than it usually does */
  byOutcome?: Partial<Record<OpportunityStatus, Partial<KnobSpecs>>>;
  /** people in the buying group, from 2 to 9 */
  group?: readonly [number, number];
  /** the stages an open deal of this story sits in (0 = Qualify ... 5 = Commit) */
  openStages?: readonly [number, number];
  /** the last stage a closed deal reached */
  closedStages?: Partial<Record<Closed, readonly [number, number]>>;
  /**
   * Close reasons by outcome. Placeholders: {rival} (the main competitor), {eb} and {ebTitle} (the
   * economic buyer), {champion}, {must} (a must-have criterion), {newcomer} (the new executive).
   */
  reasons: Partial<Record<Closed, readonly string[]>>;
};

const DEFAULT_KNOBS: KnobSpecs = {
  champion: [
    ['tested', 3],
    ['coach', 3],
    ['none', 1],
  ],
  economicBuyer: [
    ['met', 3],
    ['named', 3],
    ['engaged', 1],
    ['unread', 1],
  ],
  rival: [
    ['competitor', 5],
    ['none', 2],
    ['status_quo', 1],
  ],
  fit: [
    ['lead', 2],
    ['level', 2],
    ['behind', 1],
  ],
  event: [
    ['internal', 2],
    ['soft', 1],
    ['hard', 2],
    ['unknown', 2],
  ],
  budget: [
    ['identified', 4],
    ['allocated', 1],
    ['to_create', 1],
    ['unknown', 1],
  ],
  price: [
    ['within', 5],
    ['above', 1],
  ],
  process: [
    ['mapped', 3],
    ['partial', 2],
    ['unknown', 1],
  ],
  blocker: 'none',
  nextStep: [
    ['buyer', 5],
    ['none', 2],
    ['overdue', 1],
  ],
  slips: [
    [0, 7],
    [1, 2],
  ],
  stale: [
    [false, 9],
    [true, 1],
  ],
  petProject: false,
  singleThreaded: false,
  value: [
    ['quantified', 3],
    ['vague', 2],
    ['agreed', 2],
  ],
  newPlayer: false,
  ebComplacent: false,
  sellerHappyEars: [
    [false, 6],
    [true, 1],
  ],
};

const RENEWING: readonly DealType[] = ['renewal'];
const EXPANDING: readonly DealType[] = ['upsell', 'cross_sell'];

export const STORIES: readonly Story[] = [
  {
    key: 'champion_to_eb',
    title: 'The champion got us to the economic buyer',
    group: [4, 9],
    weights: { open: 10, won: 12, lost: 1 },
    knobs: {
      // the economic buyer made it a priority: nobody is arguing for the status quo
      rival: [
        ['competitor', 2],
        ['none', 1],
      ],
      champion: 'tested',
      economicBuyer: 'engaged',
      fit: [
        ['lead', 3],
        ['level', 1],
      ],
      event: [
        ['hard', 2],
        ['internal', 2],
      ],
      budget: [
        ['allocated', 2],
        ['identified', 1],
      ],
      process: 'mapped',
      nextStep: 'buyer',
      slips: [
        [0, 5],
        [1, 1],
      ],
      stale: false,
      value: [
        ['agreed', 2],
        ['quantified', 1],
      ],
      sellerHappyEars: false,
    },
    byOutcome: { lost: { rival: 'competitor' } },
    openStages: [2, 5],
    reasons: {
      won: [
        '{champion} took us to {eb} ({ebTitle}), who made it a priority and signed',
        'Won once {eb} ({ebTitle}) backed the plan {champion} built with us',
      ],
      lost: ['Lost at the final round: {rival} cut its price by a third after the shortlist'],
    },
  },
  {
    key: 'business_case',
    title: 'Won on a quantified business case',
    weights: { open: 7, won: 8, no_decision: 1 },
    knobs: {
      rival: [
        ['competitor', 2],
        ['none', 1],
      ],
      value: 'agreed',
      // won on the numbers, from a product that fits at least as well as the others
      fit: [
        ['lead', 1],
        ['level', 2],
      ],
      champion: [
        ['tested', 2],
        ['coach', 1],
      ],
      // the economic buyer presented the case: engaged, by definition
      economicBuyer: 'engaged',
      budget: [
        ['allocated', 1],
        ['identified', 2],
      ],
      event: [
        ['internal', 2],
        ['hard', 1],
      ],
      // a business case that went to the board went with the plan to signature
      process: 'mapped',
      nextStep: 'buyer',
      stale: false,
    },
    byOutcome: { no_decision: { budget: 'to_create', event: 'internal', process: 'partial' } },
    openStages: [2, 4],
    reasons: {
      won: [
        'The business case finance signed off paid back inside a year',
        'Won on the numbers: {eb} ({ebTitle}) presented our business case to the board',
      ],
      no_decision: ['The business case held, but a spending freeze stopped every new project this year'],
    },
  },
  {
    key: 'happy_upsell',
    title: 'The up-sell with a happy sponsor',
    weights: { open: 7, won: 8, no_decision: 1 },
    dealTypes: EXPANDING,
    knobs: {
      champion: 'tested',
      // the sponsor asked for the expansion themselves
      economicBuyer: 'engaged',
      rival: [
        ['none', 3],
        ['competitor', 1],
      ],
      fit: 'lead',
      event: [
        ['internal', 2],
        ['hard', 1],
      ],
      budget: [
        ['allocated', 1],
        ['identified', 1],
      ],
      // the first rollout taught both sides how the customer buys
      process: 'mapped',
      nextStep: 'buyer',
      stale: false,
      value: [
        ['agreed', 1],
        ['quantified', 1],
      ],
    },
    byOutcome: { no_decision: { process: 'partial' } },
    group: [3, 5],
    openStages: [1, 5],
    reasons: {
      won: [
        'Expanded: {eb} ({ebTitle}) wanted the results the first team got',
        'The sponsor from the first rollout carried the expansion through',
      ],
      no_decision: ['Expansion postponed to next year while they absorb a reorganisation'],
    },
  },
  {
    key: 'renewal_on_time',
    title: 'The renewal the contract date drives',
    weights: { open: 6, won: 7 },
    dealTypes: RENEWING,
    knobs: {
      event: 'contract_end',
      champion: [
        ['tested', 2],
        ['coach', 1],
      ],
      // the economic buyer signs the renewal and said so: the service cannot stop
      economicBuyer: 'engaged',
      rival: [
        ['none', 2],
        ['competitor', 1],
      ],
      fit: 'lead',
      budget: 'allocated',
      process: 'mapped',
      nextStep: 'buyer',
      stale: false,
      value: 'agreed',
    },
    group: [3, 5],
    openStages: [2, 5],
    reasons: { won: ['Renewed before the contract ended, on a three-year term'] },
  },
  {
    key: 'stalled_renewal',
    title: 'The stalled renewal',
    weights: { open: 3, won: 2, lost: 2 },
    dealTypes: RENEWING,
    knobs: {
      event: 'contract_end',
      champion: [
        ['coach', 2],
        ['left', 1],
      ],
      economicBuyer: 'named',
      rival: [
        ['competitor', 2],
        ['none', 1],
      ],
      budget: [
        ['identified', 2],
        ['unknown', 1],
      ],
      process: 'partial',
      nextStep: 'overdue',
      slips: [
        [1, 2],
        [2, 1],
      ],
      stale: true,
      value: 'vague',
    },
    byOutcome: { lost: { rival: 'competitor', champion: 'coach' }, won: { stale: false, nextStep: 'buyer' } },
    group: [2, 5],
    openStages: [2, 4],
    reasons: {
      won: ['Renewed three weeks after the contract end date, on a one-year extension'],
      lost: [
        'Not renewed: they moved to {rival} when the contract ended',
        'Lost the renewal to {rival}; nobody on their side had met us in months',
      ],
    },
  },
  {
    key: 'competitor_rfp',
    title: 'The RFP a competitor wrote',
    group: [4, 9],
    weights: { open: 2, lost: 9, won: 1 },
    knobs: {
      rival: 'rfp_author',
      fit: 'behind',
      champion: [
        ['coach', 2],
        ['none', 1],
      ],
      economicBuyer: [
        ['unread', 2],
        ['hostile', 1],
        ['named', 1],
      ],
      event: [
        ['internal', 2],
        ['hard', 1],
      ],
      process: 'mapped',
      budget: [
        ['allocated', 1],
        ['identified', 1],
      ],
      nextStep: [
        ['none', 2],
        ['buyer', 1],
      ],
      value: 'vague',
      sellerHappyEars: [
        [false, 2],
        [true, 1],
      ],
    },
    byOutcome: { won: { fit: 'level', champion: 'tested', economicBuyer: 'met' } },
    closedStages: { lost: [2, 5] },
    reasons: {
      lost: [
        'Lost to {rival}, who wrote the RFP',
        'No bid: we withdrew, the requirements were written around {rival}',
        'Lost to {rival}: the RFP scoring favoured the product that wrote the requirements',
      ],
      won: ['Won despite an RFP written by {rival}: our champion got the criteria re-weighted'],
    },
  },
  {
    key: 'in_house_build',
    title: 'The in-house build nobody mapped',
    weights: { open: 2, lost: 6, won: 1 },
    knobs: {
      rival: 'in_house_unmapped',
      champion: [
        ['coach', 2],
        ['powerless', 1],
      ],
      economicBuyer: [
        ['named', 2],
        ['met', 1],
      ],
      singleThreaded: [
        [true, 1],
        [false, 1],
      ],
      fit: [
        ['lead', 1],
        ['level', 1],
      ],
      process: 'partial',
      value: [
        ['quantified', 1],
        ['vague', 1],
      ],
    },
    byOutcome: { won: { rival: 'competitor', champion: 'tested', economicBuyer: 'engaged', singleThreaded: false } },
    group: [4, 8],
    reasons: {
      lost: [
        'Lost to an in-house build: the IT team decided to build it themselves',
        'They chose to build it ourselves, in their words; IT never saw our demo',
      ],
      won: ['Won after IT priced its own build at twice our proposal'],
    },
  },
  {
    key: 'pet_project',
    title: "One executive's pet project, with no funding",
    weights: { open: 3, no_decision: 6, lost: 1 },
    knobs: {
      petProject: true,
      champion: 'coach',
      economicBuyer: [
        ['named', 2],
        ['unknown', 1],
      ],
      budget: [
        ['to_create', 2],
        ['none', 1],
      ],
      event: [
        ['none', 1],
        ['unknown', 2],
      ],
      rival: [
        ['none', 1],
        ['competitor', 1],
      ],
      process: [
        ['unknown', 1],
        ['partial', 1],
      ],
      value: 'vague',
      sellerHappyEars: [
        [false, 1],
        [true, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' } },
    closedStages: { no_decision: [1, 3], lost: [2, 3] },
    reasons: {
      no_decision: [
        'No decision: the sponsor could not find the money, and nobody else owned the problem',
        'Died in the budget round: it was one executive’s idea and no one else’s priority',
      ],
      lost: ['Lost to {rival}: the board funded a cheaper version of the sponsor’s idea'],
    },
  },
  {
    key: 'slipped_close',
    title: 'The close date that keeps slipping',
    weights: { open: 4, no_decision: 3, won: 2, lost: 1 },
    knobs: {
      slips: [
        [2, 2],
        [3, 1],
      ],
      event: [
        ['unknown', 2],
        ['internal', 1],
      ],
      champion: [
        ['coach', 2],
        ['tested', 1],
      ],
      economicBuyer: [
        ['named', 2],
        ['met', 1],
      ],
      process: [
        ['partial', 2],
        ['unknown', 1],
      ],
      nextStep: [
        ['overdue', 2],
        ['buyer', 1],
      ],
      sellerHappyEars: [
        [false, 1],
        [true, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' } },
    openStages: [2, 4],
    reasons: {
      no_decision: [
        'No decision after three new close dates: nothing made them choose',
        'Slipped quarter after quarter, then was shelved',
      ],
      won: ['Won two quarters after the first close date'],
      lost: ['Lost to {rival} after we pushed the date again and again'],
    },
  },
  {
    key: 'no_decision',
    title: 'No decision: nothing forced one',
    weights: { open: 2, no_decision: 6, won: 1 },
    knobs: {
      event: 'none',
      ebComplacent: true,
      rival: [
        ['status_quo', 2],
        ['competitor', 1],
      ],
      champion: [
        ['coach', 2],
        ['none', 1],
      ],
      economicBuyer: [
        ['met', 1],
        ['named', 1],
      ],
      budget: [
        ['identified', 1],
        ['to_create', 1],
      ],
      slips: [
        [0, 1],
        [1, 1],
      ],
      value: 'vague',
    },
    reasons: {
      no_decision: [
        'No decision: {eb} ({ebTitle}) saw no reason to change this year',
        'Stayed with what they have: no deadline and no pain anyone would own',
      ],
      won: ['Won after all: a bad quarter-end made {eb} ({ebTitle}) change their mind'],
    },
  },
  {
    key: 'champion_left',
    title: 'The champion who left mid-deal',
    weights: { open: 2, lost: 3, no_decision: 3, won: 1 },
    knobs: {
      champion: 'left',
      newPlayer: true,
      economicBuyer: [
        ['named', 2],
        ['met', 1],
      ],
      process: 'partial',
      nextStep: [
        ['none', 1],
        ['overdue', 1],
      ],
      slips: [
        [1, 2],
        [0, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' }, won: { economicBuyer: 'engaged', nextStep: 'buyer' } },
    openStages: [2, 4],
    closedStages: { lost: [2, 5], no_decision: [2, 4], won: [3, 5] },
    reasons: {
      lost: ['Our champion left the company; {newcomer}, who replaced them, brought in {rival}'],
      no_decision: ['Our champion left the company and the project lost its owner'],
      won: ['Won after our champion left: {newcomer} picked it up and {eb} kept the priority'],
    },
  },
  {
    key: 'single_threaded_commit',
    title: 'The single-threaded commit',
    weights: { open: 2, lost: 2, won: 2, no_decision: 1 },
    knobs: {
      singleThreaded: true,
      champion: 'coach',
      economicBuyer: 'named',
      budget: [
        ['identified', 2],
        ['unknown', 1],
      ],
      process: [
        ['partial', 2],
        ['unknown', 1],
      ],
      nextStep: [
        ['buyer', 1],
        ['none', 1],
      ],
      sellerHappyEars: true,
    },
    byOutcome: { lost: { rival: 'competitor' } },
    group: [3, 6],
    openStages: [4, 5],
    closedStages: { lost: [4, 5], no_decision: [4, 5], won: [4, 5] },
    reasons: {
      lost: ['Lost to {rival}: {eb} ({ebTitle}), whom we never met, chose them'],
      won: ['Won: our one contact carried it, and {eb} signed without meeting us'],
      no_decision: ['Committed, then stopped: {eb} ({ebTitle}) had never heard of the project'],
    },
  },
  {
    key: 'price_above_budget',
    title: 'Price above budget',
    weights: { open: 2, lost: 4, won: 2, no_decision: 1 },
    knobs: {
      price: [
        ['above', 2],
        ['well_above', 1],
      ],
      budget: 'identified',
      rival: 'competitor',
      champion: [
        ['coach', 1],
        ['tested', 1],
      ],
      economicBuyer: [
        ['met', 2],
        ['named', 1],
      ],
      process: [
        ['mapped', 1],
        ['partial', 1],
      ],
    },
    byOutcome: { won: { price: 'above', value: 'agreed' } },
    openStages: [3, 5],
    closedStages: { lost: [3, 5], no_decision: [3, 4], won: [3, 5] },
    reasons: {
      lost: ['Lost on price to {rival}: our proposal was above their budget', 'Price: {rival} came in far below us'],
      won: ['Won after we phased the rollout to fit their budget'],
      no_decision: ['Could not close the gap between our price and their budget'],
    },
  },
  {
    key: 'security_review',
    title: 'The security review that blocks signature',
    group: [4, 9],
    weights: { open: 2, lost: 2, won: 2, no_decision: 1 },
    knobs: {
      blocker: 'security',
      process: 'mapped',
      champion: [
        ['tested', 1],
        ['coach', 1],
      ],
      economicBuyer: [
        ['met', 1],
        ['engaged', 1],
      ],
      slips: [
        [0, 1],
        [1, 1],
      ],
    },
    openStages: [3, 5],
    closedStages: { lost: [3, 5], no_decision: [3, 4], won: [3, 5] },
    reasons: {
      lost: ['Failed their security review: our data could not stay in their region'],
      won: ['Won once the security review cleared, five weeks late'],
      no_decision: ['The security review never finished; the project lost its slot'],
    },
  },
  {
    key: 'procurement_surprise',
    title: 'The procurement surprise',
    weights: { open: 2, won: 3, lost: 1 },
    knobs: {
      blocker: 'procurement',
      champion: [
        ['tested', 1],
        ['coach', 1],
      ],
      economicBuyer: [
        ['met', 1],
        ['engaged', 1],
      ],
      process: 'partial',
      slips: [
        [1, 2],
        [2, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor', price: 'above' } },
    openStages: [3, 5],
    closedStages: { won: [4, 5], lost: [4, 4] },
    reasons: {
      won: ['Won a quarter late, after procurement onboarded us as a supplier'],
      lost: ['Lost in procurement: they reopened the price against {rival} and took the cheaper bid'],
    },
  },
  {
    key: 'hostile_eb',
    title: 'The economic buyer backs someone else',
    weights: { open: 2, lost: 5, won: 1 },
    knobs: {
      economicBuyer: 'hostile',
      rival: 'competitor',
      champion: [
        ['coach', 1],
        ['tested', 1],
      ],
      fit: [
        ['level', 1],
        ['lead', 1],
      ],
      price: [
        ['within', 1],
        ['above', 1],
      ],
    },
    byOutcome: { won: { fit: 'lead', value: 'agreed' } },
    closedStages: { lost: [2, 5] },
    reasons: {
      lost: [
        'Lost to {rival}: {eb} ({ebTitle}) had used them before and overruled the team',
        '{eb} ({ebTitle}) chose {rival} over the evaluation team’s recommendation',
      ],
      won: ['Won over {eb}’s objections: the evaluation team’s scores were too clear to ignore'],
    },
  },
  {
    key: 'powerless_champion',
    title: 'The friendly champion with no power',
    weights: { open: 2, lost: 2, no_decision: 3, won: 1 },
    knobs: {
      champion: 'powerless',
      economicBuyer: [
        ['unread', 1],
        ['named', 2],
      ],
      process: [
        ['partial', 1],
        ['unknown', 1],
      ],
      budget: [
        ['identified', 1],
        ['unknown', 1],
      ],
      sellerHappyEars: [
        [false, 1],
        [true, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' }, won: { economicBuyer: 'met' } },
    closedStages: { lost: [2, 5] },
    reasons: {
      lost: ['Lost to {rival}: our contact loved us but had no say in the choice'],
      no_decision: ['Our contact could not get it onto anyone’s agenda'],
      won: ['Won when {eb} took over the project from our contact'],
    },
  },
  {
    key: 'early_discovery',
    title: 'Just qualified',
    weights: { open: 12, no_decision: 2, lost: 1 },
    knobs: {
      champion: [
        ['coach', 2],
        ['none', 2],
      ],
      economicBuyer: [
        ['unknown', 2],
        ['named', 1],
      ],
      budget: 'unknown',
      process: 'unknown',
      nextStep: [
        ['buyer', 3],
        ['none', 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' }, no_decision: { budget: 'none' } },
    openStages: [0, 1],
    closedStages: { no_decision: [1, 1], lost: [1, 1] },
    reasons: {
      no_decision: ['Qualified out: no budget and no project this year'],
      lost: ['Lost early to {rival}, their existing supplier'],
    },
  },
  {
    key: 'fails_must_have',
    title: 'We fail a must-have',
    weights: { open: 2, lost: 4 },
    knobs: {
      fit: 'fails_must',
      rival: 'competitor',
      champion: [
        ['coach', 1],
        ['tested', 1],
      ],
    },
    openStages: [2, 4],
    closedStages: { lost: [2, 5] },
    reasons: { lost: ['Could not meet the must-have "{must}"; {rival} could'] },
  },
  {
    key: 'eb_unread',
    title: 'Nobody knows where the economic buyer stands',
    weights: { open: 2, won: 2, lost: 1, no_decision: 1 },
    knobs: {
      economicBuyer: 'unread',
      champion: [
        ['coach', 2],
        ['tested', 1],
      ],
      process: [
        ['partial', 2],
        ['mapped', 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' }, won: { economicBuyer: 'met' } },
    openStages: [2, 4],
    reasons: {
      won: ['Won: {eb} ({ebTitle}) met us in the final week and approved'],
      lost: ['Lost to {rival}: {eb} ({ebTitle}) preferred them, and we learned it at the end'],
      no_decision: ['{eb} ({ebTitle}) put it on hold; we never learned why'],
    },
  },
  {
    key: 'bakeoff',
    title: 'The bake-off decided on fit',
    group: [3, 9],
    weights: { open: 5, won: 5, lost: 3 },
    knobs: {
      rival: 'competitor',
      champion: [
        ['tested', 2],
        ['coach', 1],
      ],
      economicBuyer: [
        ['met', 2],
        ['engaged', 1],
      ],
      fit: [
        ['lead', 2],
        ['level', 1],
      ],
      // a pilot runs to a decision date someone senior set, and is judged on a number
      event: [
        ['internal', 2],
        ['hard', 1],
      ],
      value: [
        ['quantified', 2],
        ['agreed', 1],
      ],
      process: 'mapped',
      // a pilot keeps both sides talking every week
      stale: false,
    },
    byOutcome: { lost: { fit: 'behind' } },
    closedStages: { lost: [2, 5] },
    reasons: {
      won: ['Won the pilot against {rival}: the users chose us', 'Best fit on the criteria that mattered to them'],
      lost: ['Lost the pilot to {rival}: their users preferred the other product'],
    },
  },
  {
    key: 'status_quo',
    title: 'Happy with the spreadsheets',
    weights: { open: 2, no_decision: 4, won: 1 },
    knobs: {
      rival: 'status_quo',
      ebComplacent: true,
      event: [
        ['none', 2],
        ['unknown', 1],
      ],
      champion: [
        ['coach', 1],
        ['none', 1],
      ],
      value: 'vague',
    },
    byOutcome: { won: { ebComplacent: false, economicBuyer: 'met' } },
    reasons: {
      no_decision: ['They kept their spreadsheets: the pain was real but nobody felt it enough'],
      won: ['Won when an audit finding made the spreadsheets impossible to defend'],
    },
  },
  {
    key: 'new_executive',
    title: 'A new executive resets the evaluation',
    weights: { open: 2, no_decision: 2, won: 1, lost: 1 },
    knobs: {
      newPlayer: true,
      champion: [
        ['tested', 1],
        ['coach', 1],
      ],
      economicBuyer: [
        ['named', 1],
        ['met', 1],
      ],
      slips: [
        [1, 2],
        [2, 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor' } },
    openStages: [2, 4],
    closedStages: { lost: [2, 5] },
    reasons: {
      no_decision: ['{newcomer} arrived, reviewed every open project and paused this one'],
      won: ['Won after {newcomer} re-ran the evaluation and confirmed us'],
      lost: ['{newcomer} arrived and brought in {rival}, whom they had used before'],
    },
  },
  {
    key: 'quick_inbound',
    title: 'The small inbound deal that closed itself',
    weights: { open: 7, won: 6, lost: 1, no_decision: 1 },
    small: true,
    knobs: {
      // the person who found us got us the meeting where the economic buyer said yes
      champion: 'tested',
      economicBuyer: 'engaged',
      rival: [
        ['none', 2],
        ['competitor', 1],
      ],
      fit: 'lead',
      event: 'internal',
      budget: 'identified',
      price: 'within',
      process: 'simple',
      // the yes came with the figure: the economic buyer accepted what it saves
      value: 'agreed',
      nextStep: 'buyer',
      stale: false,
      slips: 0,
    },
    byOutcome: {
      lost: { rival: 'competitor', fit: 'level', economicBuyer: 'met', champion: 'coach', value: 'quantified' },
      no_decision: { budget: 'to_create', economicBuyer: 'met', champion: 'coach', value: 'vague' },
    },
    group: [2, 4],
    openStages: [0, 3],
    closedStages: { won: [3, 5], lost: [2, 3], no_decision: [1, 3] },
    reasons: {
      won: ['Small and simple: {champion} found us, {eb} said yes in one meeting'],
      lost: ['Lost to {rival}, who was a little cheaper on a small order'],
      no_decision: ['Dropped when the team’s budget was cut'],
    },
  },
  {
    key: 'partner_led',
    title: 'The partner-led deal with a clear deadline',
    weights: { open: 6, won: 4, lost: 1 },
    knobs: {
      event: 'hard',
      // the partner's sponsor vouches for our champion, and the deadline puts the economic buyer in the room
      champion: [
        ['tested', 2],
        ['coach', 1],
      ],
      economicBuyer: [
        ['engaged', 2],
        ['met', 1],
      ],
      process: 'mapped',
      // a deadline set by a regulator or a customer gets its money
      budget: [
        ['identified', 2],
        ['allocated', 1],
      ],
      nextStep: 'buyer',
      stale: false,
      value: [
        ['quantified', 1],
        ['agreed', 1],
      ],
    },
    byOutcome: { lost: { rival: 'competitor', fit: 'behind' } },
    reasons: {
      won: ['Won ahead of the regulator’s deadline, with the partner running the rollout'],
      lost: ['Lost to {rival}, who could go live before the deadline'],
    },
  },
];

/**
 * The stories whose closed deals teach the win/loss review's lessons, and how each ended: an
 * alternative recorded only at the end, a must-have whose fit we learned too late, an economic buyer
 * nobody met, a loss and a win the evidence did not see coming. One of each closes in the last full quarter
 * (demo.data.ts), so that quarter's review has every lesson to show whatever the day.
 */
export const LAST_QUARTER_LESSONS: ReadonlyArray<readonly [string, Closed]> = [
  ['in_house_build', 'lost'],
  ['security_review', 'lost'],
  ['single_threaded_commit', 'lost'],
  ['champion_to_eb', 'lost'],
  ['status_quo', 'won'],
];

/** What is true about one deal: its story, where it is headed (how an open deal will end), every knob resolved. */
export type Plot = Knobs & { story: Story; destiny: Closed };

const resolveSpec = <T>(random: Random, spec: Spec<T>): T =>
  Array.isArray(spec) ? random.weighted(spec as ReadonlyArray<readonly [T, number]>) : (spec as T);

export function resolvePlot(random: Random, story: Story, outcome: Closed): Plot {
  const specs: KnobSpecs = { ...DEFAULT_KNOBS, ...story.knobs, ...story.byOutcome?.[outcome] };
  const knobs = Object.fromEntries(
    (Object.keys(specs) as Array<keyof Knobs>).map((key) => [key, resolveSpec(random, specs[key])]),
  ) as Knobs;
  // deals that ended in a win mostly had a coach who came through as a champion and an economic
  // buyer who took the meeting; not always (a single-threaded win never met them)
  if (outcome === 'won') {
    if (knobs.champion === 'coach' && random.chance(0.6)) knobs.champion = 'tested';
    if (knobs.economicBuyer === 'named' && !knobs.singleThreaded && random.chance(0.6)) knobs.economicBuyer = 'met';
  }
  return { ...knobs, story, destiny: outcome };
}

/**
 * Deals stories out in proportion to their weights, like cards from a shuffled deck per outcome,
 * so even a few hundred deals tell every story about as often as it happens; a story whose deal
 * types the account cannot have waits for the next account.
 */
export class StoryDeck {
  readonly #random: Random;
  readonly #decks = new Map<OpportunityStatus, Story[]>();

  constructor(random: Random) {
    this.#random = random;
  }

  draw(outcome: OpportunityStatus, dealTypes: readonly DealType[]): Story {
    const fits = (s: Story) => (s.dealTypes ?? dealTypes).some((t) => dealTypes.includes(t));
    for (let refills = 0; refills < 2; refills++) {
      const deck = this.#decks.get(outcome) ?? [];
      const index = deck.findIndex(fits);
      if (index >= 0) return deck.splice(index, 1)[0]!;
      this.#decks.set(outcome, [...deck, ...this.#shuffled(outcome)]);
    }
    throw new Error(`no demo story ends ${outcome} for ${dealTypes.join(', ')}`);
  }

  #shuffled(outcome: OpportunityStatus): Story[] {
    const cards = STORIES.flatMap((s) => Array.from({ length: s.weights[outcome] ?? 0 }, () => s));
    for (let i = cards.length - 1; i > 0; i--) {
      const j = this.#random.int(0, i);
      [cards[i], cards[j]] = [cards[j]!, cards[i]!];
    }
    return cards;
  }
}
