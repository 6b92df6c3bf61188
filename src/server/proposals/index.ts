// What other concepts (the demo) may use of proposals.
export { generateProposal, markProposalSent } from './proposals.service.ts';
