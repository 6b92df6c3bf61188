import { zoneNameOf } from '../../domain/assessment/catalog.ts';
import type { WebhookEvent, WebhookEventInput } from '../../domain/webhooks/webhooks.ts';
import type { Db } from '../../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { enqueueWebhookEvents, isWebhookSubscribed } from '../webhooks/index.ts';
import * as repo from './assessment.repo.ts';
import type { AssessmentCauseKind } from './cause.ts';

// Every stored assessment goes through saveAssessmentsWithEvents: when an endpoint of the
// organization listens to assessments or danger zones, the figures stored before are read (one
// statement per 500 deals) and what moved is queued as webhook events in the same transaction;
// when none listens, it costs nothing more than the save (the subscribers are cached).

const ASSESSMENT_EVENTS: readonly WebhookEvent[] = ['assessment.changed', 'danger_zone.raised', 'danger_zone.resolved'];

/**
 * Which writers' assessments make events. The demo's seed makes none; a new kind of writer must say
 * (a bulk import should not flood the endpoints with a first assessment per deal).
 */
const EMITS_EVENTS: Record<AssessmentCauseKind, boolean> = {
  knowledge: true,
  change: true,
  created: true,
  refit: true,
  rule: true,
  reassignment: true,
  // an import's first assessment of thousands of deals is not news to an integration
  import: false,
  nightly: true,
  reassess: true,
  demo: false,
};

/** A row to store, with its zones' severities when the caller has them (for danger_zone.raised). */
export type AssessmentToSave = repo.StoredAssessment & { zoneSeverities?: ReadonlyMap<string, string> };

/** The events between what was stored and what is stored now; none for a deal whose figures did not move. */
export function assessmentEvents(before: repo.StoredFigures | undefined, after: AssessmentToSave): WebhookEventInput[] {
  const subject = { opportunityId: after.opportunityId, ownerId: after.ownerId };
  const previous = new Set(before?.zoneIds ?? []);
  const now = new Set(after.zoneIds);
  const raised = after.zoneIds.filter((id) => !previous.has(id));
  const resolved = [...previous].filter((id) => !now.has(id));
  const moved =
    !before ||
    before.winProbability !== after.winProbability ||
    before.coverageIndex !== after.coverageIndex ||
    raised.length > 0 ||
    resolved.length > 0;
  if (!moved) return [];
  return [
    {
      type: 'assessment.changed',
      data: {
        ...subject,
        winProbability: after.winProbability,
        previousWinProbability: before?.winProbability ?? null,
        coverageIndex: after.coverageIndex,
        previousCoverageIndex: before?.coverageIndex ?? null,
        zoneIds: after.zoneIds,
        previousZoneIds: before?.zoneIds ?? [],
        modelVersion: after.modelVersion,
        cause: after.cause.kind,
      },
    },
    ...raised.map((id) => ({
      type: 'danger_zone.raised' as const,
      data: { ...subject, zone: { id, name: zoneNameOf(id), severity: after.zoneSeverities?.get(id) ?? null } },
    })),
    ...resolved.map((id) => ({
      type: 'danger_zone.resolved' as const,
      data: { ...subject, zone: { id, name: zoneNameOf(id) } },
    })),
  ];
}

/** Stores the assessments (in `db`, the caller's transaction) and queues the webhook events they make. */
export async function saveAssessmentsWithEvents(
  db: Db,
  deps: Pick<AppDeps, 'caches' | 'now'>,
  rows: readonly AssessmentToSave[],
): Promise<void> {
  const orgId = rows[0]?.orgId;
  if (orgId === undefined) return;
  const emits = rows.some((r) => EMITS_EVENTS[r.cause.kind]);
  if (!emits || !(await isWebhookSubscribed(db, deps, orgId, ASSESSMENT_EVENTS))) {
    await repo.saveAssessments(db, rows);
    return;
  }
  const before = await repo.storedFigures(
    db,
    orgId,
    rows.map((r) => r.opportunityId),
  );
  await repo.saveAssessments(db, rows);
  await enqueueWebhookEvents(
    db,
    deps,
    orgId,
    rows.flatMap((r) => (EMITS_EVENTS[r.cause.kind] ? assessmentEvents(before.get(r.opportunityId), r) : [])),
  );
}
