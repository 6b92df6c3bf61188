// What other concepts may use of the audit trail.
export {
  appendAuditEvents,
  changeEvent,
  listEntityHistory,
  organizationChange,
  type NewAuditEvent,
} from './audit.repo.ts';
