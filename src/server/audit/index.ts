// What other concepts may use of the audit trail.
export { appendAuditEvents, listEntityHistory, type NewAuditEvent } from './audit.repo.ts';
