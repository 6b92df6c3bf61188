import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxMessage, InboxPage } from '../../contract/inbox.ts';
import type { MailSettingsResult, OutboxPage, OutboxRetryResult } from '../../contract/mail.ts';
import { createApp } from '../app.ts';
import { createEphemeralSecretBox } from '../secrets.ts';
import { closedPort, startSmtpServer, type TestSmtpServer } from '../../testing/smtp.ts';
import { createTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { findMailSettings, saveMailSettings } from './mail-settings.repo.ts';
import { isServerFailure } from './mailer.ts';
import { listOutbox } from './outbox.repo.ts';
import { deliverDueMail, notify, sealPlainMailPasswords, sendDueReminders } from './index.ts';

// The test clock starts on 2026-11-20 at 09:00 UTC.
const SMTP_USER = 'winsight@acme.test';
const SMTP_PASSWORD = 'smtp-secret-never-shown';

let ctx: TestContext;
let ws: Workspace;
let smtp: TestSmtpServer;
let actionId: string;

const admin = () => ws.acme.admin.as;
const errorOf = (response: { json<T>(): T }) =>
  response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;

async function inbox(as: Caller, query = ''): Promise<InboxPage> {
  const response = await as.get(`/api/inbox${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<InboxPage>();
}

const mailSettings = (port: number, extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port,
  tlsMode: 'none',
  username: SMTP_USER,
  password: SMTP_PASSWORD,
  fromAddress: 'winsight@acme.test',
  appUrl: 'https://winsight.acme.test/',
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  smtp = await startSmtpServer({ username: SMTP_USER, password: SMTP_PASSWORD });
  // what managerA and sellerA1 agreed on sellerA1's deal: due tomorrow
  const agreed = await ws.acme.managerA.as.post(`/api/opportunities/${ws.books.sellerA1.opportunity.id}/actions`, {
    text: 'Book the meeting with the CFO',
    ownerId: ws.acme.sellerA1.user.id,
    dueDate: '2026-11-21',
  });
  expect(agreed.statusCode, agreed.body).toBe(201);
  actionId = agreed.json<{ id: string }>().id;
});
afterAll(async () => {
  await smtp.close();
  await ctx.close();
});

describe('mail settings (administrators)', () => {
  it('start unset, and only administrators read or change them', async () => {
    expect((await admin().get('/api/admin/mail')).json<MailSettingsResult>()).toEqual({ settings: null });
    for (const as of [ws.acme.sellerA1.as, ws.acme.managerA.as]) {
      expect((await as.get('/api/admin/mail')).statusCode).toBe(403);
      expect((await as.put('/api/admin/mail', mailSettings(smtp.port))).statusCode).toBe(403);
      expect((await as.post('/api/admin/mail/test')).statusCode).toBe(403);
    }
  });

  it('refuse a test before any are saved', async () => {
    const response = await admin().post('/api/admin/mail/test');
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).message).toMatch(/Save the mail settings first/);
  });

  it.each([
    ['host', { host: 'smtp example.com' }],
    ['host', { host: '' }],
    ['port', { port: 0 }],
    ['port', { port: 70000 }],
    ['port', { port: '587' }],
    ['tlsMode', { tlsMode: 'ssl' }],
    ['fromAddress', { fromAddress: 'not an address' }],
    ['appUrl', { appUrl: 'winsight.acme.test' }],
    ['colour', { colour: 'blue' }],
  ])('refuse a bad %s with 400 naming it, saving nothing', async (field, change) => {
    const response = await admin().put('/api/admin/mail', mailSettings(smtp.port, change));
    expect(response.statusCode, response.body).toBe(400);
    expect(Object.keys(errorOf(response).fields ?? {})).toContain(field);
    expect((await admin().get('/api/admin/mail')).json<MailSettingsResult>().settings).toBeNull();
  });

  it('refuse a user name without a password, and a password without a user name (422 naming the field)', async () => {
    const noPassword = await admin().put('/api/admin/mail', mailSettings(smtp.port, { password: null }));
    expect(noPassword.statusCode).toBe(422);
    expect(Object.keys(errorOf(noPassword).fields ?? {})).toEqual(['password']);
    const noUser = await admin().put('/api/admin/mail', mailSettings(smtp.port, { username: '' }));
    expect(noUser.statusCode).toBe(422);
    expect(Object.keys(errorOf(noUser).fields ?? {})).toEqual(['username']);
  });

  it('are saved, and never give the password back: only whether one is set', async () => {
    const saved = await admin().put('/api/admin/mail', mailSettings(smtp.port));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain(SMTP_PASSWORD);
    const read = await admin().get('/api/admin/mail');
    expect(read.body).not.toContain(SMTP_PASSWORD);
    expect(read.json<MailSettingsResult>().settings).toMatchObject({
      host: '127.0.0.1',
      port: smtp.port,
      tlsMode: 'none',
      username: SMTP_USER,
      isPasswordSet: true,
      fromAddress: 'winsight@acme.test',
      appUrl: 'https://winsight.acme.test',
      updatedByName: 'Ada Admin',
    });
    // another organization's administrator sees their own (none)
    expect((await ws.globex.admin.as.get('/api/admin/mail')).json<MailSettingsResult>()).toEqual({ settings: null });
  });

  it('keep the saved password when a change leaves it out, and the test message reaches the administrator', async () => {
    const changed = await admin().put('/api/admin/mail', {
      ...mailSettings(smtp.port),
      password: undefined,
      fromAddress: 'sales-ops@acme.test',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<MailSettingsResult>().settings?.isPasswordSet).toBe(true);
    const before = smtp.received.length;
    // the server refuses anyone but SMTP_USER with SMTP_PASSWORD: this proves the kept password is used
    const test = await admin().post('/api/admin/mail/test');
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json()).toMatchObject({ sentTo: 'admin@acme.test' });
    const mail = smtp.received[before]!;
    expect(mail.subject).toBe('Winsight test message');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('admin@acme.test');
    expect(mail.from?.text).toBe('sales-ops@acme.test');
    expect(mail.text).toContain(`127.0.0.1:${smtp.port}`);
  });

  it('report the SMTP error clearly when the test fails', async () => {
    const wrongPassword = await admin().put('/api/admin/mail', mailSettings(smtp.port, { password: 'wrong' }));
    expect(wrongPassword.statusCode).toBe(200);
    const refused = await admin().post('/api/admin/mail/test');
    expect(refused.statusCode).toBe(422);
    expect(errorOf(refused).message).toMatch(
      /Could not send through 127\.0\.0\.1:\d+: .*Invalid username or password.*EAUTH/,
    );
    const port = await closedPort();
    await admin().put('/api/admin/mail', mailSettings(port));
    const unreachable = await admin().post('/api/admin/mail/test');
    expect(unreachable.statusCode).toBe(422);
    expect(errorOf(unreachable).message).toContain(`Could not send through 127.0.0.1:${port}: `);
    expect(errorOf(unreachable).message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    // back to the working server for what follows
    expect((await admin().put('/api/admin/mail', mailSettings(smtp.port))).statusCode).toBe(200);
  });
});

describe('reminders of agreed actions', () => {
  it('tell the owner the day before it is due, in the inbox and by e-mail with the link', async () => {
    const [pass] = await sendDueReminders(ctx.deps);
    expect(pass).toEqual({ source: 'agreed-actions', due: 1, written: 1, queued: 1 });
    const page = await inbox(ws.acme.sellerA1.as);
    expect(page.unread).toBe(1);
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'action-due',
        subject: 'Due tomorrow: Book the meeting with the CFO',
        link: `/opportunities/${ws.books.sellerA1.opportunity.id}`,
        readAt: null,
      }),
    ]);
    const before = smtp.received.length;
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received[before]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('seller.a1@acme.test');
    expect(mail.subject).toBe('Due tomorrow: Book the meeting with the CFO');
    expect(mail.text).toContain('You agreed with Max Manager to do this on Initech platform (Initech) by Nov 21, 2026');
    expect(mail.text).toContain(
      `Open in Winsight: https://winsight.acme.test/opportunities/${ws.books.sellerA1.opportunity.id}`,
    );
  });

  it('are sent once: the pass run again writes and mails nothing', async () => {
    const before = smtp.received.length;
    expect(await sendDueReminders(ctx.deps)).toEqual([
      { source: 'agreed-actions', due: 1, written: 0, queued: 0 },
      { source: 'coaching-assignments', due: 0, written: 0, queued: 0 },
    ]);
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length).toBe(before);
    expect((await inbox(ws.acme.sellerA1.as)).total).toBe(1);
  });

  it('tell the owner once it is overdue, and the manager who agreed it when 3 days late', async () => {
    ctx.clock.set('2026-11-22T09:00:00.000Z');
    await sendDueReminders(ctx.deps);
    expect((await inbox(ws.acme.sellerA1.as)).items.map((m) => m.kind)).toEqual(['action-overdue', 'action-due']);
    expect((await inbox(ws.acme.managerA.as)).items).toEqual([]);
    ctx.clock.set('2026-11-24T02:00:00.000Z');
    await sendDueReminders(ctx.deps);
    await sendDueReminders(ctx.deps);
    expect((await inbox(ws.acme.sellerA1.as)).items.map((m) => m.kind)).toEqual(['action-overdue', 'action-due']);
    const manager = await inbox(ws.acme.managerA.as);
    expect(manager.items).toEqual([
      expect.objectContaining({
        kind: 'team-action-overdue',
        subject: 'Sam Seller is 3 days late: Book the meeting with the CFO',
      }),
    ]);
    await deliverDueMail(ctx.deps);
    const subjects = smtp.received.map((m) => m.subject);
    expect(subjects.filter((s) => s === 'Overdue: Book the meeting with the CFO')).toHaveLength(1);
    expect(subjects.filter((s) => s?.startsWith('Sam Seller is 3 days late'))).toHaveLength(1);
  });

  it('stop once the action is done', async () => {
    ctx.clock.set('2026-11-25T09:00:00.000Z');
    const done = await ws.acme.sellerA1.as.patch(
      `/api/opportunities/${ws.books.sellerA1.opportunity.id}/actions/${actionId}`,
      { done: true },
    );
    expect(done.statusCode).toBe(200);
    expect(await sendDueReminders(ctx.deps)).toEqual([
      { source: 'agreed-actions', due: 0, written: 0, queued: 0 },
      { source: 'coaching-assignments', due: 0, written: 0, queued: 0 },
    ]);
  });
});

