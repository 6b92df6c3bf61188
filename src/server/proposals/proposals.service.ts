import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { draftProposal, type ProposalDraft } from '../../domain/proposals/draft.ts';
import {
  DEFAULT_TEMPLATE,
  PLACEHOLDER_NAMES,
  PLACEHOLDERS,
  renderTemplate,
  templateProblems,
} from '../../domain/proposals/template.ts';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Proposal, ProposalSummary, ProposalTemplate } from '../../contract/proposals.ts';
import { refreshAssessment } from '../assessment/index.ts';
import { appendAuditEvents, changeEvent, organizationChange } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { knowledgeOf } from '../knowledge/index.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './proposals.repo.ts';

// A deal's proposals: written from its knowledge through the organization's template, kept version
// by version. Whoever may see the deal may read, generate, edit and mark its proposals sent;
// administrators keep the template.

/** What a version was made from, stored with it so a later reader sees what was known then. */
type MadeFrom = {
  asOf: string;
  deal: { name: string; accountName: string; amountMinor: number; currency: string; expectedCloseDate: string };
  knowledge: KnowledgeResponse;
};
type StoredDraft = Omit<ProposalDraft, 'values'>;

async function visibleDeal(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await findOpportunity(deps.db, actor, opportunityId);
  if (!deal) throw notFound('Opportunity');
  return deal;
}

/** `<id>`, `<id>.docx` or `<id>.pdf`: the version's id and the format asked for. */
export function splitFormat(pid: string): { id: string; format: 'json' | 'docx' | 'pdf' | null } {
  const m = /^(.*)\.(docx|pdf)$/.exec(pid);
  return m ? { id: m[1]!, format: m[2] as 'docx' | 'pdf' } : { id: pid, format: null };
}

async function presentSummaries(deps: AppDeps, actor: Actor, rows: readonly repo.StoredProposal[]) {
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  const name = (id: string) => names.get(id) ?? 'Former colleague';
  return rows.map((r): ProposalSummary => ({
    id: r.id,
    opportunityId: r.opportunityId,
    number: r.number,
    origin: r.origin,
    basedOn: r.basedOn,
    createdByName: name(r.createdBy),
    createdAt: r.createdAt,
    completeness: r.completeness,
    sentAt: r.sentAt,
    sentByName: r.sentBy ? name(r.sentBy) : null,
  }));
}

async function present(deps: AppDeps, actor: Actor, p: repo.FullProposal): Promise<Proposal> {
  const [summary] = await presentSummaries(deps, actor, [p]);
  const draft = JSON.parse(p.draft) as StoredDraft;
  const made = JSON.parse(p.knowledge) as MadeFrom;
  return {
    ...summary!,
    text: p.text,
    sections: draft.sections,
    notes: draft.notes,
    appendix: draft.appendix,
    madeFrom: {
      asOf: made.asOf,
      dealName: made.deal.name,
      accountName: made.deal.accountName,
      amountMinor: made.deal.amountMinor,
      currency: made.deal.currency,
      coverageIndex: made.knowledge.coverageIndex,
      objectives: made.knowledge.objectives.map((o) => ({
        key: o.key,
        name: o.name,
        knowledgeLevel: o.knowledgeLevel,
      })),
    },
  };
}

async function templateTextOf(deps: AppDeps, orgId: string): Promise<string> {
  return (await repo.findTemplate(deps.db, orgId))?.text ?? DEFAULT_TEMPLATE;
}

/** Writes a new draft from the deal's knowledge as it stands, through the organization's template. */
export async function generateProposal(deps: AppDeps, actor: Actor, opportunityId: string): Promise<Proposal> {
  const deal = await visibleDeal(deps, actor, opportunityId);
  const [knowledge, template] = await Promise.all([
    knowledgeOf(deps.db, deps, actor, deal),
    templateTextOf(deps, actor.orgId),
  ]);
  const at = deps.now().toISOString();
  const today = toDateOnly(deps.now());
  const draft = draftProposal(knowledge, {
    name: deal.name,
    accountName: deal.accountName,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    expectedCloseDate: deal.expectedCloseDate,
    sellerName: deal.ownerName,
    today,
  });
  const { values: _values, ...kept } = draft;
  const made: MadeFrom = {
    asOf: today,
    deal: {
      name: deal.name,
      accountName: deal.accountName,
      amountMinor: deal.amountMinor,
      currency: deal.currency,
      expectedCloseDate: deal.expectedCloseDate,
    },
    knowledge,
  };
  return saveVersion(deps, actor, deal, {
    origin: 'generated',
    basedOn: null,
    basedOnNumber: null,
    at,
    text: renderTemplate(template, draft.values, draft.known),
    draft: JSON.stringify(kept),
    knowledge: JSON.stringify(made),
  });
}

async function saveVersion(
  deps: AppDeps,
  actor: Actor,
  deal: Opportunity,
  v: {
    origin: 'generated' | 'edited';
    basedOn: string | null;
    basedOnNumber: number | null;
    at: string;
    text: string;
    draft: string;
    knowledge: string;
  },
): Promise<Proposal> {
  const id = randomUUID();
  const row = {
    id,
    orgId: actor.orgId,
    opportunityId: deal.id,
    origin: v.origin,
    basedOn: v.basedOn,
    createdBy: actor.userId,
    createdAt: v.at,
    text: v.text,
    draft: v.draft,
    knowledge: v.knowledge,
    sentAt: null,
    sentBy: null,
  };
  const completeness = (JSON.parse(v.draft) as StoredDraft).completeness;
  const number = await inTransaction(deps, async (tx) => {
    const number = await repo.insertProposal(tx, row);
    const version: ProposalVersionEntry = { number, origin: v.origin, basedOn: v.basedOnNumber, completeness };
    await appendAuditEvents(tx, [dealEvent(actor, deal.id, v.at, 'proposal', version)]);
    return number;
  });
  return present(deps, actor, { ...row, number, completeness });
}

