import type { Actor } from '../../domain/access.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { addDays } from '../../domain/dates.ts';
import { fieldDef, kindDef } from '../../domain/knowledge/schema.ts';
import type { AssessmentHistory, HistoryPoint, PastAssessment } from '../../contract/assessment.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, unprocessable } from '../errors.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './assessment.repo.ts';
import type { AssessmentCause } from './cause.ts';

/** Every kept point of a deal's assessment, oldest first, each saying what moved it. */
export async function getAssessmentHistory(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
): Promise<AssessmentHistory> {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId);
  if (!opportunity) throw notFound('Opportunity');
  const [points, names] = await Promise.all([
    repo.listHistory(deps.db, actor.orgId, opportunity.id),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
  ]);
  return { opportunityId: opportunity.id, points: points.map((p) => presentPoint(p, names)) };
}

/** The assessment as it stood at the end of `asOf` (UTC), from the kept history. */
export async function getPastAssessment(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  asOf: string,
): Promise<PastAssessment> {
  const opportunity = await findOpportunity(deps.db, actor, opportunityId);
  if (!opportunity) throw notFound('Opportunity');
  const [point, names] = await Promise.all([
    repo.historyPointBefore(deps.db, actor.orgId, opportunity.id, `${addDays(asOf, 1)}T00:00:00.000Z`),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
  ]);
  if (!point) {
    throw unprocessable(
      'asOf',
      `This deal had no assessment yet at the end of ${asOf}; it was first assessed on ${opportunity.createdAt.slice(0, 10)} or later`,
    );
  }
  return { opportunityId: opportunity.id, asOf, ...presentPoint(point, names) };
}

const RULES = new Map(DANGER_ZONE_RULES.map((r) => [r.id, r]));

function presentPoint(p: repo.HistoryPoint, names: ReadonlyMap<string, string>): HistoryPoint {
  return {
    at: p.at,
    winProbability: p.winProbability,
    band: [p.bandLow, p.bandHigh],
    coverageIndex: p.coverageIndex,
    topSeverity: (p.topSeverity as HistoryPoint['topSeverity']) ?? null,
    // a rule since removed from the catalog keeps its id as its name
    dangerZones: p.zoneIds.map((id) => {
      const rule = RULES.get(id);
      return { id, name: rule?.name ?? id, severity: rule?.severity ?? 'medium' };
    }),
    modelVersion: p.modelVersion,
    cause: p.cause && { kind: p.cause.kind, text: describeCause(p.cause, names) },
  };
}

const OPPORTUNITY_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  accountId: 'Account',
  ownerId: 'Owner',
  amountMinor: 'Amount',
  currency: 'Currency',
  expectedCloseDate: 'Expected close date',
  stageId: 'Stage',
  status: 'Status',
  closedDate: 'Closed date',
  closeReason: 'Close reason',
  forecastCategory: 'Forecast category',
  sellerProbability: "Seller's probability",
  source: 'Source',
  dealType: 'Deal type',
};

/** A list of labels in words: "A", "A and B", "A, B and 2 more". */
function listed(labels: readonly string[]): string {
  const unique = [...new Set(labels)];
  if (unique.length <= 2) return unique.join(' and ');
  return `${unique.slice(0, 2).join(', ')} and ${unique.length - 2} more`;
}

/** What moved an assessment, in words, with people's names resolved. */
export function describeCause(cause: AssessmentCause, names: ReadonlyMap<string, string>): string {
  const who = (id: string) => names.get(id) ?? 'a former user';
  switch (cause.kind) {
    case 'knowledge': {
      const facts = cause.fields.map((f) => fieldDef(f.item, f.field)?.label ?? f.field);
      if (facts.length > 0) return `${capitalize(listed(facts))} logged by ${who(cause.by)}`;
      const items = cause.items.map((k) => kindDef(k).label);
      if (items.length > 0) return `${capitalize(listed(items))} added by ${who(cause.by)}`;
      return `Knowledge updated by ${who(cause.by)}`;
    }
    case 'change':
      return `${capitalize(listed(cause.fields.map((f) => OPPORTUNITY_FIELD_LABELS[f] ?? f)))} changed by ${who(cause.by)}`;
    case 'created':
      return `Opened by ${who(cause.by)}`;
    case 'refit':
      return `Model refitted (${cause.model})`;
    case 'rule':
      // sellers read a zone's name, never its catalog code
      return `Rule “${RULES.get(cause.rule)?.name ?? cause.rule}” retuned`;
    case 'reassignment':
      return `Deal reassigned by ${who(cause.by)}`;
    case 'import':
      return `Imported from ${cause.file} by ${who(cause.by)}`;
    case 'nightly':
      return 'Nightly reassessment (knowledge aged, close date nearer)';
    case 'reassess':
      return 'Reassessed by an operator';
    case 'demo':
      return 'Demo workspace loaded: assessed as of today';
  }
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
