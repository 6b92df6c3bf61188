import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../contract/audit.ts';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import type { BuiltinMappingName } from '../../domain/imports/builtin.ts';
import { statementCounter } from '../../testing/statements.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { runImport, type ImportReport } from './import.service.ts';
import { builtinMapping } from './mappings.ts';

// Salesforce's and HubSpot's other exports (accounts, contacts, contact roles, stage history,
// associations) linked to the deals by the CRM's ids. The test clock starts on 2026-11-20.

let ctx: TestContext;
let ws: Workspace;
let dir: string;
const counter = statementCounter();
const FIXTURES = join(import.meta.dirname, 'fixtures');

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  dir = mkdtempSync(join(tmpdir(), 'winsight-linked-'));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
function file(content: string): string {
  const path = join(dir, `f${++fileNo}.csv`);
  writeFileSync(path, content);
  return path;
}

function importFile(path: string, mapping: BuiltinMappingName, dryRun = false, fileName = 'export.csv') {
  return runImport(ctx.deps, {
    orgId: ws.acme.orgId,
    actorId: ws.acme.admin.user.id,
    path,
    fileName,
    mapping: builtinMapping(mapping),
    dryRun,
  });
}

const importFixture = (name: string, mapping: BuiltinMappingName, dryRun = false) =>
  importFile(join(FIXTURES, name), mapping, dryRun, name);

async function ok(report: Promise<ImportReport>): Promise<ImportReport> {
  const done = await report;
  expect(done.problems, JSON.stringify(done.problems)).toEqual([]);
  expect(done.ok).toBe(true);
  return done;
}

const TABLES = ['accounts', 'contacts', 'opportunities', 'knowledge_items', 'knowledge_facts', 'audit_events'] as const;

async function tableCounts(): Promise<Record<(typeof TABLES)[number], number>> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const row = await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', ws.acme.orgId)
        .executeTakeFirstOrThrow();
      return [table, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<(typeof TABLES)[number], number>;
}

