// What other concepts may use of the pipeline reviews.
export { scopeOf, type PipelineScope, type ScopeQuery } from './scope.ts';
export { topReview } from './reviews.service.ts';
export { recordPastReview } from './meetings.repo.ts';
export { insertMark as seedMark } from './marks.repo.ts';
export { insertAction as seedAction } from './actions.repo.ts';
export { dueActionReminders } from './action-reminders.ts';
export { listDealActions } from './actions.service.ts';
export { moveOpenActions } from './actions.repo.ts';
export { footEveryPage, plain as plainPdfText, sendPdf } from './reviews.pdf.ts';
