import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

// the mapping's suggestions fill the columns once the file's header is read and the ready mappings
// are matched against it: a value is read again until it settles
const PATIENTLY = { timeout: 10_000 };

describe('an administrator imports deals from another CRM', { timeout: 120_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const HEADER = 'id,name,account,amount,close_date,created_date,status,owner';
  const ROW_1 = 'E2E-1,Imported renewal,Imported Holdings,1200,2025-03-01,2025-01-05,won,Imported Ivy';

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    dir = mkdtempSync(join(tmpdir(), 'winsight-e2e-import-'));
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function uploadFile(name: string, lines: string[]) {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText(`${name}: the first rows as they will be read`).waitFor();
  }

  it('uploads, sees the rows as read, checks and finds the bad date by line and column', async () => {
    await signIn(page, winsight.url, 'admin@demo.example.com');
    await page.goto(`${winsight.url}/admin/import`);
    await page.getByRole('tab', { name: 'Import' }).waitFor();
    await uploadFile('crm-export.csv', [
      HEADER,
      ROW_1,
      'E2E-2,Imported pilot,Imported Holdings,800,2025-31-12,2025-02-01,lost,Imported Ivy',
    ]);
    expect(await page.getByTestId('import-preview').getByText('Imported renewal').count()).toBe(1);
    await expect.poll(() => page.locator('#map-opportunity\\.closeDate').inputValue(), PATIENTLY).toBe('close_date');
    await page.getByRole('button', { name: 'Check the file' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const row = errors.getByRole('row').nth(1);
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('3');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('close_date');
    expect(await row.getByRole('cell').nth(2).textContent()).toContain('"2025-31-12" is not a date');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
  });

  it('uploads the fixed file, checks it, imports it and sees the summary with a link to the deals', async () => {
    await uploadFile('crm-export-fixed.csv', [
      HEADER,
      ROW_1,
      'E2E-2,Imported pilot,Imported Holdings,800,2025-12-31,2025-02-01,lost,Imported Ivy',
    ]);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Every row reads: ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByTestId('import-summary');
    await summary.getByText(/Imported 2 opportunities \(0 open, 1 won, 1 lost, 0 no decision\)/).waitFor();
    await summary.getByRole('link', { name: 'See the opportunities' }).click();
    await page.waitForURL(`${winsight.url}/opportunities`);
  });

  it("then a contact-roles report: its ready mapping is chosen from the header, the people join the deals' buying groups", async () => {
    await page.goto(`${winsight.url}/admin/import`);
    await page.getByRole('tab', { name: 'Import' }).waitFor();
    await uploadFile('contact-roles.csv', [
      'Opportunity ID,Opportunity Name,Contact ID,First Name,Last Name,Title,Email,Role,Is Primary',
      'E2E-1,Imported renewal,003E2E1,Rosa,Imported,CFO,rosa@imported.example,Economic Buyer,1',
      'E2E-2,Imported pilot,003E2E1,Rosa,Imported,CFO,rosa@imported.example,Evaluator,0',
    ]);
    await expect
      .poll(() => page.locator('#import-base').inputValue(), PATIENTLY)
      .toBe('Salesforce opportunity contact roles');
    await expect
      .poll(() => page.locator('#map-contact\\.name').inputValue(), PATIENTLY)
      .toBe('{First Name} {Last Name}');
    expect(await page.locator('#map-opportunity\\.closeDate').count()).toBe(0);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Every row reads: ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-summary').getByText("Imported 2 people in deals' buying groups").waitFor();
  });
});
