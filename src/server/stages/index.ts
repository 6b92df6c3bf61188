// What other concepts may use of stages.
export { findStage, insertStages, listStages } from './stages.repo.ts';
