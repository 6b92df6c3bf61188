import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../src/contract/assignments.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import type { TeamCoaching } from '../src/contract/scorecard.ts';
import type { User } from '../src/contract/users.ts';
import { apiAs, openOpportunityOf, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { switchUser } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';
const ACTIVITY = 'Secure the economic-buyer meeting on a live deal within 14 days';

describe(
  'a manager assigns on-the-job learning from a gap, the seller completes it, the deal shows it applied',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let manager: ApiClient;
    let seller: ApiClient;
    let sellerUser: User;
    let deal: Opportunity;
    let assignmentId: string;

    beforeAll(async () => {
      winsight = await startWinsight();
      manager = await apiAs(winsight.url, MANAGER);
      const team = await manager.get<TeamCoaching>('/api/coaching/team');
      const flagged = team.sellers.find((s) => s.flags.length > 0)!;
      const { items } = await manager.get<{ items: User[] }>('/api/users');
      sellerUser = items.find((u) => u.id === flagged.id)!;
      seller = await apiAs(winsight.url, sellerUser.email);
      // a deal just opened, so nothing about its funding is known yet
      const account = (await openOpportunityOf(seller, sellerUser.id)).accountId;
      deal = await seller.post<Opportunity>('/api/opportunities', {
        name: 'Fabrikam data platform expansion',
        accountId: account,
        amountMinor: 95_000_000,
        currency: 'USD',
        expectedCloseDate: '2027-06-30',
      });
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const signInAs = (email: string) => switchUser(page, winsight.url, email);

    it('assigns the activity from a gap on the seller’s scorecard, on a live deal with a success condition', async () => {
      await signInAs(MANAGER);
      await page.goto(`${winsight.url}/coaching/sellers/${sellerUser.id}`);
      await page.getByRole('button', { name: 'Assign learning' }).first().click();
      const dialog = page.getByRole('dialog', { name: /Assign learning/ });
      await dialog.getByRole('switch', { name: /whole catalog/ }).click();
      // each pick: open the list, choose, and see the list close on the choice before the next
      const pick = async (box: RegExp, option: string) => {
        const input = dialog.getByRole('combobox', { name: box });
        await input.click();
        // a deal showing the gap is marked so after its name
        const choice = page.getByRole('option', { name: new RegExp(`^${option}( \\(shows this gap\\))?$`) });
        await choice.click();
        await choice.waitFor({ state: 'hidden' });
        expect(await input.inputValue()).toMatch(new RegExp(`^${option}`));
      };
      await pick(/^Activity/, `${ACTIVITY} \\(On-the-job assignment\\)`);
      await pick(/^On which live deal/, deal.name);
      await pick(/^Done when/, 'Funding confirmed, with buyer evidence');
      await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page
        .getByTestId('scorecard-assignments')
        .getByTestId('assignment-row')
        .filter({ hasText: ACTIVITY })
        .filter({ hasText: deal.name });
      await eventually(() => row.count()).toBe(1);
      // the gap now says what is under way for it
      await eventually(() =>
        page.getByTestId('scorecard-flag').first().getByTestId('flag-assigned').textContent(),
      ).toContain(ACTIVITY);
      const list = await manager.get<{ items: Assignment[] }>(`/api/coaching/assignments?seller=${sellerUser.id}`);
      const created = list.items.find((a) => a.deal?.id === deal.id)!;
      expect(created).toMatchObject({ status: 'assigned', successCondition: { id: 'funding_confirmed' } });
      assignmentId = created.id;
    });

    it('lets the seller read it on My development, see what the deal lacks, and complete it', async () => {
      await signInAs(sellerUser.email);
      await page.getByRole('link', { name: 'My development' }).click();
      await page.waitForURL(`${winsight.url}/development`);
      await page
        .getByTestId('development-open')
        .getByTestId('assignment-row')
        .filter({ hasText: deal.name })
        .getByRole('link', { name: ACTIVITY })
        .click();
      await page.waitForURL(`${winsight.url}/development/${assignmentId}`);
      await eventually(() => page.getByTestId('condition-missing').textContent()).toContain('budget is allocated');
      await page.getByRole('button', { name: 'Start' }).click();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('In progress');
      await page
        .getByRole('textbox', { name: /^Your reflection/ })
        .fill('I will ask the CFO how this is funded before the proposal.');
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Completed');
    });

    it('shows it applied once the deal’s knowledge meets the condition', async () => {
      const current = await seller.get<Opportunity>(`/api/opportunities/${deal.id}`);
      await seller.post(`/api/opportunities/${deal.id}/knowledge/log`, {
        version: current.version,
        summary: 'Call with finance',
        source: 'buyer_stated',
        observedAt: new Date().toISOString().slice(0, 10),
        facts: [{ kind: 'funding', field: 'budgetStatus', value: 'allocated', said: 'The budget is approved for Q1' }],
      });
      await page.reload();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Applied on the deal');
      expect(await page.getByTestId('condition-applied').textContent()).toContain('The budget is approved for Q1');
    });

    it('lets the manager confirm it', async () => {
      await signInAs(MANAGER);
      await page.goto(`${winsight.url}/development/${assignmentId}`);
      await page.getByRole('button', { name: 'Confirm it is applied' }).click();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Verified');
      const after = await manager.get<Assignment>(`/api/coaching/assignments/${assignmentId}`);
      expect(after.status).toBe('verified');
    });
  },
);
