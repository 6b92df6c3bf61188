import type { Db } from '../../db/database.ts';
import type { ObjectiveKey } from '../../domain/knowledge/objectives.ts';
import type { FindingCode, Lesson } from '../../domain/review/win-loss.ts';

// What each closed deal's win/loss analysis found, kept with the stamp of what it was drawn from
// (the deal as last changed and its stored assessment): a review reads the findings of the deals
// whose stamp still holds and draws the others again. What a review adds up over every deal is kept
// as plain text; what it shows of the deals it lists, as JSON read only for those.

/** What a deal's analysis shows on the deal. */
export type AnalysisDetail = {
  probabilityAtClose: number | null;
  probabilityBefore: number | null;
  lessons: Lesson[];
  notExplored: ObjectiveKey[];
  /** what was unknown at the close, in the words shown on the deal (with its people's names) */
  unknownWords: string[];
};

export type CloseAnalysis = {
  opportunityId: string;
  closedDate: string;
  stamp: string;
  /** the codes of what the lessons found */
  findings: FindingCode[];
  /** what was unknown at the close, as the figures count it (`o:<objective>` not explored, `u:<words>`) */
  unknownKeys: string[];
};

/** An analysis as drawn: with what it shows on the deal, kept beside it. */
export type DrawnAnalysis = CloseAnalysis & { detail: AnalysisDetail };

const split = (text: string, by: string) => (text === '' ? [] : text.split(by));

/**
 * The analyses of an organization's deals closed in a period, each with its deal's stored
 * assessment time (part of the stamp; none for a deal never assessed), in one statement, without
 * what they show on each deal (read for the deals listed only).
 */
export async function listCloseAnalyses(
  db: Db,
  orgId: string,
  period: { from: string; to: string },
): Promise<Map<string, CloseAnalysis & { assessedAt: string | null }>> {
  const rows = await db
    .selectFrom('close_analyses as c')
    .leftJoin('assessments as a', 'a.opportunity_id', 'c.opportunity_id')
    .select([
      'c.opportunity_id',
      'c.closed_date',
      'c.stamp',
      'c.finding_codes',
      'c.unknown_keys',
      'c.detail',
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
        findings: split(r.finding_codes, ' ') as FindingCode[],
        unknownKeys: split(r.unknown_keys, '\n'),
        assessedAt: r.computed_at,
      },
    ]),
  );
}

/** What the analyses of these deals show on each (500 deals a statement). */
export async function listAnalysisDetails(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, AnalysisDetail>> {
  const found = new Map<string, AnalysisDetail>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('close_analyses')
      .select(['opportunity_id', 'detail'])
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.opportunity_id, JSON.parse(r.detail) as AnalysisDetail);
  }
  return found;
}

/** Keeps these analyses, replacing what an earlier one of the same deal found (200 a statement). */
export async function saveCloseAnalyses(
  db: Db,
  orgId: string,
  analyses: readonly DrawnAnalysis[],
  at: string,
): Promise<void> {
  for (let i = 0; i < analyses.length; i += 200) {
    const rows = analyses.slice(i, i + 200).map((a) => ({
      opportunity_id: a.opportunityId,
      org_id: orgId,
      closed_date: a.closedDate,
      stamp: a.stamp,
      finding_codes: a.findings.join(' '),
      unknown_keys: a.unknownKeys.join('\n'),
      detail: JSON.stringify(a.detail),
      computed_at: at,
    }));
    await db
      .insertInto('close_analyses')
      .values(rows)
      .onConflict((oc) =>
        oc.column('opportunity_id').doUpdateSet((eb) => ({
          closed_date: eb.ref('excluded.closed_date'),
          stamp: eb.ref('excluded.stamp'),
          finding_codes: eb.ref('excluded.finding_codes'),
          unknown_keys: eb.ref('excluded.unknown_keys'),
          detail: eb.ref('excluded.detail'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}
