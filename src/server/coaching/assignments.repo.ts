import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CoachingAssignmentTable } from '../../db/schema.ts';
import type { Quiz } from '../../contract/coaching.ts';
import type { AssignmentStatus } from '../../contract/assignments.ts';
import type { IndicatorKey } from '../../domain/coaching/indicators.ts';
import type { LearningType } from '../../domain/coaching/root-cause-guide.ts';
import type { PyramidLevel, RootCauseId } from '../../domain/coaching/root-causes.ts';
import type { ConditionEvidence, ConditionParams } from '../../domain/coaching/success-conditions.ts';
import type { OpenAssignment } from '../../domain/coaching/assignment-notices.ts';

// Coaching assignments, each read with what a page shows beside it in the same statement: the
// catalog item's title and quiz, and the deal's name, owner, status and current danger zones.

export type StoredAssignment = {
  id: string;
  sellerId: string;
  itemId: string;
  assignedBy: string;
  assignedAt: string;
  dueDate: string;
  rootCause: RootCauseId;
  level: PyramidLevel;
  gapRule: string | null;
  zoneId: string | null;
  indicator: IndicatorKey | null;
  baselineValue: number | null;
  opportunityId: string | null;
  conditionId: string | null;
  conditionParams: ConditionParams | null;
  status: AssignmentStatus;
  startedAt: string | null;
  completedAt: string | null;
  quizScore: number | null;
  quizPassed: boolean | null;
  quizAttempts: number;
  reflection: string | null;
  evidenceNote: string | null;
  appliedAt: string | null;
  applicationEvidence: ConditionEvidence[];
  verifiedBy: string | null;
  verifiedAt: string | null;
  managerNote: string | null;
  version: number;
  /** the concluded diagnosis it was assigned from, if it was */
  diagnosisId: string | null;
};

export type AssignmentRow = StoredAssignment & {
  item: { title: string; type: LearningType; minutes: number; quiz: Quiz | null };
  /** null when the assignment names no deal, or the deal was deleted */
  deal: { name: string; ownerId: string; status: string; zoneIds: string[] | null } | null;
  /** the diagnosis it came from, as it stands (null when none) */
  diagnosis: { gap: string; status: string } | null;
};

type Stored = Selectable<CoachingAssignmentTable>;
type Row = Stored & {
  item_title: string;
  item_type: string;
  item_minutes: number;
  item_quiz: string | null;
  deal_name: string | null;
  deal_owner: string | null;
  deal_status: string | null;
  deal_zones: string | null;
  diagnosis_gap: string | null;
  diagnosis_status: string | null;
};

function toStored(r: Stored): StoredAssignment {
  return {
    id: r.id,
    sellerId: r.seller_id,
    itemId: r.item_id,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at,
    dueDate: r.due_date,
    rootCause: r.root_cause as RootCauseId,
    level: r.level as PyramidLevel,
    gapRule: r.gap_rule,
    zoneId: r.zone_id,
    indicator: r.indicator_key as IndicatorKey | null,
    baselineValue: r.baseline_value === null ? null : Number(r.baseline_value),
    opportunityId: r.opportunity_id,
    conditionId: r.condition_id,
    conditionParams: r.condition_params === null ? null : (JSON.parse(r.condition_params) as ConditionParams),
    status: r.status as AssignmentStatus,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    quizScore: r.quiz_score === null ? null : Number(r.quiz_score),
    quizPassed: r.quiz_passed === null ? null : Number(r.quiz_passed) === 1,
    quizAttempts: Number(r.quiz_attempts),
    reflection: r.reflection,
    evidenceNote: r.evidence_note,
    appliedAt: r.applied_at,
    applicationEvidence:
      r.application_evidence === null ? [] : (JSON.parse(r.application_evidence) as ConditionEvidence[]),
    verifiedBy: r.verified_by,
    verifiedAt: r.verified_at,
    managerNote: r.manager_note,
    version: Number(r.version),
    diagnosisId: r.diagnosis_id ?? null,
  };
}

