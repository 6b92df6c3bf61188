// What other concepts may use of the pipeline reviews.
export { scopeOf, type PipelineScope, type ScopeQuery } from './scope.ts';
