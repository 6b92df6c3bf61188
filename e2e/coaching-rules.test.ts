import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapRules } from '../src/contract/gap-rules.ts';
import type { Scorecard, TeamCoaching } from '../src/contract/scorecard.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('an administrator tunes a gap rule from the admin section', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let adminApi: ApiClient;

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser({ width: 1500 });
    page = await browser.newPage();
    adminApi = await apiAs(winsight.url, 'admin@demo.example.com');
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('refuses a threshold its indicator cannot reach at the field, saves a sensible one, and resets', async () => {
    await signIn(page, winsight.url, 'admin@demo.example.com');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('tab', { name: 'Coaching rules' }).click();
    await page.waitForURL(`${winsight.url}/admin/coaching-rules`);
    const panel = page.getByTestId('gap-rules-panel');
    await panel.getByText('These are the defaults.').waitFor();
    // GAP-02, the second row: economic buyer reached against the team's usual
    await eventually(() => panel.getByTestId('gap-rule-sentence-1').textContent()).toBe(
      'Flag when economic buyer reached is 20 points below the team’s usual, for a second period, with at least 3 open deals',
    );

    // a rule added takes the focus, said in words at once; removed, it is gone
    await panel.getByRole('button', { name: 'Add a rule' }).click();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('gap-rules-rules.12.indicator');
    await eventually(() => panel.getByTestId('gap-rule-sentence-12').textContent()).toBe(
      'Flag when knowledge coverage is 10 points below the team’s usual, for a second period, with at least 3 open deals',
    );
    await panel.getByRole('button', { name: 'Remove GAP-13' }).click();
    await eventually(() => panel.getByTestId('gap-rule-sentence-12').count()).toBe(0);

    const threshold = panel.getByRole('textbox', { name: 'Threshold of GAP-02' });
    await threshold.fill('1.5');
    await panel.getByRole('button', { name: 'Save rules' }).click();
    await panel.getByText(/^At most 1 for economic buyer reached/).waitFor();
    // the focus goes to the field at fault, to type the right number at once
    await eventually(() => threshold.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await adminApi.get<GapRules>('/api/coaching/gap-rules')).isDefault).toBe(true);

    await threshold.fill('0.35');
    await eventually(() => panel.getByTestId('gap-rule-sentence-1').textContent()).toBe(
      'Flag when economic buyer reached is 35 points below the team’s usual, for a second period, with at least 3 open deals',
    );
    await panel.getByRole('button', { name: 'Save rules' }).click();
    await panel.getByText(/Saved by /).waitFor();
    const saved = await adminApi.get<GapRules>('/api/coaching/gap-rules');
    expect(saved).toMatchObject({ isDefault: false, version: 1 });
    expect(saved.rules.find((r) => r.id === 'GAP-02')!.threshold).toBe(0.35);

    await panel.getByRole('button', { name: 'Reset to defaults' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset to defaults' }).click();
    await panel.getByText('These are the defaults.').waitFor();
    const reset = await adminApi.get<GapRules>('/api/coaching/gap-rules');
    expect(reset).toMatchObject({ isDefault: true, version: 2 });
    expect(reset.rules.find((r) => r.id === 'GAP-02')!.threshold).toBe(0.2);
  });

  it('says on a scorecard the rule behind each flag', async () => {
    const team = await adminApi.get<TeamCoaching>('/api/coaching/team');
    const flagged = team.sellers.find((s) => s.flags.some((f) => f.rule !== 'ZONE'))!;
    expect(flagged).toBeDefined();
    const rules = await adminApi.get<GapRules>('/api/coaching/gap-rules');
    await page.goto(`${winsight.url}/coaching/sellers/${flagged.id}`);
    const card = await adminApi.get<Scorecard>(`/api/coaching/sellers/${flagged.id}/scorecard`);
    await eventually(() => page.getByTestId('flag-rule').count()).toBe(card.flags.length);
    const words = card.flags.map((f) =>
      f.rule === 'ZONE'
        ? `The rule: ${rules.recurrence.text}`
        : `${f.rule}: ${rules.rules.find((r) => r.id === f.rule)!.text}`,
    );
    expect(await page.getByTestId('flag-rule').allTextContents()).toEqual(words);
  });
});
