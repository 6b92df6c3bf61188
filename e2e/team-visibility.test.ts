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
    ownTotal = (await admin.get<{ total: number }>(`/api/opportunities?owner=${seller.id}&limit=1`)).total;
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
    await page.getByRole('alert').getByText('That email and password do not match an account').waitFor();

    await submitSignIn(page, 'seller1@demo.example.com');
    await page.waitForURL(`${winsight.url}/opportunities/${otherTeamsDeal.id}`);
  });

  it("shows another team's deal as not found", async () => {
    await page.getByRole('heading', { name: 'Opportunity not found' }).waitFor();
    expect(await page.getByText(otherTeamsDeal.name).count()).toBe(0);
  });

  it('lists only their own deals, with the total the API gives for them', async () => {
    await page.getByRole('link', { name: 'Back to opportunities' }).click();
    const rows = await waitForOpportunityRows(page);
    const owners = await rows.getByTestId('owner-cell').allTextContents();
    expect(owners.length).toBe(Math.min(25, ownTotal));
    expect(new Set(owners)).toEqual(new Set([sellerName]));
    await page.getByText(`of ${ownTotal} opportunities`, { exact: false }).waitFor();
    // nobody else's deals to filter by
    expect(await page.getByRole('textbox', { name: 'Owner' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  });

  it('turns the administration away with a friendly explanation', async () => {
    await page.goto(`${winsight.url}/admin/users`);
    await page.getByTestId('not-allowed').getByText('This area is for administrators').waitFor();
  });
});
