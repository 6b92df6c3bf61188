import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../src/contract/assignments.ts';
import type { Diagnosis } from '../src/contract/diagnoses.ts';
import type { InboxPage } from '../src/contract/inbox.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import type { TeamCoaching } from '../src/contract/scorecard.ts';
import { apiAs, openOpportunityOf, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { switchUser } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

// Issue 13's journey in one flow, in the demo: a manager diagnoses a flagged seller's gap from the
// scorecard, assigns on-the-job learning on a live deal from the conclusion; the seller hears of it
// in their inbox, finds it on My development and completes it; what they then record on the deal
// makes it applied; the manager hears of that in their inbox and verifies it.

const MANAGER = 'manager1@demo.example.com';
const ACTIVITY = 'Secure the economic-buyer meeting on a live deal within 14 days';

describe(
  'from a flagged gap to verified learning: diagnose, assign, be told, complete, apply, verify',
  { timeout: 180_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let manager: ApiClient;
    let seller: ApiClient;
    let sellerUser: { id: string; name: string; email: string };
    let deal: Opportunity;
    let diagnosisId: string;
    let assignmentId: string;

    beforeAll(async () => {
      winsight = await startWinsight();
      manager = await apiAs(winsight.url, MANAGER);
      const team = await manager.get<TeamCoaching>('/api/coaching/team');
      const flagged = team.sellers.find((s) => s.flags.length > 0)!;
      const login = winsight.demo.logins.find((l) => l.name === flagged.name)!;
      sellerUser = { id: flagged.id, name: flagged.name, email: login.email };
      seller = await apiAs(winsight.url, sellerUser.email);
      // a live deal just opened: nothing about its funding is known yet
      const account = (await openOpportunityOf(seller, sellerUser.id)).accountId;
      deal = await seller.post<Opportunity>('/api/opportunities', {
        name: 'Northwind analytics rollout',
        accountId: account,
        amountMinor: 120_000_000,
        currency: 'USD',
        expectedCloseDate: '2027-05-31',
      });
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    const signInAs = (email: string) => switchUser(page, winsight.url, email);
    const group = (question: RegExp) => page.getByRole('radiogroup', { name: question });
    /** opens the inbox under the bell and follows the message with this subject */
    const openFromBell = async (subject: string) => {
      const bell = page.getByTestId('inbox-bell');
      await bell.click();
      await page
        .getByRole('dialog', { name: 'Inbox' })
        .getByRole('link', { name: subject })
        // the newest first: the demo told of the same activity once before, on another deal
        .first()
        .click();
    };

    it('lets the manager diagnose the flagged gap from the scorecard down to a root cause', async () => {
      await signInAs(MANAGER);
      await page.goto(`${winsight.url}/coaching/sellers/${sellerUser.id}`);
      await page
        .getByTestId('scorecard-flag')
        .first()
        .getByRole('button', { name: /^Diagnose/ })
        .click();
      await page.waitForURL(/\/coaching\/diagnoses\/[^/]+$/);
      diagnosisId = page.url().split('/').at(-1)!;
      await group(/Can you name what the seller does differently/)
        .getByRole('radio', { name: 'Yes, it is described with its deals' })
        .check();
      await group(/Is it worth solving now/)
        .getByRole('radio', { name: 'Yes, it is worth the time' })
        .check();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await eventually(() => page.getByTestId('diagnosis-step').getAttribute('data-step')).toBe('expectations');
      await group(/Can the seller state the standard/)
        .getByRole('radio', { name: 'No, or not clearly' })
        .check();
      await group(/Have they had specific feedback/)
        .getByRole('radio', { name: 'No' })
        .check();
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await eventually(() => page.getByTestId('diagnosis-step').getAttribute('data-step')).toBe('prescribe');
      await group(/When will you look at it together again/)
        .getByRole('radio', { name: 'In two weeks' })
        .check();
      await page.getByRole('button', { name: 'Save step' }).click();
      await eventually(() => page.getByTestId('diagnosis-save-state').textContent()).toBe('Saved');
      // the manager settles on the behaviour they saw on the deals: access to the economic buyer
      const conclude = page.getByTestId('diagnosis-conclude');
      await conclude.getByRole('combobox', { name: /^Root cause/ }).click();
      await page.getByRole('option', { name: /^B4 · / }).click();
      await conclude
        .getByRole('textbox', { name: 'Conclusion note' })
        .fill('Knows the standard now; has to practise asking for the economic buyer on a live deal.');
      await conclude.getByRole('button', { name: 'Conclude the diagnosis' }).click();
      await eventually(() => page.getByTestId('diagnosis-status').textContent()).toBe('Concluded');
      expect((await manager.get<Diagnosis>(`/api/coaching/diagnoses/${diagnosisId}`)).rootCause).toBe('B4');
    });

    it('assigns on-the-job learning on a live deal from the conclusion, and the diagnosis lists it', async () => {
      const d = await manager.get<Diagnosis>(`/api/coaching/diagnoses/${diagnosisId}`);
      await page.getByRole('button', { name: 'Assign learning' }).click();
      const dialog = page.getByRole('dialog', { name: /Assign learning/ });
      // activities for the root cause the diagnosis found, and the cause chosen for it
      expect(await dialog.getByRole('combobox', { name: /^Root cause it addresses/ }).inputValue()).toMatch(/^B4 · /);
      const pick = async (box: RegExp, option: RegExp) => {
        const input = dialog.getByRole('combobox', { name: box });
        await input.click();
        const choice = page.getByRole('option', { name: option });
        await choice.click();
        await choice.waitFor({ state: 'hidden' });
      };
      await pick(/^Activity/, new RegExp(`^${ACTIVITY} \\(On-the-job assignment\\)$`));
      // the deals the diagnosis started from come first in the picker
      await dialog.getByRole('combobox', { name: /^On which live deal/ }).click();
      // (a gap that reads every open deal, such as forecast bias, counts the new one among them)
      const ours = page.getByRole('option', { name: new RegExp(`^${deal.name}( \\(shows this gap\\))?$`) });
      await ours.waitFor();
      if (d.deals.length > 0)
        expect(await page.getByRole('option').first().textContent()).toBe(`${d.deals[0]!.name} (shows this gap)`);
      await ours.click();
      await ours.waitFor({ state: 'hidden' });
      await pick(/^Done when/, /^Funding confirmed, with buyer evidence$/);
      await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const listed = page.getByTestId('diagnosis-assignments');
      await eventually(() => listed.textContent()).toContain(ACTIVITY);
      expect(await listed.getByTestId('diagnosis-assignment-status').textContent()).toBe('Assigned');
      const list = await manager.get<{ items: Assignment[] }>(`/api/coaching/assignments?seller=${sellerUser.id}`);
      const created = list.items.find((a) => a.deal?.id === deal.id)!;
      expect(created).toMatchObject({ rootCause: { id: 'B4' }, diagnosis: { id: diagnosisId } });
      assignmentId = created.id;
    });

    it('tells the seller in their inbox; they find it on My development and complete it', async () => {
      await signInAs(sellerUser.email);
      await openFromBell(
        `New learning from ${(await manager.get<{ user: { name: string } }>('/api/auth/session')).user.name}: ${ACTIVITY}`,
      );
      await page.waitForURL(`${winsight.url}/development/${assignmentId}`);
      await eventually(() => page.getByTestId('assignment-diagnosis').textContent()).toContain(
        'Assigned from the diagnosis',
      );
      await page.getByRole('link', { name: 'My development' }).first().click();
      await page.waitForURL(`${winsight.url}/development`);
      await page
        .getByTestId('development-open')
        .getByTestId('assignment-row')
        .filter({ hasText: deal.name })
        .getByRole('link', { name: ACTIVITY })
        .click();
      await page.waitForURL(`${winsight.url}/development/${assignmentId}`);
      await eventually(() => page.getByTestId('condition-missing').textContent()).toContain('budget is allocated');
      await page
        .getByRole('textbox', { name: /^Your reflection/ })
        .fill('Asked the sponsor to bring the CFO to the next call, and how the rollout is funded.');
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Completed');
    });

    it('becomes applied once the seller records on the deal what the condition asks', async () => {
      await page.goto(`${winsight.url}/opportunities/${deal.id}?tab=knowledge`);
      await page.getByTestId('knowledge-workspace').waitFor();
      await page.getByRole('button', { name: 'Log what I learned' }).click();
      const drawer = page.getByRole('dialog', { name: 'Log what I learned' });
      await drawer.getByRole('textbox', { name: 'In one line' }).fill('Call with the CFO');
      const row = drawer.getByTestId('log-row').nth(0);
      const choose = async (label: string, option: string) => {
        await row.getByRole('combobox', { name: label, exact: true }).click();
        await page.getByRole('option', { name: option, exact: true }).click();
      };
      await choose('Objective', '9. Funding and value case');
      await choose('What', 'Budget status');
      await choose('Budget status', 'Allocated');
      await row.getByRole('textbox', { name: 'Their words' }).fill('The rollout is in next year’s budget');
      await drawer.getByRole('button', { name: 'Save meeting' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page.goto(`${winsight.url}/development/${assignmentId}`);
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Applied on the deal');
      expect(await page.getByTestId('condition-applied').textContent()).toContain(
        'The rollout is in next year’s budget',
      );
    });

    it('tells the manager it is applied; they open it from the inbox and verify it', async () => {
      const inbox = await manager.get<InboxPage>('/api/inbox');
      expect(inbox.items.map((m) => m.kind)).toEqual(
        expect.arrayContaining(['assignment-completed', 'assignment-applied']),
      );
      await signInAs(MANAGER);
      await openFromBell(`Applied: ${sellerUser.name}’s “${ACTIVITY}”`);
      await page.waitForURL(`${winsight.url}/development/${assignmentId}`);
      await page.getByRole('button', { name: 'Confirm it is applied' }).click();
      await eventually(() => page.getByTestId('assignment-page-status').textContent()).toBe('Verified');
      await page.getByTestId('assignment-diagnosis').getByRole('link').click();
      await page.waitForURL(`${winsight.url}/coaching/diagnoses/${diagnosisId}`);
      await eventually(() => page.getByTestId('diagnosis-assignment-status').textContent()).toBe('Verified');
    });
  },
);
