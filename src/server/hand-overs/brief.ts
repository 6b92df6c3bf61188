import type { Actor } from '../../domain/access.ts';
import { humanize } from '../../domain/knowledge/display.ts';
import { kindDef } from '../../domain/knowledge/schema.ts';
import type { HandOverBrief } from '../../contract/hand-overs.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import { zoneHeadlineOf } from '../assessment/index.ts';
import type { AppDeps } from '../deps.ts';
import { knowledgeOf, knowledgeTimelineOf } from '../knowledge/index.ts';
import { listDealActions } from '../reviews/index.ts';

/** The newest timeline entries a brief keeps (the deal's own history keeps them all). */
export const BRIEF_TIMELINE_LIMIT = 150;

const evidenceOf = (e: {
  text: string | null;
  source: HandOverBrief['known'][number]['facts'][number]['evidence']['source'];
  contactName: string | null;
  observedAt: string;
  recordedByName: string;
}) => ({
  text: e.text,
  source: e.source,
  contactName: e.contactName,
  observedAt: e.observedAt,
  recordedByName: e.recordedByName,
});

/**
 * The brief a new owner reads, as the deal stands now: built from what the deal page shows (its
 * knowledge with evidence, unknowns and buying group; its headline zones; its agreed actions; its
 * knowledge history), so the brief and the page never tell two stories. `deps.db` may be the
 * hand-over's transaction: the brief then sees the deal as handed over.
 */
export async function writeBrief(deps: AppDeps, actor: Actor, opportunity: Opportunity): Promise<HandOverBrief> {
  const [knowledge, headline, actions, timeline] = await Promise.all([
    knowledgeOf(deps.db, deps, actor, opportunity),
    zoneHeadlineOf(deps, actor.orgId, opportunity),
    listDealActions(deps, actor, opportunity.id),
    knowledgeTimelineOf(deps.db, deps.caches, actor.orgId, opportunity.id),
  ]);
  // what had been learned by the hand-over (a brief written for an earlier moment ends there)
  const now = deps.now().toISOString();
  const learned = timeline.filter((t) => t.at <= now);
  const objectiveName = new Map(knowledge.objectives.map((o) => [o.key, o.name]));
  const gap = (g: (typeof knowledge.unknowns)[number]) => ({
    objective: g.objective,
    objectiveName: objectiveName.get(g.objective) ?? g.objective,
    label: g.itemLabel && g.itemLabel !== g.label ? `${g.label} (${g.itemLabel})` : g.label,
    question: g.question,
  });
  return {
    deal: {
      name: opportunity.name,
      accountName: opportunity.accountName,
      stageName: opportunity.stageName,
      amount: { amountMinor: opportunity.amountMinor, currency: opportunity.currency },
      expectedCloseDate: opportunity.expectedCloseDate,
      winProbability: headline.winProbability,
      coverageIndex: headline.coverageIndex,
    },
    known: knowledge.objectives
      .map((o) => ({
        objective: o.key,
        name: o.name,
        knowledgeLevel: o.knowledgeLevel,
        // what was recorded (an evaluator, an alternative, an issue ...), then what is known of it
        facts: [
          ...o.items.map((i) => ({ subject: kindDef(i.kind).label, value: i.label, evidence: evidenceOf(i.evidence) })),
          ...o.facts
            .filter((f) => !f.isUnknown)
            .map((f) => ({
              subject: f.itemLabel === f.label ? f.label : `${f.itemLabel}: ${f.label}`,
              value: f.display,
              evidence: evidenceOf(f.evidence),
            })),
        ],
      }))
      .filter((o) => o.facts.length > 0),
    unknown: knowledge.unknowns.filter((g) => g.kind === 'unknown').map(gap),
    notExplored: knowledge.unknowns.filter((g) => g.kind === 'not_explored').map(gap),
    // in words, as the deal page shows them: the brief is read (and printed) without the app's labels
    people: knowledge.evaluatorMatrix.rows.map((r) => ({
      name: r.name,
      title: r.title,
      roles: r.roles.map(humanize),
      influence: r.influence === null ? null : humanize(r.influence),
      isEconomicBuyer: r.isEconomicBuyer,
      attitude: r.support === null ? null : humanize(r.support),
      favours:
        r.favours === null
          ? null
          : (knowledge.evaluatorMatrix.alternatives.find((a) => a.id === r.favours)?.name ?? humanize(r.favours)),
    })),
    zones: headline.zoneSummary.headline.map((z) => ({ name: z.name, severity: z.severity, unknowns: z.unknowns })),
    actions: actions.items
      .filter((a) => a.doneAt === null)
      .map((a) => ({ text: a.text, ownerName: a.ownerName, dueDate: a.dueDate, isOverdue: a.isOverdue })),
    timeline: learned.slice(0, BRIEF_TIMELINE_LIMIT).map((t) => ({
      at: t.at,
      action: t.action,
      what: t.what,
      value: t.value,
      byName: t.byName,
      evidence: t.evidence ? evidenceOf(t.evidence) : null,
    })),
    timelineTotal: learned.length,
  };
}
