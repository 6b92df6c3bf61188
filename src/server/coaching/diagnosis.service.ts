import { randomUUID } from 'node:crypto';
import type {
  Diagnosis,
  DiagnosisAnswers,
  DiagnosisConclude,
  DiagnosisStart,
  DiagnosisSummary,
} from '../../contract/diagnoses.ts';
import { canSeeOwner, type Actor } from '../../domain/access.ts';
import {
  adviseDiagnosis,
  answerProblem,
  DIAGNOSIS_STEPS,
  questionsOf,
  fixOfCause,
  levelOfCause,
  REFERRAL_NOTE,
  suspectedCauses,
  WELLBEING_CAUTION,
} from '../../domain/coaching/diagnosis.ts';
import { ROOT_CAUSE_IDS, type RootCauseId } from '../../domain/coaching/root-causes.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireManagerOrAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { cachedPeople, cachedUserNames } from '../users/index.ts';
import { listAssignmentsFromDiagnosis } from './assignments.repo.ts';
import * as repo from './diagnosis.repo.ts';
import { getScorecard } from './scorecard.service.ts';

// A guided diagnosis of a seller's gap, written by a manager of their chain (or an admin) and read
// by them, and by the seller once concluded. While in progress it holds the manager's working
// notes, which are not the seller's to read yet: to the seller an unfinished or abandoned
// diagnosis does not exist (404), a concluded one is theirs to read, never to change. A peer, or a
// manager of another team, never learns one exists.

const KNOWN_CAUSES = new Set<string>(ROOT_CAUSE_IDS);

function isVisible(actor: Actor, d: repo.StoredDiagnosis): boolean {
  if (!canSeeOwner(actor, d.sellerId)) return false;
  return actor.userId !== d.sellerId || d.status === 'concluded';
}

const canEdit = (actor: Actor, d: repo.StoredDiagnosis) => d.status === 'in_progress' && actor.userId !== d.sellerId;

async function present(
  deps: AppDeps,
  actor: Actor,
  d: repo.StoredDiagnosis,
  answers: readonly repo.StoredAnswer[],
  assignments: Diagnosis['assignments'] = [],
): Promise<Diagnosis> {
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  const advice = adviseDiagnosis({ suspected: d.suspected, answers });
  return {
    ...summarize(names, d),
    flag: d.flag,
    deals: d.deals,
    suspected: d.suspected,
    answers: inFlowOrder(d.suspected, answers).map((a) => ({
      step: a.step,
      question: a.question,
      answer: a.answer,
      note: a.note,
      answeredAt: a.answeredAt,
    })),
    conclusion: d.conclusion,
    closedBy: d.closedBy ? { id: d.closedBy, name: names.get(d.closedBy) ?? 'Former colleague' } : null,
    advice: {
      nextStep: advice.nextStep,
      settledSteps: advice.settledSteps,
      suggestion: advice.suggestion,
      notWorthSolving: advice.notWorthSolving,
      ruledOut: advice.ruledOut,
    },
    canEdit: canEdit(actor, d),
    assignments,
    version: d.version,
  };
}

/** Answers as the flow asks them: by step, then by question. */
function inFlowOrder(suspected: readonly RootCauseId[], answers: readonly repo.StoredAnswer[]) {
  const rank = new Map(
    DIAGNOSIS_STEPS.flatMap((step) => questionsOf(step, suspected)).map((q, i) => [q.id, i] as const),
  );
  return [...answers].sort((a, b) => (rank.get(a.question) ?? 0) - (rank.get(b.question) ?? 0));
}

function summarize(names: ReadonlyMap<string, string>, d: repo.StoredDiagnosis): DiagnosisSummary {
  const name = (id: string) => ({ id, name: names.get(id) ?? 'Former colleague' });
  return {
    id: d.id,
    seller: name(d.sellerId),
    startedBy: name(d.startedBy),
    source: d.source,
    gap: d.gap,
    status: d.status,
    rootCause: d.rootCause,
    level: d.level,
    fix: d.fix,
    startedAt: d.startedAt,
    updatedAt: d.updatedAt,
    closedAt: d.closedAt,
  };
}

async function loadVisible(deps: AppDeps, actor: Actor, id: string) {
  const found = await repo.findDiagnosis(deps.db, actor.orgId, id);
  if (!found || !isVisible(actor, found.diagnosis)) throw notFound('Diagnosis');
  return found;
}

