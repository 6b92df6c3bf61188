import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../src/contract/coaching.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('an administrator adds a learning item with a quiz, and a seller reads it', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let adminApi: ApiClient;
  const title = 'Spot the economic buyer';

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    adminApi = await apiAs(winsight.url, 'admin@demo.example.com');
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('adds the item from the admin section, the right answer marked', async () => {
    await signIn(page, winsight.url, 'admin@demo.example.com');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('tab', { name: 'Learning catalog' }).click();
    await page.waitForURL(`${winsight.url}/admin/learning`);
    // the demo's starter catalog is there
    await page.getByTestId('catalog-table').getByText('Mutual action plan template').waitFor();

    await page.getByRole('button', { name: 'Add learning item' }).click();
    const form = page.getByRole('form', { name: 'Add a learning item' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form.locator('#catalog-item-type').click();
    await page.getByRole('option', { name: 'Module with quiz' }).click();
    await form.getByRole('textbox', { name: 'Summary' }).fill('Who signs, and how to tell');
    await form.locator('#catalog-item-rootCauses').click();
    await page.getByRole('option', { name: /^B4 · / }).click();
    await form.locator('#catalog-item-rootCauses').press('Escape');
    await form
      .getByRole('textbox', { name: 'Content' })
      .fill('## Read first\n\nThe **economic buyer** can say yes when others say no. <img src=x onerror=alert(1)>');
    await form.getByRole('switch', { name: 'Has a quiz' }).check({ force: true });
    await form.getByRole('textbox', { name: 'Question 1', exact: true }).fill('Who approves the spend?');
    await form.getByRole('textbox', { name: 'Choice 1 of question 1', exact: true }).fill('The evaluation lead');
    await form.getByRole('textbox', { name: 'Choice 2 of question 1', exact: true }).fill('The economic buyer');
    await form.getByRole('button', { name: 'Add a choice to question 1' }).click();
    await form.getByRole('textbox', { name: 'Choice 3 of question 1', exact: true }).fill('Procurement');
    // saving without a right answer marked is refused by the form, under the question
    await form.getByRole('button', { name: 'Add item' }).click();
    await form.getByText('Mark the right choice').waitFor();
    await form.getByRole('radio', { name: 'Choice 2 of question 1 is the right one' }).check();
    await form.getByRole('button', { name: 'Add item' }).click();
    await eventually(() => form.count()).toBe(0);

    const row = page.getByTestId('catalog-table').getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('Module with quiz');
    const stored = (await adminApi.get<{ items: CatalogItem[] }>('/api/coaching/catalog')).items.find(
      (i) => i.title === title,
    )!;
    expect(stored.rootCauses).toEqual(['B4']);
    expect(stored.quiz?.questions[0]).toEqual({
      prompt: 'Who approves the spend?',
      choices: ['The evaluation lead', 'The economic buyer', 'Procurement'],
      answerIndex: 1,
    });
  });

  it('shows the seller the item on the Learning page, its content as text, the quiz without its answer', async () => {
    // the pages of one browser share their cookies: the administrator's session ends here
    await browser.context.clearCookies();
    await signIn(page, winsight.url, 'seller1@demo.example.com');
    const catalogAnswer = page.waitForResponse((r) => r.url().includes('/api/coaching/catalog'));
    await page.getByRole('link', { name: 'Learning', exact: true }).click();
    await page.waitForURL(`${winsight.url}/learning`);
    expect(await (await catalogAnswer).text()).not.toContain('answerIndex');

    const item = page.getByTestId('learning-item').filter({ hasText: title });
    await item.getByRole('button').first().click();
    await item.getByText('Who approves the spend?').waitFor();
    const text = await item.textContent();
    expect(text).toContain('Module with quiz');
    expect(text).toContain('B4');
    expect(text).toContain('The economic buyer');
    expect(text).toContain('pass mark 80%');
    // what looked like a tag is shown as the words it is, never run
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(await item.locator('img').count()).toBe(0);
    expect(await item.locator('strong').filter({ hasText: 'economic buyer' }).count()).toBe(1);

    // narrowed to another root cause, the item is not offered
    await page.locator('input[placeholder="All root causes"]').click();
    await page.getByRole('option', { name: /^C6 · / }).click();
    await eventually(() => page.getByTestId('learning-item').filter({ hasText: title }).count()).toBe(0);
    await page.getByText('Quarter goal and accountability plan').waitFor();
  });
});
