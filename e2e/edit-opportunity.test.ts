import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../src/contract/opportunities.ts';
import { apiAs, openOpportunityOf, userByEmail, type ApiClient } from './support/api.ts';
import { eventually } from './support/eventually.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn, waitForOpportunityRows } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

/** How the app writes US dollars: cents only when there are some. */
const usd = (minor: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: minor % 100 === 0 ? 0 : 2,
  }).format(minor / 100);

describe('a manager finds a deal, changes its amount and sees the change in its history', { timeout: 60_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let target: Opportunity;

  beforeAll(async () => {
    winsight = await startWinsight();
    browser = await launchBrowser();
    page = await browser.newPage();
    api = await apiAs(winsight.url, 'manager1@demo.example.com');
    const seller = await userByEmail(api, 'seller2@demo.example.com');
    const { items } = await api.get<{ items: Opportunity[] }>(
      `/api/opportunities?owner=${seller.id}&status=open&limit=50`,
    );
    // thin knowledge, so that commit needs an override (critical information missing for commit)
    target =
      items.find((o) => o.currency === 'USD' && (o.coverageIndex ?? 0) < 0.7) ??
      (await openOpportunityOf(api, seller.id));
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('signs in and lands on the team pipeline', async () => {
    await signIn(page, winsight.url, 'manager1@demo.example.com');
    await eventually(() => page.getByTestId('org-name').textContent()).toBe('Northwind Demo');
    await waitForOpportunityRows(page);
    await eventually(() => page.getByText(/^Showing 1–25 of \d+ opportunities$/).count()).toBe(1);
  });

  it('pages with Next and Previous, the cursor in the address', async () => {
    const total = (await page.getByText(/^Showing 1–25 of \d+ opportunities$/).textContent())!.match(/of (\d+)/)![1];
    const firstRow = await page.getByTestId('opportunity-table').locator('tbody tr').first().textContent();
    await page.getByRole('button', { name: 'Next' }).click();
    await eventually(() =>
      page.getByText(`Showing 26–${Math.min(50, Number(total))} of ${total} opportunities`).count(),
    ).toBe(1);
    expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();
    await page.getByRole('button', { name: 'Previous' }).click();
    await eventually(() => page.getByText(`Showing 1–25 of ${total} opportunities`).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
    expect(await page.getByTestId('opportunity-table').locator('tbody tr').first().textContent()).toBe(firstRow);
  });

  it('finds the deal with the search box and keeps the search in the address', async () => {
    await page.getByRole('searchbox', { name: 'Search opportunities' }).fill(target.name);
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe(target.name);
    const link = page.getByTestId('opportunity-table').getByRole('link', { name: target.name, exact: true });
    await link.waitFor();
    await eventually(() => page.getByTestId('opportunity-table').locator('tbody tr').count()).toBeLessThan(5);
    await link.click();
    await page.waitForURL(`${winsight.url}/opportunities/${target.id}`);
    await page.getByRole('heading', { name: target.name }).waitFor();
  });

  it('saves a new amount, sent in minor units of the deal currency', async () => {
    const newAmountMinor = target.amountMinor + 1_234_50;
    // the page opens on the assessment; the record itself is one tab along
    await page.getByRole('tab', { name: 'Details' }).click();
    const amount = page.getByRole('textbox', { name: 'Amount' });
    await amount.fill(String(newAmountMinor / 100));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved.').waitFor();
    await eventually(() => page.getByTestId('header-amount').textContent()).toBe(usd(newAmountMinor));

    const saved = await api.get<Opportunity>(`/api/opportunities/${target.id}`);
    expect(saved.amountMinor).toBe(newAmountMinor);
    expect(saved.version).toBe(target.version + 1);
  });

  it('shows who changed the amount, from what to what, in the History tab', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const newest = page.getByTestId('history-entry').first();
    await newest.waitFor();
    await eventually(() => newest.textContent()).toContain('Jordan Patel');
    await eventually(() => newest.textContent()).toContain('changed 1 field');
    const change = newest.getByTestId('history-change');
    await eventually(() => change.textContent()).toBe(
      `Amount: ${usd(target.amountMinor)}→${usd(target.amountMinor + 1_234_50)}`,
    );
    expect(new URL(page.url()).searchParams.get('tab')).toBe('history');
  });

  it('commits the deal on an override, giving the reason the form asks for, shown with the danger zones', async () => {
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.locator('#opportunity-forecastCategory').click();
    await page.getByRole('option', { name: 'Commit', exact: true }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const reason = page.getByRole('textbox', { name: 'Why commit despite the danger zones' });
    await eventually(() => reason.getAttribute('aria-invalid')).toBe('true');
    const said = 'Their CFO told us on Friday the order is approved; the signature is a formality.';
    await reason.fill(said);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved.').waitFor();
    expect((await api.get<Opportunity>(`/api/opportunities/${target.id}`)).forecastCategory).toBe('commit');
    await page.getByRole('tab', { name: 'Assessment' }).click();
    const override = page.getByTestId('commit-override');
    await eventually(() => override.textContent()).toContain(said);
    expect(await override.textContent()).toContain('Jordan Patel');
  });

  it('deletes the deal, then restores it from the same page', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete opportunity' }).click();
    await page.getByTestId('deleted-notice').waitFor();
    await eventually(
      async () => (await api.get<{ total: number }>(`/api/opportunities?q=${encodeURIComponent(target.name)}`)).total,
    ).toBe(0);

    await page.getByRole('button', { name: 'Restore opportunity' }).click();
    await eventually(() => page.getByTestId('deleted-notice').count()).toBe(0);
    expect((await api.get<Opportunity>(`/api/opportunities/${target.id}`)).name).toBe(target.name);
  });

  it('creates a new deal on an account found by typing part of its name', async () => {
    await page.getByRole('link', { name: 'Opportunities', exact: true }).first().click();
    await page.getByRole('button', { name: 'New opportunity' }).click();
    const form = page.getByRole('form', { name: 'New opportunity' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Expansion into the Nordics');
    await form.locator('#new-opportunity-accountId').fill(target.accountName.slice(0, 5));
    await page.getByRole('option', { name: target.accountName }).click();
    await form.getByRole('textbox', { name: 'Amount' }).fill('48000');
    await form.getByLabel('Expected close date').fill('2027-03-31');
    await form.getByRole('button', { name: 'Create opportunity' }).click();

    await page.getByRole('heading', { name: 'Expansion into the Nordics' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const created = await api.get<Opportunity>(`/api/opportunities/${id}`);
    expect(created).toMatchObject({
      accountId: target.accountId,
      amountMinor: 48_000_00,
      currency: 'USD',
      expectedCloseDate: '2027-03-31',
      status: 'open',
    });
  });
});
