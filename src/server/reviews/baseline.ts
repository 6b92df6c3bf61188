import type { ReviewSince } from '../../contract/review-baseline.ts';
import { addDays } from '../../domain/dates.ts';
import type { ChangeView } from '../../domain/review/changes.ts';
import type { AppDeps } from '../deps.ts';
import * as repo from './meetings.repo.ts';
import type { PipelineScope } from './scope.ts';

// What "since" means for a pipeline review and its changes: the scope's last recorded review, or,
// before any (or when a day is asked for), the snapshot of that day or the latest before it that
// holds every open deal. The review's cards and the changes beside them compare with the same one.

export type ChosenBaseline =
  | { kind: 'review' | 'snapshot'; baseline: repo.Baseline; since: string; shown: ReviewSince }
  | { kind: 'none'; shown: ReviewSince };

export async function chooseBaseline(
  deps: AppDeps,
  orgId: string,
  scope: PipelineScope,
  options: { today: string; day?: string | undefined; names: ReadonlyMap<string, string> },
): Promise<ChosenBaseline> {
  const meeting = options.day ? undefined : await repo.lastMeeting(deps.db, orgId, scope.key);
  if (meeting)
    return {
      kind: 'review',
      baseline: { kind: 'review', meetingId: meeting.id },
      since: meeting.heldAt,
      shown: {
        kind: 'review',
        at: meeting.heldAt,
        heldByName: options.names.get(meeting.heldBy) ?? 'Former colleague',
      },
    };
  const wanted = options.day ?? addDays(options.today, -7);
  const day = await repo.snapshotDayOnOrBefore(deps.db, orgId, wanted);
  if (!day) {
    const partial = options.day !== undefined && (await repo.hasPartialDayOnOrBefore(deps.db, orgId, options.day));
    return {
      kind: 'none',
      shown: {
        kind: 'none',
        reason: !options.day
          ? 'No review of this pipeline is recorded yet, and no snapshot a week old to compare with'
          : partial
            ? `No snapshot of the whole pipeline was taken on or before ${options.day}: of the days replayed from imported history, only the one a week before the organization came keeps every open deal; the others keep the deals expected to close around them`
            : `No snapshot of the pipeline was taken on or before ${options.day}`,
      },
    };
  }
  return {
    kind: 'snapshot',
    baseline: { kind: 'snapshot', orgId, day },
    since: `${day}T23:59:59.999Z`,
    shown: { kind: 'snapshot', day },
  };
}

/** Whose deals the view holds then and now: a review kept its own deals, a snapshot is read with today's scope. */
export function changeViewOf(
  chosen: ChosenBaseline & { kind: 'review' | 'snapshot' },
  scope: PipelineScope,
  period: { from: string; to: string } | null,
): ChangeView {
  const owners: ChangeView['owners'] = scope.owners === 'all' ? 'all' : new Set(scope.owners);
  return { owners, ownersThen: chosen.kind === 'review' ? 'all' : owners, period };
}
