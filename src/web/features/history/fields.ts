import type { AuditEvent } from '../../../contract/audit.ts';
import type { Stage } from '../../../contract/stages.ts';
import type { User } from '../../../contract/users.ts';
import { formatDate, formatMoney } from '../../shared/format.ts';
import {
  DEAL_TYPE_LABELS,
  FORECAST_LABELS,
  RELATIONSHIP_LABELS,
  ROLE_LABELS,
  SIZE_BAND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from '../../shared/labels.ts';

/** What a history view knows to turn raw ids and codes into words. */
export type HistoryContext = {
  users: ReadonlyMap<string, User>;
  stages: ReadonlyMap<string, Stage>;
  /** account id -> name; null when the reader cannot see it; absent while loading */
  accounts: ReadonlyMap<string, string | null>;
  /** the record's currency now, for amounts recorded without a currency change */
  currency?: string;
};

type Side = 'from' | 'to';
type Formatter = (value: unknown, context: HistoryContext, event: AuditEvent, side: Side) => string;
/**
 * `added`: the entry adds something (a proposal version) rather than changing a value; it is told
 * as this verb ("saved a proposal") and its value is shown without a "from".
 */
export type FieldSpec = { label: string; format?: Formatter; added?: string };

const label =
  (labels: Record<string, string>): Formatter =>
  (value) =>
    labels[String(value)] ?? String(value);

const person: Formatter = (value, { users }) => users.get(String(value))?.name ?? 'someone no longer listed';
const stage: Formatter = (value, { stages }) => stages.get(String(value))?.name ?? 'a deleted stage';
const account: Formatter = (value, { accounts }) => {
  const name = accounts.get(String(value));
  if (name === undefined) return '…';
  return name ?? 'an account you cannot see';
};
const date: Formatter = (value) => formatDate(String(value));
const percent: Formatter = (value) => `${String(value)}%`;
const proposalVersion: Formatter = (value) => {
  const v = value as { number: number; origin: string; basedOn: number | null; completeness: number };
  const how =
    v.origin === 'edited' && v.basedOn !== null ? `edited from version ${v.basedOn}` : 'written from what we know';
  return `version ${v.number}, ${how} (${v.completeness} % complete)`;
};
const proposalSent: Formatter = (value) => `version ${(value as { number: number }).number}`;
const yesNo: Formatter = (value) => (value === true ? 'Active' : 'Deactivated');

/** An amount in the currency of the same moment: the currency changed in this entry, or today's. */
const money: Formatter = (value, context, event, side) => {
  const currencyChange = event.changes.find((c) => c.field === 'currency');
  const currency = (currencyChange?.[side] as string | null | undefined) ?? context.currency;
  const amount = Number(value);
  if (!currency || !Number.isFinite(amount)) return String(value);
  return formatMoney(amount, currency);
};

export const OPPORTUNITY_FIELDS: Record<string, FieldSpec> = {
  name: { label: 'Name' },
  accountId: { label: 'Account', format: account },
  ownerId: { label: 'Owner', format: person },
  amountMinor: { label: 'Amount', format: money },
  currency: { label: 'Currency' },
  expectedCloseDate: { label: 'Expected close', format: date },
  stageId: { label: 'Stage', format: stage },
  status: { label: 'Status', format: label(STATUS_LABELS) },
  closedDate: { label: 'Closed on', format: date },
  closeReason: { label: 'Close reason' },
  forecastCategory: { label: 'Forecast category', format: label(FORECAST_LABELS) },
  sellerProbability: { label: "Seller's probability", format: percent },
  source: { label: 'Source', format: label(SOURCE_LABELS) },
  dealType: { label: 'Deal type', format: label(DEAL_TYPE_LABELS) },
  proposal: { label: 'Proposal', format: proposalVersion, added: 'saved a proposal' },
  proposalSent: { label: 'Proposal sent', format: proposalSent, added: 'marked a proposal sent' },
};

export const ACCOUNT_FIELDS: Record<string, FieldSpec> = {
  name: { label: 'Name' },
  industry: { label: 'Industry' },
  sizeBand: { label: 'Size', format: label(SIZE_BAND_LABELS) },
  website: { label: 'Website' },
  relationship: { label: 'Relationship', format: label(RELATIONSHIP_LABELS) },
  ownerId: { label: 'Owner', format: person },
};

export const CONTACT_FIELDS: Record<string, FieldSpec> = {
  accountId: { label: 'Account', format: account },
  name: { label: 'Name' },
  title: { label: 'Title' },
  email: { label: 'Email' },
  phone: { label: 'Phone' },
};

export const USER_FIELDS: Record<string, FieldSpec> = {
  email: { label: 'Email' },
  name: { label: 'Name' },
  role: { label: 'Role', format: label(ROLE_LABELS) },
  managerId: { label: 'Manager', format: person },
  isActive: { label: 'Access', format: yesNo },
  password: { label: 'Password' },
  apiTokens: { label: 'API tokens' },
  apiToken: { label: 'API token' },
};

/** A value as words, or null for "nothing" (shown as "empty"). */
export function describeValue(
  fields: Record<string, FieldSpec>,
  field: string,
  value: unknown,
  context: HistoryContext,
  event: AuditEvent,
  side: Side,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  const format = fields[field]?.format;
  if (format) return format(value, context, event, side);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "accountId" -> "Account"; unknown fields get a readable version of their name. */
export function fieldLabel(fields: Record<string, FieldSpec>, field: string): string {
  const known = fields[field]?.label;
  if (known) return known;
  const words = field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/Id$/, '')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A value shown outside any history entry (no currency changed alongside it): amounts take the context's currency.
const NO_EVENT: AuditEvent = {
  id: '',
  entityType: 'opportunity',
  entityId: '',
  action: 'update',
  actorId: '',
  actorName: '',
  at: '',
  changes: [],
};

/**
 * Words for the table of an edit conflict: each field's label, and a value as the history writes
 * it ("—" for none). The context may differ per side (each side's own currency).
 */
export function conflictWords(
  fields: Record<string, FieldSpec>,
  context: HistoryContext | ((side: 'theirs' | 'mine') => HistoryContext),
) {
  return {
    label: (field: string) => fieldLabel(fields, field),
    show: (field: string, value: unknown, side: 'theirs' | 'mine') =>
      describeValue(fields, field, value, typeof context === 'function' ? context(side) : context, NO_EVENT, 'to') ??
      '—',
  };
}
