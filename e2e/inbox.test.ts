import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../src/contract/inbox.ts';
import { addDays, toDateOnly } from '../src/domain/dates.ts';
import { notify, sendDueReminders } from '../src/server/inbox/index.ts';
import { apiAs, openOpportunityOf, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const MANAGER = 'manager1@demo.example.com';
const SELLER = 'seller1@demo.example.com';
const ACTION = 'Bring the signed mutual action plan to Friday’s call';

describe('a reminder under the bell', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let seller: ApiClient;
  let dealId: string;

  beforeAll(async () => {
    winsight = await startWinsight();
    const manager = await apiAs(winsight.url, MANAGER);
    seller = await apiAs(winsight.url, SELLER);
    const sellerUser = await userByEmail(manager, SELLER);
    const deal = await openOpportunityOf(manager, sellerUser.id);
    dealId = deal.id;
    // agreed today in a one-to-one, due tomorrow: tonight's reminder pass tells the seller
    await manager.post(`/api/opportunities/${deal.id}/actions`, {
      text: ACTION,
      ownerId: sellerUser.id,
      dueDate: addDays(toDateOnly(new Date()), 1),
    });
    await sendDueReminders(winsight.deps);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await winsight?.close();
  });

  it('shows the unread count, opens on the keyboard, follows the link and marks the message read', async () => {
    const before = await seller.get<InboxPage>('/api/inbox');
    const reminder = before.items.find((m) => m.subject === `Due tomorrow: ${ACTION}`)!;
    expect(reminder).toMatchObject({ readAt: null, link: `/opportunities/${dealId}` });

    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, SELLER);
    await page.waitForURL(`${winsight.url}/home`);
    const bell = page.getByTestId('inbox-bell');
    await eventually(() => bell.getAttribute('aria-label')).toBe(
      `Inbox: ${before.unread} unread message${before.unread === 1 ? '' : 's'}`,
    );
    await bell.focus();
    await page.keyboard.press('Enter');
    const popover = page.getByRole('dialog', { name: 'Inbox' });
    await popover.getByRole('link', { name: `Due tomorrow: ${ACTION}` }).click();
    await page.waitForURL(`${winsight.url}/opportunities/${dealId}`);

    await eventually(async () => (await seller.get<InboxPage>('/api/inbox')).unread).toBe(before.unread - 1);
    const after = await seller.get<InboxPage>('/api/inbox');
    expect(after.items.find((m) => m.id === reminder.id)?.readAt).not.toBeNull();
    await eventually(() => bell.getAttribute('aria-label')).toBe(
      before.unread - 1 === 0
        ? 'Inbox: no unread messages'
        : `Inbox: ${before.unread - 1} unread message${before.unread - 1 === 1 ? '' : 's'}`,
    );

    // the inbox page lists it, read; with one more come in, "Mark all read" empties the unread view
    const sellerUser = await userByEmail(seller, SELLER);
    await notify(winsight.deps, winsight.demo.orgId, sellerUser.id, {
      kind: 'action-overdue',
      subject: 'Overdue: Send the pricing sheet',
      body: 'This action was due yesterday and is not marked done.',
      link: `/opportunities/${dealId}`,
      dedupeKey: 'e2e:overdue',
    });
    await page.goto(`${winsight.url}/inbox`);
    await page.getByTestId('inbox-message').filter({ hasText: 'Send the pricing sheet' }).waitFor();
    const row = page.getByTestId('inbox-message').filter({ hasText: ACTION });
    await eventually(() => row.getAttribute('data-unread')).toBe('false');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.locator('label', { hasText: /^Unread/ }).click();
    await page.getByTestId('inbox-empty').waitFor();
    expect((await seller.get<InboxPage>('/api/inbox')).unread).toBe(0);
  });
});
