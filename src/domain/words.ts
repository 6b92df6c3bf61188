import type { Severity } from './assessment/rules.ts';
import type {
  DealType,
  ForecastCategory,
  LeadSource,
  OpportunityStatus,
  Relationship,
  Role,
  SizeBand,
} from './enums.ts';

// Human words for every closed vocabulary the API uses. Records always carry the code; screens and
// downloads show these words, so a reader never meets `new_logo` or `best_case`.

export const STATUS_LABELS: Record<OpportunityStatus, string> = {
  open: 'Open',
  won: 'Won',
  lost: 'Lost',
  no_decision: 'No decision',
};

export const FORECAST_LABELS: Record<ForecastCategory, string> = {
  pipeline: 'Pipeline',
  best_case: 'Best case',
  commit: 'Commit',
  omitted: 'Omitted',
};

export const DEAL_TYPE_LABELS: Record<DealType, string> = {
  new_logo: 'New logo',
  upsell: 'Upsell',
  cross_sell: 'Cross-sell',
  renewal: 'Renewal',
};

export const SOURCE_LABELS: Record<LeadSource, string> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  partner: 'Partner',
  referral: 'Referral',
  event: 'Event',
  existing_customer: 'Existing customer',
};

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  new: 'Prospect',
  current: 'Customer',
  past: 'Former customer',
};

export const SIZE_BAND_LABELS: Record<SizeBand, string> = {
  '1-49': '1–49 employees',
  '50-249': '50–249 employees',
  '250-999': '250–999 employees',
  '1000-4999': '1,000–4,999 employees',
  '5000+': '5,000+ employees',
};

export const ROLE_LABELS: Record<Role, string> = {
  seller: 'Seller',
  manager: 'Manager',
  admin: 'Administrator',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
