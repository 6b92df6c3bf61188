import type { Opportunity } from '../../../contract/opportunities.ts';
import { isCurrencyCode, toMajorUnits, toMinorUnits } from '../../../domain/currency.ts';
import type { DealType, ForecastCategory, LeadSource, OpportunityStatus } from '../../../domain/enums.ts';
import type { FieldErrors } from '../../shared/form.ts';
import type { OpportunityCreate } from './queries.ts';

/** The opportunity form as the inputs hold it: text for dates, the amount in major units. */
export type OpportunityFormValues = {
  name: string;
  accountId: string | null;
  /** the account's name, to show it before the account list loads */
  accountName: string | null;
  ownerId: string | null;
  /** major units: 125000.5 for $125,000.50 */
  amount: number | string;
  currency: string;
  expectedCloseDate: string;
  stageId: string | null;
  status: OpportunityStatus;
  closedDate: string;
  closeReason: string;
  forecastCategory: ForecastCategory;
  sellerProbability: number | string;
  source: LeadSource | null;
  dealType: DealType;
  /** a manager's reason to commit the deal despite what blocks it (sent only with a move into commit) */
  commitOverrideReason: string;
};

/** The API fields in the order the form shows them (for focusing the first error). */
export const OPPORTUNITY_FIELD_ORDER = [
  'name',
  'accountId',
  'ownerId',
  'amountMinor',
  'currency',
  'expectedCloseDate',
  'stageId',
  'status',
  'closedDate',
  'closeReason',
  'forecastCategory',
  'sellerProbability',
  'source',
  'dealType',
  'commitOverrideReason',
] as const;

export function formValuesOf(o: Opportunity): OpportunityFormValues {
  return {
    name: o.name,
    accountId: o.accountId,
    accountName: o.accountName,
    ownerId: o.ownerId,
    amount: toMajorUnits(o.amountMinor, o.currency),
    currency: o.currency,
    expectedCloseDate: o.expectedCloseDate,
    stageId: o.stageId,
    status: o.status,
    closedDate: o.closedDate ?? '',
    closeReason: o.closeReason ?? '',
    forecastCategory: o.forecastCategory,
    sellerProbability: o.sellerProbability ?? '',
    source: o.source,
    dealType: o.dealType,
    commitOverrideReason: '',
  };
}

export function blankFormValues(defaults: {
  ownerId: string;
  stageId: string | null;
  currency?: string;
  accountId?: string | null;
  accountName?: string | null;
}): OpportunityFormValues {
  return {
    name: '',
    accountId: defaults.accountId ?? null,
    accountName: defaults.accountName ?? null,
    ownerId: defaults.ownerId,
    amount: '',
    currency: defaults.currency ?? 'USD',
    expectedCloseDate: '',
    stageId: defaults.stageId,
    status: 'open',
    closedDate: '',
    closeReason: '',
    forecastCategory: 'pipeline',
    sellerProbability: '',
    source: null,
    dealType: 'new_logo',
    commitOverrideReason: '',
  };
}

export type OpportunityFieldValues = Omit<OpportunityCreate, 'ownerId' | 'stageId'> & {
  ownerId: string;
  stageId: string;
};

/**
 * The form as API values, or the errors a person can fix before anything is sent. The server
 * checks everything again; these are the ones worth saying at once.
 */
export function readForm(
  values: OpportunityFormValues,
): { ok: true; fields: OpportunityFieldValues } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Give the opportunity a name';
  if (!values.accountId) errors.accountId = 'Choose an account';
  if (!values.ownerId) errors.ownerId = 'Choose an owner';
  if (!isCurrencyCode(values.currency)) errors.currency = 'Choose a currency';
  const amount = values.amount === '' ? Number.NaN : Number(values.amount);
  if (!Number.isFinite(amount)) errors.amountMinor = 'Enter the amount';
  else if (amount < 0) errors.amountMinor = 'An amount cannot be negative';
  if (!values.expectedCloseDate) errors.expectedCloseDate = 'Choose the expected close date';
  if (!values.stageId) errors.stageId = 'Choose a stage';
  const probability = values.sellerProbability === '' ? null : Number(values.sellerProbability);
  if (probability !== null && (!Number.isInteger(probability) || probability < 0 || probability > 100)) {
    errors.sellerProbability = 'A whole percentage from 0 to 100';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const isOpen = values.status === 'open';
  return {
    ok: true,
    fields: {
      name: values.name.trim(),
      accountId: values.accountId!,
      ownerId: values.ownerId!,
      amountMinor: toMinorUnits(amount, values.currency),
      currency: values.currency,
      expectedCloseDate: values.expectedCloseDate,
      stageId: values.stageId!,
      status: values.status,
      // an open deal has no closing details; a closed one without a date closed today
      closedDate: isOpen || !values.closedDate ? null : values.closedDate,
      closeReason: isOpen ? null : values.closeReason.trim() || null,
      forecastCategory: values.forecastCategory,
      sellerProbability: probability,
      source: values.source,
      dealType: values.dealType,
      commitOverrideReason:
        isOpen && values.forecastCategory === 'commit' ? values.commitOverrideReason.trim() || null : null,
    },
  };
}

/** The API values of a saved opportunity, comparable with readForm's. */
export function fieldsOf(o: Opportunity): OpportunityFieldValues {
  return {
    name: o.name,
    accountId: o.accountId,
    ownerId: o.ownerId,
    amountMinor: o.amountMinor,
    currency: o.currency,
    expectedCloseDate: o.expectedCloseDate,
    stageId: o.stageId,
    status: o.status,
    closedDate: o.closedDate,
    closeReason: o.closeReason,
    forecastCategory: o.forecastCategory,
    sellerProbability: o.sellerProbability,
    source: o.source,
    dealType: o.dealType,
    commitOverrideReason: null,
  };
}
