import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { markBodySchema, ReviewMark } from '../../contract/marks.ts';
import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './marks.repo.ts';

// Marking an item of a deal to discuss at the next review: anyone who sees the deal marks it (a
// manager preparing the meeting, a seller who wants help), and a review held takes the marks up.

export async function presentMarks(
  deps: AppDeps,
  orgId: string,
  marks: readonly repo.StoredMark[],
): Promise<ReviewMark[]> {
  const names = await cachedUserNames(deps.db, deps.caches, orgId);
  return marks.map((m) => ({
    id: m.id,
    opportunityId: m.opportunityId,
    topic: m.topic,
    note: m.note,
    markedByName: names.get(m.markedBy) ?? 'Former colleague',
    markedAt: m.markedAt,
  }));
}

async function visibleDeal(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await findOpportunity(deps.db, actor, opportunityId);
  if (!deal) throw notFound('Opportunity');
  return deal;
}

export async function listDealMarks(deps: AppDeps, actor: Actor, opportunityId: string) {
  await visibleDeal(deps, actor, opportunityId);
  return { items: await presentMarks(deps, actor.orgId, await repo.openMarks(deps.db, actor.orgId, [opportunityId])) };
}

export async function addMark(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  body: z.infer<typeof markBodySchema>,
): Promise<ReviewMark> {
  await visibleDeal(deps, actor, opportunityId);
  const mark: repo.StoredMark = {
    id: randomUUID(),
    opportunityId,
    topic: body.topic,
    note: body.note ?? null,
    markedBy: actor.userId,
    markedAt: deps.now().toISOString(),
  };
  await repo.insertMark(deps.db, actor.orgId, mark);
  return (await presentMarks(deps, actor.orgId, [mark]))[0]!;
}

export async function removeMark(deps: AppDeps, actor: Actor, opportunityId: string, markId: string): Promise<void> {
  await visibleDeal(deps, actor, opportunityId);
  if (!(await repo.deleteMark(deps.db, actor.orgId, opportunityId, markId))) throw notFound('Mark');
}