function toRow(r: Row): AssignmentRow {
  return {
    ...toStored(r),
    item: {
      title: r.item_title,
      type: r.item_type as LearningType,
      minutes: Number(r.item_minutes),
      quiz: r.item_quiz === null ? null : (JSON.parse(r.item_quiz) as Quiz),
    },
    deal:
      r.deal_name === null
        ? null
        : {
            name: r.deal_name,
            ownerId: r.deal_owner!,
            status: r.deal_status!,
            zoneIds: r.deal_zones === null ? null : (JSON.parse(r.deal_zones) as string[]),
          },
    diagnosis: r.diagnosis_gap === null ? null : { gap: r.diagnosis_gap, status: r.diagnosis_status ?? 'concluded' },
  };
}

function selectRows(db: Db, orgId: string) {
  return db
    .selectFrom('coaching_assignments as ca')
    .innerJoin('learning_items as li', 'li.id', 'ca.item_id')
    .leftJoin('opportunities as o', (join) =>
      join.onRef('o.id', '=', 'ca.opportunity_id').on('o.deleted_at', 'is', null),
    )
    .leftJoin('assessments as a', 'a.opportunity_id', 'o.id')
    .leftJoin('coaching_diagnoses as cd', 'cd.id', 'ca.diagnosis_id')
    .selectAll('ca')
    .select([
      'li.title as item_title',
      'li.type as item_type',
      'li.minutes as item_minutes',
      'li.quiz as item_quiz',
      'o.name as deal_name',
      'o.owner_id as deal_owner',
      'o.status as deal_status',
      'a.zone_ids as deal_zones',
      'cd.gap_text as diagnosis_gap',
      'cd.status as diagnosis_status',
    ])
    .where('ca.org_id', '=', orgId);
}

export async function findAssignment(db: Db, orgId: string, id: string): Promise<AssignmentRow | undefined> {
  const row = await selectRows(db, orgId).where('ca.id', '=', id).executeTakeFirst();
  return row ? toRow(row as Row) : undefined;
}

/** A seller's assignments, the soonest due first. */
export async function listAssignmentsOf(db: Db, orgId: string, sellerId: string): Promise<AssignmentRow[]> {
  const rows = await selectRows(db, orgId)
    .where('ca.seller_id', '=', sellerId)
    .orderBy('ca.due_date')
    .orderBy('ca.assigned_at')
    .orderBy('ca.id')
    .execute();
  return rows.map((r) => toRow(r as Row));
}

/** The on-the-job work on a deal not yet seen applied: what a knowledge write checks. */
export async function listAwaitingApplication(
  db: Db,
  orgId: string,
  opportunityId: string,
): Promise<StoredAssignment[]> {
  const rows = await db
    .selectFrom('coaching_assignments')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .where('status', 'in', ['assigned', 'in_progress', 'completed'])
    .where('org_id', '=', orgId)
    .where('applied_at', 'is', null)
    .where('condition_id', 'is not', null)
    .execute();
  return rows.map(toStored);
}

export type NewAssignment = Omit<
  StoredAssignment,
  | 'startedAt'
  | 'completedAt'
  | 'quizScore'
  | 'quizPassed'
  | 'quizAttempts'
  | 'reflection'
  | 'evidenceNote'
  | 'appliedAt'
  | 'applicationEvidence'
  | 'verifiedBy'
  | 'verifiedAt'
  | 'managerNote'
  | 'version'
  | 'diagnosisId'
> &
  Partial<
    Pick<
      StoredAssignment,
      | 'startedAt'
      | 'completedAt'
      | 'quizScore'
      | 'quizPassed'
      | 'reflection'
      | 'appliedAt'
      | 'applicationEvidence'
      | 'verifiedBy'
      | 'verifiedAt'
      | 'diagnosisId'
    >
  >;

