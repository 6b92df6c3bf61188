import { randomUUID } from 'node:crypto';
import type {
  Assignment,
  AssignmentComplete,
  AssignmentCreate,
  AssignmentDetail,
  AssignmentStatus,
  CompletionResult,
  SuccessConditionList,
} from '../../contract/assignments.ts';
import { canSeeOwner, type Actor } from '../../domain/access.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { creationChanges, type FieldChange } from '../../domain/audit.ts';
import { ROOT_CAUSES } from '../../domain/coaching/root-causes.ts';
import {
  evaluateCondition,
  findSuccessCondition,
  SUCCESS_CONDITIONS,
  type ConditionResult,
} from '../../domain/coaching/success-conditions.ts';
import {
  appliedNotice,
  assignedNotice,
  completedNotice,
  type AssignmentForNotice,
} from '../../domain/coaching/assignment-notices.ts';
import type { Notice } from '../../domain/inbox/messages.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { snapshotAsOf, type KnowledgeFact, type KnowledgeItem } from '../../domain/knowledge/snapshot.ts';
import type { Db } from '../../db/database.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { notifyIn } from '../inbox/index.ts';
import { listRecordsOf } from '../knowledge/index.ts';
import { requireManagerOrAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { cachedPeople, findUser } from '../users/index.ts';
import * as repo from './assignments.repo.ts';
import { findLearningItem } from './catalog.repo.ts';
import { findDiagnosis } from './diagnosis.repo.ts';
import { organizationGapRules } from './gap-rules.service.ts';
import { presentItemToLearn } from './catalog.service.ts';
import { getScorecard } from './scorecard.service.ts';
import { enqueueWebhookEvents } from '../webhooks/index.ts';

// Learning assigned to a seller: by their manager chain or an administrator, seen by the seller,
// that chain and administrators only (as the scorecard is). The seller starts and completes it (a
// quiz graded here); on-the-job work is marked applied by the app itself when the deal's knowledge
// meets its success condition, and the manager confirms it or reopens it.

type Record_ = { items: readonly KnowledgeItem[]; facts: readonly KnowledgeFact[] };

const ROOT_CAUSE_BY_ID = new Map(ROOT_CAUSES.map((c) => [c.id, c]));
const OPEN: readonly AssignmentStatus[] = ['assigned', 'in_progress'];
const ZONE_IDS = new Set(DANGER_ZONE_RULES.map((z) => z.id));

export function listSuccessConditions(): SuccessConditionList {
  return {
    items: SUCCESS_CONDITIONS.map((c) => ({
      id: c.id,
      label: c.label,
      description: c.description,
      rootCauses: [...c.rootCauses],
      params: c.params.map((p) => (p.kind === 'choice' ? { ...p, options: [...p.options] } : { ...p })),
    })),
  };
}

/** The condition checked on the deal's knowledge as it stands today. */
function checkNow(
  a: { conditionId: string | null; conditionParams: repo.StoredAssignment['conditionParams'] },
  record: Record_ | undefined,
  zoneIds: readonly string[] | null,
  today: string,
): ConditionResult | null {
  if (!a.conditionId || !a.conditionParams || !record) return null;
  return evaluateCondition(a.conditionId, a.conditionParams, {
    snapshot: snapshotAsOf(record.items, record.facts, today),
    zoneIds,
  });
}

type Names = ReadonlyMap<string, string>;

function present(
  actor: Actor,
  a: repo.AssignmentRow,
  names: Names,
  now: ConditionResult | null,
  today: string,
): Assignment {
  const isSeller = actor.userId === a.sellerId;
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Someone' });
  const condition = a.conditionId ? findSuccessCondition(a.conditionId) : undefined;
  return {
    id: a.id,
    seller: person(a.sellerId),
    assignedBy: person(a.assignedBy),
    assignedAt: a.assignedAt,
    dueDate: a.dueDate,
    isOverdue: OPEN.includes(a.status) && a.dueDate < today,
    status: a.status,
    item: { id: a.itemId, title: a.item.title, type: a.item.type, minutes: a.item.minutes },
    rootCause: { id: a.rootCause, name: ROOT_CAUSE_BY_ID.get(a.rootCause)?.name ?? a.rootCause },
    level: a.level,
    gapRule: a.gapRule,
    zoneId: a.zoneId,
    indicator: a.indicator,
    baselineValue: a.baselineValue,
    deal: a.opportunityId && a.deal ? { id: a.opportunityId, name: a.deal.name, status: a.deal.status } : null,
    successCondition:
      a.conditionId && condition
        ? {
            id: a.conditionId,
            label: condition.label,
            description: condition.description,
            params: a.conditionParams ?? {},
            now,
          }
        : null,
    startedAt: a.startedAt,
    completedAt: a.completedAt,
    quiz: a.item.quiz ? { score: a.quizScore, passed: a.quizPassed, attempts: a.quizAttempts } : null,
    reflection: a.reflection,
    evidenceNote: a.evidenceNote,
    appliedAt: a.appliedAt,
    applicationEvidence: a.applicationEvidence,
    verifiedAt: a.verifiedAt,
    verifiedBy: a.verifiedBy ? person(a.verifiedBy) : null,
    managerNote: a.managerNote,
    // the seller reads where it came from only when they may read the diagnosis itself
    diagnosis:
      a.diagnosisId && a.diagnosis && (!isSeller || a.diagnosis.status === 'concluded')
        ? { id: a.diagnosisId, gap: a.diagnosis.gap }
        : null,
    version: a.version,
    can: {
      start: isSeller && a.status === 'assigned',
      complete: isSeller && OPEN.includes(a.status),
      verify: !isSeller && canVerify(a),
      reopen: !isSeller && (['completed', 'applied', 'verified'] as const).includes(a.status as 'completed'),
      abandon: !isSeller && !(['verified', 'abandoned'] as const).includes(a.status as 'verified'),
    },
  };
}

const canVerify = (a: repo.StoredAssignment) =>
  a.status === 'applied' || (a.status === 'completed' && a.conditionId === null);

/** Which deals' knowledge a page must read to show live conditions: those still being worked on. */
const needsLiveCheck = (a: repo.AssignmentRow) =>
  a.conditionId !== null && a.deal !== null && a.status !== 'verified' && a.status !== 'abandoned';

async function presentAll(deps: AppDeps, actor: Actor, rows: readonly repo.AssignmentRow[]): Promise<Assignment[]> {
  const today = toDateOnly(deps.now());
  const dealIds = [...new Set(rows.filter(needsLiveCheck).map((a) => a.opportunityId!))];
  const [people, records] = await Promise.all([
    cachedPeople(deps.db, deps.caches, actor.orgId),
    dealIds.length > 0 ? listRecordsOf(deps.db, actor.orgId, dealIds) : new Map<string, Record_>(),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((a) =>
    present(
      actor,
      a,
      names,
      needsLiveCheck(a) ? checkNow(a, records.get(a.opportunityId!), a.deal!.zoneIds, today) : null,
      today,
    ),
  );
}

/** The assignment if the actor may see it (the seller, their manager chain, admins); else 404. */
async function visibleAssignment(db: Db, actor: Actor, id: string): Promise<repo.AssignmentRow> {
  const found = await repo.findAssignment(db, actor.orgId, id);
  if (!found || !canSeeOwner(actor, found.sellerId)) throw notFound('Assignment');
  return found;
}

async function detailOf(deps: AppDeps, actor: Actor, a: repo.AssignmentRow): Promise<AssignmentDetail> {
  const [presented, item] = await Promise.all([
    presentAll(deps, actor, [a]),
    findLearningItem(deps.db, actor.orgId, a.itemId),
  ]);
  if (!item) throw notFound('Learning item');
  // the answers are graded here: nobody reading an assignment sees them, administrators included
  return { ...presented[0]!, content: presentItemToLearn(item) };
}

export async function listAssignments(deps: AppDeps, actor: Actor, sellerId?: string): Promise<Assignment[]> {
  const seller = sellerId ?? actor.userId;
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  if (!people.some((p) => p.id === seller) || !canSeeOwner(actor, seller)) throw notFound('Seller');
  return presentAll(deps, actor, await repo.listAssignmentsOf(deps.db, actor.orgId, seller));
}

export async function getAssignment(deps: AppDeps, actor: Actor, id: string): Promise<AssignmentDetail> {
  return detailOf(deps, actor, await visibleAssignment(deps.db, actor, id));
}

export async function createAssignment(
  deps: AppDeps,
  actor: Actor,
  input: AssignmentCreate,
): Promise<AssignmentDetail> {
  requireManagerOrAdmin(actor);
  const at = deps.now().toISOString();
  const today = toDateOnly(deps.now());
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  // like an owner outside one's team: named in the body, so refused naming the field
  if (!people.some((p) => p.id === input.sellerId) || !canSeeOwner(actor, input.sellerId))
    throw unprocessable('sellerId', 'Choose a seller from your own team');
  if (input.sellerId === actor.userId)
    throw unprocessable('sellerId', 'Learning is assigned to someone you coach, not to yourself');
  if (input.rootCause === 'C8')
    throw unprocessable('rootCause', 'Wellbeing is a private matter: refer the person to support, do not assign it');
  if (input.dueDate < today) throw unprocessable('dueDate', `The due date is in the past: choose ${today} or later`);
  const [seller, item] = await Promise.all([
    findUser(deps.db, actor.orgId, input.sellerId),
    findLearningItem(deps.db, actor.orgId, input.itemId),
  ]);
  if (!seller?.isActive) throw unprocessable('sellerId', 'This person is deactivated');
  if (!item) throw unprocessable('itemId', 'No such learning item in the catalog');
  if (item.isArchived) throw unprocessable('itemId', `“${item.title}” is archived: choose an item on offer`);
  if (input.diagnosisId !== undefined) {
    const found = await findDiagnosis(deps.db, actor.orgId, input.diagnosisId);
    if (!found || found.diagnosis.sellerId !== input.sellerId || !canSeeOwner(actor, found.diagnosis.sellerId))
      throw unprocessable('diagnosisId', 'No diagnosis of this seller by that id: assign from one of their diagnoses');
    if (found.diagnosis.status !== 'concluded')
      throw unprocessable(
        'diagnosisId',
        `This diagnosis is ${found.diagnosis.status.replace('_', ' ')}: learning is assigned from a concluded one`,
      );
  }

  let indicator = input.indicator ?? null;
  const zoneId = input.zoneId ?? null;
  if (input.gapRule && input.gapRule !== 'ZONE') {
    const rule = (await organizationGapRules(deps, actor.orgId)).rules.find((r) => r.id === input.gapRule);
    if (!rule) throw unprocessable('gapRule', `No gap rule ${input.gapRule}`);
    if (indicator && indicator !== rule.indicator)
      throw unprocessable('indicator', `${rule.id} reads ${rule.indicator}, not ${indicator}`);
    indicator = rule.indicator;
  }
  if (input.gapRule === 'ZONE' && !zoneId) throw unprocessable('zoneId', 'Name the danger zone that recurs');
  if (zoneId && !ZONE_IDS.has(zoneId)) throw unprocessable('zoneId', `No danger zone ${zoneId}`);

  const { opportunityId, successCondition } = input;
  let dealName: string | null = null;
  if (item.type === 'on_the_job' && !opportunityId)
    throw unprocessable('opportunityId', 'On-the-job work needs one of the seller’s open deals');
  if (opportunityId && !successCondition)
    throw unprocessable('successCondition', 'Choose the success condition the app will check on this deal');
  if (successCondition && !opportunityId)
    throw unprocessable(
      'opportunityId',
      'A success condition is checked on a deal: choose one of the seller’s open deals',
    );
  if (opportunityId && successCondition) {
    const deal = await repo.findDealForAssignment(deps.db, actor.orgId, opportunityId);
    if (!deal || deal.ownerId !== input.sellerId)
      throw unprocessable('opportunityId', 'Choose one of the seller’s own deals');
    if (deal.status !== 'open') throw unprocessable('opportunityId', `“${deal.name}” is closed: choose an open deal`);
    dealName = deal.name;
    const records = await listRecordsOf(deps.db, actor.orgId, [deal.id]);
    const now = checkNow(
      { conditionId: successCondition.id, conditionParams: successCondition.params },
      records.get(deal.id),
      deal.zoneIds,
      today,
    );
    if (now?.met)
      throw unprocessable(
        'successCondition.id',
        `Already met on “${deal.name}”: choose something still to learn there`,
      );
  }
  // the indicator as the scorecard reads it today, so its move can be measured from here
  const baselineValue = indicator
    ? ((await getScorecard(deps, actor, input.sellerId)).indicators.find((i) => i.key === indicator)?.value ?? null)
    : null;
  const rootCause = ROOT_CAUSE_BY_ID.get(input.rootCause)!;
  const row: repo.NewAssignment = {
    id: randomUUID(),
    sellerId: input.sellerId,
    itemId: item.id,
    assignedBy: actor.userId,
    assignedAt: at,
    dueDate: input.dueDate,
    rootCause: rootCause.id,
    level: rootCause.level,
    gapRule: input.gapRule ?? null,
    zoneId,
    indicator,
    baselineValue,
    opportunityId: opportunityId ?? null,
    conditionId: successCondition?.id ?? null,
    conditionParams: successCondition?.params ?? null,
    status: 'assigned',
    diagnosisId: input.diagnosisId ?? null,
  };
  const names = new Map(people.map((p) => [p.id, p.name]));
  await inTransaction(deps, async (tx) => {
    await repo.insertAssignments(tx, actor.orgId, [row], at);
    const notice = assignedNotice({
      id: row.id,
      title: item.title,
      sellerName: seller.name,
      assignedByName: names.get(actor.userId) ?? 'Your manager',
      dueDate: row.dueDate,
      dealName,
    });
    await notifyIn(tx, at, [{ ...notice, orgId: actor.orgId, personId: row.sellerId }]);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'coaching_assignment',
        entityId: row.id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: creationChanges(row, [
          'sellerId',
          'itemId',
          'dueDate',
          'rootCause',
          'opportunityId',
          'conditionId',
          'diagnosisId',
        ]),
      },
    ]);
  });
  return getAssignment(deps, actor, row.id);
}

