/** Closed vocabularies of the foundation records. Contract schemas build z.enum from these. */
export const ROLES = ['seller', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost', 'no_decision'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const DEAL_TYPES = ['new_logo', 'upsell', 'cross_sell', 'renewal'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const LEAD_SOURCES = ['inbound', 'outbound', 'partner', 'referral', 'event', 'existing_customer'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const RELATIONSHIPS = ['new', 'current', 'past'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const SIZE_BANDS = ['1-49', '50-249', '250-999', '1000-4999', '5000+'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export const AUDITED_ENTITIES = [
  'opportunity',
  'account',
  'contact',
  'user',
  'stage',
  'organization',
  'exchange_rate',
  'learning_item',
  'coaching_diagnosis',
  'coaching_assignment',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
