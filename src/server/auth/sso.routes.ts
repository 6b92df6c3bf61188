import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ssoSettingsBodySchema,
  ssoSettingsResultSchema,
  ssoSettingsSchema,
  ssoStartBodySchema,
  ssoStartResultSchema,
} from '../../contract/sso.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import {
  changeSsoSettings,
  finishSsoSignIn,
  readSsoSettings,
  removeSsoSettings,
  startSsoSignIn,
} from './sso.service.ts';

/** the state of a sign-in on its way through the provider, so only the browser that began it finishes it */
const STATE_COOKIE = 'winsight_sso_state';
const CALLBACK_PATH = '/api/auth/sso/callback';

/** this app's address as the browser reaches it (normalized: the provider compares it letter for letter) */
function redirectUriOf(request: FastifyRequest): string {
  return new URL(CALLBACK_PATH, `${request.protocol}://${request.host}`).href;
}

export function ssoRoutes(
  app: App,
  deps: AppDeps,
  setSession: (reply: FastifyReply, session: { sessionToken: string; expiresAt: string }) => void,
): void {
  const publicLimit = deps.config.rateLimitPerMinute > 0 ? { max: 30, timeWindow: '1 minute' } : false;

  app.post(
    '/api/auth/sso/start',
    {
      config: { isPublic: true, rateLimit: publicLimit },
      schema: {
        tags: ['auth'],
        summary:
          "Begin signing in through the organization's identity provider (OpenID Connect); answers the provider's page to go to",
        body: ssoStartBodySchema,
        response: { 200: ssoStartResultSchema, 400: errorResponses[400], 422: errorResponses[422] },
      },
    },
    async (request, reply) => {
      const { redirectTo, state } = await startSsoSignIn(deps, request.body, redirectUriOf(request));
      reply.setCookie(STATE_COOKIE, state, {
        httpOnly: true,
        // the provider sends the browser back with a top-level GET: lax cookies go along
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        path: '/api/auth/sso',
        maxAge: 10 * 60,
      });
      return { redirectTo };
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: { isPublic: true, rateLimit: publicLimit },
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider sends the browser back; signs in and goes on into the app',
        querystring: z.record(z.string(), z.unknown()),
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      reply.clearCookie(STATE_COOKIE, { path: '/api/auth/sso' });
      const url = new URL(request.url, `${request.protocol}://${request.host}`);
      try {
        const { session, nextPath } = await finishSsoSignIn(deps, url, request.cookies[STATE_COOKIE]);
        setSession(reply, session);
        return await reply.redirect(nextPath, 302);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        request.log.info({ reason: error.message }, 'single sign-on refused');
        return await reply.redirect(`/login?sso_error=${encodeURIComponent(error.message)}`, 302);
      }
    },
  );

  app.get(
    '/api/admin/sso',
    {
      schema: {
        tags: ['auth'],
        summary:
          "The organization's single sign-on provider (administrators), and the redirect address to register there",
        response: { 200: ssoSettingsResultSchema, 403: errorResponses[403] },
      },
    },
    async (request) => readSsoSettings(deps, actorOf(request), redirectUriOf(request)),
  );

  app.put(
    '/api/admin/sso',
    {
      schema: {
        tags: ['auth'],
        summary:
          "Set the organization's OpenID Connect provider (administrators); its settings are read from the issuer before saving",
        body: ssoSettingsBodySchema,
        response: {
          200: z.object({ settings: ssoSettingsSchema }),
          400: errorResponses[400],
          403: errorResponses[403],
          422: errorResponses[422],
        },
      },
    },
    async (request) => changeSsoSettings(deps, actorOf(request), request.body),
  );

  app.delete(
    '/api/admin/sso',
    {
      schema: {
        tags: ['auth'],
        summary: 'Remove single sign-on; people sign in with their passwords (administrators)',
        response: { 204: z.null(), 403: errorResponses[403], 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      await removeSsoSettings(deps, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