const PAST: Record<string, string> = {
  start: 'started',
  complete: 'completed',
  verify: 'verified',
  reopen: 'reopened',
  abandon: 'abandoned',
};

type Transition = {
  /** who: the seller themselves, or whoever coaches them */
  by: 'seller' | 'coach';
  from: readonly AssignmentStatus[];
  verb: string;
};

/**
 * Reads the assignment, checks who may move it and from where, and writes `change` at the version
 * read: a transition that lost a race to another answers 409 rather than crossing it.
 */
async function transition(
  deps: AppDeps,
  actor: Actor,
  id: string,
  rule: Transition,
  change: (a: repo.AssignmentRow, tx: Db, at: string) => Promise<repo.AssignmentChange> | repo.AssignmentChange,
): Promise<AssignmentDetail> {
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    const a = await visibleAssignment(tx, actor, id);
    const isSeller = a.sellerId === actor.userId;
    if (rule.by === 'seller' && !isSeller)
      throw new AppError('forbidden', `Only the seller can ${rule.verb} their own learning`);
    if (rule.by === 'coach' && isSeller) throw new AppError('forbidden', `Your manager can ${rule.verb} this, not you`);
    if (!rule.from.includes(a.status))
      throw new AppError(
        'conflict',
        `This assignment is ${a.status.replace('_', ' ')}: it cannot be ${PAST[rule.verb]} now`,
      );
    const values = await change(a, tx, at);
    const written = await repo.updateAssignmentAtVersion(tx, { orgId: actor.orgId, id, version: a.version }, values, {
      userId: actor.userId,
      at,
    });
    if (!written)
      throw new AppError('version-conflict', 'Someone changed this assignment at the same moment; reload it');
    const changes: FieldChange[] = [{ field: 'status', from: a.status, to: values.status ?? a.status }];
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'coaching_assignment',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes,
      },
    ]);
  });
  return getAssignment(deps, actor, id);
}

