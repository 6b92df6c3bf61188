import { z } from 'zod';
import { idSchema } from './common.ts';
import { periodSchema } from './reviews.ts';
import { PYRAMID_LEVELS } from '../domain/coaching/root-causes.ts';

// The impact of an assignment (its indicator's move against the sellers not coached on it) and a
// manager's coaching effectiveness over a period.

const unit = z.enum(['share', 'points', 'days', 'money']);

export const impactSchema = z.object({
  assignmentId: z.string(),
  seller: z.object({ id: z.string(), name: z.string() }),
  /** the day of the assignment, and today */
  assignedOn: z.string(),
  asOf: z.string(),
  elapsedDays: z.number().int(),
  reportingCurrency: z.string(),
  /** what the assignment is measured by; null when it names no indicator nor danger zone */
  measure: z
    .object({
      kind: z.enum(['indicator', 'zone']),
      /** the indicator's key or the zone's id */
      id: z.string(),
      label: z.string(),
      unit,
      better: z.enum(['higher', 'lower', 'closer_to_zero']),
    })
    .nullable(),
  /** the value the scorecard showed when it was assigned, as kept with the assignment */
  baselineAtAssignment: z.number().nullable(),
  /** the day of the assignment, then 30, 60, 90 days on as far as today (and today between two) */
  points: z.array(
    z.object({
      day: z.string(),
      offset: z.number().int(),
      seller: z.number().nullable(),
      notCoached: z.number().nullable(),
      sellerImprovement: z.number().nullable(),
      notCoachedImprovement: z.number().nullable(),
      compared: z.number().int(),
    }),
  ),
  /** how many sellers of the organization nobody coached on it had a reading */
  notCoachedSellers: z.number().int(),
  verdict: z.object({
    kind: z.enum(['nothing_to_measure', 'too_early', 'nothing_to_read', 'no_comparison', 'more', 'less', 'same']),
    difference: z.number().nullable(),
    offset: z.number().int().nullable(),
    sentence: z.string(),
  }),
});
export type Impact = z.infer<typeof impactSchema>;

export const effectivenessQuerySchema = z.object({
  /** the manager whose team is read; the asker's own team when absent (an admin: everyone) */
  manager: idSchema.optional(),
  /** a quarter, a month or a year; the last 90 days when absent */
  period: periodSchema.optional(),
});

const rate = z.object({ count: z.number().int(), of: z.number().int(), rate: z.number().nullable() });

/** The coached sellers' median move on one measure against the not-coached median move. */
const coachedMoves = z.object({
  measure: z.string(),
  label: z.string(),
  unit,
  assignments: z.number().int(),
  coached: z.number().nullable(),
  notCoached: z.number().nullable(),
});

export const effectivenessSchema = z.object({
  manager: z.object({ id: z.string().nullable(), name: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  /** the days read: the period's, up to today */
  from: z.string(),
  to: z.string(),
  months: z.number(),
  sellers: z.number().int(),
  reportingCurrency: z.string(),
  diagnosesStarted: z.object({ count: z.number().int(), perSellerMonth: z.number().nullable() }),
  diagnosesConcluded: z.object({ count: z.number().int(), perSellerMonth: z.number().nullable() }),
  activePlans: rate,
  /** from a gap's first sighting (else the diagnosis's start) to the assignment made for it */
  daysToAssignment: z.object({
    median: z.number().nullable(),
    assignments: z.number().int(),
    fromGap: z.number().int(),
    fromDiagnosis: z.number().int(),
    unmeasured: z.number().int(),
  }),
  assignedInPeriod: z.number().int(),
  due: z.number().int(),
  completion: rate,
  application: rate,
  verification: rate,
  indicators: z.array(coachedMoves),
  /** per root cause and measure; `beat`: coached moves better than the not-coached median's */
  byRootCause: z.array(
    coachedMoves.extend({
      rootCause: z.string(),
      name: z.string(),
      level: z.enum(PYRAMID_LEVELS),
      beat: rate,
    }),
  ),
});
export type EffectivenessReport = z.infer<typeof effectivenessSchema>;
