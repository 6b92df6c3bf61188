// The writes that span concepts (a deal's fields, its knowledge, a person's records): each loads
// what it needs once, writes, re-assesses with what it holds and audits, in one transaction.
export { changeOpportunity } from './change-opportunity.ts';
export { openOpportunity } from './open-opportunity.ts';
export { reassignRecords } from './reassign-records.ts';
export { recordKnowledge } from './record-knowledge.ts';
export { handOverDeal, handOverLeaver, previewHandOver } from './hand-over.ts';
export { removeOpportunity, restoreRemovedOpportunity } from './deal-events.ts';
