import type { Db } from '../../db/database.ts';
import type { ObjectiveKey } from '../../domain/knowledge/objectives.ts';
import type { Lesson } from '../../domain/review/win-loss.ts';

// What each closed deal's win/loss analysis found, kept with the stamp of what it was drawn from
// (the deal as last changed, its stored assessment, the engine that assessed it): a review reads
// the findings of the deals whose stamp still holds and draws the others again.

export type CloseAnalysis = {
  opportunityId: string;
  closedDate: string;
  stamp: string;
  probabilityAtClose: number | null;
  probabilityBefore: number | null;
  lessons: Lesson[];
  notExplored: ObjectiveKey[];
  /** what was unknown at the close, in the words the figures count */
  unknownKeys: string[];
  /** and in the words shown on the deal (with its people's names) */
  unknownWords: string[];
};

/**
 * The analyses of an organization's deals closed in a period, each with its deal's stored
 * assessment time (part of the stamp), in one statement.
 */
export async function listCloseAnalyses(
  db: Db,
  orgId: string,
  period: { from: string; to: string },
): Promise<Map<string, CloseAnalysis & { assessedAt: string }>> {
  const rows = await db
    .selectFrom('close_analyses as c')
    .innerJoin('assessments as a', 'a.opportunity_id', 'c.opportunity_id')
    .select([
      'c.opportunity_id',
      'c.closed_date',
      'c.stamp',
      'c.probability_at_close',
      'c.probability_before',
      'c.lessons',
      'c.not_explored',
      'c.unknown_keys',
      'c.unknown_words',
      'a.computed_at',
    ])
    .where('c.org_id', '=', orgId)
    .where('c.closed_date', '>=', period.from)
    .where('c.closed_date', '<=', period.to)
    .execute();
  return new Map(
    rows.map((r) => [
      r.opportunity_id,
      {
        opportunityId: r.opportunity_id,
        closedDate: r.closed_date,
        stamp: r.stamp,
        probabilityAtClose: r.probability_at_close === null ? null : Number(r.probability_at_close),
        probabilityBefore: r.probability_before === null ? null : Number(r.probability_before),
        lessons: JSON.parse(r.lessons) as Lesson[],
        notExplored: JSON.parse(r.not_explored) as ObjectiveKey[],
        unknownKeys: JSON.parse(r.unknown_keys) as string[],
        unknownWords: JSON.parse(r.unknown_words) as string[],
        assessedAt: r.computed_at,
      },
    ]),
  );
}

/** Keeps these analyses, replacing what an earlier one of the same deal found (200 a statement). */
export async function saveCloseAnalyses(
  db: Db,
  orgId: string,
  analyses: readonly CloseAnalysis[],
  at: string,
): Promise<void> {
  for (let i = 0; i < analyses.length; i += 200) {
    const rows = analyses.slice(i, i + 200).map((a) => ({
      opportunity_id: a.opportunityId,
      org_id: orgId,
      closed_date: a.closedDate,
      stamp: a.stamp,
      probability_at_close: a.probabilityAtClose,
      probability_before: a.probabilityBefore,
      lessons: JSON.stringify(a.lessons),
      not_explored: JSON.stringify(a.notExplored),
      unknown_keys: JSON.stringify(a.unknownKeys),
      unknown_words: JSON.stringify(a.unknownWords),
      computed_at: at,
    }));
    await db
      .insertInto('close_analyses')
      .values(rows)
      .onConflict((oc) =>
        oc.column('opportunity_id').doUpdateSet((eb) => ({
          closed_date: eb.ref('excluded.closed_date'),
          stamp: eb.ref('excluded.stamp'),
          probability_at_close: eb.ref('excluded.probability_at_close'),
          probability_before: eb.ref('excluded.probability_before'),
          lessons: eb.ref('excluded.lessons'),
          not_explored: eb.ref('excluded.not_explored'),
          unknown_keys: eb.ref('excluded.unknown_keys'),
          unknown_words: eb.ref('excluded.unknown_words'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}
