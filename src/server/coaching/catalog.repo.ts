import type { Db } from '../../db/database.ts';
import type { LearningItemTable } from '../../db/schema.ts';
import type { CatalogListQuery, Quiz } from '../../contract/coaching.ts';
import type { LearningType } from '../../domain/coaching/root-cause-guide.ts';
import type { RootCauseId } from '../../domain/coaching/root-causes.ts';

// The learning catalog's rows. Root causes and the quiz are stored as JSON text on both databases;
// the quiz keeps its right answers, which only the service decides who may see.

export type StoredLearningItem = {
  id: string;
  title: string;
  type: LearningType;
  summary: string;
  content: string | null;
  externalUrl: string | null;
  minutes: number;
  rootCauses: RootCauseId[];
  quiz: Quiz | null;
  isArchived: boolean;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** What an item holds that people write; the rest is bookkeeping. */
export type LearningItemValues = Pick<
  StoredLearningItem,
  'title' | 'type' | 'summary' | 'content' | 'externalUrl' | 'minutes' | 'rootCauses' | 'quiz'
>;

function toItem(r: LearningItemTable): StoredLearningItem {
  return {
    id: r.id,
    title: r.title,
    type: r.type as LearningType,
    summary: r.summary,
    content: r.content,
    externalUrl: r.external_url,
    minutes: r.minutes,
    rootCauses: JSON.parse(r.root_causes) as RootCauseId[],
    quiz: r.quiz === null ? null : (JSON.parse(r.quiz) as Quiz),
    isArchived: r.is_archived === 1,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The organization's items by title, narrowed by root cause, type and whether archived. */
export async function listLearningItems(
  db: Db,
  orgId: string,
  filter: CatalogListQuery,
): Promise<StoredLearningItem[]> {
  let query = db.selectFrom('learning_items').selectAll().where('org_id', '=', orgId);
  // the ids are stored quoted in a JSON array, so "B1" never matches inside "B10"
  if (filter.rootCause) query = query.where('root_causes', 'like', `%"${filter.rootCause}"%`);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.archived === 'exclude') query = query.where('is_archived', '=', 0);
  if (filter.archived === 'only') query = query.where('is_archived', '=', 1);
  const rows = await query.orderBy('title').orderBy('id').execute();
  return rows.map(toItem);
}

export async function findLearningItem(db: Db, orgId: string, id: string): Promise<StoredLearningItem | undefined> {
  const row = await db
    .selectFrom('learning_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export async function insertLearningItems(
  db: Db,
  orgId: string,
  items: ReadonlyArray<LearningItemValues & { id: string; by: string; at: string }>,
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('learning_items')
    .values(
      items.map((i) => ({
        id: i.id,
        org_id: orgId,
        title: i.title,
        type: i.type,
        summary: i.summary,
        content: i.content,
        external_url: i.externalUrl,
        minutes: i.minutes,
        root_causes: JSON.stringify(i.rootCauses),
        quiz: i.quiz === null ? null : JSON.stringify(i.quiz),
        is_archived: 0 as const,
        version: 1,
        created_by: i.by,
        updated_by: i.by,
        created_at: i.at,
        updated_at: i.at,
      })),
    )
    .execute();
}

/** Writes the item as given if it is still at `version`; answers whether it was. */
export async function updateLearningItemAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  item: LearningItemValues & { isArchived: boolean },
  change: { by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('learning_items')
    .set((eb) => ({
      title: item.title,
      type: item.type,
      summary: item.summary,
      content: item.content,
      external_url: item.externalUrl,
      minutes: item.minutes,
      root_causes: JSON.stringify(item.rootCauses),
      quiz: item.quiz === null ? null : JSON.stringify(item.quiz),
      is_archived: item.isArchived ? (1 as const) : (0 as const),
      updated_by: change.by,
      updated_at: change.at,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
