// What other concepts and the deal use cases may use of assessments.
export {
  assessAsClosed,
  assessWithMoves,
  readDealForWrite,
  reassess,
  reassessWithZones,
  refreshAssessment,
  zoneHeadlineOf,
  zoneSummaryOf,
} from './assessment.service.ts';
export { assessedAtOf, closeDatePushes, probabilityHistories } from './assessment.repo.ts';
export { settleCommitGate } from './commit-gate.ts';
export { fitFirstModel, reassessDeals, reassessDealsById, trainingExamples } from './model.service.ts';
export { organizationPrior } from './assessment.service.ts';
export { historyPointsBefore, historyStepsAfter } from './assessment.repo.ts';
export { describeCause } from './history.service.ts';
export { replayAssessmentHistory } from './replay.ts';
export type { AssessmentCause } from './cause.ts';
