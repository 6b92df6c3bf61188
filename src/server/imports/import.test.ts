import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { organizationPrior, trainingExamples } from '../assessment/index.ts';
import { builtinMapping } from './mappings.ts';
import { runImport, type ImportReport } from './import.service.ts';
import { mappingSchema } from '../../domain/imports/mapping.ts';

// The test clock starts on 2026-11-20. Imports go into Acme; Globex must never see a row of them.

let ctx: TestContext;
let ws: Workspace;
let dir: string;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  dir = mkdtempSync(join(tmpdir(), 'winsight-import-'));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const SF_HEADER =
  'Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner,Type,Lead Source,Created Date,Won,Closed';

let fileNo = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${++fileNo}.csv`);
  writeFileSync(path, content);
  return path;
}

function importFile(path: string, options: { dryRun?: boolean; mapping?: ReturnType<typeof builtinMapping> } = {}) {
  return runImport(ctx.deps, {
    orgId: ws.acme.orgId,
    actorId: ws.acme.admin.user.id,
    path,
    fileName: 'report.csv',
    mapping: options.mapping ?? builtinMapping('salesforce'),
    dryRun: options.dryRun ?? false,
  });
}

async function countOf(table: 'opportunities' | 'accounts' | 'users' | 'knowledge_facts', orgId = ws.acme.orgId) {
  const row = await ctx.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const messages = (report: ImportReport) => report.problems.map((p) => `${p.line}|${p.column ?? ''}|${p.message}`);

const salesforceRows = [
  'SF-1,Fleet renewal,Northwind,"$12,500.00",3/15/2025,Closed Won,100,Sam Seller,Existing Customer - Upgrade,Partner Referral,1/10/2025,1,1',
  'SF-2,Pilot,Northwind,4000,6/30/2025,Closed Lost,0,Nora New,New Business,Web,2/1/2025,0,1',
  'SF-3,Expansion,Contoso,"75,000",2/28/2027,Negotiation/Review,75,seller.b1@acme.test,New Business,Trade Show,10/1/2026,0,0',
];

describe('importing a Salesforce opportunity report', () => {
  it('dry run: reads and checks every row, reports what it would import, writes nothing', async () => {
    const before = await countOf('opportunities');
    const report = await importFile(file([SF_HEADER, ...salesforceRows].join('\n')), { dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, dryRun: true, rows: 3, counts: { opportunities: 3 } });
    expect(report.counts.byStatus).toEqual({ open: 1, won: 1, lost: 1, no_decision: 0 });
    expect(await countOf('opportunities')).toBe(before);
  });

  it('imports closed and open deals with their own dates, owners matched or added as inactive people', async () => {
    const people = await countOf('users');
    const report = await importFile(file([SF_HEADER, ...salesforceRows].join('\r\n')));
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ opportunities: 3, accountsCreated: 2, peopleCreated: 1 });
    const rows = await ctx.deps.db
      .selectFrom('opportunities')
      .innerJoin('users', 'users.id', 'opportunities.owner_id')
      .innerJoin('stages', 'stages.id', 'opportunities.stage_id')
      .select([
        'opportunities.external_id',
        'opportunities.status',
        'opportunities.amount_minor',
        'opportunities.closed_date',
        'opportunities.expected_close_date',
        'opportunities.created_at',
        'opportunities.deal_type',
        'opportunities.source',
        'opportunities.seller_probability',
        'users.name as owner',
        'users.is_active',
        'stages.name as stage',
      ])
      .where('opportunities.org_id', '=', ws.acme.orgId)
      .where('opportunities.external_id', 'is not', null)
      .orderBy('opportunities.external_id')
      .execute();
    expect(rows).toEqual([
      {
        external_id: 'SF-1',
        status: 'won',
        amount_minor: 1_250_000,
        closed_date: '2025-03-15',
        expected_close_date: '2025-03-15',
        created_at: '2025-01-10T00:00:00.000Z',
        deal_type: 'upsell',
        source: 'partner',
        seller_probability: 100,
        owner: 'Sam Seller',
        is_active: 1,
        stage: 'Qualify',
      },
      {
        external_id: 'SF-2',
        status: 'lost',
        amount_minor: 400_000,
        closed_date: '2025-06-30',
        expected_close_date: '2025-06-30',
        created_at: '2025-02-01T00:00:00.000Z',
        deal_type: 'new_logo',
        source: 'inbound',
        seller_probability: 0,
        owner: 'Nora New',
        is_active: 0,
        stage: 'Qualify',
      },
      {
        external_id: 'SF-3',
        status: 'open',
        amount_minor: 7_500_000,
        closed_date: null,
        expected_close_date: '2027-02-28',
        created_at: '2026-10-01T00:00:00.000Z',
        deal_type: 'new_logo',
        source: 'event',
        seller_probability: 75,
        owner: 'Bob Seller',
        is_active: 1,
        stage: 'Negotiate',
      },
    ]);
    expect(await countOf('users')).toBe(people + 1);
    expect(await countOf('opportunities', ws.globex.orgId)).toBe(1);
  });

  it('a re-import of the same ids updates the deals instead of adding them again', async () => {
    const before = await countOf('opportunities');
    const changed = salesforceRows.map((r) =>
      r.replace('"75,000"', '80000').replace('Negotiation/Review', 'Closed Won').replace('2/28/2027', '11/2/2026'),
    );
    const report = await importFile(file([SF_HEADER, ...changed.map((r) => r.replace(/,0,0$/, ',1,1'))].join('\n')));
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(await countOf('opportunities')).toBe(before);
    const sf3 = await ctx.deps.db
      .selectFrom('opportunities')
      .select(['status', 'amount_minor', 'version', 'closed_date'])
      .where('org_id', '=', ws.acme.orgId)
      .where('external_id', '=', 'SF-3')
      .executeTakeFirstOrThrow();
    expect(sf3).toEqual({ status: 'won', amount_minor: 8_000_000, version: 2, closed_date: '2026-11-02' });
  });
});

describe('a file with problems imports nothing and says where each one is', () => {
  it('lists every bad row with its line and column: dates, amounts, stages, duplicate ids', async () => {
    const before = await countOf('opportunities');
    const report = await importFile(
      file(
        [
          SF_HEADER,
          'X-1,Good,Acme Ltd,100,1/2/2025,Closed Won,100,Sam Seller,New Business,Web,1/1/2025,1,1',
          'X-2,Bad date,Acme Ltd,100,31/31/2025,Closed Won,100,Sam Seller,New Business,Web,1/1/2025,1,1',
          'X-3,Bad amount,Acme Ltd,12 dollars,1/2/2025,Closed Won,100,Sam Seller,New Business,Web,1/1/2025,1,1',
          'X-4,Odd stage,Acme Ltd,100,1/2/2027,Haggling,50,Sam Seller,New Business,Web,1/1/2025,0,0',
          'X-1,Again,Acme Ltd,100,1/2/2025,Closed Won,100,Sam Seller,New Business,Web,1/1/2025,1,1',
          'X-6,Ragged,Acme Ltd,100',
        ].join('\n'),
      ),
    );
    expect(report.ok).toBe(false);
    expect(messages(report)).toEqual([
      expect.stringMatching(
        /^3\|Close Date\|opportunity.closeDate: "31\/31\/2025" is not a date; accepted: YYYY-MM-DD/,
      ),
      expect.stringMatching(/^4\|Amount\|opportunity.amount: "12 dollars" is not an amount; accepted: 1234.56/),
      expect.stringMatching(/^5\|Stage\|unknown stage "Haggling"; map it under "stages" to one of Qualify, Discover/),
      '6|Opportunity ID|the opportunity id "X-1" is already on line 2; each id may appear once',
      expect.stringMatching(/^7\|\|4 fields where the header has 13/),
    ]);
    expect(await countOf('opportunities')).toBe(before);
  });

  it.each([
    [
      'UTF-16',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${SF_HEADER}\n`, 'utf16le')]),
      /^1\|\|the file is UTF-16/,
    ],
    [
      'Latin-1',
      Buffer.concat([
        Buffer.from(`${SF_HEADER}\n${salesforceRows[0]}\n`),
        Buffer.from('L-1,Caf\xe9,Acme,1,1/1/2025,Closed Won,1,A,,,,1,1\n', 'latin1'),
      ]),
      /^3\|\|the file is not UTF-8 \(it looks like Latin-1/,
    ],
    [
      'an unclosed quote',
      `${SF_HEADER}\n"Q-1,Open quote,Acme,1,1/1/2025,Closed Won,1,A,,,,1,1\n`,
      /a quote is opened and never closed/,
    ],
  ])('a file in %s', async (_kind, content, expected) => {
    const report = await importFile(file(content));
    expect(report.ok).toBe(false);
    expect(messages(report)[0]).toMatch(expected);
  });

  it('a semicolon file is read as such; a header without the mapped columns says which are missing', async () => {
    const semicolons = [
      SF_HEADER.replaceAll(',', ';'),
      salesforceRows[0]!.replace('"$12,500.00"', '12500').replaceAll(',', ';'),
    ];
    const read = await importFile(file(semicolons.join('\n')), { dryRun: true });
    expect(read).toMatchObject({ ok: true, delimiter: ';', rows: 1 });
    const wrong = await importFile(file('Deal,Value\nA,1\n'), { dryRun: true });
    expect(messages(wrong)).toContainEqual(
      expect.stringMatching(
        /^1\|Close Date\|opportunity.closeDate: the file has no column "Close Date"; its columns are "Deal", "Value"/,
      ),
    );
  });

  it('an import interrupted halfway leaves nothing behind', async () => {
    const before = await countOf('opportunities');
    const rows = Array.from(
      { length: 1200 },
      (_, i) =>
        `H-${i},Deal ${i},Halfway ${i % 7},1000,1/15/2025,Closed Lost,0,Sam Seller,New Business,Web,1/1/2025,0,1`,
    );
    const path = file([SF_HEADER, ...rows].join('\n'));
    let batches = 0;
    await expect(
      runImport(ctx.deps, {
        orgId: ws.acme.orgId,
        actorId: ws.acme.admin.user.id,
        path,
        fileName: 'halfway.csv',
        mapping: builtinMapping('salesforce'),
        dryRun: false,
        onProgress: (_done, total) => {
          if (total !== null && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(batches).toBe(2);
    expect(await countOf('opportunities')).toBe(before);
    const halfway = await ctx.deps.db.selectFrom('accounts').select('id').where('name', 'like', 'Halfway%').execute();
    expect(halfway).toEqual([]);
  });
});

describe('a bulk import', () => {
  const indexesOf = async (table: string) => {
    const found =
      ctx.deps.dialect === 'sqlite'
        ? await sql<{ name: string; sql: string }>`
            select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
            ctx.deps.db,
          )
        : await sql<{ name: string; sql: string }>`
            select indexname as name, indexdef as sql from pg_indexes where tablename = ${table} and schemaname = current_schema()`.execute(
            ctx.deps.db,
          );
    return found.rows.sort((a, b) => a.name.localeCompare(b.name));
  };
  const indexesOfOpportunities = () => indexesOf('opportunities');
  const bulkFile = (prefix: string, n: number) =>
    file(
      [
        SF_HEADER,
        ...Array.from(
          { length: n },
          (_, i) =>
            `${prefix}-${i},Bulk deal ${i},Bulk ${i % 40},${1000 + i},1/15/2025,Closed Lost,0,Sam Seller,New Business,Web,1/1/2025,0,1`,
        ),
      ].join('\n'),
    );
  const bulkImport = (path: string, onProgress?: (done: number, total: number | null, phase?: string) => void) =>
    runImport(ctx.deps, {
      orgId: ws.acme.orgId,
      actorId: ws.acme.admin.user.id,
      path,
      fileName: 'bulk.csv',
      mapping: builtinMapping('salesforce'),
      dryRun: false,
      onProgress,
    });

  it('interrupted, leaves every index of the deals as it was and nothing written', async () => {
    const indexes = await indexesOfOpportunities();
    const before = await countOf('opportunities');
    let batches = 0;
    await expect(
      bulkImport(bulkFile('K', 6000), (_done, total) => {
        if (total !== null && ++batches === 3) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(await countOf('opportunities')).toBe(before);
    expect(await indexesOfOpportunities()).toEqual(indexes);
  });

  it('writes thousands of deals with every index of the deals and their snapshots made again, and the lists read them', async () => {
    const indexes = await indexesOfOpportunities();
    const snapshotIndexes = await indexesOf('opportunity_snapshots');
    const before = await countOf('opportunities');
    const report = await bulkImport(bulkFile('B', 6000));
    expect(report).toMatchObject({ ok: true, counts: { opportunities: 6000 } });
    expect(report.counts.replayedDays).toBeGreaterThan(0);
    expect(await countOf('opportunities')).toBe(before + 6000);
    expect(await indexesOfOpportunities()).toEqual(indexes);
    expect(await indexesOf('opportunity_snapshots')).toEqual(snapshotIndexes);
    expect(snapshotIndexes.map((i) => i.name)).toContain('opportunity_snapshots_close_idx');
    if (ctx.deps.dialect === 'postgres') {
      // the planner's statistics of the deals were gathered as the rows came in, not a minute later
      const { rows } = await sql<{ reltuples: number; n: number }>`select reltuples,
          (select count(*) from opportunities) as n
        from pg_class where oid = to_regclass(current_schema() || '.opportunities')`.execute(ctx.deps.db);
      expect(Number(rows[0]!.reltuples)).toBe(Number(rows[0]!.n));
    }
    const page = await ws.acme.admin.as.get('/api/opportunities?q=Bulk%20deal%205999&status=lost');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((o: { name: string }) => o.name)).toEqual(['Bulk deal 5999']);
  });

  it("assesses its open deals reading each seller's bias once for each transaction of them, not for each read", async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) =>
        `BI-${i},Bias deal ${i},Bias ${i % 9},5000,3/15/2027,Prospecting,10,${i % 2 ? 'Sam Seller' : 'seller.b1@acme.test'},New Business,Web,6/1/2025,0,0`,
    );
    // the bias reads are the statements that name seller_gap in a where clause (the assessments' insert names it as a column)
    let biasReads = 0;
    const db = ctx.deps.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'RawNode' && JSON.stringify(node).includes('seller_gap is not null')) biasReads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const report = await runImport(
      { ...ctx.deps, db },
      {
        orgId: ws.acme.orgId,
        actorId: ws.acme.admin.user.id,
        path: file([SF_HEADER, ...rows].join('\n')),
        fileName: 'bias.csv',
        mapping: builtinMapping('salesforce'),
        dryRun: false,
      },
    );
    expect(report.counts.assessed).toBe(1200);
    // three reads of 500 deals, one transaction
    expect(biasReads).toBe(1);
  });

  it('tells its progress phase by phase: rows checked, rows written, open deals assessed, past days replayed', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      i % 3 === 0
        ? `P-${i},Phase deal ${i},Phases ${i % 9},5000,3/15/2027,Prospecting,10,Sam Seller,New Business,Web,6/1/2025,0,0`
        : `P-${i},Phase deal ${i},Phases ${i % 9},5000,1/15/2025,Closed Lost,0,Sam Seller,New Business,Web,6/1/2024,0,1`,
    );
    const seen: Array<{ phase: string; done: number; total: number | null }> = [];
    const report = await bulkImport(file([SF_HEADER, ...rows].join('\n')), (done, total, phase) => {
      seen.push({ phase: phase!, done, total });
    });
    expect(report.ok).toBe(true);
    const phases = seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['checking', 'writing', 'assessing', 'replaying']);
    const last = (phase: string) => seen.filter((s) => s.phase === phase).at(-1);
    expect(seen.filter((s) => s.phase === 'checking').every((s) => s.total === null)).toBe(true);
    expect(last('writing')).toEqual({ phase: 'writing', done: 1200, total: 1200 });
    expect(last('assessing')).toEqual({ phase: 'assessing', done: 400, total: 400 });
    expect(report.counts.assessed).toBe(400);
    const replayed = last('replaying')!;
    expect(replayed.done).toBe(replayed.total);
    expect(replayed.total).toBeGreaterThanOrEqual(report.counts.replayedDays);
    expect(report.counts.replayedDays).toBeGreaterThan(0);
  });
});

/** A generic file's mapping with three knowledge columns. */
const mapping = mappingSchema.parse({
  fields: {
    'opportunity.externalId': 'id',
    'opportunity.name': 'name',
    'account.name': 'account',
    'opportunity.closeDate': 'closed',
    'opportunity.createdDate': 'created',
    'opportunity.outcome': 'result',
    'opportunity.amount': 'amount',
    'owner.email': 'owner',
  },
  dateOrder: 'ymd',
  knowledge: [
    { column: 'economic buyer', fact: 'power_access.economicBuyer' },
    { column: 'competitors', fact: 'alternative.competitor', split: ';' },
    { column: 'budget', fact: 'funding.budgetStatus', values: { yes: 'allocated', no: 'none' } },
  ],
});
const header = 'id,name,account,closed,created,result,amount,owner,economic buyer,competitors,budget';

describe('knowledge columns and the learner', () => {
  it('records what the columns say as imported knowledge; "unknown" stays unknown', async () => {
    const report = await importFile(
      file(
        [
          header,
          'K-1,Knows,Globe Inc,2025-05-01,2025-01-01,Won,1000,seller.a1@acme.test,Dana Boss,Rival A; Rival B,yes',
          'K-2,Knows little,Globe Inc,2025-05-02,2025-01-01,Lost,1000,seller.a1@acme.test,Unknown,unknown,unknown',
        ].join('\n'),
      ),
      { mapping },
    );
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    const facts = await ctx.deps.db
      .selectFrom('knowledge_facts')
      .innerJoin('opportunities', 'opportunities.id', 'knowledge_facts.opportunity_id')
      .select([
        'opportunities.external_id',
        'field',
        'value',
        'is_unknown',
        'evidence_source',
        'evidence_text',
        'knowledge_facts.observed_at',
      ])
      .where('opportunities.external_id', 'in', ['K-1', 'K-2'])
      .orderBy('opportunities.external_id')
      .orderBy('field')
      .execute();
    expect(facts.map((f) => [f.external_id, f.field, f.is_unknown, f.evidence_source])).toEqual([
      ['K-1', 'budgetStatus', 0, 'imported'],
      ['K-1', 'economicBuyer', 0, 'imported'],
      ['K-1', 'roles', 0, 'imported'],
      ['K-2', 'budgetStatus', 1, 'imported'],
      ['K-2', 'economicBuyer', 1, 'imported'],
    ]);
    expect(facts[0]).toMatchObject({ value: '"allocated"', observed_at: '2025-01-01' });
    expect(facts[0]!.evidence_text).toBe('Imported from report.csv, column "budget" (line 2)');
    const items = await ctx.deps.db
      .selectFrom('knowledge_items')
      .innerJoin('opportunities', 'opportunities.id', 'knowledge_items.opportunity_id')
      .leftJoin('contacts', 'contacts.id', 'knowledge_items.contact_id')
      .select(['kind', 'knowledge_items.title', 'category', 'contacts.name as contact'])
      .where('opportunities.external_id', '=', 'K-1')
      .orderBy('kind')
      .orderBy('knowledge_items.title')
      .execute();
    expect(items).toEqual([
      { kind: 'alternative', title: 'Rival A', category: 'competitor', contact: null },
      { kind: 'alternative', title: 'Rival B', category: 'competitor', contact: null },
      { kind: 'evaluator', title: null, category: null, contact: 'Dana Boss' },
      { kind: 'funding', title: null, category: null, contact: null },
      { kind: 'power_access', title: null, category: null, contact: null },
    ]);
  });

  it('importing the same knowledge again adds nothing', async () => {
    const before = await countOf('knowledge_facts');
    const report = await importFile(
      file(
        [
          header,
          'K-1,Knows,Globe Inc,2025-05-01,2025-01-01,Won,1000,seller.a1@acme.test,Dana Boss,Rival A; Rival B,yes',
        ].join('\n'),
      ),
      { mapping },
    );
    expect(report.ok).toBe(true);
    expect(await countOf('knowledge_facts')).toBe(before);
  });

  it('a re-import saying something else of a field makes it the latest, dated the same day', async () => {
    const budget = async () =>
      ctx.deps.db
        .selectFrom('knowledge_facts')
        .innerJoin('opportunities', 'opportunities.id', 'knowledge_facts.opportunity_id')
        .select(['value', 'recorded_at'])
        .where('opportunities.external_id', '=', 'K-1')
        .where('field', '=', 'budgetStatus')
        .orderBy('recorded_at')
        .execute();
    const row = 'K-1,Knows,Globe Inc,2025-05-01,2025-01-01,Won,1000,seller.a1@acme.test,Dana Boss,Rival A; Rival B';
    const again = async (answer: string) => {
      const report = await importFile(file([header, `${row},${answer}`].join('\n')), { mapping });
      expect(report.ok, JSON.stringify(report.problems)).toBe(true);
      return budget();
    };
    // the first import said allocated
    expect(await again('no')).toEqual([
      { value: '"allocated"', recorded_at: '2025-01-01T00:00:00.000Z' },
      { value: '"none"', recorded_at: '2025-01-01T00:00:00.001Z' },
    ]);
    expect(await again('yes')).toEqual([
      { value: '"none"', recorded_at: '2025-01-01T00:00:00.001Z' },
      { value: '"allocated"', recorded_at: '2025-01-01T00:00:00.002Z' },
    ]);
    expect(await again('yes')).toEqual([
      { value: '"none"', recorded_at: '2025-01-01T00:00:00.001Z' },
      { value: '"allocated"', recorded_at: '2025-01-01T00:00:00.002Z' },
    ]);
  });

  it('closed deals reach the learner as of the day each closed, from the day each was created', async () => {
    const prior = await organizationPrior(ctx.deps.db, ctx.deps.caches, ws.acme.orgId);
    const examples = await trainingExamples(ctx.deps.db, ctx.deps.caches, ws.acme.orgId, prior);
    const k1 = examples.find(
      (e) => e.closedOn === '2025-05-01' && (e.deal as { createdOn?: string }).createdOn === '2025-01-01',
    );
    expect(k1).toMatchObject({ won: true });
    expect(examples.some((e) => e.closedOn === '2025-06-30' && !e.won)).toBe(true);
  });
});

describe('a file of several chunks, each written seller by seller', () => {
  const owners = ['seller.a1@acme.test', 'seller.b1@acme.test', 'chunk.newcomer@acme.test'];
  // rows of the three sellers alternate; the 31 accounts are each named first by one seller, then by the others
  const chunkedFile = (prefix: string) =>
    file(
      [
        header,
        ...Array.from(
          { length: 1000 },
          (_, i) =>
            `${prefix}-${i},Chunked ${i},${prefix} account ${i % 31},2025-05-01,2025-01-01,${i % 2 ? 'Won' : 'Lost'},1000,${owners[i % 3]},Buyer ${prefix}${i},Rival ${prefix}${i},`,
        ),
      ].join('\n'),
    );
  const chunkedImport = (path: string, onProgress?: (done: number, total: number | null) => void) =>
    runImport(ctx.deps, {
      orgId: ws.acme.orgId,
      actorId: ws.acme.admin.user.id,
      path,
      fileName: 'chunked.csv',
      mapping,
      dryRun: false,
      chunkRows: 250,
      onProgress,
    });
  const numberOf = (externalId: string) => Number(externalId.split('-')[1]);

  it('gives each deal its own knowledge, each account the first row that names it, and new ids in the order written', async () => {
    const report = await chunkedImport(chunkedFile('CH'));
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(report.counts).toMatchObject({ opportunities: 1000, accountsCreated: 31, contactsCreated: 1000 });

    const deals = await ctx.deps.db
      .selectFrom('opportunities')
      .innerJoin('users', 'users.id', 'opportunities.owner_id')
      .select(['opportunities.id', 'opportunities.external_id', 'opportunities.owner_id', 'users.email'])
      .where('opportunities.org_id', '=', ws.acme.orgId)
      .where('opportunities.external_id', 'like', 'CH-%')
      .orderBy('opportunities.id')
      .execute();
    expect(deals).toHaveLength(1000);
    for (const d of deals) expect(d.email).toBe(owners[numberOf(d.external_id!) % 3]);
    // in id order: chunk after chunk (250 rows of the file each), and within a chunk seller after seller
    const chunks = deals.map((d) => Math.floor(numberOf(d.external_id!) / 250));
    expect(chunks).toEqual([...chunks].sort((a, b) => a - b));
    for (let c = 0; c < 4; c++) {
      const sellers = deals.filter((_, k) => chunks[k] === c).map((d) => d.owner_id);
      expect(sellers).toEqual([...sellers].sort());
      expect(new Set(sellers).size).toBe(3);
    }

    const knowledge = await ctx.deps.db
      .selectFrom('knowledge_items')
      .innerJoin('opportunities', 'opportunities.id', 'knowledge_items.opportunity_id')
      .leftJoin('contacts', 'contacts.id', 'knowledge_items.contact_id')
      .select([
        'opportunities.external_id',
        'knowledge_items.kind',
        'knowledge_items.title',
        'contacts.name as contact',
      ])
      .where('opportunities.external_id', 'like', 'CH-%')
      .where('knowledge_items.kind', 'in', ['alternative', 'evaluator'])
      .execute();
    expect(knowledge).toHaveLength(2000);
    for (const k of knowledge) {
      const n = numberOf(k.external_id!);
      if (k.kind === 'alternative') expect(k.title).toBe(`Rival CH${n}`);
      else expect(k.contact).toBe(`Buyer CH${n}`);
    }

    const accounts = await ctx.deps.db
      .selectFrom('accounts')
      .innerJoin('users', 'users.id', 'accounts.owner_id')
      .select(['accounts.name', 'users.email'])
      .where('accounts.org_id', '=', ws.acme.orgId)
      .where('accounts.name', 'like', 'CH account %')
      .execute();
    expect(accounts).toHaveLength(31);
    for (const a of accounts) expect(a.email).toBe(owners[Number(a.name.split(' ').at(-1)) % 3]);
  });

  it('a file that changes while one chunk is written and the next read: nothing written, not even the rest of that chunk', async () => {
    const before = await countOf('opportunities');
    const rows = (bad: number) =>
      [
        `${header},notes`,
        ...Array.from(
          { length: 2000 },
          (_, i) =>
            `CF-${i},Changing ${i},CF account ${i % 31},2025-05-01,2025-01-01,Lost,${i === bad ? 'abcd' : '1000'},${owners[i % 3]},,,,${'x'.repeat(600)}`,
        ),
      ].join('\n');
    const path = file(rows(-1));
    const progress: number[] = [];
    await expect(
      runImport(ctx.deps, {
        orgId: ws.acme.orgId,
        actorId: ws.acme.admin.user.id,
        path,
        fileName: 'changing.csv',
        mapping,
        dryRun: false,
        chunkRows: 1000,
        onProgress: async (n, total, phase) => {
          if (phase !== 'writing') return;
          progress.push(n);
          // as the writing pass begins, a row of the second chunk turns bad (same length: the
          // file is read on from where it was, 256 KB at a time, and this row is 1.3 MB in)
          if (n === 0) writeFileSync(path, rows(1900));
          // the first chunk's writing waits between its two batches, while its second is read
          if (n === 500) await new Promise((resolve) => setTimeout(resolve, 300));
        },
      }),
    ).rejects.toThrow('the file changed while it was being imported');
    expect(progress).toEqual([0, 500, 1000]);
    expect(await countOf('opportunities')).toBe(before);
    const left = await ctx.deps.db.selectFrom('accounts').select('id').where('name', 'like', 'CF account%').execute();
    expect(left).toEqual([]);
  });

  it('stopped while one chunk is written and the next read, leaves nothing written', async () => {
    const before = await countOf('opportunities');
    const facts = await countOf('knowledge_facts');
    const done: number[] = [];
    await expect(
      chunkedImport(chunkedFile('CX'), (n, total) => {
        if (total === null) return;
        done.push(n);
        if (n >= 600) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    // stopped once the third chunk's deals were in, while the fourth was read
    expect(done).toEqual([0, 250, 500, 750]);
    expect(await countOf('opportunities')).toBe(before);
    expect(await countOf('knowledge_facts')).toBe(facts);
    const left = await ctx.deps.db.selectFrom('accounts').select('id').where('name', 'like', 'CX account%').execute();
    expect(left).toEqual([]);
  });
});
