import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../src/contract/stages.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { eventually } from './support/eventually.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { signIn, submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

describe('an administrator adds a person and arranges the stages', { timeout: 60_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const newcomer = { name: 'Robin Achterberg', email: 'robin.achterberg@demo.example.com', password: 'first-day-2026' };

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

  it('adds a seller reporting to a manager', async () => {
    await signIn(page, winsight.url, 'admin@demo.example.com');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL(`${winsight.url}/admin/users`);
    await page.getByRole('button', { name: 'Add person' }).click();

    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'Name' }).fill(newcomer.name);
    // a mistake first: the form says what is wrong under the field
    await form.getByRole('textbox', { name: 'Work email' }).fill('robin.achterberg');
    await form.locator('#new-user-managerId').click();
    await page.getByRole('option', { name: 'Jordan Patel (manager)' }).click();
    await form.getByRole('textbox', { name: 'First password' }).fill(newcomer.password);
    await form.getByRole('button', { name: 'Add person' }).click();
    await form.getByText('Expected an email address such as name@example.com').waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('new-user-email');

    await form.getByRole('textbox', { name: 'Work email' }).fill(newcomer.email);
    await form.getByRole('textbox', { name: 'Work email' }).press('Enter');
    await eventually(() => form.count()).toBe(0);

    const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: newcomer.email });
    await row.waitFor();
    await eventually(() => row.textContent()).toContain('Jordan Patel');
    const tree = page.getByRole('list', { name: 'Reporting lines' });
    const managerBranch = tree
      .getByRole('listitem')
      .filter({ hasText: /^Jordan Patel/ })
      .first();
    await eventually(() => managerBranch.textContent()).toContain(newcomer.name);
  });

  it("revokes a seller's API token from the people page, and shows who has none", async () => {
    const holder = await userByEmail(api, 'seller13@demo.example.com');
    const holderApi = await apiAs(winsight.url, holder.email);
    const { token } = await holderApi.post<{ token: string }>('/api/tokens', {
      name: 'CRM sync',
      scopes: ['read', 'write'],
    });
    const asToken = () =>
      fetch(`${winsight.url}/api/accounts?limit=1`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await asToken()).toBe(200);

    await page.getByRole('button', { name: `Actions for ${holder.name}` }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    const tokens = page.getByRole('dialog', { name: `API tokens of ${holder.name}` });
    const row = tokens.getByTestId('user-tokens-table').getByRole('row').filter({ hasText: 'CRM sync' });
    await row.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page
      .getByRole('dialog', { name: `Revoke “CRM sync” of ${holder.name}?` })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await eventually(() => row.textContent()).toContain('Revoked');
    expect(await asToken()).toBe(401);
    await page.keyboard.press('Escape');
    await eventually(() => tokens.count()).toBe(0);

    await page.getByRole('button', { name: `Actions for ${newcomer.name}` }).click();
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page
      .getByRole('dialog', { name: `API tokens of ${newcomer.name}` })
      .getByText('No API tokens')
      .waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('deactivates a seller who left and hands their open deals to their manager', async () => {
    const leaver = await userByEmail(api, 'seller14@demo.example.com');
    const openBefore = (await api.get<{ total: number }>(`/api/opportunities?owner=${leaver.id}&status=open&limit=1`))
      .total;
    expect(openBefore).toBeGreaterThan(0);

    await page.getByRole('button', { name: `Actions for ${leaver.name}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Deactivate ${leaver.name}?` })
      .getByRole('button', { name: 'Deactivate' })
      .click();

    const reassign = page.getByRole('dialog', { name: `Reassign ${leaver.name}'s records` });
    await eventually(() => reassign.locator('#reassign-to').inputValue()).toBe(`${leaver.managerName} (their manager)`);
    await reassign.getByRole('button', { name: 'Reassign records' }).click();
    await page.getByText(`${openBefore} ${openBefore === 1 ? 'opportunity' : 'opportunities'} and`).waitFor();

    await eventually(async () => (await userByEmail(api, leaver.email)).isActive).toBe(false);
    expect((await api.get<{ total: number }>(`/api/opportunities?owner=${leaver.id}&status=open&limit=1`)).total).toBe(
      0,
    );
    // the active list no longer shows them; the deactivated one does
    await eventually(() => page.getByTestId('users-table').getByText(leaver.email).count()).toBe(0);
    await page.getByRole('radiogroup', { name: 'Show' }).getByText('Deactivated', { exact: true }).click();
    await page.getByTestId('users-table').getByText(leaver.email).waitFor();
  });

  it('tells the person who left where to turn, without telling a guesser that the password was right', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${winsight.url}/login`);
    await submitSignIn(page, 'seller14@demo.example.com');
    const alert = page.getByTestId('sign-in-error');
    await eventually(() => alert.textContent()).toContain('do not match an active account');
    expect(await alert.textContent()).toContain('may have been deactivated: ask your administrator');
  });

  it('shows the demo logins only on a server that holds the demo', async () => {
    await page.getByTestId('demo-note').waitFor();
    // the same page, as a server without the demo workspace would answer
    await page.route('**/api/about', (route) =>
      route.fulfill({ json: { name: 'Winsight', version: '0.1.0', demo: false } }),
    );
    const answered = page.waitForResponse('**/api/about');
    await page.reload();
    await answered;
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('demo-note').count()).toBe(0);
    await page.unroute('**/api/about');
  });

  it('lets the new person sign in to an empty pipeline of their own', async () => {
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, newcomer.email, newcomer.password);
    // a seller lands on their home: no deals yet, with the way to a first one
    await page.waitForURL(`${winsight.url}/home`);
    await eventually(() => page.getByTestId('user-menu').textContent()).toContain(newcomer.name);
    await eventually(() => page.getByTestId('home-attention').textContent()).toContain('No open deals yet');
    await page.getByTestId('home-attention').getByRole('link', { name: 'Open your first opportunity' }).click();
    await page.getByRole('heading', { name: 'No opportunities yet' }).waitFor();
  });

  it('moves a stage with the keyboard and keeps the focus on the control', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${winsight.url}/login`);
    await submitSignIn(page, 'admin@demo.example.com');
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/stages`);

    const before = (await api.get<{ items: Stage[] }>('/api/stages')).items;
    const [first, second] = before;
    const moveDown = page.getByRole('button', { name: `Move ${first!.name} down` });
    await moveDown.focus();
    await page.keyboard.press('Enter');
    await eventually(async () =>
      (await api.get<{ items: Stage[] }>('/api/stages')).items.slice(0, 2).map((s) => s.name),
    ).toEqual([second!.name, first!.name]);
    await eventually(() => page.getByTestId('stages-table').locator('tbody tr').first().textContent()).toContain(
      second!.name,
    );
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Move ${first!.name} down`,
    );
  });
});
