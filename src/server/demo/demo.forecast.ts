import { descendantsOf, type Actor } from '../../domain/access.ts';
import { addDays } from '../../domain/dates.ts';
import { previousPeriod, quarterOf } from '../../domain/periods.ts';
import type { AppDeps } from '../deps.ts';
import { closeDatePushes } from '../assessment/index.ts';
import { getForecast, saveTarget, setSnapshotCloseDates, takeReplayedSnapshot } from '../forecast/index.ts';
import { listOrgOpportunities } from '../opportunities/index.ts';
import type { DemoWorkspace } from './demo.data.ts';

// The targets the demo's VP set for this quarter: each team's a stretch above what its sellers put
// in best case (5 % more, to the next 25,000), and the organization's the sum of the teams'. So the
// forecast page opens on the question a quarter always asks: will we make it, and by which call?

const STRETCH = 1.05;

/** A demo manager as the services see them: their own deals and their team's. */
export function managerActor(ws: DemoWorkspace, managerId: string): Actor & { visibleOwnerIds: string[] } {
  const idOf = new Map(ws.users.map((u) => [u.email, u.id]));
  const lines = ws.users.map((u) => ({
    id: u.id,
    managerId: u.managerEmail ? (idOf.get(u.managerEmail) ?? null) : null,
  }));
  return {
    userId: managerId,
    orgId: ws.orgId,
    role: 'manager',
    visibleOwnerIds: [managerId, ...descendantsOf(managerId, lines)],
  };
}

export async function seedDemoTargets(deps: AppDeps, ws: DemoWorkspace, today: string, at: string): Promise<void> {
  const admin = ws.users.find((u) => u.role === 'admin')!;
  let total = 0;
  let orgCall: Awaited<ReturnType<typeof getForecast>> | null = null;
  for (const manager of ws.users.filter((u) => u.role === 'manager')) {
    const actor = managerActor(ws, manager.id);
    const forecast = await getForecast(deps, actor, { period: quarterOf(today).key });
    const unit = 25_000 * 100;
    const amountMinor = Math.ceil((forecast.totals.methods.bestCase * STRETCH) / unit) * unit;
    total += amountMinor;
    orgCall = forecast;
    await saveTarget(deps.db, {
      orgId: ws.orgId,
      periodKey: forecast.period.key,
      scope: forecast.scope.key,
      amountMinor,
      currency: forecast.reportingCurrency,
      by: admin.id,
      at,
    });
  }
  if (orgCall)
    await saveTarget(deps.db, {
      orgId: ws.orgId,
      periodKey: orgCall.period.key,
      scope: 'org',
      amountMinor: total,
      currency: orgCall.reportingCurrency,
      by: admin.id,
      at,
    });
}

/**
 * The demo's nightly snapshots since the start of last quarter, weekly, generated from its replayed
 * history (takeReplayedSnapshot) with each deal's close date as it stood that day, so the forecast's accuracy scores last quarter's calls and this
 * quarter's calls can be followed week by week from the first day a buyer opens it.
 */
export async function seedDemoSnapshots(deps: AppDeps, orgId: string, today: string): Promise<string[]> {
  const current = quarterOf(today);
  const days = new Set([current.from]);
  for (let day = previousPeriod(current).from; day < today; day = addDays(day, 7)) days.add(day);
  const sorted = [...days].sort();
  const deals = await listOrgOpportunities(deps.db, orgId, 'all');
  const pushes = await closeDatePushes(
    deps.db,
    orgId,
    deals.map((d) => d.id),
  );
  for (const day of sorted) {
    await takeReplayedSnapshot(deps.db, orgId, day);
    // a deal whose close date was pushed later stood that day at the date the first later push moved
    const then = new Map(
      [...pushes].flatMap(([id, list]) => {
        const next = list.find((p) => p.on > day);
        return next ? [[id, next.from] as const] : [];
      }),
    );
    await setSnapshotCloseDates(deps.db, orgId, day, then);
  }
  return sorted;
}
