// What other concepts (the demo) may use of proposals.
export { editProposal, generateProposal, markProposalSent } from './proposals.service.ts';
