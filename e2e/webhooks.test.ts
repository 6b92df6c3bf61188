import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookList } from '../src/contract/webhooks.ts';
import { deliverDueWebhooks } from '../src/server/webhooks/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../src/testing/webhook-receiver.ts';
import { apiAs, type ApiClient } from './support/api.ts';
import { launchBrowser, type Browser } from './support/browser.ts';
import { eventually } from './support/eventually.ts';
import { submitSignIn } from './support/pages.ts';
import { startWinsight, type Winsight } from './support/server.ts';

const ADMIN = 'admin@demo.example.com';

describe('an administrator connects a webhook endpoint', { timeout: 90_000 }, () => {
  let winsight: Winsight;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // the receiver listens on 127.0.0.1: this deployment allows private addresses
    winsight = await startWinsight({ webhookAllowPrivate: true, webhookTimeoutMs: 5000 });
    api = await apiAs(winsight.url, ADMIN);
    receiver = await startWebhookReceiver();
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await winsight?.close();
  });

  it('adds an endpoint, copies its secret, sends a test event and sees it delivered in the log', async () => {
    await page.goto(`${winsight.url}/login`);
    await submitSignIn(page, ADMIN);
    await page.waitForURL(`${winsight.url}/home`);
    await page.goto(`${winsight.url}/admin/webhooks`);
    await eventually(() => page.getByTestId('admin-webhooks-empty').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('form', { name: 'Add an endpoint' });
    await form.getByRole('textbox', { name: 'Endpoint URL' }).fill('ftp://example.com/in');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await eventually(() => form.getByText('Only http:// and https:// addresses can receive webhooks').isVisible()).toBe(
      true,
    );
    await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);
    await form.getByRole('textbox', { name: 'Description' }).fill('Data warehouse');
    // every event is ticked to start with: keep the opportunity events only
    for (const label of [/^Assessment changed/, /^Danger zone raised/, /^Danger zone resolved/, /^Coaching assignment/])
      await form.getByRole('checkbox', { name: label }).uncheck();
    await form.getByRole('button', { name: 'Add endpoint' }).press('Enter');

    const secret = (await page.getByTestId('webhook-secret-value').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const table = page.getByRole('table', { name: 'Webhook endpoints' });
    await eventually(() => table.getByTestId('webhook-row').filter({ hasText: receiver.url }).count()).toBe(1);
    const endpoints = await api.get<WebhookList>('/api/webhooks');
    expect(endpoints.items[0]!.events).toEqual(['opportunity.created', 'opportunity.updated', 'opportunity.closed']);
    await eventually(() => page.getByTestId('webhook-deliveries-empty').isVisible()).toBe(true);

    await table.getByRole('button', { name: 'Send test event' }).click();
    const log = page.getByRole('table', { name: 'Deliveries' });
    await eventually(() => log.getByTestId('webhook-delivery-row').count()).toBe(1);
    expect(await deliverDueWebhooks(winsight.deps)).toMatchObject({ succeeded: 1 });
    // the log follows the sender by itself
    await eventually(() => log.getByTestId('webhook-delivery-row').first().textContent()).toMatch(/Delivered/);
    expect(await log.getByTestId('webhook-delivery-code').first().textContent()).toBe('200');

    // what arrived is signed with the secret the page showed
    const [hook] = receiver.received;
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${String(hook!.headers['webhook-id'])}.${String(hook!.headers['webhook-timestamp'])}.${hook!.body}`)
      .digest('base64');
    expect(hook!.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(JSON.parse(hook!.body)).toMatchObject({ type: 'webhook.test' });

    // replayed from the log: the same message again
    await log.getByRole('button', { name: 'Replay' }).first().click();
    await eventually(() => log.getByTestId('webhook-delivery-row').count()).toBe(2);
    await deliverDueWebhooks(winsight.deps);
    await eventually(() => receiver.received.length).toBe(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(hook!.headers['webhook-id']);
  });
});
