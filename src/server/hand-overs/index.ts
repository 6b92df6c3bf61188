// What other concepts and the deal use cases may use of hand-overs.
export { writeBrief } from './brief.ts';
export { insertHandOvers as recordHandOvers } from './hand-overs.repo.ts';
export { presentHandOvers } from './hand-overs.service.ts';
export { acknowledgeHandOver } from './hand-overs.service.ts';
