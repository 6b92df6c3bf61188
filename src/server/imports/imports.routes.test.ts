import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportUploaded, ImportView, importTargetsSchema } from '../../contract/imports.ts';
import type { z } from 'zod';
import { statementCounter } from '../../testing/statements.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// Upload, check, fix, import, through the API; the runs work in the background and are polled.

let ctx: TestContext;
let ws: Workspace;
let adminToken: string;
let sellerToken: string;
const counter = statementCounter();
type ImportTargets = z.infer<typeof importTargetsSchema>;

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  const token = async (as: Workspace['acme']['admin']['as'], scopes: string[]) =>
    (await as.post('/api/tokens', { name: 'import', scopes })).json<{ token: string }>().token;
  adminToken = await token(ws.acme.admin.as, ['read', 'write', 'admin']);
  sellerToken = await token(ws.acme.sellerA1.as, ['read', 'write']);
});
afterAll(() => ctx.close());

const upload = (content: string | Buffer, fileName = 'deals.csv', token = adminToken) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/imports?fileName=${encodeURIComponent(fileName)}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload: content,
  });

async function until(id: string, settled: (v: ImportView) => boolean): Promise<ImportView> {
  for (let i = 0; i < 500; i++) {
    const view = (await ws.acme.admin.as.get(`/api/imports/${id}`)).json<ImportView>();
    if (settled(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the import never settled');
}
const resting = (v: ImportView) => !['checking', 'importing'].includes(v.status);

const HEADER = 'id,name,account,amount,close_date,created_date,status,owner';
const good = [
  'A-1,Renewal,Initech,1200,2025-03-01,2025-01-05,won,Sam Seller',
  'A-2,Expansion,Initech,5000,2025-04-01,2025-01-20,lost,Sam Seller',
];

describe('imports through the API', () => {
  it('upload answers with the first rows as read and suggested columns; only administrators', async () => {
    const refused = await upload(`${HEADER}\n${good[0]}\n`, 'deals.csv', sellerToken);
    expect(refused.statusCode).toBe(403);
    const response = await upload(`${HEADER}\n${good.join('\n')}\n`);
    expect(response.statusCode, response.body).toBe(201);
    const uploaded = response.json<ImportUploaded>();
    expect(uploaded).toMatchObject({ status: 'uploaded', fileName: 'deals.csv', delimiter: ',', rowsDone: 0 });
    expect(uploaded.header).toEqual(HEADER.split(','));
    expect(uploaded.preview[1]).toEqual(good[1]!.split(','));
    expect(uploaded.suggestions).toMatchObject({
      'opportunity.externalId': 'id',
      'opportunity.name': 'name',
      'account.name': 'account',
      'opportunity.closeDate': 'close_date',
      'owner.name': 'owner',
    });
    const globex = await ctx.app.inject({
      method: 'GET',
      url: `/api/imports/${uploaded.id}`,
      headers: { authorization: 'Bearer x' },
    });
    expect(globex.statusCode).toBe(401);
    expect((await ws.globex.admin.as.get(`/api/imports/${uploaded.id}`)).statusCode).toBe(404);
  });

  it('dry run with an error lists it by line and column; fixed, the import runs to done', async () => {
    const bad = await upload(
      `${HEADER}\n${good[0]}\nA-2,Expansion,Initech,5000,2025-13-45,2025-01-20,lost,Sam Seller\n`,
    );
    const { id } = bad.json<ImportUploaded>();
    const started = await ws.acme.admin.as.post(`/api/imports/${id}/run`, { mapping: 'generic', dryRun: true });
    expect(started.statusCode, started.body).toBe(202);
    const checked = await until(id, resting);
    expect(checked).toMatchObject({ status: 'failed', isDryRun: true, errorCount: 1, rowsTotal: 2 });
    expect(checked.errors[0]).toMatchObject({ line: 3, column: 'close_date' });
    expect(checked.errors[0]!.message).toContain('"2025-13-45" is not a date');
    expect(checked.leftOut).toEqual(expect.arrayContaining(['currency', 'stage', 'owner_email']));

    const fixed = (await upload(`${HEADER}\n${good.join('\n')}\n`)).json<ImportUploaded>();
    expect(
      (await ws.acme.admin.as.post(`/api/imports/${fixed.id}/run`, { mapping: 'generic', dryRun: true })).statusCode,
    ).toBe(202);
    expect(await until(fixed.id, resting)).toMatchObject({ status: 'checked', errorCount: 0, rowsTotal: 2 });
    expect((await ws.acme.admin.as.post(`/api/imports/${fixed.id}/run`, { mapping: 'generic' })).statusCode).toBe(202);
    const done = await until(fixed.id, resting);
    expect(done).toMatchObject({ status: 'done', rowsDone: 2, rowsTotal: 2, phase: null });
    expect(done.counts).toMatchObject({ opportunities: 2, byStatus: { won: 1, lost: 1 } });
    const again = await ws.acme.admin.as.post(`/api/imports/${fixed.id}/run`, { mapping: 'generic' });
    expect(again.statusCode).toBe(409);
    // the page polls this twice a second: the session and the import, nothing else
    counter.take();
    expect((await ws.acme.admin.as.get(`/api/imports/${fixed.id}`)).statusCode).toBe(200);
    expect(counter.take().length).toBeLessThanOrEqual(2);
    const listed = (await ws.acme.admin.as.get('/api/imports')).json<{ imports: ImportView[] }>();
    expect(listed.imports.map((i) => i.id)).toContain(fixed.id);
  });

  it('the ready mappings of every kind of file are listed; a stage history links to the deals imported by their ids', async () => {
    const targets = (await ws.acme.admin.as.get('/api/imports/targets')).json<ImportTargets>();
    expect(targets.kinds.map((k) => k.kind)).toEqual([
      'opportunity',
      'account',
      'contact',
      'contactRole',
      'stageHistory',
    ]);
    expect(targets.kinds.find((k) => k.kind === 'stageHistory')!.targets).toEqual([
      'opportunity.externalId',
      'history.stage',
      'history.date',
      'history.amount',
      'history.closeDate',
    ]);
    expect(targets.mappings.map((m) => [m.name, m.kind])).toEqual(
      expect.arrayContaining([
        ['salesforce', 'opportunity'],
        ['salesforce-accounts', 'account'],
        ['salesforce-contacts', 'contact'],
        ['salesforce-contact-roles', 'contactRole'],
        ['salesforce-history', 'stageHistory'],
        ['hubspot-companies', 'account'],
        ['hubspot-contacts', 'contact'],
        ['hubspot-associations', 'contactRole'],
      ]),
    );
    const history = (
      await upload(
        'Opportunity ID,Stage,Last Modified Date\nA-1,Prospecting,1/6/2025\nA-9,Prospecting,1/7/2025\n',
        'history.csv',
      )
    ).json<ImportUploaded>();
    await ws.acme.admin.as.post(`/api/imports/${history.id}/run`, { mapping: 'salesforce-history', dryRun: true });
    const checked = await until(history.id, resting);
    expect(checked).toMatchObject({ status: 'failed', errorCount: 1 });
    expect(checked.errors[0]).toMatchObject({
      line: 3,
      column: 'Opportunity ID',
      message: 'no opportunity with the id "A-9" is here; import the opportunities first',
    });
    const fixed = (
      await upload(
        'Opportunity ID,Stage,Last Modified Date\nA-1,Prospecting,1/6/2025\nA-1,Closed Won,3/1/2025\n',
        'history.csv',
      )
    ).json<ImportUploaded>();
    await ws.acme.admin.as.post(`/api/imports/${fixed.id}/run`, { mapping: 'salesforce-history' });
    const done = await until(fixed.id, resting);
    expect(done).toMatchObject({ status: 'done', rowsDone: 2, counts: { stageChanges: 2 } });
  });

  it('a mapping with a mistake is a 422 naming it; a file that cannot be read is a 422 naming the file', async () => {
    const { id } = (await upload(`${HEADER}\n${good[0]}\n`)).json<ImportUploaded>();
    const wrong = await ws.acme.admin.as.post(`/api/imports/${id}/run`, {
      mapping: { fields: { 'opportunity.name': 'name' } },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields.mapping).toContain('fields: Map opportunity.closeDate');
    const utf16 = await upload(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]),
      'excel.csv',
    );
    expect(utf16.statusCode).toBe(422);
    expect(utf16.json().error.message).toContain('excel.csv: line 1: the file is UTF-16');
    const empty = await upload('', 'empty.csv');
    expect([400, 422]).toContain(empty.statusCode);
  });

  it('a run its server never finished shows as interrupted after half an hour, and may run again', async () => {
    const { id } = (await upload(`${HEADER}\n${good[0]}\n`)).json<ImportUploaded>();
    // what a server that stopped mid-run leaves behind
    await ctx.deps.db.updateTable('imports').set({ status: 'importing' }).where('id', '=', id).execute();
    expect((await ws.acme.admin.as.get(`/api/imports/${id}`)).json<ImportView>().status).toBe('importing');
    expect((await ws.acme.admin.as.post(`/api/imports/${id}/run`, { mapping: 'generic' })).statusCode).toBe(409);
    ctx.clock.advance(31 * 60_000);
    const stale = (await ws.acme.admin.as.get(`/api/imports/${id}`)).json<ImportView>();
    expect(stale).toMatchObject({ status: 'failed', rowsDone: 0 });
    expect(stale.errors[0]!.message).toContain('interrupted');
    expect(
      (await ws.acme.admin.as.post(`/api/imports/${id}/run`, { mapping: 'generic', dryRun: true })).statusCode,
    ).toBe(202);
    expect(await until(id, resting)).toMatchObject({ status: 'checked', errorCount: 0 });
  });
});
