import { z } from 'zod';
import { gapRuleSetShape, refineGapRuleSet } from '../domain/coaching/gap-rule-set.ts';
import { INDICATOR_KEYS } from '../domain/coaching/indicators.ts';
import { ROOT_CAUSE_IDS } from '../domain/coaching/root-causes.ts';

// The organization's gap rules: when a seller's scorecard flags a gap. Every member reads them (a
// seller can see why a flag was raised); administrators replace the set whole or reset it to the
// defaults, sending the version they saw (0 while the organization has never saved its own).

const seenVersion = z
  .number({ error: 'Required: the version you last saw (0 for the defaults never saved)' })
  .int('A whole number')
  .min(0, 'At least 0');

export const gapRuleViewSchema = z.object({
  id: z.string(),
  indicator: z.enum(INDICATOR_KEYS),
  versus: z.enum(['peers', 'own_baseline']),
  threshold: z.number(),
  persistent: z.boolean(),
  minDeals: z.number().int(),
  rootCauses: z.array(z.enum(ROOT_CAUSE_IDS)),
  /** the rule in plain words */
  text: z.string(),
});
export type GapRuleView = z.infer<typeof gapRuleViewSchema>;

export const gapRulesSchema = z.object({
  rules: z.array(gapRuleViewSchema),
  recurrence: z.object({
    share: z.number(),
    aboveMedianBy: z.number(),
    minDeals: z.number().int(),
    text: z.string(),
  }),
  /** the defaults in the code apply (never saved, or reset) */
  isDefault: z.boolean(),
  version: z.number().int(),
  /** who last saved or reset them, and when; null while never changed */
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type GapRules = z.infer<typeof gapRulesSchema>;

/** The whole set, replacing what is there. */
export const gapRulesBodySchema = z
  .strictObject({ version: seenVersion, ...gapRuleSetShape })
  .superRefine((body, ctx) => refineGapRuleSet(body, ctx));
export type GapRulesBody = z.input<typeof gapRulesBodySchema>;

export const gapRulesResetBodySchema = z.strictObject({ version: seenVersion });
