import { randomUUID } from 'node:crypto';
import type {
  CatalogItem,
  CatalogItemCreate,
  CatalogItemUpdate,
  CatalogListQuery,
  QuizView,
} from '../../contract/coaching.ts';
import { NOTHING_TO_LEARN } from '../../contract/coaching.ts';
import { isAdmin, type Actor } from '../../domain/access.ts';
import { creationChanges, diffFields } from '../../domain/audit.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './catalog.repo.ts';

// The learning catalog: every member of the organization reads it, administrators write it. A
// quiz's right answers leave the server for administrators only; whoever learns is graded later.

const AUDITED = ['title', 'type', 'summary', 'content', 'externalUrl', 'minutes', 'rootCauses', 'quiz'] as const;

/** The item as this reader may see it: without the quiz's answers unless an administrator asks. */
export function presentItem(actor: Actor, item: repo.StoredLearningItem): CatalogItem {
  return presentItemFor(item, isAdmin(actor));
}

/** The item as someone learning it reads it: never with the quiz's answers, whoever they are. */
export function presentItemToLearn(item: repo.StoredLearningItem): CatalogItem {
  return presentItemFor(item, false);
}

function presentItemFor(item: repo.StoredLearningItem, withAnswers: boolean): CatalogItem {
  return { ...item, quiz: item.quiz ? presentQuiz(item.quiz, withAnswers) : null };
}

function presentQuiz(quiz: NonNullable<repo.StoredLearningItem['quiz']>, withAnswers: boolean): QuizView {
  return {
    passMark: quiz.passMark,
    questions: quiz.questions.map((q) => ({
      prompt: q.prompt,
      choices: [...q.choices],
      ...(withAnswers ? { answerIndex: q.answerIndex } : {}),
    })),
  };
}

export async function listCatalog(deps: AppDeps, actor: Actor, query: CatalogListQuery): Promise<CatalogItem[]> {
  const items = await repo.listLearningItems(deps.db, actor.orgId, query);
  return items.map((item) => presentItem(actor, item));
}

export async function getCatalogItem(deps: AppDeps, actor: Actor, id: string): Promise<CatalogItem> {
  const item = await repo.findLearningItem(deps.db, actor.orgId, id);
  if (!item) throw notFound('Learning item');
  return presentItem(actor, item);
}

export async function createCatalogItem(deps: AppDeps, actor: Actor, input: CatalogItemCreate): Promise<CatalogItem> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  const item: repo.StoredLearningItem = {
    id: randomUUID(),
    ...valuesOf(input),
    isArchived: false,
    createdBy: actor.userId,
    updatedBy: actor.userId,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await inTransaction(deps, async (tx) => {
    await repo.insertLearningItems(tx, actor.orgId, [{ ...item, by: actor.userId, at }]);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'learning_item',
        entityId: item.id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: creationChanges(item, AUDITED),
      },
    ]);
  });
  return presentItem(actor, item);
}

/** Changes what is given, archives or brings back, if nobody changed the item since `version`. */
export async function updateCatalogItem(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: CatalogItemUpdate,
): Promise<CatalogItem> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findLearningItem(tx, actor.orgId, id);
    if (!current) throw notFound('Learning item');
    if (current.version !== input.version) throw staleItem(actor, current);
    const next: repo.StoredLearningItem = {
      ...current,
      title: input.title ?? current.title,
      type: input.type ?? current.type,
      summary: input.summary ?? current.summary,
      content: input.content !== undefined ? input.content : current.content,
      externalUrl: input.externalUrl !== undefined ? input.externalUrl : current.externalUrl,
      minutes: input.minutes ?? current.minutes,
      rootCauses: input.rootCauses ?? current.rootCauses,
      quiz: input.quiz !== undefined ? input.quiz : current.quiz,
      isArchived: input.isArchived ?? current.isArchived,
      updatedBy: actor.userId,
      updatedAt: at,
      version: current.version + 1,
    };
    if (!next.content && !next.externalUrl) throw unprocessable('content', NOTHING_TO_LEARN);
    const changes = diffFields(current, next, [...AUDITED, 'isArchived']);
    if (changes.length === 0) return presentItem(actor, current);
    const written = await repo.updateLearningItemAtVersion(
      tx,
      { orgId: actor.orgId, id, version: input.version },
      next,
      { by: actor.userId, at },
    );
    if (!written) {
      const now = await repo.findLearningItem(tx, actor.orgId, id);
      if (!now) throw notFound('Learning item');
      throw staleItem(actor, now);
    }
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'learning_item',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes,
      },
    ]);
    return presentItem(actor, next);
  });
}

function valuesOf(input: CatalogItemCreate): repo.LearningItemValues {
  return {
    title: input.title,
    type: input.type,
    summary: input.summary,
    content: input.content ?? null,
    externalUrl: input.externalUrl ?? null,
    minutes: input.minutes,
    rootCauses: input.rootCauses,
    quiz: input.quiz ?? null,
  };
}

function staleItem(actor: Actor, current: repo.StoredLearningItem): AppError {
  return new AppError(
    'version-conflict',
    'Someone else changed this learning item; review their change and try again',
    {
      current: presentItem(actor, current),
    },
  );
}
