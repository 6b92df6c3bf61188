import type { MappingInput } from './mapping.ts';

// The ready mappings: Salesforce's report exports (opportunities, accounts, contacts, contact roles,
// stage history) and HubSpot's exports (deals, companies, contacts, deals with their associations)
// read with their headers exactly as those CRMs write them, and a generic file with Winsight's own
// column names. The opportunity files come first; the others link to them by the CRM's ids.

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

/** OpportunityContactRole's roles as ours; "Other" says nothing about the part a person plays. */
const SALESFORCE_CONTACT_ROLES = {
  'Business User': 'user_evaluator',
  'Decision Maker': 'decision_maker',
  'Economic Buyer': 'economic_buyer',
  'Economic Decision Maker': 'economic_buyer',
  Evaluator: 'user_evaluator',
  'Executive Sponsor': 'approver',
  Influencer: 'influencer',
  'Technical Buyer': 'technical_evaluator',
  Other: '',
};

const HUBSPOT_STAGES = {
  'Appointment Scheduled': 'Qualify',
  'Qualified To Buy': 'Discover',
  'Presentation Scheduled': 'Solution',
  'Decision Maker Bought-In': 'Propose',
  'Contract Sent': 'Negotiate',
  'Closed Won': 'won',
  'Closed Lost': 'lost',
};

const FULL_NAME = { template: '{First Name} {Last Name}' };

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
    stages: HUBSPOT_STAGES,
    values: { 'opportunity.type': { newbusiness: 'new_logo', existingbusiness: 'upsell', ...SALESFORCE_TYPES } },
  },
  'salesforce-accounts': {
    name: 'Salesforce account report',
    description: 'An account report exported as CSV; its Account ID links the contacts to their accounts.',
    kind: 'account',
    dateOrder: 'mdy',
    fields: {
      'account.externalId': 'Account ID',
      'account.name': 'Account Name',
      'account.industry': 'Industry',
      'account.sizeBand': 'Employees',
      'account.website': 'Website',
      'owner.name': 'Account Owner',
    },
  },
  'salesforce-contacts': {
    name: 'Salesforce contact report',
    description: "A contact report exported as CSV, each contact with its account's id and name.",
    kind: 'contact',
    dateOrder: 'mdy',
    fields: {
      'contact.externalId': 'Contact ID',
      'contact.name': FULL_NAME,
      'contact.email': 'Email',
      'contact.title': 'Title',
      'contact.phone': 'Phone',
      'account.externalId': 'Account ID',
      'account.name': 'Account Name',
    },
  },
  'salesforce-contact-roles': {
    name: 'Salesforce opportunity contact roles',
    description:
      "An opportunities-with-contact-roles report: each person joins the deal's buying group with their role. Import the opportunities first.",
    kind: 'contactRole',
    dateOrder: 'mdy',
    fields: {
      'opportunity.externalId': 'Opportunity ID',
      'contact.externalId': 'Contact ID',
      'contact.name': FULL_NAME,
      'contact.email': 'Email',
      'contact.title': 'Title',
      'contact.role': { column: 'Role', or: ['Contact Role'] },
    },
    values: { 'contact.role': SALESFORCE_CONTACT_ROLES },
  },
  'salesforce-history': {
    name: 'Salesforce opportunity stage history',
    description:
      "An opportunity history report (or the OpportunityHistory object's export): each stage a deal reached and when, with its amount and close date at that moment. Import the opportunities first.",
    kind: 'stageHistory',
    dateOrder: 'mdy',
    fields: {
      'opportunity.externalId': 'Opportunity ID',
      'history.stage': { column: 'Stage', or: ['To Stage', 'Stage Name'] },
      'history.date': { column: 'Last Modified Date', or: ['Last Modified', 'Created Date'] },
      'history.amount': 'Amount',
      'history.closeDate': 'Close Date',
    },
    stages: SALESFORCE_STAGES,
  },
  'hubspot-companies': {
    name: 'HubSpot companies export',
    description: 'All companies exported from HubSpot as CSV; their Record IDs link contacts and deals to them.',
    kind: 'account',
    dateOrder: 'ymd',
    fields: {
      'account.externalId': 'Record ID',
      'account.name': 'Company name',
      'account.industry': 'Industry',
      'account.sizeBand': 'Number of Employees',
      'account.website': { column: 'Website URL', or: ['Company Domain Name'] },
      'owner.name': 'Company owner',
    },
  },
  'hubspot-contacts': {
    name: 'HubSpot contacts export',
    description: 'All contacts exported from HubSpot as CSV, with their associated company.',
    kind: 'contact',
    dateOrder: 'ymd',
    fields: {
      'contact.externalId': 'Record ID',
      'contact.name': FULL_NAME,
      'contact.email': 'Email',
      'contact.title': 'Job Title',
      'contact.phone': 'Phone Number',
      'account.externalId': { column: 'Associated Company IDs', or: ['Associated Company ID'] },
      'account.name': { column: 'Associated Company', or: ['Company Name'] },
    },
  },
  'hubspot-associations': {
    name: 'HubSpot deals with their associations',
    description:
      "A deals export with its associated contacts and companies: each contact joins the deal's buying group, the company becomes the deal's account. Import the deals, companies and contacts first.",
    kind: 'contactRole',
    dateOrder: 'ymd',
    fields: {
      'opportunity.externalId': 'Record ID',
      'contact.externalId': { column: 'Associated Contact IDs', or: ['Associated Contact ID'] },
      'account.externalId': { column: 'Associated Company IDs', or: ['Associated Company ID'] },
    },
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
