import { z } from 'zod';
import { DEAL_TYPES, FORECAST_CATEGORIES, LEAD_SOURCES, OPPORTUNITY_STATUSES } from '../domain/enums.ts';
import { SEVERITIES } from '../domain/assessment/rules.ts';
import { TEXT_LIMITS } from '../domain/text.ts';
import {
  amountMinorSchema,
  currencySchema,
  dateOnlySchema,
  idSchema,
  optionalText,
  pageQuery,
  plainText,
  requiredText,
  searchQuery,
  trackedFields,
  versionSchema,
} from './common.ts';

const percentage = z
  .number({ error: 'Expected a whole percentage from 0 to 100' })
  .int('Expected a whole percentage from 0 to 100')
  .min(0, 'At least 0')
  .max(100, 'At most 100');

export const opportunitySchema = z.object({
  id: idSchema,
  name: z.string(),
  accountId: idSchema,
  accountName: z.string(),
  ownerId: idSchema,
  ownerName: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  expectedCloseDate: z.string(),
  stageId: idSchema,
  stageName: z.string(),
  stagePosition: z.number().int(),
  /** the stage-based figure, for comparison only: never the basis of the win probability */
  stageProbability: z.number().int(),
  status: z.enum(OPPORTUNITY_STATUSES),
  closedDate: z.string().nullable(),
  closeReason: z.string().nullable(),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  /** the seller's own gut-feel figure, kept to compare */
  sellerProbability: z.number().int().nullable(),
  source: z.enum(LEAD_SOURCES).nullable(),
  dealType: z.enum(DEAL_TYPES),
  /** the latest evidence-based win probability (0-1); null until first assessed */
  winProbability: z.number().nullable(),
  coverageIndex: z.number().nullable(),
  /** the most severe danger zone it is in, if any */
  topSeverity: z.enum(SEVERITIES).nullable(),
  ...trackedFields,
});
export type Opportunity = z.infer<typeof opportunitySchema>;

const editable = {
  name: requiredText(200),
  accountId: idSchema,
  ownerId: idSchema,
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  expectedCloseDate: dateOnlySchema,
  stageId: idSchema,
  status: z.enum(OPPORTUNITY_STATUSES),
  closedDate: dateOnlySchema.nullable(),
  closeReason: optionalText(1000, { multiline: true }),
  forecastCategory: z.enum(FORECAST_CATEGORIES),
  sellerProbability: percentage.nullable(),
  source: z.enum(LEAD_SOURCES).nullable(),
  dealType: z.enum(DEAL_TYPES),
  /**
   * A manager's reason for forecasting the deal as commit although a critical danger zone or missing
   * knowledge stands against it (REFERENCE 5); only with a move into commit.
   */
  commitOverrideReason: optionalText(TEXT_LIMITS.overrideReason, { multiline: true }),
};

export const opportunityCreateBodySchema = z.strictObject({
  name: editable.name,
  accountId: editable.accountId,
  ownerId: editable.ownerId.optional(),
  amountMinor: editable.amountMinor,
  currency: editable.currency,
  expectedCloseDate: editable.expectedCloseDate,
  stageId: editable.stageId.optional(),
  status: editable.status.default('open'),
  closedDate: editable.closedDate.optional(),
  closeReason: editable.closeReason,
  forecastCategory: editable.forecastCategory.default('pipeline'),
  sellerProbability: editable.sellerProbability.optional(),
  source: editable.source.optional(),
  dealType: editable.dealType.default('new_logo'),
  commitOverrideReason: editable.commitOverrideReason,
});
export type OpportunityCreate = z.infer<typeof opportunityCreateBodySchema>;

export const opportunityUpdateBodySchema = z.strictObject({
  name: editable.name.optional(),
  accountId: editable.accountId.optional(),
  ownerId: editable.ownerId.optional(),
  amountMinor: editable.amountMinor.optional(),
  currency: editable.currency.optional(),
  expectedCloseDate: editable.expectedCloseDate.optional(),
  stageId: editable.stageId.optional(),
  status: editable.status.optional(),
  closedDate: editable.closedDate.optional(),
  closeReason: editable.closeReason,
  forecastCategory: editable.forecastCategory.optional(),
  sellerProbability: editable.sellerProbability.optional(),
  source: editable.source.optional(),
  dealType: editable.dealType.optional(),
  commitOverrideReason: editable.commitOverrideReason,
  version: versionSchema,
});
export type OpportunityUpdate = z.infer<typeof opportunityUpdateBodySchema>;

export const OPPORTUNITY_SORTS = [
  'name',
  '-name',
  'amount',
  '-amount',
  'closeDate',
  '-closeDate',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
  'account',
  '-account',
  'winProbability',
  '-winProbability',
] as const;
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number];

export const opportunityListQuerySchema = z.object({
  ...pageQuery,
  /**
   * Where the previous page ended (its `nextCursor`), for the page after it: read from an index,
   * however deep. Only valid with the sort it was made under. `offset` still applies after it.
   */
  cursor: plainText(z.string().max(1000, 'Not a cursor this list gave')).optional(),
  /**
   * Matches the opportunity's or its account's name, ignoring case. From 3 characters on it is
   * looked up in a trigram index; 1 or 2 characters are matched by reading the caller's rows.
   */
  q: searchQuery,
  /** a user id, or "me" */
  owner: idSchema.optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  stageId: idSchema.optional(),
  accountId: idSchema.optional(),
  forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
  sort: z.enum(OPPORTUNITY_SORTS).default('-updatedAt'),
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuerySchema>;

/** The list's filters and order, for a download of every matching row. */
export type OpportunityExportQuery = Omit<OpportunityListQuery, 'limit' | 'offset' | 'cursor'>;

/** Matching rows are counted up to this many; past it the total says "at least". */
export const LIST_COUNT_CAP = 10_000;

export const opportunityListItemSchema = opportunitySchema.extend({
  /**
   * The amount in the organization's reporting currency at today's rate (what the amount sort
   * orders by); null when the deal's currency has no rate today: such deals sort after the others.
   */
  value: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
});
export type OpportunityListItem = z.infer<typeof opportunityListItemSchema>;

export const opportunityListSchema = z.object({
  items: z.array(opportunityListItemSchema),
  /** the currency every item's `value` is in */
  reportingCurrency: z.string(),
  /**
   * How many opportunities match, on the first page (no cursor): exact up to 10,000; past that it
   * is 10,000 and `totalIsLowerBound` is true. Pages reached with a cursor do not count again and
   * answer null: keep the first page's figure.
   */
  total: z.number().int().nullable(),
  /** true when more than `total` match (counting stopped at 10,000) */
  totalIsLowerBound: z.boolean(),
  /** the cursor of the next page, or null when this page is the last */
  nextCursor: z.string().nullable(),
});
export type OpportunityList = z.infer<typeof opportunityListSchema>;
