import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopReview } from '../src/contract/reviews.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';

describe('a manager runs the pipeline meeting from the review', { timeout: 90_000 }, () => {
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

  it("reads the team's top deals, each answering the five questions, in the API's order", async () => {
    // signing in, a manager lands on their home: the quarter, the deals that need them, what moved
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, MANAGER);
    await page.waitForURL(`${winsight.url}/home`);
    const risky = await api.get<TopReview>('/api/reviews/top?rank=risk&limit=6');
    await eventually(() => page.getByTestId('home-attention-row').count()).toBe(risky.items.length);
    expect(await page.getByTestId('home-attention-row').first().textContent()).toContain(
      risky.items[0]!.opportunity.name,
    );
    const mine = await api.get<{ items: Array<{ text: string }> }>('/api/actions/mine');
    // what last week's review agreed for the manager
    expect(mine.items.length).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('home-actions').textContent()).toContain(mine.items[0]!.text);
    await eventually(() => page.getByTestId('home-quarter').textContent()).toContain('Won to date');
    await eventually(() => page.getByTestId('home-moved').textContent()).toContain('since the review of');
    await page.getByRole('link', { name: /Run the review/ }).click();
    await page.waitForURL(`${winsight.url}/review`);
    const review = await api.get<TopReview>('/api/reviews/top');
    await eventually(() => page.getByTestId('review-row').count()).toBe(review.items.length);
    const shown = await page
      .getByTestId('review-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-opportunity')));
    expect(shown).toEqual(review.items.map((i) => i.opportunity.id));
    const first = page.getByTestId('review-row').first();
    for (const answer of ['answer-likely', 'answer-evaluators', 'answer-alternatives', 'answer-criteria'])
      expect(await first.getByTestId(answer).isVisible()).toBe(true);
    expect(await first.getByTestId('answer-likely').textContent()).toContain(
      `${Math.round(review.items[0]!.winProbability * 100)} %`,
    );
    const named = review.items.find((i) => i.evaluators.length > 0)!;
    const row = page.locator(`[data-testid="review-row"][data-opportunity="${named.opportunity.id}"]`);
    expect(await row.getByTestId('answer-evaluators').textContent()).toContain(named.evaluators[0]!.name);
    expect(await page.getByTestId('review-summary').textContent()).toContain(`${review.openDeals} open deals`);
  });

  it('ranks by risk for this quarter, the choice kept in the address, and exports it', async () => {
    await page.getByTestId('review-rank').click();
    await page.getByRole('option', { name: 'Most at risk' }).click();
    await page.waitForURL(/rank=risk/);
    await page.getByTestId('review-period').click();
    await page.getByRole('option', { name: /^Next quarter/ }).click();
    await page.waitForURL(/period=\d{4}-Q\d/);
    const period = new URL(page.url()).searchParams.get('period')!;
    const review = await api.get<TopReview>(`/api/reviews/top?rank=risk&period=${period}`);
    await eventually(async () =>
      (await page.getByTestId('review-row').count()) === 0
        ? 'none'
        : await page.getByTestId('review-row').first().getAttribute('data-opportunity'),
    ).toBe(review.items[0]?.opportunity.id ?? 'none');
    // the address changes before the page re-renders with it: the links must carry the period first
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    await eventually(() => exportLink.getAttribute('href')).toContain(`period=${period}`);
    await eventually(() => page.getByRole('link', { name: 'Print (PDF)' }).getAttribute('href')).toContain(
      `period=${period}`,
    );
    const download = page.waitForEvent('download');
    await exportLink.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`pipeline-review-${period}.csv`);
    const printed = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Print (PDF)' }).click();
    expect((await printed).suggestedFilename()).toBe(`pipeline-review-${period}.pdf`);
  });

  it('agrees an action for the seller on a row, and finds it on the deal', async () => {
    await page.goto(`${winsight.url}/review`);
    const first = page.getByTestId('review-row').first();
    await first.waitFor();
    const id = await first.getAttribute('data-opportunity');
    await first.getByRole('button', { name: 'Agree an action' }).click();
    await first.getByLabel('Action').fill('Book the economic buyer meeting');
    await first.getByRole('button', { name: 'Save' }).click();
    await eventually(() => first.getByTestId('agreed-action').allTextContents()).toEqual([
      expect.stringContaining('Book the economic buyer meeting'),
    ]);
    await first.getByRole('link').first().click();
    await page.waitForURL(`${winsight.url}/opportunities/${id}`);
    await eventually(() => page.getByTestId('deal-actions').textContent()).toContain('Book the economic buyer meeting');
  });

  it('marks a deal to discuss, sees what changed since the last review, and records this one held', async () => {
    await page.goto(`${winsight.url}/review`);
    const panel = page.getByTestId('since-last-review');
    await eventually(() => panel.getByTestId('since-baseline').textContent()).toMatch(/^Held .* by /);
    const lastWeek = await panel.getByTestId('since-baseline').textContent();
    const first = page.getByTestId('review-row').first();
    const id = (await first.getAttribute('data-opportunity'))!;
    const name = await first.getByRole('link').first().textContent();
    await first.getByRole('button', { name: /^Mark .* to discuss$/ }).click();
    await page.getByTestId('mark-topic').click();
    await page.getByRole('option', { name: 'Who decides' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('Who signs above the CFO?');
    await page.keyboard.press('Enter');
    await eventually(() => first.getByTestId('review-marks').textContent()).toContain(
      'Who decides — “Who signs above the CFO?”',
    );
    await eventually(() => panel.getByTestId('since-discuss').textContent()).toContain(name!);
    const marks = await api.get<{ items: Array<{ topic: string; note: string }> }>(`/api/opportunities/${id}/marks`);
    expect(marks.items).toContainEqual(
      expect.objectContaining({ topic: 'evaluators', note: 'Who signs above the CFO?' }),
    );

    await panel.getByRole('button', { name: 'Record review held' }).click();
    await page.getByRole('button', { name: 'Record it' }).click();
    await eventually(() => page.getByText('Review recorded').count()).toBe(1);
    // the review just held is the one the page now compares with, and it took the marks up
    await eventually(async () => (await panel.getByTestId('since-baseline').textContent()) !== lastWeek).toBe(true);
    // the panel and the rows are two requests, refreshed together but answered one after the other
    await eventually(() => panel.getByTestId('since-discuss').count()).toBe(0);
    await eventually(() => first.getByTestId('review-marks').count()).toBe(0);
    expect((await api.get<{ items: unknown[] }>(`/api/opportunities/${id}/marks`)).items).toEqual([]);
  });
});