/** How a proposal version shows in the deal's history: which one, how it came about, how complete. */
type ProposalVersionEntry = {
  number: number;
  origin: 'generated' | 'edited';
  basedOn: number | null;
  completeness: number;
};

function dealEvent(actor: Actor, dealId: string, at: string, field: 'proposal' | 'proposalSent', to: unknown) {
  return changeEvent(actor, { type: 'opportunity', id: dealId }, at, [{ field, from: null, to }]);
}

export async function listProposals(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await visibleDeal(deps, actor, opportunityId);
  return { items: await presentSummaries(deps, actor, await repo.listProposalsOf(deps.db, actor.orgId, deal.id)) };
}

async function findVersion(deps: AppDeps, actor: Actor, opportunityId: string, id: string) {
  const deal = await visibleDeal(deps, actor, opportunityId);
  const found = await repo.findProposal(deps.db, actor.orgId, deal.id, id);
  if (!found) throw notFound('Proposal');
  return { deal, found };
}

export async function getProposal(deps: AppDeps, actor: Actor, opportunityId: string, id: string): Promise<Proposal> {
  const { found } = await findVersion(deps, actor, opportunityId, id);
  return present(deps, actor, found);
}

/** A seller's edit of a version: kept as a new version based on it, with the same notes and knowledge. */
export async function editProposal(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  id: string,
  text: string,
): Promise<Proposal> {
  const { deal, found } = await findVersion(deps, actor, opportunityId, id);
  return saveVersion(deps, actor, deal, {
    origin: 'edited',
    basedOn: found.id,
    basedOnNumber: found.number,
    at: deps.now().toISOString(),
    text,
    draft: found.draft,
    knowledge: found.knowledge,
  });
}

/**
 * Records that a version went to the customer, once (again changes nothing), and re-assesses the
 * deal in the same transaction: a proposal sent while key objectives are unknown is a danger zone.
 */
export async function markProposalSent(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  id: string,
): Promise<Proposal> {
  const { deal, found } = await findVersion(deps, actor, opportunityId, id);
  if (found.sentAt !== null) return present(deps, actor, found);
  const at = deps.now().toISOString();
  const marked = await inTransaction(deps, async (tx) => {
    if (!(await repo.markSent(tx, actor.orgId, found.id, actor.userId, at))) return false;
    await appendAuditEvents(tx, [dealEvent(actor, deal.id, at, 'proposalSent', { number: found.number })]);
    await refreshAssessment(tx, deps, actor.orgId, deal, { kind: 'change', by: actor.userId, fields: ['proposal'] });
    return true;
  });
  // someone else marked it meanwhile: theirs is the sending that stands
  if (!marked) return getProposal(deps, actor, opportunityId, id);
  return present(deps, actor, { ...found, sentAt: at, sentBy: actor.userId });
}

/** The template as administrators edit it. */
export async function getTemplate(deps: AppDeps, actor: Actor): Promise<ProposalTemplate> {
  requireAdmin(actor);
  const stored = await repo.findTemplate(deps.db, actor.orgId);
  const names = stored ? await cachedUserNames(deps.db, deps.caches, actor.orgId) : null;
  return {
    text: stored?.text ?? DEFAULT_TEMPLATE,
    version: stored?.version ?? null,
    isDefault: stored === undefined,
    updatedByName: stored ? (names!.get(stored.updatedBy) ?? 'Former colleague') : null,
    updatedAt: stored?.updatedAt ?? null,
    placeholders: PLACEHOLDER_NAMES.map((name) => ({ name, description: PLACEHOLDERS[name] })),
  };
}

/** An administrator replaces the template whole, at the version seen; one naming an unknown placeholder is refused. */
export async function saveTemplate(
  deps: AppDeps,
  actor: Actor,
  body: { text: string; version: number | null },
): Promise<ProposalTemplate> {
  requireAdmin(actor);
  const problems = templateProblems(body.text);
  if (problems.length > 0) throw unprocessable('text', problems.map((p) => p.message).join('; '));
  const at = deps.now().toISOString();
  const saved = await inTransaction(deps, async (tx) => {
    const before = await repo.findTemplate(tx, actor.orgId);
    const version = await repo.saveTemplate(tx, actor.orgId, body.version, {
      text: body.text,
      updatedBy: actor.userId,
      updatedAt: at,
    });
    if (version !== null && (before?.text ?? DEFAULT_TEMPLATE) !== body.text) {
      await appendAuditEvents(tx, [
        organizationChange(actor, at, [{ field: 'proposalTemplate', from: before?.text ?? null, to: body.text }]),
      ]);
    }
    return version;
  });
  if (saved === null)
    throw new AppError('version-conflict', 'The template was changed by someone else: reload it', {
      current: await getTemplate(deps, actor),
    });
  return getTemplate(deps, actor);
}