export function startAssignment(deps: AppDeps, actor: Actor, id: string): Promise<AssignmentDetail> {
  return transition(deps, actor, id, { by: 'seller', from: ['assigned'], verb: 'start' }, (_a, _tx, at) => ({
    status: 'in_progress',
    startedAt: at,
  }));
}

/** The seller's choices graded against the stored quiz: which were right, the score, pass or not. */
function grade(quiz: NonNullable<repo.AssignmentRow['item']['quiz']>, answers: readonly number[] | undefined) {
  if (!answers || answers.length !== quiz.questions.length)
    throw unprocessable('answers', `Answer each of the ${quiz.questions.length} questions`);
  answers.forEach((choice, i) => {
    if (choice >= quiz.questions[i]!.choices.length)
      throw unprocessable(`answers.${i}`, `Question ${i + 1} has ${quiz.questions[i]!.choices.length} choices`);
  });
  const correct = quiz.questions.map((q, i) => answers[i] === q.answerIndex);
  const score = Math.round((100 * correct.filter(Boolean).length) / correct.length);
  return { score, passMark: quiz.passMark, passed: score >= quiz.passMark, correct };
}

export async function completeAssignment(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: AssignmentComplete,
): Promise<CompletionResult> {
  let graded: CompletionResult['grade'] = null;
  const today = toDateOnly(deps.now());
  const assignment = await transition(
    deps,
    actor,
    id,
    { by: 'seller', from: ['assigned', 'in_progress'], verb: 'complete' },
    async (a, tx, at) => {
      if (!a.item.quiz && input.answers !== undefined)
        throw unprocessable('answers', 'This learning has no quiz: send no answers');
      graded = a.item.quiz ? grade(a.item.quiz, input.answers) : null;
      const attempt = graded
        ? { quizScore: graded.score, quizPassed: graded.passed, quizAttempts: a.quizAttempts + 1 }
        : {};
      const common = {
        ...attempt,
        reflection: input.reflection,
        evidenceNote: input.evidenceNote ?? null,
        startedAt: a.startedAt ?? at,
      };
      // a failed quiz is an attempt: the work stays open for another
      if (graded && !graded.passed) return { ...common, status: 'in_progress' };
      let applied: repo.AssignmentChange = {};
      if (a.conditionId && a.appliedAt === null && a.deal && a.deal.status === 'open') {
        const records = await listRecordsOf(tx, actor.orgId, [a.opportunityId!]);
        const now = checkNow(a, records.get(a.opportunityId!), a.deal.zoneIds, today);
        if (now?.met) applied = { appliedAt: at, applicationEvidence: now.evidence };
      }
      const isApplied = a.appliedAt !== null || applied.appliedAt !== undefined;
      await tellAssigner(tx, actor.orgId, a.id, at, (n) =>
        isApplied ? appliedNotice(n, at) : completedNotice(n, at, a.conditionId !== null),
      );
      const status = isApplied ? 'applied' : 'completed';
      await enqueueWebhookEvents(tx, deps, actor.orgId, [
        {
          type: 'assignment.completed',
          data: {
            assignmentId: a.id,
            sellerId: a.sellerId,
            itemId: a.itemId,
            title: a.item.title,
            rootCause: a.rootCause,
            opportunityId: a.opportunityId,
            status,
            quizScore: graded?.score ?? null,
            completedAt: at,
          },
        },
      ]);
      return { ...common, ...applied, completedAt: at, status };
    },
  );
  return { assignment, grade: graded };
}

