import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, openOpportunityOf, userByEmail } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { submitSignIn, waitForOpportunityRows } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('a seller sees only their own deals', { timeout: 60_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let otherTeamsDeal: Opportunity;
  let sellerName: string;
  let ownTotal: number;

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    const admin = await apiAs(winsight.url, 'admin@demo.example.com');
    // seller6 reports to manager2: not seller1's team
    otherTeamsDeal = await openOpportunityOf(admin, (await userByEmail(admin, 'seller6@demo.example.com')).id);
    const seller = await userByEmail(admin, 'seller1@demo.example.com');
    sellerName = seller.name;
    // the list opens on the open deals
    ownTotal = (await admin.get<{ total: number }>(`/api/opportunities?owner=${seller.id}&status=open&limit=1`)).total;
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('asks a signed-out visitor to sign in, then takes them where they were going', async () => {
    await page.goto(`${winsight.url}/opportunities/${otherTeamsDeal.id}`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/opportunities/${otherTeamsDeal.id}`);
    await page.getByTestId('demo-note').getByText('winsight-demo').waitFor();

    await submitSignIn(page, 'seller1@demo.example.com', 'not-the-password');
    await page.getByRole('alert').getByText('That email and password do not match an active account').waitFor();

    await submitSignIn(page, 'seller1@demo.example.com');
    await page.waitForURL(`${winsight.url}/opportunities/${otherTeamsDeal.id}`);
  });

  it("shows another team's deal as not found", async () => {
    await page.getByRole('heading', { name: 'Opportunity not found' }).waitFor();
    expect(await page.getByText(otherTeamsDeal.name).count()).toBe(0);
  });

  it('lists only their own open deals first, with the total the API gives for them, and every status on request', async () => {
    await page.getByRole('link', { name: 'Back to opportunities' }).click();
    const rows = await waitForOpportunityRows(page);
    const owners = await rows.getByTestId('owner-cell').allTextContents();
    expect(owners.length).toBe(Math.min(25, ownTotal));
    expect(new Set(owners)).toEqual(new Set([sellerName]));
    await page.getByText(`of ${ownTotal} opportunities`, { exact: false }).waitFor();
    expect(new Set(await rows.getByTestId('status-cell').allTextContents())).toEqual(new Set(['Open']));
    // nobody else's deals to filter by
    expect(await page.getByRole('textbox', { name: 'Owner' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
  });

  it('downloads the deals the list shows, filtered the same way, as a spreadsheet', async () => {
    await page.goto(`${winsight.url}/opportunities?status=open&sort=name`);
    await waitForOpportunityRows(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^winsight-opportunities-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(await readFile(await download.path()), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    const admin = await apiAs(winsight.url, 'admin@demo.example.com');
    const seller = await userByEmail(admin, 'seller1@demo.example.com');
    const open = await admin.get<{ items: Opportunity[]; total: number }>(
      `/api/opportunities?owner=${seller.id}&status=open&sort=name&limit=200`,
    );
    expect(rows.map((r) => r.Id)).toEqual(open.items.map((o) => o.id));
    expect(new Set(rows.map((r) => r.Owner))).toEqual(new Set([sellerName]));
    expect(new Set(rows.map((r) => r.Status))).toEqual(new Set(['Open']));
  });

  it('turns the administration away with a friendly explanation', async () => {
    await page.goto(`${winsight.url}/admin/users`);
    await page.getByTestId('not-allowed').getByText('This area is for administrators').waitFor();
  });
});
