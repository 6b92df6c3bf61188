import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard, TeamCoaching } from '../src/contract/scorecard.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe('a manager sees who on the team has which gap, and a seller their own scorecard', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  beforeAll(async () => {
    winsight = await startWinsight();
    api = await apiAs(winsight.url, MANAGER);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('reads the team view in the API’s order and opens a flagged seller’s scorecard', async () => {
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, MANAGER);
    await page.waitForURL(`${winsight.url}/home`);
    const team = await api.get<TeamCoaching>('/api/coaching/team');
    // the home page names who shows a gap
    const first = team.sellers.find((s) => s.flags.length > 0)!;
    await eventually(() => page.getByTestId('home-coaching').textContent()).toContain(first.name);
    await page.getByRole('link', { name: 'Coaching', exact: true }).click();
    await page.waitForURL(`${winsight.url}/coaching`);
    await eventually(() =>
      page.getByTestId('coaching-seller').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seller'))),
    ).toEqual(team.sellers.map((s) => s.id));
    const flagged = team.sellers.find((s) => s.flags.length > 0)!;
    expect(flagged).toBeDefined();
    await page.getByRole('link', { name: flagged.name }).click();
    await page.waitForURL(`${winsight.url}/coaching/sellers/${flagged.id}`);
    const card = await api.get<Scorecard>(`/api/coaching/sellers/${flagged.id}/scorecard`);
    await eventually(() => page.getByTestId('scorecard-flag').count()).toBe(card.flags.length);
    expect(await page.getByTestId('scorecard-summary').textContent()).toBe(card.summary);
    expect(await page.getByTestId('scorecard-indicator').count()).toBe(card.indicators.length);
    expect(await page.getByTestId('scorecard-flag').first().textContent()).toContain(card.flags[0]!.rootCauses[0]!.id);
    // since when the gap has stood, as the demo's nightly passes saw it
    const since = card.flags[0]!.since;
    expect(since).not.toBeNull();
    const sinceText = await page.getByTestId('flag-since').first().textContent();
    expect(sinceText).toMatch(since! < card.asOf ? /^seen since \w{3} \d{1,2}, \d{4}/ : /^first seen today/);
  });

  it('takes a seller from Coaching straight to their own scorecard', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${winsight.url}/login`);
    await submitSignIn(page, 'seller1@demo.example.com');
    await page.waitForURL(`${winsight.url}/home`);
    await page.getByRole('link', { name: 'Coaching', exact: true }).click();
    await page.waitForURL(/\/coaching\/sellers\//);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My scorecard');
  });
});
