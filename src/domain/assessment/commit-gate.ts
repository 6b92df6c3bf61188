import type { DangerZoneId } from './catalog.ts';
import type { DangerZone } from './rules.ts';

// REFERENCE 5: a critical zone, or critical information missing for the forecast category, blocks
// the commit category until a manager overrides it. The seller cannot commit around it alone.

/** The rule that flags a forecast category the knowledge does not support. */
export const FORECAST_INTEGRITY_RULE = 'DZ-25' satisfies DangerZoneId;

/** The zones that keep a deal out of commit without a manager's override, most severe first. */
export function commitBlockers<Z extends Pick<DangerZone, 'id' | 'severity'>>(zones: readonly Z[]): Z[] {
  return zones.filter((z) => z.severity === 'critical' || z.id === FORECAST_INTEGRITY_RULE);
}

/** Roles that may override the gate: whoever manages the seller's forecast. */
export const OVERRIDING_ROLES = ['manager', 'admin'] as const;
