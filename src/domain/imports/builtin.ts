import type { MappingInput } from './mapping.ts';

// The ready mappings: a Salesforce opportunity report and a HubSpot deals export read with their
// headers exactly as those CRMs write them, and a generic file with Winsight's own column names.

const SALESFORCE_STAGES = {
  Prospecting: 'Qualify',
  Qualification: 'Qualify',
  'Needs Analysis': 'Discover',
  'Id. Decision Makers': 'Discover',
  'Value Proposition': 'Solution',
  'Perception Analysis': 'Solution',
  'Proposal/Price Quote': 'Propose',
  'Negotiation/Review': 'Negotiate',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
};

const SALESFORCE_TYPES = {
  'New Business': 'new_logo',
  'New Customer': 'new_logo',
  'Existing Business': 'upsell',
  'Existing Customer - Upgrade': 'upsell',
  'Existing Customer - Replacement': 'renewal',
  'Existing Customer - Downgrade': 'renewal',
  Renewal: 'renewal',
};

const SALESFORCE_SOURCES = {
  Web: 'inbound',
  'Phone Inquiry': 'inbound',
  Advertisement: 'inbound',
  'Public Relations': 'inbound',
  'Partner Referral': 'partner',
  'Seminar - Partner': 'partner',
  'Purchased List': 'outbound',
  'Employee Referral': 'referral',
  'External Referral': 'referral',
  'Word of mouth': 'referral',
  'Trade Show': 'event',
  'Seminar - Internal': 'event',
  Other: 'outbound',
};

export const BUILTIN_MAPPINGS = {
  salesforce: {
    name: 'Salesforce opportunity report',
    description: 'An opportunity report exported as CSV, with its standard column headers.',
    dateOrder: 'mdy',
    fields: {
      'opportunity.externalId': 'Opportunity ID',
      'opportunity.name': 'Opportunity Name',
      'account.name': 'Account Name',
      'opportunity.amount': 'Amount',
      'opportunity.closeDate': 'Close Date',
      'opportunity.stage': 'Stage',
      'opportunity.probability': 'Probability (%)',
      'owner.name': 'Opportunity Owner',
      'opportunity.type': 'Type',
      'opportunity.source': 'Lead Source',
      'opportunity.createdDate': 'Created Date',
      'opportunity.isWon': 'Won',
      'opportunity.isClosed': 'Closed',
    },
    stages: SALESFORCE_STAGES,
    values: { 'opportunity.type': SALESFORCE_TYPES, 'opportunity.source': SALESFORCE_SOURCES },
  },
  hubspot: {
    name: 'HubSpot deals export',
    description: 'All deals exported from HubSpot as CSV, with the default pipeline.',
    dateOrder: 'ymd',
    fields: {
      'opportunity.externalId': 'Record ID',
      'opportunity.name': 'Deal Name',
      'account.name': 'Associated Company',
      'opportunity.amount': 'Amount',
      'opportunity.closeDate': 'Close Date',
      'opportunity.createdDate': 'Create Date',
      'opportunity.stage': 'Deal Stage',
      'owner.name': 'Deal owner',
      'opportunity.type': 'Deal Type',
    },
    stages: {
      'Appointment Scheduled': 'Qualify',
      'Qualified To Buy': 'Discover',
      'Presentation Scheduled': 'Solution',
      'Decision Maker Bought-In': 'Propose',
      'Contract Sent': 'Negotiate',
      'Closed Won': 'won',
      'Closed Lost': 'lost',
    },
    values: { 'opportunity.type': { newbusiness: 'new_logo', existingbusiness: 'upsell', ...SALESFORCE_TYPES } },
  },
  generic: {
    name: 'Generic CSV',
    description:
      'Columns named id, name, account, amount, currency, close_date, created_date, stage, status, owner, owner_email, type, source.',
    dateOrder: 'ymd',
    fields: {
      'opportunity.externalId': 'id',
      'opportunity.name': 'name',
      'account.name': 'account',
      'opportunity.amount': 'amount',
      'opportunity.currency': 'currency',
      'opportunity.closeDate': 'close_date',
      'opportunity.createdDate': 'created_date',
      'opportunity.stage': 'stage',
      'opportunity.outcome': 'status',
      'owner.name': 'owner',
      'owner.email': 'owner_email',
      'opportunity.type': 'type',
      'opportunity.source': 'source',
    },
  },
} as const satisfies Record<string, MappingInput>;

export type BuiltinMappingName = keyof typeof BUILTIN_MAPPINGS;
export const BUILTIN_MAPPING_NAMES = Object.keys(BUILTIN_MAPPINGS) as BuiltinMappingName[];