export async function insertAssignments(
  db: Db,
  orgId: string,
  rows: readonly NewAssignment[],
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('coaching_assignments')
    .values(
      rows.map((a) => ({
        id: a.id,
        org_id: orgId,
        seller_id: a.sellerId,
        item_id: a.itemId,
        assigned_by: a.assignedBy,
        assigned_at: a.assignedAt,
        due_date: a.dueDate,
        root_cause: a.rootCause,
        level: a.level,
        gap_rule: a.gapRule,
        zone_id: a.zoneId,
        indicator_key: a.indicator,
        baseline_value: a.baselineValue,
        opportunity_id: a.opportunityId,
        condition_id: a.conditionId,
        condition_params: a.conditionParams === null ? null : JSON.stringify(a.conditionParams),
        status: a.status,
        started_at: a.startedAt ?? null,
        completed_at: a.completedAt ?? null,
        quiz_score: a.quizScore ?? null,
        quiz_passed:
          a.quizPassed === undefined || a.quizPassed === null ? null : a.quizPassed ? (1 as const) : (0 as const),
        quiz_attempts: a.quizScore === undefined || a.quizScore === null ? 0 : 1,
        reflection: a.reflection ?? null,
        evidence_note: null,
        applied_at: a.appliedAt ?? null,
        application_evidence: a.applicationEvidence ? JSON.stringify(a.applicationEvidence) : null,
        verified_by: a.verifiedBy ?? null,
        verified_at: a.verifiedAt ?? null,
        manager_note: null,
        version: 1,
        updated_by: a.assignedBy,
        updated_at: at,
        diagnosis_id: a.diagnosisId ?? null,
      })),
    )
    .execute();
}

export type AssignmentChange = Partial<
  Pick<
    StoredAssignment,
    | 'status'
    | 'startedAt'
    | 'completedAt'
    | 'quizScore'
    | 'quizPassed'
    | 'quizAttempts'
    | 'reflection'
    | 'evidenceNote'
    | 'appliedAt'
    | 'applicationEvidence'
    | 'verifiedBy'
    | 'verifiedAt'
    | 'managerNote'
  >
>;

/**
 * Writes the change if the assignment is still at `version` (so two changes never cross);
 * answers whether it was.
 */
export async function updateAssignmentAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  change: AssignmentChange,
  by: { userId: string; at: string },
): Promise<boolean> {
  const set: Updateable<CoachingAssignmentTable> = {};
  if (change.status !== undefined) set.status = change.status;
  if (change.startedAt !== undefined) set.started_at = change.startedAt;
  if (change.completedAt !== undefined) set.completed_at = change.completedAt;
  if (change.quizScore !== undefined) set.quiz_score = change.quizScore;
  if (change.quizPassed !== undefined) set.quiz_passed = change.quizPassed === null ? null : change.quizPassed ? 1 : 0;
  if (change.quizAttempts !== undefined) set.quiz_attempts = change.quizAttempts;
  if (change.reflection !== undefined) set.reflection = change.reflection;
  if (change.evidenceNote !== undefined) set.evidence_note = change.evidenceNote;
  if (change.appliedAt !== undefined) set.applied_at = change.appliedAt;
  if (change.applicationEvidence !== undefined)
    set.application_evidence =
      change.applicationEvidence.length === 0 ? null : JSON.stringify(change.applicationEvidence);
  if (change.verifiedBy !== undefined) set.verified_by = change.verifiedBy;
  if (change.verifiedAt !== undefined) set.verified_at = change.verifiedAt;
  if (change.managerNote !== undefined) set.manager_note = change.managerNote;
  const result = await db
    .updateTable('coaching_assignments')
    .set({ ...set, version: target.version + 1, updated_by: by.userId, updated_at: by.at })
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A deal as an assignment checks it: whose, whether open, and its current danger zones. */
export async function findDealForAssignment(
  db: Db,
  orgId: string,
  opportunityId: string,
): Promise<{ id: string; name: string; ownerId: string; status: string; zoneIds: string[] | null } | undefined> {
  const row = await db
    .selectFrom('opportunities as o')
    .leftJoin('assessments as a', 'a.opportunity_id', 'o.id')
    .select(['o.id', 'o.name', 'o.owner_id', 'o.status', 'a.zone_ids'])
    .where('o.org_id', '=', orgId)
    .where('o.id', '=', opportunityId)
    .where('o.deleted_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        ownerId: row.owner_id,
        status: row.status,
        zoneIds: row.zone_ids === null ? null : (JSON.parse(row.zone_ids) as string[]),
      }
    : undefined;
}

/** The assignments made from a diagnosis, in the order they were made. */
export async function listAssignmentsFromDiagnosis(
  db: Db,
  orgId: string,
  diagnosisId: string,
): Promise<Array<{ id: string; title: string; status: AssignmentStatus; dueDate: string; assignedAt: string }>> {
  const rows = await db
    .selectFrom('coaching_assignments as ca')
    .innerJoin('learning_items as li', 'li.id', 'ca.item_id')
    .select(['ca.id', 'li.title', 'ca.status', 'ca.due_date', 'ca.assigned_at'])
    .where('ca.org_id', '=', orgId)
    .where('ca.diagnosis_id', '=', diagnosisId)
    .orderBy('ca.assigned_at')
    .orderBy('ca.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status as AssignmentStatus,
    dueDate: r.due_date,
    assignedAt: r.assigned_at,
  }));
}

