import { describe, expect, it } from 'vitest';
import { BUILTIN_MAPPINGS, type BuiltinMappingName } from './builtin.ts';
import { createLinkedRowMapper, sizeBandOfCount } from './linked-rows.ts';
import { mappingProblems, mappingSchema, settleColumns, type Mapping } from './mapping.ts';
import { headerIndex } from './rows.ts';

const ctx = {
  stages: new Map(['Qualify', 'Discover', 'Solution', 'Propose', 'Negotiate'].map((s) => [s.toLowerCase(), s])),
  reportingCurrency: 'USD',
  today: '2026-11-20',
};

/** One row of a file read through a ready mapping, its header settled as an import settles it. */
function readRow(name: BuiltinMappingName, header: string, row: string) {
  const columns = headerIndex(header.split(','));
  const mapping = settleColumns(mappingSchema.parse(BUILTIN_MAPPINGS[name]), columns) as Mapping & {
    kind: 'account' | 'contact' | 'contactRole' | 'stageHistory';
  };
  return createLinkedRowMapper(columns, mapping, ctx)(row.split(','), 2);
}

describe('employee counts as size bands', () => {
  it.each([
    ['12', '1-49'],
    ['49', '1-49'],
    ['50', '50-249'],
    ['340', '250-999'],
    ['1,200', '1000-4999'],
    ['5000', '5000+'],
    ['120000', '5000+'],
    ['about 50', null],
    ['', null],
  ])('%s employees: %s', (cell, band) => expect(sizeBandOfCount(cell)).toBe(band));
});

describe('rows of the linked files', () => {
  it.each([
    [
      'salesforce-contact-roles',
      'Opportunity ID,Contact ID,First Name,Last Name,Role',
      '006A,003A,Maria,Lopez,Economic Buyer',
      {
        opportunityExternalId: '006A',
        role: 'economic_buyer',
        contacts: [{ externalId: '003A', name: 'Maria Lopez' }],
      },
    ],
    [
      'salesforce-contact-roles',
      'Opportunity ID,Contact ID,First Name,Last Name,Contact Role',
      '006A,003B,Jon,Fisher,Other',
      { role: null, contacts: [{ externalId: '003B', name: 'Jon Fisher' }] },
    ],
    [
      'hubspot-associations',
      'Record ID,Associated Contact IDs,Associated Company IDs',
      '88,7001;7002,5001;5002',
      {
        opportunityExternalId: '88',
        accountExternalId: '5001',
        contacts: [{ externalId: '7001' }, { externalId: '7002' }],
      },
    ],
    [
      'hubspot-associations',
      'Record ID,Associated Contact IDs,Associated Company IDs',
      '88,,5001',
      { accountExternalId: '5001', contacts: [] },
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage Name,Created Date',
      '006A,Closed Won,5/29/2026 2:14 PM',
      { opportunityExternalId: '006A', date: '2026-05-29', stage: null, status: 'won' },
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Last Modified Date',
      '006A,Needs Analysis,2/3/2026',
      { date: '2026-02-03', stage: 'Discover', status: null, amount: null, closeDate: null },
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Amount,Close Date,Last Modified Date',
      '006A,Needs Analysis,$62500.50,5/29/2026,3/20/2026',
      { date: '2026-03-20', stage: 'Discover', amount: 62500.5, closeDate: '2026-05-29' },
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Amount,Close Date,Last Modified Date',
      '006A,Needs Analysis,,,3/20/2026',
      { date: '2026-03-20', amount: null, closeDate: null },
    ],
    [
      'hubspot-contacts',
      'Record ID,First Name,Last Name,Associated Company IDs,Company Name',
      '7003,Carla,Jensen,5003;5002,Fabrikam',
      { contact: { externalId: '7003', name: 'Carla Jensen' }, account: { externalId: '5003', name: 'Fabrikam' } },
    ],
    [
      'salesforce-accounts',
      'Account ID,Account Name,Employees',
      '001A,Blue Harbor,"1200"',
      { account: { externalId: '001A', name: 'Blue Harbor', sizeBand: '1000-4999' } },
    ],
  ] as const)('%s: %s', (name, header, row, expected) => {
    const read = readRow(name, header, row.replaceAll('"', ''));
    expect(read.problems).toEqual([]);
    expect(read.row).toMatchObject(expected);
  });

  it.each([
    [
      'salesforce-contact-roles',
      'Opportunity ID,Contact ID,Role',
      ',003A,Influencer',
      "2|Opportunity ID|opportunity.externalId: the opportunity's id is empty",
    ],
    [
      'hubspot-associations',
      'Record ID,Associated Contact IDs,Associated Company IDs',
      '88,,',
      "2|Associated Contact IDs|contact.externalId: the contact's id is empty",
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Last Modified Date',
      '006A,Prospecting,',
      '2|Last Modified Date|history.date: the date is empty',
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Last Modified Date',
      '006A,Prospecting,1/5/2027',
      '2|Last Modified Date|changed on 2027-01-05, which is in the future',
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Last Modified Date,Amount,Close Date',
      '006A,Prospecting,1/5/2026,lots,4/30/2026',
      '2|Amount|history.amount: "lots" is not an amount; accepted: 1234.56, 1,234.56, $1,234.56 or USD 1234.56',
    ],
    [
      'salesforce-history',
      'Opportunity ID,Stage,Last Modified Date,Amount,Close Date',
      '006A,Prospecting,1/5/2026,1000,31/4/2026',
      '2|Close Date|history.closeDate: "31/4/2026" is not a date; accepted: YYYY-MM-DD (optionally with a time), MM/DD/YYYY (also with - or .), DD-Mon-YY or DD Mon YYYY',
    ],
    [
      'salesforce-accounts',
      'Account ID,Account Name,Employees',
      '001A,Blue Harbor,a few',
      '2|Employees|account.sizeBand: "a few" is neither a number of employees nor one of 1-49, 50-249, 250-999, 1000-4999, 5000+',
    ],
    [
      'salesforce-contacts',
      'Contact ID,First Name,Last Name,Account ID',
      '003A,Ada,Quinn,',
      '2|Account ID|the contact names no account (neither its id nor its name)',
    ],
  ] as const)('%s: %s -> %s', (name, header, row, expected) => {
    const read = readRow(name, header, row);
    expect(read.problems.map((p) => `${p.line}|${p.column ?? ''}|${p.message}`)).toEqual([expected]);
  });
});

describe('a mapping of another kind', () => {
  it('needs what its kind cannot do without, and fills only its own fields', () => {
    const parsed = mappingSchema.safeParse({
      kind: 'stageHistory',
      fields: { 'opportunity.externalId': 'id', 'opportunity.amount': 'amount' },
      values: { 'contact.role': { Boss: 'chief' } },
    });
    expect(parsed.success).toBe(false);
    expect(mappingProblems(parsed.error!)).toEqual([
      'fields: Map history.stage',
      'fields: Map history.date',
      expect.stringMatching(
        /^fields.opportunity.amount: a stageHistory file does not fill opportunity.amount; it fills opportunity.externalId, history.stage, history.date, history.amount, history.closeDate$/,
      ),
      expect.stringMatching(/^values.contact.role.Boss: "chief" is not one of economic_buyer, /),
    ]);
  });

  it('every ready mapping is valid', () => {
    for (const [name, m] of Object.entries(BUILTIN_MAPPINGS)) {
      expect(mappingSchema.safeParse(m).success, name).toBe(true);
    }
  });
});
