// What other concepts may use of an opportunity's knowledge.
export { namesFor, type Directory } from './knowledge.presenter.ts';
export {
  insertFacts,
  insertItems,
  listRecordsOf,
  RECORD_COLUMNS,
  recordFromRows,
  recordParts,
  type NamedContact,
} from './knowledge.repo.ts';
export {
  directoryFor,
  hypothesize,
  knowledgeOf,
  knowledgeTimelineOf,
  openWrite,
  recordAfter,
  type KnowledgeWork,
  type Record_,
  type WriteContext,
} from './knowledge.service.ts';
export { asDefinitions, cachedObjectives } from './objectives.service.ts';