describe('delivering e-mail', () => {
  it('retries after the server refuses, with a pause, and records the error meanwhile', async () => {
    ctx.clock.set('2026-11-26T09:00:00.000Z');
    smtp.failNext(1);
    const before = smtp.received.length;
    await notify(ctx.deps, ws.acme.orgId, ws.acme.sellerA2.user.id, {
      kind: 'action-due',
      subject: 'Retry me',
      body: 'A message the server refuses once',
      link: null,
      dedupeKey: 'test:retry',
    });
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 1 });
    const [queued] = (await listOutbox(ctx.deps.db, ws.acme.orgId)).filter((m) => m.subject === 'Retry me');
    expect(queued).toMatchObject({
      attempts: 1,
      sentAt: null,
      nextAttemptAt: expect.stringMatching(/^2026-11-26T09:01/),
    });
    expect(queued!.lastError).toMatch(/Mailbox busy, try again later/);
    // not due yet: nothing is tried
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 0 });
    ctx.clock.advance(2 * 60_000);
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.slice(before).map((m) => m.subject)).toEqual(['Retry me']);
    const [sent] = (await listOutbox(ctx.deps.db, ws.acme.orgId)).filter((m) => m.subject === 'Retry me');
    expect(sent).toMatchObject({ attempts: 2, lastError: null, sentAt: expect.any(String) });
  });

  it('never lets a dead server fail or hold up the one who notified; it gives up after six tries', async () => {
    await admin().put('/api/admin/mail', mailSettings(await closedPort()));
    const result = await notify(ctx.deps, ws.acme.orgId, ws.acme.sellerA2.user.id, {
      kind: 'action-due',
      subject: 'Nobody listens',
      body: 'The server is down',
      link: '/inbox',
      dedupeKey: 'test:dead',
    });
    expect(result).toEqual({ written: 1, queued: 1 });
    await notify(ctx.deps, ws.acme.orgId, ws.acme.sellerA2.user.id, {
      kind: 'action-due',
      subject: 'Nobody listens either',
      body: 'The server is still down',
      link: null,
      dedupeKey: 'test:dead-too',
    });
    // one try reaches the dead server; the other e-mail waits for the same time, its tries untouched
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 1 });
    const waiting = (await listOutbox(ctx.deps.db, ws.acme.orgId)).filter((m) => m.subject.startsWith('Nobody'));
    expect(waiting.map((m) => m.attempts).sort()).toEqual([0, 1]);
    expect(new Set(waiting.map((m) => m.nextAttemptAt)).size).toBe(1);
    for (let attempt = 0; attempt < 14; attempt += 1) {
      await deliverDueMail(ctx.deps);
      ctx.clock.advance(7 * 60 * 60_000);
    }
    const dead = (await listOutbox(ctx.deps.db, ws.acme.orgId)).filter((m) => m.subject.startsWith('Nobody'));
    expect(dead).toEqual([
      expect.objectContaining({ attempts: 6, sentAt: null, nextAttemptAt: null }),
      expect.objectContaining({ attempts: 6, sentAt: null, nextAttemptAt: null }),
    ]);
    expect(dead[0]!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    await admin().put('/api/admin/mail', mailSettings(smtp.port));
  });

  it('queues nothing for an organization without mail settings', async () => {
    const result = await notify(ctx.deps, ws.globex.orgId, ws.globex.seller.user.id, {
      kind: 'action-due',
      subject: 'Inbox only',
      body: 'Globex has no SMTP server',
      link: null,
      dedupeKey: 'test:no-mail',
    });
    expect(result).toEqual({ written: 1, queued: 0 });
    expect((await inbox(ws.globex.seller.as)).items.map((m) => m.subject)).toEqual(['Inbox only']);
  });
});

