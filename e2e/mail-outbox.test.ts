import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailSettingsResult, OutboxPage } from '../src/contract/mail.ts';
import { deliverDueMail, notify } from '../src/server/inbox/index.ts';
import { closedPort, startSmtpServer, type TestSmtpServer } from '../src/testing/smtp.ts';
import { apiAs, userByEmail, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const ADMIN = 'admin@demo.example.com';
const SUBJECT = 'Your pipeline review is tomorrow';

describe('an administrator sends a failed e-mail again', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    winsight = await startWinsight();
    api = await apiAs(winsight.url, ADMIN);
    smtp = await startSmtpServer();
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await smtp?.close();
    await winsight?.close();
  });

  async function saveServerPort(port: number) {
    const form = page.getByRole('form', { name: 'Mail settings' });
    await form.getByRole('textbox', { name: 'SMTP host' }).fill('127.0.0.1');
    await form.getByRole('textbox', { name: 'Port' }).fill(String(port));
    await form.getByRole('combobox', { name: 'Encryption' }).click();
    await page.getByRole('option', { name: /^None/ }).click();
    await form.getByRole('textbox', { name: 'From address' }).fill('winsight@demo.example.com');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => (await api.get<MailSettingsResult>('/api/admin/mail')).settings?.port).toBe(port);
  }

  it('sees it with the error, sends it again once the server works, and it arrives', async () => {
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/mail`);
    // a server that is down: the e-mail fails six times over about nine hours (the sender's clock moved on)
    await saveServerPort(await closedPort());
    await expect.poll(() => page.getByTestId('outbox-empty-failed').isVisible()).toBe(true);
    expect(await page.getByText('No e-mail has failed').isVisible()).toBe(true);

    const me = await userByEmail(api, ADMIN);
    await notify(winsight.deps, winsight.demo.orgId, me.id, {
      kind: 'action-due',
      subject: SUBJECT,
      body: 'Bring the commit list.',
      link: null,
      dedupeKey: `e2e:outbox:${Date.now()}`,
    });
    let later = Date.now();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await deliverDueMail({ ...winsight.deps, now: () => new Date(later) });
      later += 7 * 60 * 60_000;
    }
    const failed = await api.get<OutboxPage>('/api/admin/mail/outbox?status=failed');
    expect(failed.items.map((m) => m.subject)).toEqual([SUBJECT]);

    await page.reload();
    const table = page.getByRole('table', { name: 'Failed e-mails' });
    const row = table.getByTestId('outbox-row').filter({ hasText: SUBJECT });
    await eventually(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(await row.textContent()).toContain(ADMIN);

    // the server is fixed, then the e-mail is sent again from the keyboard
    await saveServerPort(smtp.port);
    const sendAgain = row.getByRole('button', { name: 'Send again' });
    await sendAgain.focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('outbox-empty-failed').isVisible()).toBe(true);
    expect((await api.get<OutboxPage>('/api/admin/mail/outbox?status=waiting')).items).toEqual([
      expect.objectContaining({ subject: SUBJECT, status: 'waiting', attempts: 0 }),
    ]);
    expect(await deliverDueMail(winsight.deps)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.subject)).toEqual([SUBJECT]);
  });
});