async function dealByExternalId(externalId: string) {
  return ctx.deps.db
    .selectFrom('opportunities')
    .select(['id', 'account_id', 'status', 'closed_date', 'version'])
    .where('org_id', '=', ws.acme.orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
}

/** The deal's buying group as its knowledge page reads it: each evaluator's name, title and roles. */
async function buyingGroup(opportunityId: string) {
  const knowledge = (
    await ws.acme.admin.as.get(`/api/opportunities/${opportunityId}/knowledge`)
  ).json<KnowledgeResponse>();
  const group = knowledge.objectives.find((o) => o.key === 'buying_group')!;
  return {
    knowledge,
    people: group.items
      .filter((i) => i.kind === 'evaluator')
      .map((i) => ({
        name: i.label,
        title: i.contactTitle,
        roles: (group.facts.find((f) => f.itemId === i.id && f.field === 'roles')?.value as string[] | undefined) ?? [],
      })),
  };
}

const messages = (report: ImportReport) => report.problems.map((p) => `${p.line}|${p.column ?? ''}|${p.message}`);

describe('a Salesforce org: opportunities, accounts, contacts, contact roles and stage history', () => {
  it('the opportunity report first; its open deals are assessed at once', async () => {
    const report = await ok(importFixture('salesforce-opportunities.csv', 'salesforce'));
    expect(report.counts).toMatchObject({ opportunities: 4, accountsCreated: 2, assessed: 2 });
    const open = await dealByExternalId('0065g00000TqA1AAK');
    const assessment = await ctx.deps.db
      .selectFrom('assessments')
      .select(['win_probability', 'cause'])
      .where('opportunity_id', '=', open.id)
      .executeTakeFirstOrThrow();
    expect(assessment.win_probability).toBeGreaterThan(0);
    expect(JSON.parse(assessment.cause!)).toEqual({
      kind: 'import',
      by: ws.acme.admin.user.id,
      file: 'salesforce-opportunities.csv',
    });
    const page = await ws.acme.admin.as.get(`/api/opportunities/${open.id}/assessment/history`);
    expect(page.json().points.at(-1).cause).toEqual({
      kind: 'import',
      text: 'Imported from salesforce-opportunities.csv by Ada Admin',
    });
  });

  it('the account report: the accounts the deals made are found by name and take their id; employees give the size', async () => {
    const dry = await ok(importFixture('salesforce-accounts.csv', 'salesforce-accounts', true));
    expect(dry.counts).toMatchObject({ accountsCreated: 3 });
    const report = await ok(importFixture('salesforce-accounts.csv', 'salesforce-accounts'));
    expect(report.counts).toMatchObject({ accountsCreated: 1, accountsUpdated: 2 });
    const accounts = await ctx.deps.db
      .selectFrom('accounts')
      .innerJoin('users', 'users.id', 'accounts.owner_id')
      .select(['accounts.external_id', 'accounts.name', 'industry', 'size_band', 'website', 'users.name as owner'])
      .where('accounts.org_id', '=', ws.acme.orgId)
      .where('accounts.external_id', 'like', '0015g%')
      .orderBy('accounts.external_id')
      .execute();
    expect(accounts).toEqual([
      {
        external_id: '0015g00000Lb1AAAQ',
        name: 'Blue Harbor Logistics',
        industry: 'Transportation',
        size_band: '1000-4999',
        website: 'www.blueharbor.example',
        owner: 'Sam Seller',
      },
      {
        external_id: '0015g00000Lb2AAAQ',
        name: 'Kestrel Foods',
        industry: 'Food & Beverage',
        size_band: '250-999',
        website: 'www.kestrelfoods.example',
        owner: 'Bob Seller',
      },
      {
        external_id: '0015g00000Lb3AAAQ',
        name: 'Orchid Health',
        industry: 'Healthcare',
        size_band: '50-249',
        website: 'www.orchidhealth.example',
        owner: 'Sam Seller',
      },
    ]);
    // the deals stay on their accounts: none was made twice
    const deal = await dealByExternalId('0065g00000TqA1AAK');
    expect(accounts.length).toBe(3);
    const account = await ctx.deps.db
      .selectFrom('accounts')
      .select('external_id')
      .where('id', '=', deal.account_id)
      .executeTakeFirstOrThrow();
    expect(account.external_id).toBe('0015g00000Lb1AAAQ');
  });

  it('the contact report: each contact on its account by the account id', async () => {
    const report = await ok(importFixture('salesforce-contacts.csv', 'salesforce-contacts'));
    expect(report.counts).toMatchObject({ contactsCreated: 4, contactsUpdated: 0, accountsCreated: 0 });
    const contacts = await ctx.deps.db
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .select(['contacts.name', 'contacts.title', 'contacts.email', 'accounts.name as account'])
      .where('contacts.org_id', '=', ws.acme.orgId)
      .where('contacts.external_id', 'like', '0035g%')
      .orderBy('contacts.external_id')
      .execute();
    expect(contacts[0]).toEqual({
      name: 'Maria Lopez',
      title: 'Chief Financial Officer',
      email: 'maria.lopez@blueharbor.example',
      account: 'Blue Harbor Logistics',
    });
    expect(contacts.map((c) => c.account)).toEqual([
      'Blue Harbor Logistics',
      'Blue Harbor Logistics',
      'Kestrel Foods',
      'Kestrel Foods',
    ]);
  });

  it("contact roles: each person joins the deal's buying group with their role, and the open deals are reassessed", async () => {
    const report = await ok(importFixture('salesforce-contact-roles.csv', 'salesforce-contact-roles'));
    expect(report.counts).toMatchObject({ evaluators: 5, contactsCreated: 0, assessed: 2 });
    const deal = await dealByExternalId('0065g00000TqA1AAK');
    const { knowledge, people } = await buyingGroup(deal.id);
    expect(people).toEqual(
      expect.arrayContaining([
        { name: 'Maria Lopez', title: 'Chief Financial Officer', roles: ['economic_buyer'] },
        { name: 'Tom Becker', title: 'IT Director', roles: ['technical_evaluator'] },
      ]),
    );
    expect(people).toHaveLength(2);
    const economicBuyer = knowledge.objectives.flatMap((o) => o.facts).find((f) => f.field === 'economicBuyer');
    expect(economicBuyer).toMatchObject({ display: 'Maria Lopez', evidence: { source: 'imported' } });
    // "Other" says nothing of the part Jon plays: he is in the group without a role
    const rollout = await dealByExternalId('0065g00000TqA4AAK');
    expect((await buyingGroup(rollout.id)).people.map((p) => [p.name, p.roles])).toEqual(
      expect.arrayContaining([
        ['Priya Natarajan', ['decision_maker']],
        ['Jon Fisher', []],
      ]),
    );
    const cause = await ctx.deps.db
      .selectFrom('assessments')
      .select('cause')
      .where('opportunity_id', '=', rollout.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(cause.cause!)).toMatchObject({ kind: 'import', file: 'salesforce-contact-roles.csv' });
  });

  it('stage history: each change on the deal, at its own date, as the app records a change of stage, amount or close date', async () => {
    const report = await ok(importFixture('salesforce-history.csv', 'salesforce-history'));
    // the row that only moved the amount and close date is not a change of stage
    expect(report.counts).toMatchObject({ stageChanges: 7 });
    const stages = new Map(
      (await ctx.deps.db.selectFrom('stages').select(['id', 'name']).where('org_id', '=', ws.acme.orgId).execute()).map(
        (s) => [s.id, s.name],
      ),
    );
    const trail = async (externalId: string) => {
      const deal = await dealByExternalId(externalId);
      const history = (await ws.acme.admin.as.get(`/api/opportunities/${deal.id}/history`)).json<{
        items: AuditEvent[];
      }>();
      const oldestFirst = [...history.items].reverse();
      expect(oldestFirst.every((e) => e.action === 'update' && e.actorName === 'Ada Admin')).toBe(true);
      return oldestFirst.map((e) => [
        e.at.slice(0, 10),
        e.changes.map((c) =>
          c.field === 'stageId'
            ? `stage ${stages.get(c.from as string) ?? '-'} > ${stages.get(c.to as string)}`
            : `${c.field} ${String(c.from)} > ${String(c.to)}`,
        ),
      ]);
    };
    // the first row's amount and close date are where the history starts; a later row that moves them says so
    expect(await trail('0065g00000TqA2AAK')).toEqual([
      ['2026-01-12', ['stage - > Qualify']],
      ['2026-02-03', ['stage Qualify > Discover']],
      [
        '2026-03-20',
        ['amountMinor 5000000 > 6250000', 'expectedCloseDate 2026-04-30 > 2026-05-29', 'stage Discover > Propose'],
      ],
      ['2026-05-29', ['status open > won', 'closedDate null > 2026-05-29']],
    ]);
    // a row at the same stage with another amount and close date is an entry of its own
    expect(await trail('0065g00000TqA1AAK')).toEqual([
      ['2026-08-03', ['stage - > Qualify']],
      ['2026-09-14', ['stage Qualify > Solution']],
      ['2026-10-02', ['amountMinor 12000000 > 14800000', 'expectedCloseDate 2026-12-18 > 2027-02-26']],
      ['2026-10-22', ['stage Solution > Propose']],
    ]);
    // the closed deal keeps its own close
    expect(await dealByExternalId('0065g00000TqA2AAK')).toMatchObject({ status: 'won', closed_date: '2026-05-29' });
  });

  it('every file imported again updates in place: nothing is added twice', async () => {
    const before = await tableCounts();
    await ok(importFixture('salesforce-opportunities.csv', 'salesforce'));
    await ok(importFixture('salesforce-accounts.csv', 'salesforce-accounts'));
    const contacts = await ok(importFixture('salesforce-contacts.csv', 'salesforce-contacts'));
    expect(contacts.counts).toMatchObject({ contactsCreated: 0, contactsUpdated: 4 });
    await ok(importFixture('salesforce-contact-roles.csv', 'salesforce-contact-roles'));
    await ok(importFixture('salesforce-history.csv', 'salesforce-history'));
    expect(await tableCounts()).toEqual(before);
  });
});

describe('a stage history whose rows are not in date order', () => {
  const HEADER =
    'Opportunity ID,Opportunity Name,Stage,Amount,Probability (%),Close Date,Last Modified Date,Last Modified By';
  const row = (id: string, stage: string, on: string) =>
    `${id},Deal,${stage},"$1,000.00",10,12/31/2026,${on},Bob Seller`;

  /** The deal's changes of stage as its history page lists them, each "day: change; change", by day. */
  async function stageChanges(externalId: string): Promise<string[]> {
    const stages = new Map(
      (await ctx.deps.db.selectFrom('stages').select(['id', 'name']).where('org_id', '=', ws.acme.orgId).execute()).map(
        (s) => [s.id, s.name],
      ),
    );
    const deal = await dealByExternalId(externalId);
    const history = (await ws.acme.admin.as.get(`/api/opportunities/${deal.id}/history`)).json<{
      items: AuditEvent[];
    }>();
    return history.items
      .filter((e) => e.changes.some((c) => c.field === 'stageId' || c.field === 'status'))
      .map(
        (e) =>
          `${e.at.slice(0, 10)}: ${e.changes
            .map((c) =>
              c.field === 'stageId'
                ? `stage ${stages.get(c.from as string) ?? '-'} > ${stages.get(c.to as string)}`
                : `${c.field} ${String(c.from)} > ${String(c.to)}`,
            )
            .join('; ')}`,
      )
      .sort();
  }

  it('an import interrupted while its rows wait to be sorted leaves nothing behind', async () => {
    const before = await tableCounts();
    const rows = Array.from({ length: 1100 }, (_, i) =>
      row('0065g00000TqA3AAK', i % 2 ? 'Prospecting' : 'Needs Analysis', `${1 + (i % 9)}/${1 + (i % 28)}/2026`),
    );
    let batches = 0;
    await expect(
      runImport(ctx.deps, {
        orgId: ws.acme.orgId,
        actorId: ws.acme.admin.user.id,
        path: file([HEADER, ...rows].join('\n')),
        fileName: 'halfway-history.csv',
        mapping: builtinMapping('salesforce-history'),
        dryRun: false,
        onProgress: (_done, total) => {
          if (total !== null && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await tableCounts()).toEqual(before);
  });

  it("records each deal's changes in date order, the file's order within a day, however the file is sorted", async () => {
    const report = await ok(
      importFile(
        file(
          [
            HEADER,
            row('0065g00000TqA3AAK', 'Closed Lost', '9/30/2026'),
            row('0065g00000TqA3AAK', 'Value Proposition', '6/15/2026'),
            row('0065g00000TqA4AAK', 'Needs Analysis', '10/20/2026'),
            row('0065g00000TqA3AAK', 'Needs Analysis', '5/10/2026'),
            row('0065g00000TqA3AAK', 'Prospecting', '4/2/2026'),
            row('0065g00000TqA4AAK', 'Prospecting', '10/5/2026'),
            row('0065g00000TqA3AAK', 'Proposal/Price Quote', '6/15/2026'),
          ].join('\n'),
        ),
        'salesforce-history',
      ),
    );
    expect(report.counts).toMatchObject({ stageChanges: 7 });
    expect(await stageChanges('0065g00000TqA3AAK')).toEqual([
      '2026-04-02: stage - > Qualify',
      '2026-05-10: stage Qualify > Discover',
      '2026-06-15: stage Discover > Solution',
      '2026-06-15: stage Solution > Propose',
      '2026-09-30: status open > lost; closedDate null > 2026-09-30',
    ]);
    expect(await stageChanges('0065g00000TqA4AAK')).toEqual([
      '2026-10-05: stage - > Qualify',
      '2026-10-20: stage Qualify > Discover',
    ]);
  });

  it('records no change it cannot date, where the last row says otherwise than the deal holds', async () => {
    // every row said $1,000.00 and Dec 31; the opportunity report says the deal was $18,000.00 and
    // closed Sep 30: when that changed is unknown, so no entry claims it (a push dated today would
    // read as a close date slipping now)
    const deal = await dealByExternalId('0065g00000TqA3AAK');
    const history = (await ws.acme.admin.as.get(`/api/opportunities/${deal.id}/history`)).json<{
      items: AuditEvent[];
    }>();
    const moved = history.items.filter((e) =>
      e.changes.some((c) => c.field === 'amountMinor' || c.field === 'expectedCloseDate'),
    );
    expect(moved).toEqual([]);
    expect(history.items.every((e) => e.at.slice(0, 10) !== '2026-11-20' || e.action === 'create')).toBe(true);
  });
});

describe('files that name what is not here import nothing and say where', () => {
  it('a contact role naming an unknown deal or contact, a history row with a bad date or stage: located, none written', async () => {
    const before = await tableCounts();
    const roles = await importFile(
      file(
        [
          'Opportunity ID,Contact ID,First Name,Last Name,Role',
          '0065g00000TqA1AAK,0035g00000Xy2AAAQ,Tom,Becker,Influencer',
          '006NOTHERE,0035g00000Xy1AAAQ,Maria,Lopez,Economic Buyer',
          '0065g00000TqA4AAK,003GHOST,,,Decision Maker',
          '0065g00000TqA4AAK,0035g00000Xy3AAAQ,Priya,Natarajan,Chief Wizard',
        ].join('\n'),
      ),
      'salesforce-contact-roles',
    );
    expect(roles.ok).toBe(false);
    expect(messages(roles)).toEqual([
      '3|Opportunity ID|no opportunity with the id "006NOTHERE" is here; import the opportunities first',
      '4|Contact ID|no contact with the id "003GHOST" is here; import the contacts first, or map contact.name to add them',
      expect.stringMatching(
        /^5\|Role\|"Chief Wizard" is not a known role; map it under values.contact.role to one of economic_buyer/,
      ),
    ]);
    const history = await importFile(
      file(
        [
          'Opportunity ID,Stage,Last Modified Date',
          '0065g00000TqA4AAK,Prospecting,10/5/2026',
          '0065g00000TqA4AAK,Haggling,10/9/2026',
          '0065g00000TqA4AAK,Needs Analysis,13/45/2026',
          '006NOTHERE,Prospecting,10/5/2026',
        ].join('\n'),
      ),
      'salesforce-history',
    );
    expect(messages(history)).toEqual([
      expect.stringMatching(/^3\|Stage\|unknown stage "Haggling"; map it under "stages" to one of Qualify/),
      expect.stringMatching(/^4\|Last Modified Date\|history.date: "13\/45\/2026" is not a date; accepted: /),
      '5|Opportunity ID|no opportunity with the id "006NOTHERE" is here; import the opportunities first',
    ]);
    const contacts = await importFile(
      file(
        [
          'Contact ID,First Name,Last Name,Account ID',
          '003NEW1,Ada,Quinn,001NOTHERE',
          '003NEW2,Ben,Quinn,0015g00000Lb1AAAQ',
          '003NEW2,Ben,Quinn,0015g00000Lb1AAAQ',
        ].join('\n'),
      ),
      'salesforce-contacts',
    );
    expect(messages(contacts)).toEqual([
      '2|Account ID|no account with the id "001NOTHERE" is here; import the accounts first, or map account.name to add it',
      '4|Contact ID|the id "003NEW2" is already on line 3; each id may appear once',
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('a file of the wrong kind says which columns it lacks', async () => {
    const report = await importFile(file('Deal,Value\nA,1\n'), 'salesforce-history', true);
    expect(messages(report)).toEqual([
      expect.stringMatching(
        /^1\|Opportunity ID\|opportunity.externalId: the file has no column "Opportunity ID"; its columns are "Deal", "Value"/,
      ),
      expect.stringMatching(/^1\|Stage\|history.stage: the file has no column "Stage"/),
      expect.stringMatching(/^1\|Last Modified Date\|history.date: the file has no column "Last Modified Date"/),
    ]);
  });

  it('an import interrupted halfway leaves nothing behind', async () => {
    const before = await tableCounts();
    const rows = Array.from({ length: 1100 }, (_, i) => `003HALF${i},Half,Way ${i},0015g00000Lb3AAAQ`);
    let batches = 0;
    await expect(
      runImport(ctx.deps, {
        orgId: ws.acme.orgId,
        actorId: ws.acme.admin.user.id,
        path: file(['Contact ID,First Name,Last Name,Account ID', ...rows].join('\n')),
        fileName: 'halfway.csv',
        mapping: builtinMapping('salesforce-contacts'),
        dryRun: false,
        onProgress: (_done, total) => {
          if (total !== null && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await tableCounts()).toEqual(before);
  });
});

describe('a HubSpot portal: deals, companies, contacts and their associations', () => {
  it('links contacts to companies and deals to both; the deal moves to the company the association names', async () => {
    counter.take();
    const deals = await ok(importFixture('hubspot-deals.csv', 'hubspot'));
    const dealStatements = counter.take().length;
    expect(deals.counts).toMatchObject({ opportunities: 3, assessed: 2 });
    const companies = await ok(importFixture('hubspot-companies.csv', 'hubspot-companies'));
    expect(companies.counts).toMatchObject({ accountsCreated: 1, accountsUpdated: 2 });
    const contacts = await ok(importFixture('hubspot-contacts.csv', 'hubspot-contacts'));
    expect(contacts.counts).toMatchObject({ contactsCreated: 3, accountsCreated: 0 });
    // the first of several associated companies is the contact's
    const carla = await ctx.deps.db
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .select(['accounts.external_id', 'contacts.title'])
      .where('contacts.external_id', '=', '7100003')
      .executeTakeFirstOrThrow();
    expect(carla).toEqual({ external_id: '5123003', title: 'Director of Procurement' });

    counter.take();
    const associations = await ok(importFixture('hubspot-associations.csv', 'hubspot-associations'));
    const statements = counter.take().length;
    expect(associations.counts).toMatchObject({ evaluators: 4, assessed: 2 });
    const renewal = await dealByExternalId('8801234503');
    const account = await ctx.deps.db
      .selectFrom('accounts')
      .select(['external_id', 'name'])
      .where('id', '=', renewal.account_id)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ external_id: '5123003', name: 'Fabrikam Services' });
    const listed = (await ws.acme.admin.as.get(`/api/opportunities/${renewal.id}`)).json<{ accountName: string }>();
    expect(listed.accountName).toBe('Fabrikam Services');
    const desk = await dealByExternalId('8801234501');
    expect((await buyingGroup(desk.id)).people.map((p) => p.name).sort()).toEqual(['Ana Silva', 'Ben Okafor']);

    // more deals, more contacts: the same statements (the look-ups, writes and assessment go by batch)
    const more = Array.from(
      { length: 40 },
      (_, i) => `88019${i},Deal ${i},Bulk Co,1000,2027-03-01,2026-10-01,Qualified To Buy,Sam Seller,newbusiness`,
    );
    counter.take();
    const bulkDeals = await ok(
      importFile(
        file(
          [
            'Record ID,Deal Name,Associated Company,Amount,Close Date,Create Date,Deal Stage,Deal owner,Deal Type',
            ...more,
          ].join('\n'),
        ),
        'hubspot',
      ),
    );
    expect(bulkDeals.counts).toMatchObject({ opportunities: 40, assessed: 40 });
    // 40 open deals written and assessed with no more statements than 2
    expect(counter.take().length).toBeLessThanOrEqual(dealStatements);
    const links = Array.from({ length: 40 }, (_, i) => `88019${i},Deal ${i},7100001;7100002,5123001`);
    counter.take();
    const bulk = await ok(
      importFile(
        file(['Record ID,Deal Name,Associated Contact IDs,Associated Company IDs', ...links].join('\n')),
        'hubspot-associations',
      ),
    );
    expect(bulk.counts).toMatchObject({ evaluators: 80, assessed: 40 });
    expect(counter.take().length).toBeLessThanOrEqual(statements + 2);
  });
});
