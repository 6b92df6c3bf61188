import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SsoSettingsResult } from '../src/contract/sso.ts';
import type { User } from '../src/contract/users.ts';
import { startOidcProvider, type TestOidcProvider } from '../src/testing/oidc-provider.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const ADMIN = 'admin@demo.example.com';
const SELLER = 'seller1@demo.example.com';
const NEWCOMER = 'nadia.newhire@demo.example.com';

// An administrator sets up the organization's identity provider (a real OpenID Connect provider in
// this process), then people sign in through it: a seller already in Winsight, and a newcomer whom
// the first sign-in creates.
describe('single sign-on through the organization’s provider', { timeout: 120_000 }, () => {
  let winsight: Winsight;
  let idp: TestOidcProvider;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    winsight = await startWinsight();
    idp = await startOidcProvider([`${winsight.url}/api/auth/sso/callback`]);
    idp.identities.set('sub-seller-1', { sub: 'sub-seller-1', email: SELLER });
    idp.identities.set('sub-nadia', { sub: 'sub-nadia', email: NEWCOMER, name: 'Nadia Newhire' });
    idp.identities.set('sub-outsider', { sub: 'sub-outsider', email: 'someone@elsewhere.example.org' });
    api = await apiAs(winsight.url, ADMIN);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await winsight?.close();
  });

  /** Starts at the sign-in page as `email`, signs in at the provider as `login` and comes back. */
  async function signInThroughProvider(page: Page, email: string, login: string) {
    await page.goto(`${winsight.url}/login`);
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    // the provider's own pages: its sign-in form, then its consent
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('input[name="password"]').press('Enter');
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('is set up by an administrator in Admin › Sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/sign-in`);
    expect(await page.getByTestId('sso-redirect-uri').textContent()).toBe(`${winsight.url}/api/auth/sso/callback`);
    const form = page.getByRole('form', { name: 'Single sign-on settings' });
    // a mistyped issuer is refused before anything is saved, naming the field
    await form.getByRole('textbox', { name: 'Issuer' }).fill(`${winsight.url}/no-provider-here`);
    await form.getByRole('textbox', { name: 'Client ID' }).fill(idp.clientId);
    await form.getByLabel('Client secret').fill(idp.clientSecret);
    const domains = form.getByLabel('E-mail domains');
    await domains.fill('demo.example.com');
    await domains.press('Enter');
    await form.getByRole('checkbox', { name: 'A first sign-in creates a seller' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => form.getByText(/Could not read the provider's settings/).isVisible()).toBe(true);
    expect((await api.get<SsoSettingsResult>('/api/admin/sso')).settings).toBeNull();

    await form.getByRole('textbox', { name: 'Issuer' }).fill(idp.issuer);
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => (await api.get<SsoSettingsResult>('/api/admin/sso')).settings?.issuer).toBe(
      idp.issuer,
    );
    await eventually(() => page.getByTestId('sso-status').textContent()).toBe('On');
    await page.close();
  });

  it('signs a seller in through the provider', async () => {
    const page = await browser.newPage();
    await browser.context.clearCookies();
    await signInThroughProvider(page, SELLER, 'sub-seller-1');
    await page.waitForURL(`${winsight.url}/home`);
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json());
    expect(session.user.email).toBe(SELLER);
    await page.close();
  });

  it('creates a newcomer as a seller on their first sign-in', async () => {
    const page = await browser.newPage();
    await browser.context.clearCookies();
    await signInThroughProvider(page, NEWCOMER, 'sub-nadia');
    await page.waitForURL(`${winsight.url}/home`);
    const people = await api.get<{ items: User[] }>('/api/users');
    expect(people.items.find((p) => p.email === NEWCOMER)).toMatchObject({ name: 'Nadia Newhire', role: 'seller' });
    await page.close();
  });

  it('sends someone the provider cannot let in back to the sign-in page with the reason', async () => {
    const page = await browser.newPage();
    await browser.context.clearCookies();
    await signInThroughProvider(page, SELLER, 'sub-outsider');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByTestId('sso-error').textContent()).toContain(
      'elsewhere.example.org addresses do not sign in to this organization',
    );
    // an address whose domain has no provider is told so at once, on the sign-in page
    await page.getByRole('textbox', { name: 'Email' }).fill('someone@nowhere.example.net');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await eventually(() => page.getByTestId('sign-in-error').textContent()).toContain(
      'Single sign-on is not set up for nowhere.example.net',
    );
    await page.close();
  });

  it('once an administrator requires it, refuses a seller’s password and points to single sign-on; administrators keep theirs', async () => {
    const page = await browser.newPage();
    await browser.context.clearCookies();
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/sign-in`);
    const form = page.getByRole('form', { name: 'Single sign-on settings' });
    await eventually(() => form.getByText(/Administrators keep their password/).isVisible()).toBe(true);
    await form.getByRole('switch', { name: 'Require single sign-on' }).check({ force: true });
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.getByTestId('sso-status').textContent()).toBe('On, required');
    expect((await api.get<SsoSettingsResult>('/api/admin/sso')).settings?.requiresSso).toBe(true);

    await browser.context.clearCookies();
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, SELLER);
    await eventually(() => page.getByTestId('sign-in-error').textContent()).toContain(
      'use "Continue with single sign-on"',
    );
    expect(page.url()).toBe(`${winsight.url}/login`);
    // the break-glass: an administrator still signs in with a password
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.close();
  });
});
