import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, openOpportunityOf, userByEmail, type ApiClient } from './support/api.ts';
import { eventually } from './support/eventually.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('saving over someone else’s newer change', { timeout: 60_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let colleague: ApiClient;
  let deal: Opportunity;
  const theirName = 'Renamed while you were editing';

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    colleague = await apiAs(winsight.url, 'admin@demo.example.com');
    deal = await openOpportunityOf(colleague, (await userByEmail(colleague, 'seller3@demo.example.com')).id);
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('keeps my edit and explains the conflict instead of overwriting', async () => {
    await signIn(page, winsight.url, 'manager1@demo.example.com');
    await page.goto(`${winsight.url}/opportunities/${deal.id}`);
    await page.getByRole('heading', { name: deal.name }).waitFor();
    await page.getByRole('tab', { name: 'Details' }).click();

    // someone else saves first, from another tab or an integration
    await colleague.patch(`/api/opportunities/${deal.id}`, { name: theirName, version: deal.version });

    await page.getByRole('textbox', { name: "Seller's own probability" }).fill('65');
    await page.getByRole('button', { name: 'Save changes' }).click();

    const notice = page.getByTestId('conflict-notice');
    await notice.getByText('Someone else changed this opportunity').waitFor();
    await eventually(() => notice.getByTestId('theirs-name').textContent()).toBe(theirName);
    await eventually(() => notice.textContent()).toContain('Jonas Murphy saved a newer version');
    // nothing of mine was written
    const now = await colleague.get<Opportunity>(`/api/opportunities/${deal.id}`);
    expect(now.sellerProbability).toBe(deal.sellerProbability);
  });

  it('re-applies my change on top of theirs, keeping both', async () => {
    await page.getByRole('button', { name: 'Re-apply my changes on their version' }).click();
    await eventually(() => page.getByTestId('conflict-notice').count()).toBe(0);
    await eventually(() => page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(theirName);
    await eventually(() => page.getByRole('textbox', { name: "Seller's own probability" }).inputValue()).toBe('65%');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved.').waitFor();

    const saved = await colleague.get<Opportunity>(`/api/opportunities/${deal.id}`);
    expect(saved.name).toBe(theirName);
    expect(saved.sellerProbability).toBe(65);
    expect(saved.version).toBe(deal.version + 2);
  });

  it('can also drop my edit and take their version', async () => {
    const before = await colleague.get<Opportunity>(`/api/opportunities/${deal.id}`);
    // between categories a seller may set alone (commit may need a manager's override)
    const [theirCategory, label] =
      before.forecastCategory === 'best_case' ? ['pipeline', 'Pipeline'] : ['best_case', 'Best case'];
    await colleague.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: theirCategory,
      version: before.version,
    });
    await page.getByRole('textbox', { name: 'Name' }).fill(`${theirName} (mine)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('conflict-notice').waitFor();
    await page.getByRole('button', { name: 'Discard mine and load their version' }).click();
    await eventually(() => page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(theirName);
    await eventually(() => page.locator('#opportunity-forecastCategory').inputValue()).toBe(label);
    await page.getByText('All changes saved.').waitFor();
  });
});
