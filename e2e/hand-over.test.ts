import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandOverSummary } from '../src/contract/hand-overs.ts';
import type { Opportunity } from '../src/contract/opportunities.ts';
import type { User } from '../src/contract/users.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { switchUser } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const LEAVER = 'seller11@demo.example.com';
const TAKER = 'seller12@demo.example.com';

describe(
  'a seller leaves: the admin hands their deals over and the new owner acknowledges a brief',
  { timeout: 120_000 },
  () => {
    let winsight: Winsight;
    let browser: Browser;
    let page: Page;
    let admin: ApiClient;
    let leaver: User;
    let taker: User;
    let open: Opportunity[];

    beforeAll(async () => {
      winsight = await startWinsight();
      admin = await apiAs(winsight.url, 'admin@demo.example.com');
      leaver = await userByEmail(admin, LEAVER);
      taker = await userByEmail(admin, TAKER);
      open = (await admin.get<{ items: Opportunity[] }>(`/api/opportunities?owner=${leaver.id}&status=open&limit=200`))
        .items;
      expect(open.length).toBeGreaterThan(1);
      browser = await launchBrowser();
      page = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await winsight?.close();
    });

    it('proposes a balanced split, lets the admin choose per deal, and does it in one step', async () => {
      await switchUser(page, winsight.url, 'admin@demo.example.com');
      await page.goto(`${winsight.url}/admin/users`);
      await page.getByRole('button', { name: `Actions for ${leaver.name}` }).click();
      await page.getByRole('menuitem', { name: 'Deactivate and hand over' }).click();
      const dialog = page.getByRole('dialog', { name: `Deactivate ${leaver.name} and hand over` });
      // their manager is proposed first; the admin adds a colleague from the keyboard
      const recipients = dialog.getByTestId('hand-over-recipients');
      await eventually(() => recipients.textContent()).toContain(leaver.managerName!);
      const picker = dialog.getByRole('combobox', { name: 'Hand over to' });
      await picker.fill(taker.name.split(' ')[0]!);
      await page.getByRole('option', { name: taker.name }).click();
      await page.keyboard.press('Escape');
      await eventually(() => recipients.locator('tbody tr').count()).toBe(2);
      // every deal goes to someone; the two together hold them all
      await eventually(() => dialog.getByTestId('hand-over-deals').locator('tbody tr').count()).toBe(open.length);

      await dialog.getByText('Choose per deal').click();
      const first = [...open].sort((a, b) => a.name.localeCompare(b.name))[0]!;
      await dialog.getByRole('combobox', { name: `Who takes ${first.name}` }).selectOption({ label: taker.name });
      await dialog.getByRole('button', { name: `Deactivate and hand over ${open.length} deals` }).click();

      const done = page.getByRole('status', { name: 'Hand-over done' });
      await eventually(() => done.textContent()).toContain(`${open.length} deals`);
      await done.getByRole('button', { name: 'Done' }).click();

      await eventually(async () => (await userByEmail(admin, LEAVER)).isActive).toBe(false);
      const moved = await admin.get<Opportunity>(`/api/opportunities/${first.id}`);
      expect(moved.ownerId).toBe(taker.id);
      const left = await admin.get<{ total: number }>(`/api/opportunities?owner=${leaver.id}&status=open&limit=1`);
      expect(left.total).toBe(0);
    });

    it('shows the new owner the briefs waiting, and the brief on the deal until acknowledged', async () => {
      await switchUser(page, winsight.url, TAKER);
      const waiting = page.getByTestId('home-hand-overs');
      const first = [...open].sort((a, b) => a.name.localeCompare(b.name))[0]!;
      await waiting.getByRole('link', { name: first.name }).click();
      await page.waitForURL((url) => url.pathname === `/opportunities/${first.id}`);

      const panel = page.getByTestId('hand-over-panel');
      await eventually(() => panel.textContent()).toContain(`From ${leaver.name} (left) to ${taker.name}`);
      const brief = panel.getByTestId('hand-over-brief');
      for (const section of [
        'What we know',
        "What we don't know",
        'The buying group',
        'Danger zones',
        'Agreed actions',
      ])
        await brief.getByRole('region', { name: section }).waitFor();
      expect(await panel.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toContain('/brief.pdf');

      await panel.getByRole('button', { name: 'Acknowledge' }).click();
      await eventually(() => panel.textContent()).toContain(`Acknowledged by ${taker.name}`);
      expect(await panel.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

      const takerApi = await apiAs(winsight.url, TAKER);
      const pending = await takerApi.get<{ items: HandOverSummary[] }>('/api/hand-overs/mine');
      expect(pending.items.map((h) => h.opportunityId)).not.toContain(first.id);
    });

    it('lets the admin hand one deal on from the deal page, with a new brief', async () => {
      await switchUser(page, winsight.url, 'admin@demo.example.com');
      const first = [...open].sort((a, b) => a.name.localeCompare(b.name))[0]!;
      await page.goto(`${winsight.url}/opportunities/${first.id}`);
      await page.getByRole('button', { name: `Hand over ${first.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Hand over ${first.name}` });
      await dialog.getByRole('combobox', { name: 'Hand it to' }).click();
      await page.getByRole('option', { name: leaver.managerName!, exact: true }).click();
      await dialog.getByRole('button', { name: 'Hand over', exact: true }).click();
      const panel = page.getByTestId('hand-over-panel');
      await eventually(() => panel.textContent()).toContain(`From ${taker.name} to ${leaver.managerName}`);
      expect(await panel.textContent()).toContain('Not yet acknowledged');
      expect(await panel.textContent()).toContain(`Handed over before: from ${leaver.name} to ${taker.name}`);
    });
  },
);
