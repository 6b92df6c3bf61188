import type { Db } from '../../db/database.ts';
import type { CoachingDiagnosisAnswerTable, CoachingDiagnosisTable } from '../../db/schema.ts';
import type { DiagnosisStatus } from '../../contract/diagnoses.ts';
import type { DiagnosisStep, FixType } from '../../domain/coaching/diagnosis.ts';
import type { IndicatorKey } from '../../domain/coaching/indicators.ts';
import type { PyramidLevel, RootCauseId } from '../../domain/coaching/root-causes.ts';

// The diagnoses' rows and their answers. The deals a flag pointed to and the suspected causes are
// JSON text on both databases; answers are one row per question, replaced step by step.

export type StoredDiagnosis = {
  id: string;
  sellerId: string;
  startedBy: string;
  source: 'flag' | 'observation';
  flag: { rule: string; indicator: IndicatorKey | null; zoneId: string | null } | null;
  gap: string;
  deals: Array<{ id: string; name: string }>;
  suspected: RootCauseId[];
  status: DiagnosisStatus;
  rootCause: RootCauseId | null;
  level: PyramidLevel | null;
  fix: FixType | null;
  conclusion: string | null;
  version: number;
  startedAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
};

export type StoredAnswer = {
  step: DiagnosisStep;
  question: string;
  answer: string;
  note: string | null;
  answeredBy: string;
  answeredAt: string;
};

function toDiagnosis(r: CoachingDiagnosisTable): StoredDiagnosis {
  return {
    id: r.id,
    sellerId: r.seller_id,
    startedBy: r.started_by,
    source: r.source as StoredDiagnosis['source'],
    flag:
      r.flag_rule === null
        ? null
        : { rule: r.flag_rule, indicator: r.flag_indicator as IndicatorKey | null, zoneId: r.flag_zone },
    gap: r.gap_text,
    deals: JSON.parse(r.deals) as StoredDiagnosis['deals'],
    suspected: JSON.parse(r.suspected) as RootCauseId[],
    status: r.status as DiagnosisStatus,
    rootCause: r.root_cause as RootCauseId | null,
    level: r.level as PyramidLevel | null,
    fix: r.fix as FixType | null,
    conclusion: r.conclusion,
    version: r.version,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    closedBy: r.closed_by,
    closedAt: r.closed_at,
  };
}

const toAnswer = (r: CoachingDiagnosisAnswerTable): StoredAnswer => ({
  step: r.step as DiagnosisStep,
  question: r.question_id,
  answer: r.answer,
  note: r.note,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
});

export async function insertDiagnosis(db: Db, orgId: string, d: StoredDiagnosis): Promise<void> {
  await db
    .insertInto('coaching_diagnoses')
    .values({
      id: d.id,
      org_id: orgId,
      seller_id: d.sellerId,
      started_by: d.startedBy,
      source: d.source,
      flag_rule: d.flag?.rule ?? null,
      flag_indicator: d.flag?.indicator ?? null,
      flag_zone: d.flag?.zoneId ?? null,
      gap_text: d.gap,
      deals: JSON.stringify(d.deals),
      suspected: JSON.stringify(d.suspected),
      status: d.status,
      root_cause: d.rootCause,
      level: d.level,
      fix: d.fix,
      conclusion: d.conclusion,
      version: d.version,
      started_at: d.startedAt,
      updated_at: d.updatedAt,
      closed_by: d.closedBy,
      closed_at: d.closedAt,
    })
    .execute();
}

/** One diagnosis with its answers, in one statement (the answers as a left join). */
export async function findDiagnosis(
  db: Db,
  orgId: string,
  id: string,
): Promise<{ diagnosis: StoredDiagnosis; answers: StoredAnswer[] } | undefined> {
  const rows = await db
    .selectFrom('coaching_diagnoses as d')
    .leftJoin('coaching_diagnosis_answers as a', 'a.diagnosis_id', 'd.id')
    .selectAll('d')
    .select(['a.question_id', 'a.step', 'a.answer', 'a.note', 'a.answered_by', 'a.answered_at', 'a.diagnosis_id'])
    .where('d.org_id', '=', orgId)
    .where('d.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  return {
    diagnosis: toDiagnosis(first),
    answers: rows
      .filter((r) => r.question_id !== null)
      .map((r) => toAnswer(r as unknown as CoachingDiagnosisAnswerTable)),
  };
}

/** The diagnoses of these sellers (all of the organization's when 'all'), newest first. */
export async function listDiagnoses(
  db: Db,
  orgId: string,
  sellers: 'all' | readonly string[],
): Promise<StoredDiagnosis[]> {
  if (sellers !== 'all' && sellers.length === 0) return [];
  let query = db.selectFrom('coaching_diagnoses').selectAll().where('org_id', '=', orgId);
  if (sellers !== 'all') query = query.where('seller_id', 'in', sellers);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id').execute();
  return rows.map(toDiagnosis);
}

/** Replaces a step's answers with these. */
export async function replaceStepAnswers(
  db: Db,
  diagnosisId: string,
  step: DiagnosisStep,
  answers: readonly StoredAnswer[],
): Promise<void> {
  await db
    .deleteFrom('coaching_diagnosis_answers')
    .where('diagnosis_id', '=', diagnosisId)
    .where('step', '=', step)
    .execute();
  if (answers.length === 0) return;
  await db
    .insertInto('coaching_diagnosis_answers')
    .values(
      answers.map((a) => ({
        diagnosis_id: diagnosisId,
        question_id: a.question,
        step: a.step,
        answer: a.answer,
        note: a.note,
        answered_by: a.answeredBy,
        answered_at: a.answeredAt,
      })),
    )
    .execute();
}

/** Writes the diagnosis's state if it is still at `version` and in progress; answers whether it was. */
export async function updateDiagnosisAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  next: Pick<
    StoredDiagnosis,
    'status' | 'rootCause' | 'level' | 'fix' | 'conclusion' | 'updatedAt' | 'closedBy' | 'closedAt'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('coaching_diagnoses')
    .set((eb) => ({
      status: next.status,
      root_cause: next.rootCause,
      level: next.level,
      fix: next.fix,
      conclusion: next.conclusion,
      updated_at: next.updatedAt,
      closed_by: next.closedBy,
      closed_at: next.closedAt,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Writes a diagnosis as it already stands, with its answers (the demo's, written as they were). */
export async function recordDiagnosis(
  db: Db,
  orgId: string,
  diagnosis: StoredDiagnosis,
  answers: readonly StoredAnswer[],
): Promise<void> {
  await insertDiagnosis(db, orgId, diagnosis);
  for (const step of new Set(answers.map((a) => a.step)))
    await replaceStepAnswers(
      db,
      diagnosis.id,
      step,
      answers.filter((a) => a.step === step),
    );
}
