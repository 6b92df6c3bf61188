// What other concepts and the deal use cases may use of assessments.
export {
  assessWithMoves,
  readDealForWrite,
  reassess,
  reassessWithZones,
  refreshAssessment,
  zoneSummaryOf,
} from './assessment.service.ts';
export { settleCommitGate } from './commit-gate.ts';
export { fitFirstModel, reassessDeals, reassessDealsById } from './model.service.ts';
export { historyPointsBefore } from './assessment.repo.ts';
export { replayAssessmentHistory } from './replay.ts';
export type { AssessmentCause } from './cause.ts';