export function verifyAssignment(deps: AppDeps, actor: Actor, id: string, note: string | null | undefined) {
  return transition(deps, actor, id, { by: 'coach', from: ['applied', 'completed'], verb: 'verify' }, (a, _tx, at) => {
    if (!canVerify(a))
      throw new AppError('conflict', 'The success condition is not met on the deal yet: it cannot be verified');
    return { status: 'verified', verifiedAt: at, verifiedBy: actor.userId, managerNote: note ?? a.managerNote };
  });
}

export function reopenAssignment(deps: AppDeps, actor: Actor, id: string, note: string) {
  return transition(
    deps,
    actor,
    id,
    { by: 'coach', from: ['completed', 'applied', 'verified'], verb: 'reopen' },
    () => ({
      status: 'in_progress',
      completedAt: null,
      appliedAt: null,
      applicationEvidence: [],
      verifiedAt: null,
      verifiedBy: null,
      managerNote: note,
    }),
  );
}

export function abandonAssignment(deps: AppDeps, actor: Actor, id: string, note: string | null | undefined) {
  return transition(
    deps,
    actor,
    id,
    { by: 'coach', from: ['assigned', 'in_progress', 'completed', 'applied'], verb: 'abandon' },
    (a) => ({ status: 'abandoned', managerNote: note ?? a.managerNote }),
  );
}

