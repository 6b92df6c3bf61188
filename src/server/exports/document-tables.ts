// What an organization's document holds, table by table, in the order a restore inserts them (a
// table after those it refers to). Every table of the database is either here or in NOT_EXPORTED
// with the reason (a test holds the two lists to the database's own), so a new table forces a choice.

export type DocumentTable = {
  name: string;
  /** the columns that order its rows (its primary key), so two exports of the same data are equal */
  key: readonly string[];
  /** how its rows are found: by the organization, or through a parent table's rows */
  scope: { orgColumn: 'org_id' } | { parent: string; via: string };
  /** a column the database numbers itself: left out on restore, the rows inserted in its order */
  sequence?: string;
  /** columns sealed under this deployment's key, which no other deployment can open: exported empty */
  sealed?: readonly string[];
};

const byOrg = { orgColumn: 'org_id' } as const;

export const DOCUMENT_TABLES: readonly DocumentTable[] = [
  { name: 'users', key: ['id'], scope: byOrg },
  { name: 'stages', key: ['id'], scope: byOrg },
  { name: 'objective_versions', key: ['id'], scope: byOrg },
  { name: 'win_models', key: ['id'], scope: byOrg },
  { name: 'danger_zone_settings', key: ['rule_id'], scope: byOrg },
  { name: 'exchange_rates', key: ['currency', 'valid_from'], scope: byOrg },
  { name: 'accounts', key: ['id'], scope: byOrg },
  { name: 'contacts', key: ['id'], scope: byOrg },
  { name: 'opportunities', key: ['id'], scope: byOrg },
  { name: 'knowledge_logs', key: ['id'], scope: byOrg },
  { name: 'knowledge_items', key: ['id'], scope: byOrg },
  { name: 'knowledge_facts', key: ['id'], scope: byOrg },
  { name: 'assessments', key: ['opportunity_id'], scope: byOrg },
  { name: 'assessment_history', key: ['id'], scope: byOrg, sequence: 'id' },
  { name: 'commit_overrides', key: ['opportunity_id'], scope: byOrg },
  { name: 'retrospectives', key: ['opportunity_id'], scope: byOrg },
  { name: 'forecast_targets', key: ['period_key', 'scope'], scope: byOrg },
  { name: 'forecast_calls', key: ['id'], scope: byOrg },
  { name: 'opportunity_snapshots', key: ['day', 'opportunity_id'], scope: byOrg },
  { name: 'snapshot_owner_figures', key: ['day', 'owner_id', 'zone_ids'], scope: byOrg },
  { name: 'partial_snapshot_days', key: ['day'], scope: byOrg },
  { name: 'agreed_actions', key: ['id'], scope: byOrg },
  { name: 'hand_overs', key: ['id'], scope: byOrg },
  { name: 'proposal_templates', key: ['org_id'], scope: byOrg },
  { name: 'proposals', key: ['id'], scope: byOrg },
  { name: 'review_meetings', key: ['id'], scope: byOrg },
  {
    name: 'review_meeting_deals',
    key: ['meeting_id', 'opportunity_id'],
    scope: { parent: 'review_meetings', via: 'meeting_id' },
  },
  { name: 'review_marks', key: ['id'], scope: byOrg },
  { name: 'close_analyses', key: ['opportunity_id'], scope: byOrg },
  { name: 'learning_items', key: ['id'], scope: byOrg },
  { name: 'coaching_gap_rules', key: ['org_id'], scope: byOrg },
  { name: 'coaching_diagnoses', key: ['id'], scope: byOrg },
  {
    name: 'coaching_diagnosis_answers',
    key: ['diagnosis_id', 'question_id'],
    scope: { parent: 'coaching_diagnoses', via: 'diagnosis_id' },
  },
  { name: 'coaching_assignments', key: ['id'], scope: byOrg },
  { name: 'coaching_gap_sightings', key: ['id'], scope: byOrg },
  { name: 'inbox_messages', key: ['id'], scope: byOrg },
  { name: 'mail_settings', key: ['org_id'], scope: byOrg, sealed: ['password'] },
  { name: 'sso_settings', key: ['org_id'], scope: byOrg, sealed: ['client_secret'] },
  { name: 'sso_domains', key: ['domain'], scope: byOrg },
  { name: 'user_identities', key: ['issuer', 'subject'], scope: byOrg },
  { name: 'imports', key: ['id'], scope: byOrg },
  { name: 'audit_events', key: ['seq'], scope: byOrg, sequence: 'seq' },
];

/** Tables left out of the document, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  organizations: 'the organization itself is the document’s `organization`',
  sessions: 'sign-ins end with the move: people sign in again',
  api_tokens: 'credentials: people make new tokens where the organization moves to',
  login_throttles: 'failed sign-in counts, kept per address for a day',
  refit_claims: 'a lock held while a model is refitted',
  unassessed_deals:
    'kept by the database from the deals and their assessments: a restore lists them as it inserts those',
  sso_attempts: 'sign-ins on their way through the provider, valid for minutes',
  mail_outbox: 'the sending queue; the messages themselves are in inbox_messages',
  webhook_endpoints: 'integrations are set up again where the organization moves to, each with a new secret',
  webhook_deliveries: 'the sending queue of the endpoints left here',
  webhook_attempts: 'the log of what the endpoints left here answered',
};

/** The database's own tables that belong to no organization (migrations, SQLite's search index). */
export function isInfrastructureTable(name: string): boolean {
  return (
    name.startsWith('kysely_migration') ||
    name.startsWith('sqlite_') ||
    name.startsWith('opportunity_name_search') ||
    name.startsWith('account_name_search')
  );
}
