import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Conventions that hold on both SQLite and PostgreSQL:
 * ids are text; timestamps are ISO-8601 UTC text; dates are YYYY-MM-DD text; flags are
 * integers 0/1; money is integer minor units (bigint on PostgreSQL) beside an ISO currency.
 */
export type Flag = 0 | 1;

export type OrganizationTable = {
  id: string;
  name: string;
  created_at: string;
  /** the ISO code every figure is converted into for sorting, totals and the forecast (migration 0013) */
  reporting_currency: Generated<string>;
};

export type UserTable = {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: string;
  manager_id: string | null;
  is_active: Flag;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type SessionTable = {
  id: string; // sha-256 of the cookie value; the raw value is never stored
  user_id: string;
  org_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

export type ApiTokenTable = {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** comma-separated: read, write, admin (migration 0031; older tokens hold all three) */
  scopes: Generated<string>;
  /** null: never (tokens made before migration 0031) */
  expires_at: string | null;
};

/** Sign-in failures per (email, client address); client '*' counts the email across all addresses. */
export type LoginThrottleTable = {
  email: string;
  client: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
};

export type StageTable = {
  id: string;
  org_id: string;
  name: string;
  position: number;
  probability: number;
  is_active: Flag;
  created_at: string;
  updated_at: string;
  version: number;
};

type Tracked = {
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
};

export type AccountTable = Tracked & {
  id: string;
  /** the record's id in the CRM it was imported from, unique per organization (migration 0032) */
  external_id: Generated<string | null>;
  org_id: string;
  name: string;
  industry: string | null;
  size_band: string | null;
  website: string | null;
  relationship: string;
  owner_id: string;
};

export type ContactTable = Tracked & {
  id: string;
  /** the record's id in the CRM it was imported from, unique per organization (migration 0032) */
  external_id: Generated<string | null>;
  org_id: string;
  account_id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
};

export type OpportunityTable = Tracked & {
  id: string;
  /** the record's id in the CRM it was imported from, unique per organization (migration 0032) */
  external_id: Generated<string | null>;
  org_id: string;
  account_id: string;
  owner_id: string;
  name: string;
  amount_minor: number;
  currency: string;
  expected_close_date: string;
  stage_id: string;
  status: string;
  closed_date: string | null;
  close_reason: string | null;
  forecast_category: string;
  seller_probability: number | null;
  source: string | null;
  deal_type: string;
  /** a copy of the account's name, kept by the database (migration 0012), for the list's sort by account */
  sort_account_name: Generated<string>;
};

/** A deal with no stored assessment, listed and unlisted by the database (migration 0038). */
export type UnassessedDealTable = {
  opportunity_id: string;
  org_id: string;
};

export type AuditEventTable = {
  seq: Generated<number>;
  id: string;
  org_id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_id: string;
  at: string;
  changes: string; // JSON array of { field, from, to }
};

export type ObjectiveVersionTable = {
  id: string;
  org_id: string;
  key: string;
  version: number;
  definition: string;
  why_it_matters: string;
  questions: string; // JSON array of strings
  weight: number;
  changed_by: string;
  changed_at: string;
};

export type KnowledgeLogTable = {
  id: string;
  org_id: string;
  opportunity_id: string;
  summary: string | null;
  source: string;
  contact_id: string | null;
  observed_at: string;
  recorded_by: string;
  recorded_at: string;
};

type EvidenceColumns = {
  evidence_text: string | null;
  evidence_source: string;
  evidence_contact_id: string | null;
  observed_at: string;
  log_id: string | null;
  recorded_by: string;
  retired_at: string | null;
  retired_by: string | null;
};

export type KnowledgeItemTable = EvidenceColumns & {
  id: string;
  org_id: string;
  opportunity_id: string;
  kind: string;
  title: string | null;
  contact_id: string | null;
  category: string | null;
  created_at: string;
};

export type KnowledgeFactTable = EvidenceColumns & {
  id: string;
  org_id: string;
  opportunity_id: string;
  item_id: string;
  field: string;
  qualifier: string | null;
  is_unknown: Flag;
  value: string | null; // JSON
  last_verified_at: string | null;
  recorded_at: string;
};

export type WinModelTable = {
  id: string;
  org_id: string;
  version: string;
  kind: string;
  payload: string; // JSON WinModel
  is_current: Flag;
  created_by: string | null;
  created_at: string;
};

export type DangerZoneSettingTable = {
  org_id: string;
  rule_id: string;
  enabled: Flag;
  thresholds: string; // JSON
  version: number;
  updated_by: string;
  updated_at: string;
};

export type AssessmentTable = {
  opportunity_id: string;
  org_id: string;
  owner_id: string;
  model_version: string;
  win_probability: number;
  band_low: number;
  band_high: number;
  coverage_index: number;
  seller_gap: number | null;
  top_severity: string | null;
  zone_ids: string; // JSON array
  computed_at: string;
  inputs: string | null; // JSON { signals, kci, deal }
  cause: string | null; // JSON AssessmentCause: what moved it last
};

/** Written by the database (triggers on assessments) whenever a stored assessment visibly moves. */
export type AssessmentHistoryTable = {
  id: Generated<number>;
  org_id: string;
  opportunity_id: string;
  at: string;
  win_probability: number;
  band_low: number;
  band_high: number;
  coverage_index: number;
  top_severity: string | null;
  zone_ids: string; // JSON array
  model_version: string;
  cause: string | null; // JSON AssessmentCause
};

/** A manager's override that lets a deal stay in commit despite what blocks it; gone when it leaves commit. */
export type CommitOverrideTable = {
  opportunity_id: string;
  org_id: string;
  reason: string;
  by_id: string;
  at: string;
  zone_ids: string; // JSON array of the rule ids it overrode
};

/**
 * Units of the organization's reporting currency one unit of `currency` is worth from `valid_from`
 * until the currency's next rate; `rate` is exact decimal text such as '1.0845' (migration 0013).
 */
export type ExchangeRateTable = {
  org_id: string;
  currency: string;
  valid_from: string;
  rate: string;
  created_at: string;
  created_by: string;
};

export type ForecastTargetTable = {
  org_id: string;
  period_key: string;
  /** "org", "team:<user id>" or "owner:<user id>" */
  scope: string;
  amount_minor: number;
  currency: string;
  set_by: string;
  set_at: string;
};

export type ForecastCallTable = {
  id: string;
  org_id: string;
  period_key: string;
  scope: string;
  caller_id: string;
  kind: 'seller' | 'manager';
  amount_minor: number;
  currency: string;
  reason: string | null;
  submitted_at: string;
};

export type OpportunitySnapshotTable = {
  org_id: string;
  day: string;
  opportunity_id: string;
  owner_id: string;
  amount_minor: number;
  currency: string;
  expected_close_date: string;
  forecast_category: string;
  stage_probability: number;
  seller_probability: number | null;
  win_probability: number | null;
  zone_ids: string;
  /** null on snapshots taken before migration 0021 */
  coverage_index: number | null;
};

/** A day's snapshot summed per seller and zone set (migration 0028), written with the snapshot. */
export type SnapshotOwnerFiguresTable = {
  org_id: string;
  day: string;
  owner_id: string;
  zone_ids: string;
  deals: number;
  coverage_sum: number | null;
  coverage_count: number;
  with_seller: number;
  seller_gap_sum: number;
};

/** A replayed day whose snapshot keeps only the deals expected to close, or won, between two dates (migration 0039). */
export type PartialSnapshotDayTable = {
  org_id: string;
  day: string;
  closing_from: string;
  closing_to: string;
};

/** When a seller's coaching gap was first and last seen (migration 0029). */
export type CoachingGapSightingTable = {
  id: string;
  org_id: string;
  seller_id: string;
  rule: string;
  indicator_key: string | null;
  zone_id: string | null;
  first_seen: string;
  last_seen: string;
};

export type AgreedActionTable = {
  id: string;
  org_id: string;
  opportunity_id: string;
  text: string;
  owner_id: string;
  due_date: string;
  created_by: string;
  created_at: string;
  done_at: string | null;
  done_by: string | null;
};

/** A deal handed to a new owner with the brief written then (migration 0034). */
export type HandOverTable = {
  id: string;
  org_id: string;
  opportunity_id: string;
  from_user_id: string;
  to_user_id: string;
  by_user_id: string;
  created_at: string;
  /** 'leaver': the previous owner was deactivated in the same step; 'deal': one deal moved */
  reason: string;
  /** the brief as JSON text (contract/hand-overs.ts) */
  brief: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
};

/** One version of a deal's proposal, with the knowledge it was written from (migration 0036). */
export type ProposalTable = {
  id: string;
  org_id: string;
  opportunity_id: string;
  number: number;
  /** 'generated' from the knowledge, or 'edited' from the version in based_on */
  origin: string;
  based_on: string | null;
  created_by: string;
  created_at: string;
  /** the customer document, in Markdown */
  text: string;
  /** JSON: the notes to the seller, the internal appendix, the sections' quality, the completeness */
  draft: string;
  /** JSON: the deal and its knowledge as they stood when the draft was written */
  knowledge: string;
  sent_at: string | null;
  sent_by: string | null;
};

/** An organization's proposal template, in Markdown (migration 0036). */
export type ProposalTemplateTable = {
  org_id: string;
  text: string;
  version: number;
  updated_by: string;
  updated_at: string;
};

/** A closed deal's retrospective, in its seller's words (migration 0015). */
export type RetrospectiveTable = {
  opportunity_id: string;
  org_id: string;
  text: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

/** What a closed deal's win/loss analysis found, with the stamp of what it was drawn from (migration 0025). */
export type CloseAnalysisTable = {
  opportunity_id: string;
  org_id: string;
  closed_date: string;
  stamp: string;
  finding_codes: string; // the findings' codes, space-separated
  unknown_keys: string; // the unknowns' keys, one a line
  detail: string; // JSON: the probabilities, the lessons and the unknowns in words
  computed_at: string;
};

/** A pipeline review held for a scope (migration 0018). */
export type ReviewMeetingTable = {
  id: string;
  org_id: string;
  scope_key: string;
  held_by: string;
  held_at: string;
};

/** An open deal of the scope as it stood when the review was recorded. */
export type ReviewMeetingDealTable = {
  meeting_id: string;
  opportunity_id: string;
  owner_id: string;
  amount_minor: number;
  currency: string;
  expected_close_date: string;
  win_probability: number | null;
  zone_ids: string;
};

/** An item of a deal marked to discuss at the next review. */
export type ReviewMarkTable = {
  id: string;
  org_id: string;
  opportunity_id: string;
  topic: string;
  note: string | null;
  marked_by: string;
  marked_at: string;
  discussed_in: string | null;
};

/** 'running' while a refit runs; 'nightly:YYYY-MM-DD' once that night's refit is taken */
/** An item of the coaching learning catalog (migration 0020). */
export type LearningItemTable = {
  id: string;
  org_id: string;
  title: string;
  type: string;
  summary: string;
  content: string | null;
  external_url: string | null;
  minutes: number;
  root_causes: string; // JSON array of root-cause ids
  quiz: string | null; // JSON Quiz, right answers included
  is_archived: Flag;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
};

/** A message in one person's inbox; (user_id, dedupe_key) is unique (migration 0023). */
export type InboxMessageTable = {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
};

/** An e-mail waiting to be delivered, or delivered (migration 0023). */
export type MailOutboxTable = {
  id: string;
  org_id: string;
  message_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
};

/** An organization's webhook endpoint (migration 0033); `secret` sealed, `events` comma-separated. */
export type WebhookEndpointTable = {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  events: string;
  secret: string;
  is_enabled: Generated<number>;
  disabled_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** One message to one endpoint (migration 0033): 'pending', 'succeeded' or 'failed'. */
export type WebhookDeliveryTable = {
  id: string;
  org_id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: string;
  created_at: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
};

/** One try of a delivery and what the endpoint answered (migration 0033). */
export type WebhookAttemptTable = {
  id: string;
  delivery_id: string;
  org_id: string;
  at: string;
  status_code: number | null;
  duration_ms: number;
  response_body: string | null;
  error: string | null;
};

/** An organization's SMTP server (migration 0023). */
export type MailSettingsTable = {
  org_id: string;
  host: string;
  port: number;
  tls_mode: string;
  username: string | null;
  password: string | null;
  from_address: string;
  app_url: string | null;
  updated_by: string;
  updated_at: string;
};

/** Learning assigned to a seller, and how it went (migration 0022). */
export type CoachingAssignmentTable = {
  id: string;
  org_id: string;
  seller_id: string;
  item_id: string;
  assigned_by: string;
  assigned_at: string;
  due_date: string;
  root_cause: string;
  level: string;
  gap_rule: string | null;
  zone_id: string | null;
  indicator_key: string | null;
  baseline_value: number | null;
  opportunity_id: string | null;
  condition_id: string | null;
  condition_params: string | null; // JSON object of the condition's parameters
  status: string;
  started_at: string | null;
  completed_at: string | null;
  quiz_score: number | null;
  quiz_passed: Flag | null;
  quiz_attempts: Generated<number>;
  reflection: string | null;
  evidence_note: string | null;
  applied_at: string | null;
  application_evidence: string | null; // JSON array of the facts that met the condition
  verified_by: string | null;
  verified_at: string | null;
  manager_note: string | null;
  version: number;
  updated_by: string;
  updated_at: string;
  /** the diagnosis it was assigned from (migration 0026) */
  diagnosis_id: Generated<string | null>;
};

/** A guided diagnosis of a seller's gap (migration 0024). */
export type CoachingDiagnosisTable = {
  id: string;
  org_id: string;
  seller_id: string;
  started_by: string;
  source: string;
  flag_rule: string | null;
  flag_indicator: string | null;
  flag_zone: string | null;
  gap_text: string;
  deals: string; // JSON array of { id, name }
  suspected: string; // JSON array of root-cause ids
  status: string;
  root_cause: string | null;
  level: string | null;
  fix: string | null;
  conclusion: string | null;
  version: number;
  started_at: string;
  updated_at: string;
  closed_by: string | null;
  closed_at: string | null;
};

/** One answer of a diagnosis, per question (migration 0024). */
export type CoachingDiagnosisAnswerTable = {
  diagnosis_id: string;
  question_id: string;
  step: string;
  answer: string;
  note: string | null;
  answered_by: string;
  answered_at: string;
};

/** An organization's gap rules as an administrator set them (migration 0027). */
export type CoachingGapRulesTable = {
  org_id: string;
  rule_set: string | null; // JSON { rules, recurrence }; null: the defaults
  version: number;
  updated_by: string;
  updated_at: string;
};

/** A CSV uploaded for import, its progress and findings (migration 0032). */
export type ImportTable = {
  id: string;
  org_id: string;
  created_by: string;
  created_at: string;
  file_name: string;
  file_bytes: number;
  mapping: string | null;
  status: string;
  is_dry_run: Generated<Flag>;
  rows_done: Generated<number>;
  rows_total: number | null;
  errors: Generated<string>;
  summary: string | null;
  updated_at: string;
};

export type RefitClaimTable = {
  org_id: string;
  claim: string;
  claimed_at: string;
};

export type SsoSettingsTable = {
  org_id: string;
  issuer: string;
  client_id: string;
  /** sealed under the deployment's key; null for a public client */
  client_secret: string | null;
  creates_users: Flag;
  is_enabled: Flag;
  /** password sign-in refused to everyone but administrators while the provider is on (migration 0037) */
  requires_sso: Generated<Flag>;
  updated_by: string;
  updated_at: string;
};

export type SsoDomainTable = {
  domain: string;
  org_id: string;
};

export type SsoAttemptTable = {
  id: string; // sha-256 of the state
  org_id: string;
  code_verifier: string;
  nonce: string;
  next_path: string;
  created_at: string;
  expires_at: string;
};

export type UserIdentityTable = {
  issuer: string;
  subject: string;
  org_id: string;
  user_id: string;
  created_at: string;
  last_sign_in_at: string;
};

export type Database = {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_throttles: LoginThrottleTable;
  stages: StageTable;
  accounts: AccountTable;
  contacts: ContactTable;
  opportunities: OpportunityTable;
  unassessed_deals: UnassessedDealTable;
  audit_events: AuditEventTable;
  objective_versions: ObjectiveVersionTable;
  knowledge_logs: KnowledgeLogTable;
  knowledge_items: KnowledgeItemTable;
  knowledge_facts: KnowledgeFactTable;
  win_models: WinModelTable;
  danger_zone_settings: DangerZoneSettingTable;
  assessments: AssessmentTable;
  assessment_history: AssessmentHistoryTable;
  refit_claims: RefitClaimTable;
  commit_overrides: CommitOverrideTable;
  retrospectives: RetrospectiveTable;
  exchange_rates: ExchangeRateTable;
  forecast_targets: ForecastTargetTable;
  forecast_calls: ForecastCallTable;
  opportunity_snapshots: OpportunitySnapshotTable;
  snapshot_owner_figures: SnapshotOwnerFiguresTable;
  partial_snapshot_days: PartialSnapshotDayTable;
  coaching_gap_sightings: CoachingGapSightingTable;
  agreed_actions: AgreedActionTable;
  review_meetings: ReviewMeetingTable;
  review_meeting_deals: ReviewMeetingDealTable;
  review_marks: ReviewMarkTable;
  learning_items: LearningItemTable;
  close_analyses: CloseAnalysisTable;
  inbox_messages: InboxMessageTable;
  mail_outbox: MailOutboxTable;
  mail_settings: MailSettingsTable;
  coaching_diagnoses: CoachingDiagnosisTable;
  coaching_diagnosis_answers: CoachingDiagnosisAnswerTable;
  coaching_assignments: CoachingAssignmentTable;
  coaching_gap_rules: CoachingGapRulesTable;
  sso_settings: SsoSettingsTable;
  sso_domains: SsoDomainTable;
  sso_attempts: SsoAttemptTable;
  user_identities: UserIdentityTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  hand_overs: HandOverTable;
  imports: ImportTable;
  proposals: ProposalTable;
  proposal_templates: ProposalTemplateTable;
};