describe('failed e-mails (administrators)', () => {
  async function outbox(query = '', as: Caller = admin()): Promise<OutboxPage> {
    const response = await as.get(`/api/admin/mail/outbox${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<OutboxPage>();
  }
  const retry = (id: string, as: Caller = admin()) => as.post(`/api/admin/mail/outbox/${id}/retry`);

  it('lists those the sender gave up on, newest first, with their tries and the last error in words', async () => {
    const page = await outbox('?status=failed');
    expect(page).toMatchObject({ total: 2, failed: 2 });
    expect(page.items.map((m) => m.subject)).toEqual(['Nobody listens either', 'Nobody listens']);
    for (const mail of page.items) {
      expect(mail).toMatchObject({
        status: 'failed',
        toAddress: 'seller.a2@acme.test',
        attempts: 6,
        nextAttemptAt: null,
        sentAt: null,
      });
      expect(mail.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    }
    // paged
    const second = await outbox('?status=failed&limit=1&offset=1');
    expect(second.items.map((m) => m.subject)).toEqual(['Nobody listens']);
    expect(second.total).toBe(2);
    // another organization's administrator sees theirs: none
    expect(await outbox('', ws.globex.admin.as)).toEqual({ items: [], total: 0, failed: 0 });
  });

  it.each([
    ['status', '?status=sent'],
    ['limit', '?limit=0'],
    ['offset', '?offset=-1'],
    ['colour', '?colour=blue'],
  ])('refuses a bad %s with 400 naming it', async (field, query) => {
    const response = await admin().get(`/api/admin/mail/outbox${query}`);
    expect(response.statusCode, response.body).toBe(400);
    expect(Object.keys(errorOf(response).fields ?? {})).toContain(field);
  });

  it('lets nobody but its administrators see or send them again', async () => {
    const [mail] = (await outbox()).items;
    for (const as of [ws.acme.sellerA2.as, ws.acme.managerA.as]) {
      expect((await as.get('/api/admin/mail/outbox')).statusCode).toBe(403);
      expect((await retry(mail!.id, as)).statusCode).toBe(403);
      expect((await as.post('/api/admin/mail/outbox/retry-failed')).statusCode).toBe(403);
    }
    expect((await retry(mail!.id, ws.globex.admin.as)).statusCode).toBe(404);
    expect((await ws.globex.admin.as.post('/api/admin/mail/outbox/retry-failed')).json()).toEqual({ requeued: 0 });
    expect((await retry('no-such-mail')).statusCode).toBe(404);
    expect((await outbox()).failed).toBe(2);
  });

  it('sends one again once the server works: queued once however often asked, delivered once, then off the list', async () => {
    const [mail] = (await outbox()).items;
    const first = await retry(mail!.id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<OutboxRetryResult>()).toMatchObject({
      requeued: true,
      mail: { id: mail!.id, status: 'waiting', attempts: 0 },
    });
    const twice = await retry(mail!.id);
    expect(twice.json<OutboxRetryResult>()).toMatchObject({ requeued: false, mail: { status: 'waiting' } });
    expect((await outbox()).items.map((m) => m.id)).not.toContain(mail!.id);
    expect((await outbox('?status=waiting')).items.map((m) => m.id)).toContain(mail!.id);
    const before = smtp.received.length;
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.slice(before).map((m) => m.subject)).toEqual([mail!.subject]);
    expect(smtp.received[before]!.text).toContain('The server is still down');
    const afterSent = await retry(mail!.id);
    expect(afterSent.json<OutboxRetryResult>()).toMatchObject({ requeued: false, mail: { status: 'sent' } });
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length).toBe(before + 1);
    expect(await outbox()).toMatchObject({ total: 1, failed: 1 });
  });

  it('shows one the server refuses among those waiting, with its error, and sends it again when it fails for good', async () => {
    ctx.clock.set('2026-11-27T09:00:00.000Z');
    await notify(ctx.deps, ws.acme.orgId, ws.acme.sellerA2.user.id, {
      kind: 'action-due',
      subject: 'Refused six times',
      body: 'The server says it is busy',
      link: null,
      dedupeKey: 'test:refused',
    });
    smtp.failNext(6);
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 0, failed: 1 });
    const waiting = await outbox('?status=waiting');
    expect(waiting.items).toEqual([
      expect.objectContaining({ subject: 'Refused six times', status: 'waiting', attempts: 1 }),
    ]);
    expect(waiting.items[0]!.lastError).toMatch(/Mailbox busy, try again later/);
    expect(waiting.items[0]!.nextAttemptAt).toMatch(/^2026-11-27T09:01/);
    // still to be tried by the sender: not one to send again
    expect((await retry(waiting.items[0]!.id)).json<OutboxRetryResult>().requeued).toBe(false);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      ctx.clock.advance(7 * 60 * 60_000);
      await deliverDueMail(ctx.deps);
    }
    const failed = await outbox();
    expect(failed).toMatchObject({ total: 2, failed: 2 });
    expect(failed.items[0]).toMatchObject({ subject: 'Refused six times', status: 'failed', attempts: 6 });
    expect(failed.items[0]!.lastError).toMatch(/Mailbox busy, try again later/);
    expect((await outbox('?status=waiting')).total).toBe(0);
  });

  it('sends all the failed ones again at once, each delivered once', async () => {
    const all = await admin().post('/api/admin/mail/outbox/retry-failed');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ requeued: 2 });
    expect((await admin().post('/api/admin/mail/outbox/retry-failed')).json()).toEqual({ requeued: 0 });
    const before = smtp.received.length;
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 2, failed: 0 });
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Nobody listens', 'Refused six times']);
    expect(await outbox()).toEqual({ items: [], total: 0, failed: 0 });
    expect((await outbox('?status=waiting')).total).toBe(0);
  });
});

describe('the inbox is its owner’s alone', () => {
  it('pages newest first and filters the unread', async () => {
    const page = await inbox(ws.acme.sellerA1.as, '?limit=1');
    expect(page).toMatchObject({ total: 2, unread: 2 });
    expect(page.items.map((m) => m.kind)).toEqual(['action-overdue']);
    expect((await inbox(ws.acme.sellerA1.as, '?limit=1&offset=1')).items.map((m) => m.kind)).toEqual(['action-due']);
    expect((await ws.acme.sellerA1.as.get('/api/inbox?limit=0')).statusCode).toBe(400);
  });

  it('shows nobody else the messages, administrators and managers included, and lets nobody else mark them', async () => {
    const [message] = (await inbox(ws.acme.sellerA1.as)).items;
    for (const other of [ws.acme.admin, ws.acme.managerA, ws.acme.sellerA2, ws.globex.admin]) {
      expect((await inbox(other.as)).items.map((m) => m.id)).not.toContain(message!.id);
      const marked = await other.as.post(`/api/inbox/${message!.id}/read`);
      expect(marked.statusCode).toBe(404);
      await other.as.post('/api/inbox/read-all');
    }
    expect((await inbox(ws.acme.sellerA1.as)).unread).toBe(2);
  });

  it('marks one message read (keeping its first reading), then all', async () => {
    const [first] = (await inbox(ws.acme.sellerA1.as)).items;
    const marked = await ws.acme.sellerA1.as.post(`/api/inbox/${first!.id}/read`);
    expect(marked.statusCode).toBe(200);
    const readAt = marked.json<InboxMessage>().readAt;
    expect(readAt).not.toBeNull();
    const again = await ws.acme.sellerA1.as.post(`/api/inbox/${first!.id}/read`);
    expect(again.json<InboxMessage>().readAt).toBe(readAt);
    expect((await inbox(ws.acme.sellerA1.as)).unread).toBe(1);
    expect((await inbox(ws.acme.sellerA1.as, '?unread=true')).items).toHaveLength(1);
    const all = await ws.acme.sellerA1.as.post('/api/inbox/read-all');
    expect(all.json()).toEqual({ marked: 1, unread: 0 });
    expect((await inbox(ws.acme.sellerA1.as)).unread).toBe(0);
  });
});

describe('which SMTP failures hold up the organization’s other e-mails', () => {
  it.each([
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, true],
    [{ code: 'EAUTH', responseCode: 535, message: 'Invalid login' }, true],
    [{ code: 'EENVELOPE', responseCode: 550, message: 'No such user' }, false],
    [{ code: 'EMESSAGE', responseCode: 451, message: 'Try again later' }, false],
    [new Error('The organization has no mail settings any more'), true],
  ])('%j: %s', (error, serverWide) => {
    expect(isServerFailure(error)).toBe(serverWide);
  });
});

describe('the SMTP password at rest', () => {
  it('is stored sealed, not as the password, and e-mail still goes out with it', async () => {
    const stored = await findMailSettings(ctx.deps.db, ws.acme.orgId);
    expect(stored?.password).toMatch(/^v1:/);
    expect(stored?.password).not.toContain(SMTP_PASSWORD);
    expect(ctx.deps.secrets.open(stored!.password!)).toBe(SMTP_PASSWORD);
    // the test server lets only SMTP_USER with SMTP_PASSWORD send
    expect((await admin().post('/api/admin/mail/test')).statusCode).toBe(200);
  });

  it('works when saved in plain text before sealing, and is sealed at the next save', async () => {
    const stored = (await findMailSettings(ctx.deps.db, ws.acme.orgId))!;
    await saveMailSettings(ctx.deps.db, { ...stored, password: SMTP_PASSWORD });
    const read = await admin().get('/api/admin/mail');
    expect(read.body).not.toContain(SMTP_PASSWORD);
    expect(read.json<MailSettingsResult>().settings).toMatchObject({
      isPasswordSet: true,
      isPasswordUnreadable: false,
    });
    expect((await admin().post('/api/admin/mail/test')).statusCode).toBe(200);
    // a save that leaves the password out keeps it, sealed now
    const saved = await admin().put('/api/admin/mail', { ...mailSettings(smtp.port), password: undefined });
    expect(saved.statusCode, saved.body).toBe(200);
    const sealed = (await findMailSettings(ctx.deps.db, ws.acme.orgId))!.password!;
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(SMTP_PASSWORD);
    const before = smtp.received.length;
    expect((await admin().post('/api/admin/mail/test')).statusCode).toBe(200);
    expect(smtp.received.length).toBe(before + 1);
  });

  it('saved in plain text is sealed by the one-off pass at start-up, once, and still sends', async () => {
    const stored = (await findMailSettings(ctx.deps.db, ws.acme.orgId))!;
    await saveMailSettings(ctx.deps.db, { ...stored, password: SMTP_PASSWORD });
    expect(await sealPlainMailPasswords(ctx.deps)).toBe(1);
    expect(await sealPlainMailPasswords(ctx.deps)).toBe(0);
    const sealed = (await findMailSettings(ctx.deps.db, ws.acme.orgId))!.password!;
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(SMTP_PASSWORD);
    expect((await admin().post('/api/admin/mail/test')).statusCode).toBe(200);
  });

  it('sealed under another key asks for the password again: settings read, sending refused in words, never a 500', async () => {
    // the same database served with another key (WINSIGHT_SECRET_KEY changed, the key file lost)
    const otherDeps = { ...ctx.deps, secrets: createEphemeralSecretBox() };
    const other = await createApp(otherDeps);
    try {
      const as = await signIn(other, 'admin@acme.test', TEST_PASSWORD);
      const read = await as.get('/api/admin/mail');
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json<MailSettingsResult>().settings).toMatchObject({
        isPasswordSet: true,
        isPasswordUnreadable: true,
      });
      const test = await as.post('/api/admin/mail/test');
      expect(test.statusCode).toBe(422);
      expect(errorOf(test).message).toMatch(/The saved SMTP password cannot be read .* enter the password again/);
      const kept = await as.put('/api/admin/mail', { ...mailSettings(smtp.port), password: undefined });
      expect(kept.statusCode).toBe(422);
      expect(errorOf(kept).fields).toEqual({ password: expect.stringMatching(/enter the password again/) });
      // the sender records it as the e-mail's error, in the same words, and sends nothing
      await notify(otherDeps, ws.acme.orgId, ws.acme.sellerA2.user.id, {
        kind: 'action-due',
        subject: 'Sealed under the old key',
        body: 'Waits for the password',
        link: null,
        dedupeKey: 'test:other-key',
      });
      const before = smtp.received.length;
      expect(await deliverDueMail(otherDeps)).toEqual({ sent: 0, failed: 1 });
      expect(smtp.received.length).toBe(before);
      const [waiting] = (await listOutbox(ctx.deps.db, ws.acme.orgId)).filter(
        (m) => m.subject === 'Sealed under the old key',
      );
      expect(waiting!.lastError).toMatch(/The saved SMTP password cannot be read/);
      expect(waiting!.lastError).not.toContain(SMTP_PASSWORD);
      // entered again, it is sealed under the new key and the e-mail goes out at its next try
      expect((await as.put('/api/admin/mail', mailSettings(smtp.port))).statusCode).toBe(200);
      expect((await as.get('/api/admin/mail')).json<MailSettingsResult>().settings?.isPasswordUnreadable).toBe(false);
      ctx.clock.advance(2 * 60_000);
      expect(await deliverDueMail(otherDeps)).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.slice(before).map((m) => m.subject)).toEqual(['Sealed under the old key']);
    } finally {
      await other.close();
      // back to this app's key
      await admin().put('/api/admin/mail', mailSettings(smtp.port));
    }
  });
});
