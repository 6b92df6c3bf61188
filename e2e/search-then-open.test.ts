import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn, waitForOpportunityRows } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('typing a search and clicking a row before the search runs', { timeout: 60_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let releasePageCode: () => void = () => {};

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    // The opportunity page's code arrives only when the test says so, as on a slow network: until
    // then the list stays on screen with its search timer still running.
    const released = new Promise<void>((resolve) => {
      releasePageCode = resolve;
    });
    await page.route('**/assets/OpportunityPage-*.js', async (route) => {
      await released;
      await route.continue();
    });
  });

  afterAll(async () => {
    releasePageCode();
    await browser?.close();
    await winsight?.close();
  });

  it('opens the row clicked and stays there when the pending search fires', async () => {
    await signIn(page, winsight.url, 'manager1@demo.example.com');
    const rows = await waitForOpportunityRows(page);
    const link = rows.nth(2).getByRole('link').first();
    const href = (await link.getAttribute('href'))!;

    await page.getByRole('searchbox', { name: 'Search opportunities' }).fill('zz');
    await link.click();
    await page.waitForURL(`${winsight.url}${href}`);
    // well past the search's pause, while the page's code is still on its way
    await page.waitForTimeout(800);
    expect(new URL(page.url()).pathname).toBe(href);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    releasePageCode();
    await page.getByRole('tab', { name: 'Assessment' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(href);

    // back on the list, the search box and the address agree again
    await page.goBack();
    await eventually(() => new URL(page.url()).pathname).toBe('/opportunities');
  });

  it('on a tablet, shows that the list scrolls sideways instead of clipping it', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${winsight.url}/opportunities`);
    await waitForOpportunityRows(page);
    const scroller = page.locator('.mantine-ScrollArea-root', { has: page.getByTestId('opportunity-table') });
    const sideways = scroller.locator('.mantine-ScrollArea-scrollbar[data-orientation="horizontal"]');
    await eventually(() => sideways.isVisible()).toBe(true);
  });
});
