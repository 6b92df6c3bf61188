// What other concepts and the deal use cases may use of opportunities.
export {
  countLiveOpportunitiesOnAccount,
  countOpportunitiesInStage,
  findOpportunity,
  insertOpportunities,
  listClosedDeals,
  listClosedOpportunities,
  listOpportunityIds,
  listOpportunitiesByIds,
  listOrgOpportunities,
  listOwnedOpportunities,
  outcomeHistory,
  updateOpportunityAtVersion,
} from './opportunities.repo.ts';
export type { ClosedDeal } from './opportunities.repo.ts';
export {
  AUDITED_FIELDS,
  checkChange,
  checkNew,
  deleteOpportunity,
  forgetOpportunityFigures,
  OUTCOME_FIELDS,
  present,
  restoreOpportunity,
  stale,
} from './opportunities.service.ts';
