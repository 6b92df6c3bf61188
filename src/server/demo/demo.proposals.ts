import type { Actor } from '../../domain/access.ts';
import { addDays } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { listOrgOpportunities } from '../opportunities/index.ts';
import { editProposal, generateProposal, markProposalSent } from '../proposals/index.ts';
import type { DemoWorkspace } from './demo.data.ts';

// Proposals on the demo's deals: the two open deals whose sellers know the most each have a draft
// written from that knowledge two days ago; the first seller then edited it into a second version
// yesterday. On the open deal we know least about, a proposal went out anyway yesterday: it shows
// as a danger zone (a proposal sent while key objectives are unknown).

const at = (day: string, time: string) => new Date(`${day}T${time}Z`);

export async function seedDemoProposals(deps: AppDeps, ws: DemoWorkspace, today: string): Promise<void> {
  const sellers = new Map(ws.users.filter((u) => u.role === 'seller').map((u) => [u.id, u]));
  const open = (await listOrgOpportunities(deps.db, ws.orgId, 'open'))
    .filter((o) => sellers.has(o.ownerId) && o.coverageIndex !== null)
    .sort((a, b) => b.coverageIndex! - a.coverageIndex! || a.id.localeCompare(b.id));
  const asOwner = (ownerId: string): Actor => ({
    userId: ownerId,
    orgId: ws.orgId,
    role: 'seller',
    visibleOwnerIds: [ownerId],
  });
  const on = (day: string, time: string) => ({ ...deps, now: () => at(day, time) });

  const [first, second] = open;
  for (const deal of [first, second]) {
    if (!deal) continue;
    const draft = await generateProposal(on(addDays(today, -2), '10:20:00.000'), asOwner(deal.ownerId), deal.id);
    if (deal === first) {
      await editProposal(
        on(addDays(today, -1), '15:45:00.000'),
        asOwner(deal.ownerId),
        deal.id,
        draft.id,
        `${draft.text}\nWe look forward to walking your team through this proposal.\n`,
      );
    }
  }
  const least = open.at(-1);
  if (least && least !== first && least !== second) {
    const owner = asOwner(least.ownerId);
    const draft = await generateProposal(on(addDays(today, -1), '09:05:00.000'), owner, least.id);
    await markProposalSent(on(addDays(today, -1), '11:30:00.000'), owner, least.id, draft.id);
  }
}