/** The diagnosis as it must be to be changed: visible, someone else's, still in progress. */
function requireEditable(actor: Actor, d: repo.StoredDiagnosis, version: number): void {
  if (actor.userId === d.sellerId)
    throw new AppError('forbidden', 'A diagnosis is written by the seller’s manager, not by the seller');
  if (d.status !== 'in_progress')
    throw new AppError('conflict', `This diagnosis is ${d.status}: it can no longer be changed`);
  if (d.version !== version)
    throw new AppError('version-conflict', 'Someone else changed this diagnosis; reload it and try again');
}

function knownCauses(field: string, ids: readonly string[]): RootCauseId[] {
  const unknown = ids.filter((id) => !KNOWN_CAUSES.has(id));
  if (unknown.length > 0)
    throw unprocessable(field, `Unknown root cause ${unknown.join(', ')}: use ids such as B4, S7 or C1`);
  return ids as RootCauseId[];
}

export async function startDiagnosis(deps: AppDeps, actor: Actor, input: DiagnosisStart): Promise<Diagnosis> {
  requireManagerOrAdmin(actor);
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const seller = people.find((p) => p.id === input.seller);
  if (!seller || !canSeeOwner(actor, seller.id)) throw unprocessable('seller', 'Nobody in your team has this id');
  if (seller.id === actor.userId) throw unprocessable('seller', 'A diagnosis is of someone you coach, not of yourself');
  const extra = knownCauses('suspected', input.suspected ?? []);

  let origin: Pick<repo.StoredDiagnosis, 'source' | 'flag' | 'gap' | 'deals'>;
  let named: RootCauseId[];
  if (input.flag) {
    const wanted = input.flag;
    const card = await getScorecard(deps, actor, seller.id);
    const flag = card.flags.find((f) => f.rule === wanted.rule && (f.rule !== 'ZONE' || f.zoneId === wanted.zoneId));
    if (!flag)
      throw unprocessable('flag', `${seller.name}’s scorecard does not flag this gap today: start from what you saw`);
    origin = {
      source: 'flag',
      flag: { rule: flag.rule, indicator: flag.indicator, zoneId: flag.zoneId },
      gap: flag.text,
      deals: flag.deals,
    };
    named = flag.rootCauses.map((c) => c.id);
  } else {
    origin = { source: 'observation', flag: null, gap: input.observation!, deals: [] };
    named = [];
  }
  const at = deps.now().toISOString();
  const diagnosis: repo.StoredDiagnosis = {
    id: randomUUID(),
    sellerId: seller.id,
    startedBy: actor.userId,
    ...origin,
    suspected: suspectedCauses([...new Set([...named, ...extra])]),
    status: 'in_progress',
    rootCause: null,
    level: null,
    fix: null,
    conclusion: null,
    version: 1,
    startedAt: at,
    updatedAt: at,
    closedBy: null,
    closedAt: null,
  };
  await inTransaction(deps, async (tx) => {
    await repo.insertDiagnosis(tx, actor.orgId, diagnosis);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'coaching_diagnosis',
        entityId: diagnosis.id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: [
          { field: 'seller', from: null, to: seller.id },
          { field: 'source', from: null, to: diagnosis.source },
          { field: 'suspected', from: null, to: diagnosis.suspected },
        ],
      },
    ]);
  });
  return present(deps, actor, diagnosis, []);
}

export async function listDiagnoses(
  deps: AppDeps,
  actor: Actor,
  sellerId: string | undefined,
): Promise<DiagnosisSummary[]> {
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  // someone of another organization, or a peer, is nobody to this reader
  if (sellerId !== undefined && (!names.has(sellerId) || !canSeeOwner(actor, sellerId))) throw notFound('Seller');
  const sellers = sellerId !== undefined ? [sellerId] : actor.visibleOwnerIds;
  const rows = await repo.listDiagnoses(deps.db, actor.orgId, sellers);
  return rows.filter((d) => isVisible(actor, d)).map((d) => summarize(names, d));
}

export async function getDiagnosis(deps: AppDeps, actor: Actor, id: string): Promise<Diagnosis> {
  const { diagnosis, answers } = await loadVisible(deps, actor, id);
  // learning is assigned only from a concluded diagnosis: one still open, or abandoned, has none
  const assigned =
    diagnosis.status === 'concluded' ? await listAssignmentsFromDiagnosis(deps.db, actor.orgId, diagnosis.id) : [];
  return present(
    deps,
    actor,
    diagnosis,
    answers,
    assigned.map(({ assignedAt: _at, ...a }) => a),
  );
}

