// What other concepts may use of coaching.
export { insertLearningItems as seedLearningItems, type LearningItemValues } from './catalog.repo.ts';
export {
  listDiagnoses as listStoredDiagnoses,
  recordDiagnosis,
  type StoredAnswer,
  type StoredDiagnosis,
} from './diagnosis.repo.ts';
export { getScorecard, getTeamCoaching } from './scorecard.service.ts';
export { noticeApplication } from './assignments.service.ts';
export { insertAssignments as seedAssignments, type NewAssignment } from './assignments.repo.ts';
export { dueAssignmentReminders } from './assignment-reminders.ts';
export { indicatorOn } from './impact.service.ts';
export { listDiagnosisFacts } from './impact.repo.ts';
