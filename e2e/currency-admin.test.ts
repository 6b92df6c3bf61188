import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrencySettings } from '../src/contract/currency.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { signIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('an administrator keeps the exchange rates', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const currency = () => api.get<CurrencySettings>('/api/currency');
  const chfRates = async () =>
    (await currency()).rates.filter((r) => r.currency === 'CHF').map((r) => [r.validFrom, r.rate]);

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    api = await apiAs(winsight.url, 'admin@demo.example.com');
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('opens on the demo: USD, its monthly rates, nothing missing', async () => {
    await signIn(page, winsight.url, 'admin@demo.example.com');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL(`${winsight.url}/admin/users`);
    await page.getByRole('tab', { name: 'Currency' }).click();
    await page.waitForURL(`${winsight.url}/admin/currency`);
    await eventually(() => page.locator('#reporting-currency').inputValue()).toBe('USD');
    await page
      .getByTestId('rates-table')
      .getByText(/^1 EUR = [\d.]+ USD$/)
      .first()
      .waitFor();
    expect(await page.getByTestId('missing-rates').count()).toBe(0);
  });

  it('adds a rate from the keyboard', async () => {
    const form = page.getByRole('form', { name: 'Add a rate' });
    await form.locator('#new-rate-currency').focus();
    await page.keyboard.type('CHF');
    // the typed text alone fills the box: wait for the filtered option to be the highlighted one,
    // pick it with Enter, and see the list close on the choice before moving on (a blur with
    // nothing chosen clears the box)
    const option = page.getByRole('option', { name: 'CHF', exact: true });
    await option.and(page.locator('[data-combobox-selected="true"]')).waitFor();
    await page.keyboard.press('Enter');
    await option.waitFor({ state: 'hidden' });
    await page.keyboard.press('Tab');
    expect(await form.locator('#new-rate-currency').inputValue()).toBe('CHF');
    await form.locator('#new-rate-validFrom').fill('2026-01-01');
    await form.locator('#new-rate-rate').fill('1.1200');
    await form.locator('#new-rate-rate').press('Enter');

    await eventually(chfRates).toEqual([['2026-01-01', '1.12']]);
    // in the table (the notification that confirms it says the same words)
    await page.getByTestId('rates-table').getByText('1 CHF = 1.12 USD').waitFor();
    // ready for the next one: the rate is cleared, the day has the focus
    expect(await form.locator('#new-rate-rate').inputValue()).toBe('');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('new-rate-validFrom');
  });

  it('imports a file with one bad line: names the line and its column, and keeps nothing', async () => {
    const form = page.getByRole('form', { name: 'Import rates' });
    await form.locator('input[type="file"]').setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('currency,valid_from,rate\nCHF,2026-02-01,1.13\nEUX,2026-03-01,1.1\nCHF,2026-04-01,1.14\n'),
    });
    await form.getByRole('button', { name: 'Import' }).click();

    const problems = page.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    const rows = problems.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('td').allTextContents()).toEqual(['3', 'currency', 'Unknown currency code EUX']);
    expect(await chfRates()).toEqual([['2026-01-01', '1.12']]);

    // fixed, the same file goes in whole
    await form.locator('input[type="file"]').setInputFiles({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('currency,valid_from,rate\nCHF,2026-02-01,1.13\nEUR,2026-03-15,1.1\nCHF,2026-04-01,1.14\n'),
    });
    await form.getByRole('button', { name: 'Import' }).click();
    await eventually(() => page.getByTestId('import-result').textContent()).toBe('3 added, 0 replaced.');
    expect(await problems.count()).toBe(0);
    await eventually(chfRates).toEqual([
      ['2026-04-01', '1.14'],
      ['2026-02-01', '1.13'],
      ['2026-01-01', '1.12'],
    ]);
  });

  it('warns of a currency in use that has no rate today', async () => {
    const [account] = (await api.get<{ items: Array<{ id: string }> }>('/api/accounts?limit=1')).items;
    await api.post('/api/opportunities', {
      name: 'Oslo expansion',
      accountId: account!.id,
      amountMinor: 25_000_000,
      currency: 'NOK',
      expectedCloseDate: '2027-06-30',
    });
    await page.reload();
    const warning = page.getByTestId('missing-rates');
    await eventually(() => warning.textContent()).toContain('No rate today for NOK (1 open deal)');
  });
});
