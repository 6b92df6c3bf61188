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
} from '../../contract/mail.ts';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { markAllMessagesRead, markMessageRead, readInbox } from './inbox.service.ts';
import { changeMailSettings, readMailSettings, sendTestMail } from './mail.service.ts';

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
}
