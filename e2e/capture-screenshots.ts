// Screenshots of the main pages, to judge the look by eye:
//   node --import tsx e2e/capture-screenshots.ts http://localhost:3200 /tmp/winsight-shots
// Signs in as the demo manager (or SCREENSHOT_EMAIL). Not a test: it only writes PNG files.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from './support/browser.ts';

const [baseUrl = 'http://localhost:3200', outDir = '/tmp/winsight-shots'] = process.argv.slice(2);
const email = process.env.SCREENSHOT_EMAIL ?? 'manager1@demo.example.com';
const width = Number(process.env.SCREENSHOT_WIDTH ?? 1366);

await mkdir(outDir, { recursive: true });
const browser = await launchBrowser({ width, height: 900 });
try {
  const page = await browser.newPage();
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    // wait for loaders and skeletons to give way to content
    // (visible ones only: a tab that is not shown may hold an idle spinner of its own)
    await page.waitForFunction(() =>
      [
        ...document.querySelectorAll<HTMLElement>('[aria-busy="true"], .mantine-Loader-root, .mantine-Skeleton-root'),
      ].every((e) => e.offsetParent === null),
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
    console.log(`saved ${name}.png`);
  };
  await page.goto(`${baseUrl}/login`);
  await shot('01-login');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('winsight-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/home**');
  await page.goto(`${baseUrl}/opportunities`);
  await shot('02-opportunities');
  const firstOpportunity = page.getByTestId('opportunity-table').getByRole('link').first();
  await firstOpportunity.click();
  await page.waitForURL('**/opportunities/*');
  await shot('03-opportunity-assessment');
  await page.getByRole('tab', { name: 'Knowledge' }).click();
  await shot('03a-opportunity-knowledge');
  await page.getByRole('tab', { name: 'Details' }).click();
  await shot('03b-opportunity-details');
  await page.getByRole('tab', { name: 'History' }).click();
  await shot('04-opportunity-history');
  await page.goto(`${baseUrl}/opportunities?q=zzzz-nothing`);
  await shot('05-opportunities-empty');
  await page.goto(`${baseUrl}/accounts`);
  await shot('06-accounts');
  await page.locator('tbody a').first().click();
  await page.waitForURL('**/accounts/*');
  await shot('07-account');
  await page.getByRole('tab', { name: 'Opportunities' }).click();
  await shot('07b-account-opportunities');
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await shot('07c-account-contacts');
  await page.goto(`${baseUrl}/contacts`);
  await shot('08-contacts');
  await page.locator('tbody a').first().click();
  await page.waitForURL('**/contacts/*');
  await shot('08b-contact');
  await page.goto(`${baseUrl}/settings/tokens`);
  await shot('09-tokens');
  await page.goto(`${baseUrl}/admin/users`);
  await shot('10-admin-users');
  await page.goto(`${baseUrl}/admin/stages`);
  await shot('11-admin-stages');
  await page.goto(`${baseUrl}/admin/objectives`);
  await shot('11a-admin-objectives');
  await page.goto(`${baseUrl}/admin/model`);
  await shot('11b-admin-model');
  await page.goto(`${baseUrl}/admin/danger-zones`);
  await shot('11c-admin-danger-zones');
  await page.goto(`${baseUrl}/admin/currency`);
  await shot('11d-admin-currency');
  await page.goto(`${baseUrl}/review`);
  await page.getByTestId('review-row').first().waitFor();
  await shot('13-pipeline-review');
  await page.goto(`${baseUrl}/forecast`);
  await page.getByTestId('forecast-chart').waitFor();
  await shot('14-forecast');
  await page.goto(`${baseUrl}/win-loss`);
  await page.getByTestId('win-loss-summary').waitFor();
  await shot('15-win-loss');
  await page.goto(`${baseUrl}/opportunities`);
  await page.getByRole('button', { name: 'New opportunity' }).click();
  await page.getByRole('button', { name: 'Create opportunity' }).click();
  await shot('12-new-opportunity-errors');
  await page.keyboard.press('Escape');
  if (width < 992) {
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await shot('13-navigation-open');
  }
} finally {
  await browser.close();
}
