import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.ts';

/** Fills in and sends the sign-in form (the page must show it). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the sign-in page, signs in and waits for the opportunity list. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitSignIn(page, email);
  // signing in lands on the home page; the journeys start from the opportunity list
  await page.waitForURL((url) => url.pathname === '/home');
  await page.getByRole('link', { name: 'Opportunities', exact: true }).click();
  await page.waitForURL(`${baseUrl}/opportunities`);
}

/**
 * Signs `email` in on the page that may already hold someone's session: signs them out through the
 * user menu first, and lands on the home page.
 */
export async function switchUser(page: Page, baseUrl: string, email: string): Promise<void> {
  if (!page.url().endsWith('/login') && page.url().startsWith(baseUrl)) {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
  } else await page.goto(`${baseUrl}/login`);
  await page.waitForURL(`${baseUrl}/login`);
  await submitSignIn(page, email);
  await page.waitForURL(`${baseUrl}/home`);
}

/** The rows of the opportunity table once it shows real rows (not loading placeholders). */
export async function waitForOpportunityRows(page: Page) {
  const table = page.getByTestId('opportunity-table');
  await table.locator('tbody tr a').first().waitFor();
  await page.locator('[data-testid="opportunity-table"][aria-busy="false"]').waitFor();
  return table.locator('tbody tr');
}
