import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const ADMIN = 'admin@demo.example.com';

// An administrator takes everything the organization owns with them: the whole document, or one
// table as CSV, downloaded from Admin › Export.
describe('an administrator exports the organization', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('downloads the whole document and a table as CSV', async () => {
    const page = await browser.newPage();
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/export`);
    const table = page.getByRole('table', { name: 'Tables to export' });
    const deals = table.getByRole('row').filter({ hasText: /^Opportunities/ });
    await eventually(() => deals.count()).toBe(1);
    expect(await deals.textContent()).toContain(String(winsight.demo.counts.opportunities));

    const [documentDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-document').click(),
    ]);
    expect(documentDownload.suggestedFilename()).toMatch(/^winsight-export-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(await readFile((await documentDownload.path())!, 'utf8'));
    expect(document).toMatchObject({ format: 'winsight-organization', organization: { id: winsight.demo.orgId } });
    expect(document.tables.opportunities).toHaveLength(winsight.demo.counts.opportunities);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Opportunities as CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^winsight-opportunities-.*\.csv$/);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('amount_minor');
    await page.close();
  });
});
