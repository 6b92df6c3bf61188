import {
  inboxMessageSchema,
  inboxPageSchema,
  inboxParamsSchema,
  inboxQuerySchema,
  readAllResultSchema,
} from '../../contract/inbox.ts';
import {
  mailSettingsBodySchema,
  mailSettingsResultSchema,
  mailSettingsSchema,
  mailTestResultSchema,
  outboxPageSchema,
  outboxParamsSchema,
  outboxQuerySchema,
  outboxRetryAllResultSchema,
  outboxRetryResultSchema,
} from '../../contract/mail.ts';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { markAllMessagesRead, markMessageRead, readInbox } from './inbox.service.ts';
import { changeMailSettings, readMailSettings, sendTestMail } from './mail.service.ts';
import { readOutbox, retryAllFailedMail, retryOutboxMail } from './outbox.service.ts';

export function inboxRoutes(app: App, deps: AppDeps): void {
  const tags = ['inbox'];
  app.get(
    '/api/inbox',
    {
      schema: {
        tags,
        summary:
          'Your own inbox, newest first, with how many messages are unread (nobody else’s, administrators included)',
        querystring: inboxQuerySchema,
        response: { 200: inboxPageSchema, 400: errorResponses[400] },
      },
    },
    async (request) => readInbox(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/inbox/:id/read',
    {
      schema: {
        tags,
        summary: 'Marks one of your messages read',
        params: inboxParamsSchema,
        response: { 200: inboxMessageSchema, 400: errorResponses[400], 404: errorResponses[404] },
      },
    },
    async (request) => markMessageRead(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/inbox/read-all',
    {
      schema: { tags, summary: 'Marks every one of your messages read', response: { 200: readAllResultSchema } },
    },
    async (request) => markAllMessagesRead(deps, actorOf(request)),
  );

  const adminTags = ['mail'];
  app.get(
    '/api/admin/mail',
    {
      schema: {
        tags: adminTags,
        summary: "The organization's SMTP settings (administrators); the password only as set or not",
        response: { 200: mailSettingsResultSchema, 403: errorResponses[403] },
      },
    },
    async (request) => readMailSettings(deps, actorOf(request)),
  );

  app.put(
    '/api/admin/mail',
    {
      schema: {
        tags: adminTags,
        summary:
          "Saves the organization's SMTP settings (administrators); leave the password out to keep the saved one, null removes it",
        body: mailSettingsBodySchema,
        response: {
          200: z.object({ settings: mailSettingsSchema }),
          400: errorResponses[400],
          403: errorResponses[403],
          422: errorResponses[422],
        },
      },
    },
    async (request) => changeMailSettings(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/admin/mail/test',
    {
      schema: {
        tags: adminTags,
        summary:
          'Sends a test message to you through the saved settings (administrators); an SMTP failure answers 422 with what the server said',
        response: { 200: mailTestResultSchema, 403: errorResponses[403], 422: errorResponses[422] },
      },
    },
    async (request) => sendTestMail(deps, actorOf(request)),
  );

  app.get(
    '/api/admin/mail/outbox',
    {
      schema: {
        tags: adminTags,
        summary:
          "The organization's e-mails that failed for good (status=failed) or wait for their next try (status=waiting), newest first, with their last error (administrators)",
        querystring: outboxQuerySchema,
        response: { 200: outboxPageSchema, 400: errorResponses[400], 403: errorResponses[403] },
      },
    },
    async (request) => readOutbox(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/admin/mail/outbox/:id/retry',
    {
      schema: {
        tags: adminTags,
        summary:
          'Puts a failed e-mail back in the queue, its tries started over (administrators); one not failed any more is answered as it stands, queued no second time',
        params: outboxParamsSchema,
        response: {
          200: outboxRetryResultSchema,
          400: errorResponses[400],
          403: errorResponses[403],
          404: errorResponses[404],
        },
      },
    },
    async (request) => retryOutboxMail(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/admin/mail/outbox/retry-failed',
    {
      schema: {
        tags: adminTags,
        summary: "Puts every one of the organization's failed e-mails back in the queue (administrators)",
        response: { 200: outboxRetryAllResultSchema, 403: errorResponses[403] },
      },
    },
    async (request) => retryAllFailedMail(deps, actorOf(request)),
  );
}
