import {
  DEAL_TYPES,
  FORECAST_CATEGORIES,
  LEAD_SOURCES,
  OPPORTUNITY_STATUSES,
  RELATIONSHIPS,
  ROLES,
  SIZE_BANDS,
  type DealType,
  type ForecastCategory,
  type LeadSource,
  type OpportunityStatus,
  type Relationship,
  type Role,
  type SizeBand,
} from '../../domain/enums.ts';

import {
  DEAL_TYPE_LABELS,
  FORECAST_LABELS,
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
  SIZE_BAND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from '../../domain/words.ts';

// The domain's words for each vocabulary (one place, shared with the server's downloads), with the
// colours and short forms the screens add.
export {
  DEAL_TYPE_LABELS,
  FORECAST_LABELS,
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
  SIZE_BAND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
};

export const STATUS_COLORS: Record<OpportunityStatus, string> = {
  open: 'blue',
  won: 'teal',
  lost: 'red',
  no_decision: 'gray',
};

export const FORECAST_COLORS: Record<ForecastCategory, string> = {
  pipeline: 'gray',
  best_case: 'cyan',
  commit: 'violet',
  omitted: 'dark',
};

export const RELATIONSHIP_COLORS: Record<Relationship, string> = {
  new: 'blue',
  current: 'teal',
  past: 'gray',
};

/** Short forms for table cells, under an "Employees" heading. */
export const SIZE_BAND_SHORT: Record<SizeBand, string> = {
  '1-49': '1–49',
  '50-249': '50–249',
  '250-999': '250–999',
  '1000-4999': '1,000–4,999',
  '5000+': '5,000+',
};

export const ROLE_COLORS: Record<Role, string> = {
  seller: 'gray',
  manager: 'blue',
  admin: 'grape',
};

/** Select options, in the vocabulary's own order. */
function optionsOf<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const STATUS_OPTIONS = optionsOf(OPPORTUNITY_STATUSES, STATUS_LABELS);
export const FORECAST_OPTIONS = optionsOf(FORECAST_CATEGORIES, FORECAST_LABELS);
export const DEAL_TYPE_OPTIONS = optionsOf(DEAL_TYPES, DEAL_TYPE_LABELS);
export const SOURCE_OPTIONS = optionsOf(LEAD_SOURCES, SOURCE_LABELS);
export const RELATIONSHIP_OPTIONS = optionsOf(RELATIONSHIPS, RELATIONSHIP_LABELS);
export const SIZE_BAND_OPTIONS = optionsOf(SIZE_BANDS, SIZE_BAND_LABELS);
export const ROLE_OPTIONS = optionsOf(ROLES, ROLE_LABELS);

/** Narrows a URL parameter to one of a vocabulary's values. */
export function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}
