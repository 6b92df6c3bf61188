import { z } from 'zod';
import { INDICATOR_KEYS } from '../domain/coaching/indicators.ts';
import { PYRAMID_LEVELS, ROOT_CAUSE_IDS } from '../domain/coaching/root-causes.ts';
import { idSchema } from './common.ts';

// A seller's scorecard and a manager's view of their team's: each indicator against the peers'
// median and the seller's own baseline, with its trend, and the gaps worth a conversation.

const indicator = z.object({
  key: z.enum(INDICATOR_KEYS),
  label: z.string(),
  kind: z.enum(['leading', 'result']),
  level: z.enum([...PYRAMID_LEVELS, 'results']),
  unit: z.enum(['share', 'points', 'days', 'money']),
  better: z.enum(['higher', 'lower', 'closer_to_zero']),
  meaning: z.string(),
  /** null where there is nothing to measure */
  value: z.number().nullable(),
  /** the median of the organization's sellers */
  peerMedian: z.number().nullable(),
  /** the seller's own value a period before (a month for open deals, the 180 days before for results) */
  baseline: z.number().nullable(),
  /** week by week from the snapshots (leading indicators), oldest first */
  trend: z.array(z.object({ day: z.string(), value: z.number().nullable() })),
  /** a gap rule fired on it */
  flag: z.boolean(),
});

export const gapFlagSchema = z.object({
  rule: z.string(),
  indicator: z.enum(INDICATOR_KEYS).nullable(),
  zoneId: z.string().nullable(),
  level: z.enum(PYRAMID_LEVELS),
  rootCauses: z.array(z.object({ id: z.enum(ROOT_CAUSE_IDS), name: z.string() })),
  text: z.string(),
  severity: z.number(),
  /** the day the nightly pass first saw this gap standing (null: not seen by a nightly pass yet) */
  since: z.string().nullable(),
  /** the open deals that show it (for a zone), the largest first */
  deals: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const scorecardSchema = z.object({
  seller: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  reportingCurrency: z.string(),
  openDeals: z.number().int(),
  closedDeals: z.number().int(),
  /** how many sellers the peer medians are taken over */
  peers: z.number().int(),
  indicators: z.array(indicator),
  flags: z.array(gapFlagSchema),
  /** what stands out, in a sentence */
  summary: z.string(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardIndicator = z.infer<typeof indicator>;

export const sellerParamsSchema = z.object({ id: idSchema });

export const teamQuerySchema = z.object({
  /** a manager (or anyone): the sellers below them; the asker's own team when absent */
  manager: idSchema.optional(),
});

export const teamCoachingSchema = z.object({
  manager: z.object({ id: z.string().nullable(), name: z.string() }),
  reportingCurrency: z.string(),
  peerMedians: z.record(z.enum(INDICATOR_KEYS), z.number().nullable()),
  sellers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      openDeals: z.number().int(),
      values: z.record(z.enum(INDICATOR_KEYS), z.number().nullable()),
      flags: z.array(gapFlagSchema.omit({ deals: true })),
    }),
  ),
});
export type TeamCoaching = z.infer<typeof teamCoachingSchema>;
