import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { OpportunityList } from '../src/contract/opportunities.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WinLoss, WinLossDeal } from '../src/contract/win-loss.ts';
import type { User } from '../src/contract/users.ts';
import { previousPeriod, quarterOf } from '../src/domain/periods.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn, submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe(
  'a manager looks back on last quarter, and a seller says what they would do differently',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let api: ApiClient;
    let review: WinLoss;
    let lostDeal: WinLossDeal;

    beforeAll(async () => {
      winsight = await startWinsight();
      api = await apiAs(winsight.url, MANAGER);
      // the page's "last quarter", as the browser (UTC) reckons it
      const lastQuarter = previousPeriod(quarterOf(new Date().toISOString().slice(0, 10))).key;
      review = await api.get<WinLoss>(`/api/reviews/win-loss?period=${lastQuarter}`);
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    it("opens last quarter's win/loss and sees what the losses had in common", async () => {
      await signIn(page, winsight.url, MANAGER);
      await page.getByRole('link', { name: 'Win/loss' }).click();
      await page.waitForURL(`${winsight.url}/win-loss`);
      const summary = page.getByTestId('win-loss-summary');
      await eventually(() => summary.textContent()).toContain(`${review.summary.deals} closed`);
      expect(await summary.textContent()).toContain(
        `${review.summary.won} won · ${review.summary.lost} lost · ${review.summary.noDecision} no decision`,
      );
      // the demo's last full quarter has losses, and what was unknown before them
      expect(review.summary.lost).toBeGreaterThan(0);
      const top = review.summary.unknowns[0]!;
      const common = page.getByTestId('loss-unknowns');
      expect(await common.getByTestId('top-unknown').textContent()).toContain(top.label);
      expect(await common.getByTestId('top-unknown').textContent()).toContain(
        `${top.lost} of ${review.summary.lost} lost deals`,
      );
      expect(await common.getByTestId('unknowns-chart').getAttribute('aria-label')).toContain(
        `${top.label}: ${Math.round(top.lostShare! * 100)} % of lost`,
      );
      // each lesson counted, each deal shown with its own
      for (const [kind, count] of Object.entries(review.summary.lessons))
        expect(await page.locator(`[data-testid="lesson-counts"] [data-lesson="${kind}"]`).textContent()).toContain(
          String(count),
        );
      await eventually(() => page.getByTestId('win-loss-deal').count()).toBe(review.deals.length);
      const taught = review.deals.find((d) => d.outcome === 'lost' && d.lessons.length > 0)!;
      const card = page.locator(`[data-testid="win-loss-deal"][data-opportunity="${taught.opportunity.id}"]`);
      expect(await card.getByTestId('lessons').textContent()).toContain(taught.lessons[0]!.findings[0]!.text);
    });

    it('narrows the deals to the lost ones, in the order of their close', async () => {
      const lost = review.deals.filter((d) => d.outcome === 'lost');
      // each list says how many deals it holds
      await page.getByTestId('deal-filter').getByText(`Lost (${lost.length})`, { exact: true }).click();
      await eventually(() => page.getByTestId('win-loss-deal').count()).toBe(lost.length);
      const shown = await page
        .getByTestId('win-loss-deal')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-opportunity')));
      expect(shown).toEqual(lost.map((d) => d.opportunity.id));
    });

    it('downloads the deals listed as a spreadsheet, one row per deal', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Export CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`win-loss-${review.period.key}.csv`);
      const lines = readFileSync((await file.path())!, 'utf8')
        .trim()
        .split('\n');
      expect(lines[0]).toContain('Opportunity,Account,Owner,Outcome,Closed on,Value (reporting currency)');
      // a retrospective may hold line breaks: count the deals by their ids instead of the lines
      for (const d of review.deals)
        expect(lines.some((line) => line.includes(d.opportunity.id))).toBe(d.outcome === 'lost');
    });

    it('lists a long period’s deals fifty at a time, and shows more on asking', async () => {
      // the demo's busiest year for this team: more deals than one page holds
      const today = new Date().toISOString().slice(0, 10);
      const years = [String(Number(today.slice(0, 4)) - 1), today.slice(0, 4)];
      const reviews = await Promise.all(years.map((y) => api.get<WinLoss>(`/api/reviews/win-loss?period=${y}`)));
      const year = reviews.reduce((a, b) => (b.dealsShown.total > a.dealsShown.total ? b : a));
      expect(year.dealsShown.total).toBeGreaterThan(50);
      await page.goto(`${winsight.url}/win-loss?period=${year.period.key}`);
      await eventually(() => page.getByTestId('win-loss-deal').count()).toBe(50);
      const more = page.getByTestId('deals-more');
      expect(await more.textContent()).toContain(`50 of ${year.dealsShown.total} deals listed`);
      await more.getByRole('button', { name: /^Show \d+ more$/ }).click();
      await eventually(() => page.getByTestId('win-loss-deal').count()).toBe(Math.min(100, year.dealsShown.total));
      const shown = await page
        .getByTestId('win-loss-deal')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-opportunity')));
      const whole = await api.get<WinLoss>(`/api/reviews/win-loss?period=${year.period.key}&limit=100`);
      expect(shown).toEqual(whole.deals.map((d) => d.opportunity.id));
    });

    it('sorts the opportunities by their amount in the reporting currency, the original beside it', async () => {
      const list = await api.get<OpportunityList>('/api/opportunities?status=open&sort=-amount&limit=50');
      await page.goto(`${winsight.url}/opportunities?sort=-amount`);
      const rows = page.getByTestId('opportunity-table').locator('tbody tr');
      const idsShown = () =>
        rows.evaluateAll((trs) =>
          trs.map((tr) => tr.querySelector('a[href^="/opportunities/"]')?.getAttribute('href')?.split('/').pop()),
        );
      await eventually(async () => (await idsShown()).slice(0, 10)).toEqual(list.items.slice(0, 10).map((o) => o.id));
      const values = list.items.map((o) => o.value!.amountMinor);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      const foreign = list.items.findIndex((o) => o.currency !== list.reportingCurrency);
      expect(foreign).toBeGreaterThanOrEqual(0);
      expect(await rows.nth(foreign).getByTestId('amount-cell').textContent()).toContain(' · ');
    });

    it('lets the owner of a lost deal add a retrospective from the keyboard, which the manager then reads', async () => {
      const { items: people } = await api.get<{ items: User[] }>('/api/users');
      lostDeal = review.deals.find((d) => d.outcome === 'lost' && d.retrospective === null)!;
      const owner = people.find((u) => u.id === lostDeal.opportunity.ownerId)!;
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(`${winsight.url}/login`);
      await submitSignIn(page, owner.email);
      // a seller lands on their home
      await page.waitForURL(`${winsight.url}/home`);
      await page.goto(`${winsight.url}/win-loss?show=lost`);
      const card = page.locator(`[data-testid="win-loss-deal"][data-opportunity="${lostDeal.opportunity.id}"]`);
      await card.getByRole('button', { name: 'Add your retrospective' }).click();
      const words = 'We learned who really decided a month too late. Next time: map the buying group in week one.';
      const box = card.getByRole('textbox', { name: 'Retrospective' });
      await eventually(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(words);
      await page.keyboard.press('Control+Enter');
      await eventually(() => card.getByTestId('retrospective-text').textContent()).toBe(words);
      // the focus is back on the button that edits it
      await eventually(() =>
        page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent),
      ).toContain('Edit');

      const read = await api.get<WinLoss>(`/api/reviews/win-loss?period=${review.period.key}`);
      expect(read.deals.find((d) => d.opportunity.id === lostDeal.opportunity.id)!.retrospective).toMatchObject({
        text: words,
        version: 1,
        updatedBy: owner.id,
      });
    });

    it('keeps what the owner wrote when the manager edits, and Escape leaves it as it was', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(`${winsight.url}/login`);
      await submitSignIn(page, MANAGER);
      await page.waitForURL(`${winsight.url}/home`);
      await page.goto(`${winsight.url}/win-loss?show=lost`);
      const card = page.locator(`[data-testid="win-loss-deal"][data-opportunity="${lostDeal.opportunity.id}"]`);
      await eventually(() => card.getByTestId('retrospective-text').textContent()).toContain('map the buying group');
      await card.getByRole('button', { name: 'Edit the retrospective' }).click();
      await card.getByRole('textbox', { name: 'Retrospective' }).waitFor();
      await page.keyboard.type(' Agreed.');
      await page.keyboard.press('Escape');
      await card.getByRole('textbox', { name: 'Retrospective' }).waitFor({ state: 'detached' });
      expect(await card.getByTestId('retrospective-text').textContent()).not.toContain('Agreed');
    });
  },
);