/** Replaces one step's answers, each checked against the questions of that step. */
export async function saveStepAnswers(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: DiagnosisAnswers,
): Promise<Diagnosis> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const { diagnosis, answers } = await loadVisible({ ...deps, db: tx }, actor, id);
    requireEditable(actor, diagnosis, input.version);
    const seen = new Set<string>();
    input.answers.forEach((a, i) => {
      if (seen.has(a.question)) throw unprocessable(`answers.${i}.question`, 'Answer each question once');
      seen.add(a.question);
      const problem = answerProblem(input.step, diagnosis.suspected, { ...a, note: a.note ?? null });
      if (problem) throw unprocessable(`answers.${i}.${problem.field}`, problem.message);
    });
    const kept = new Map(answers.filter((a) => a.step === input.step).map((a) => [a.question, a]));
    const stepAnswers: repo.StoredAnswer[] = input.answers.map((a) => {
      const before = kept.get(a.question);
      const same = before && before.answer === a.answer && before.note === (a.note ?? null);
      return {
        step: input.step,
        question: a.question,
        answer: a.answer,
        note: a.note ?? null,
        answeredBy: same ? before.answeredBy : actor.userId,
        answeredAt: same ? before.answeredAt : at,
      };
    });
    const next = { ...diagnosis, updatedAt: at, version: diagnosis.version + 1 };
    if (!(await repo.updateDiagnosisAtVersion(tx, { orgId: actor.orgId, id, version: input.version }, next)))
      throw new AppError('version-conflict', 'Someone else changed this diagnosis; reload it and try again');
    await repo.replaceStepAnswers(tx, id, input.step, stepAnswers);
    const all = [...answers.filter((a) => a.step !== input.step), ...stepAnswers];
    return present({ ...deps, db: tx }, actor, next, all);
  });
}

/** Concludes on a root cause: its level and fix unless the manager chose another fix. */
export async function concludeDiagnosis(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: DiagnosisConclude,
): Promise<Diagnosis> {
  const [rootCause] = knownCauses('rootCause', [input.rootCause]);
  const level = levelOfCause(rootCause!);
  if (input.level && input.level !== level)
    throw unprocessable('level', `${rootCause} sits on the ${level.replace('_', ' and ')} level, not ${input.level}`);
  // wellbeing: what was said stays between the two people; only the referral is recorded
  if (rootCause === 'C8' && input.note)
    throw unprocessable('note', `No note on a wellbeing conclusion. ${WELLBEING_CAUTION}`);
  const at = deps.now().toISOString();
  return close(deps, actor, id, input.version, {
    status: 'concluded',
    rootCause: rootCause!,
    level,
    fix: input.fix ?? fixOfCause(rootCause!),
    conclusion: rootCause === 'C8' ? REFERRAL_NOTE : (input.note ?? null),
    updatedAt: at,
    closedBy: actor.userId,
    closedAt: at,
  });
}

export async function abandonDiagnosis(deps: AppDeps, actor: Actor, id: string, version: number): Promise<Diagnosis> {
  const at = deps.now().toISOString();
  return close(deps, actor, id, version, {
    status: 'abandoned',
    rootCause: null,
    level: null,
    fix: null,
    conclusion: null,
    updatedAt: at,
    closedBy: actor.userId,
    closedAt: at,
  });
}

async function close(
  deps: AppDeps,
  actor: Actor,
  id: string,
  version: number,
  change: Parameters<typeof repo.updateDiagnosisAtVersion>[2],
): Promise<Diagnosis> {
  return inTransaction(deps, async (tx) => {
    const { diagnosis, answers } = await loadVisible({ ...deps, db: tx }, actor, id);
    requireEditable(actor, diagnosis, version);
    if (!(await repo.updateDiagnosisAtVersion(tx, { orgId: actor.orgId, id, version }, change)))
      throw new AppError('version-conflict', 'Someone else changed this diagnosis; reload it and try again');
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'coaching_diagnosis',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at: change.updatedAt,
        changes: [
          { field: 'status', from: diagnosis.status, to: change.status },
          ...(change.rootCause ? [{ field: 'rootCause', from: null, to: change.rootCause }] : []),
          ...(change.fix ? [{ field: 'fix', from: null, to: change.fix }] : []),
        ],
      },
    ]);
    return present({ ...deps, db: tx }, actor, { ...diagnosis, ...change, version: version + 1 }, answers);
  });
}