/** An assignment with the names a notice or reminder gives: the learning, the seller, who assigned it, the deal. */
function selectForNotice(db: Db) {
  return db
    .selectFrom('coaching_assignments as ca')
    .innerJoin('learning_items as li', 'li.id', 'ca.item_id')
    .innerJoin('users as seller', 'seller.id', 'ca.seller_id')
    .innerJoin('users as assigner', 'assigner.id', 'ca.assigned_by')
    .leftJoin('opportunities as o', (join) =>
      join.onRef('o.id', '=', 'ca.opportunity_id').on('o.deleted_at', 'is', null),
    )
    .select([
      'ca.org_id',
      'ca.id',
      'li.title',
      'ca.seller_id',
      'seller.name as seller_name',
      'ca.assigned_by',
      'assigner.name as assigner_name',
      'ca.due_date',
      'ca.status',
      'o.name as deal_name',
    ]);
}

const toNoticeAssignment = (r: {
  org_id: string;
  id: string;
  title: string;
  seller_id: string;
  seller_name: string;
  assigned_by: string;
  assigner_name: string;
  due_date: string;
  status: string;
  deal_name: string | null;
}): OpenAssignment & { status: AssignmentStatus } => ({
  orgId: r.org_id,
  id: r.id,
  title: r.title,
  sellerId: r.seller_id,
  sellerName: r.seller_name,
  assignedBy: r.assigned_by,
  assignedByName: r.assigner_name,
  dueDate: r.due_date,
  dealName: r.deal_name,
  status: r.status as AssignmentStatus,
});

/**
 * Every organization's open assignments (assigned or in progress) due by `lastDay`, of active
 * sellers, with the names a reminder needs: what the reminder pass reads.
 */
export async function listOpenAssignmentsDueBy(db: Db, lastDay: string): Promise<OpenAssignment[]> {
  const rows = await selectForNotice(db)
    .where('ca.status', 'in', ['assigned', 'in_progress'])
    .where('ca.due_date', '<=', lastDay)
    .where('seller.is_active', '=', 1)
    .orderBy('ca.due_date')
    .orderBy('ca.id')
    .execute();
  return rows.map(toNoticeAssignment);
}

/** What a notice about an assignment names: the learning, the seller, who assigned it, the deal. */
export async function findAssignmentForNotice(
  db: Db,
  orgId: string,
  id: string,
): Promise<(OpenAssignment & { status: AssignmentStatus }) | undefined> {
  const r = await selectForNotice(db).where('ca.org_id', '=', orgId).where('ca.id', '=', id).executeTakeFirst();
  return r && toNoticeAssignment(r);
}