/**
 * After a knowledge write, inside its transaction: the deal's on-the-job work whose condition the
 * knowledge now meets is marked applied, with the facts that met it (work the seller has not
 * completed yet keeps its status and becomes applied when completed). One read when none waits.
 */
export async function noticeApplication(
  tx: Db,
  change: { orgId: string; opportunityId: string; record: Record_; zoneIds: readonly string[]; at: string; by: string },
): Promise<void> {
  const waiting = await repo.listAwaitingApplication(tx, change.orgId, change.opportunityId);
  // completed work the deal now shows applied is the assigning manager's to verify: they are told
  if (waiting.length === 0) return;
  const today = change.at.slice(0, 10);
  for (const a of waiting) {
    const now = checkNow(a, change.record, change.zoneIds, today);
    if (!now?.met) continue;
    await repo.updateAssignmentAtVersion(
      tx,
      { orgId: change.orgId, id: a.id, version: a.version },
      {
        appliedAt: change.at,
        applicationEvidence: now.evidence,
        ...(a.status === 'completed' ? { status: 'applied' } : {}),
      },
      { userId: change.by, at: change.at },
    );
    if (a.status === 'completed')
      await tellAssigner(tx, change.orgId, a.id, change.at, (n) => appliedNotice(n, change.at));
  }
}

/** Tells the manager who assigned the learning, in the caller's transaction. */
async function tellAssigner(
  tx: Db,
  orgId: string,
  id: string,
  at: string,
  noticeOf: (a: AssignmentForNotice) => Notice,
): Promise<void> {
  const a = await repo.findAssignmentForNotice(tx, orgId, id);
  if (!a || a.assignedBy === a.sellerId) return;
  await notifyIn(tx, at, [{ ...noticeOf(a), orgId, personId: a.assignedBy }]);
}
