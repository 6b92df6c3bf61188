import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  loginBodySchema,
  organizationTokenSchema,
  sessionResponseSchema,
  tokenCreateBodySchema,
  tokenCreatedSchema,
  tokenSchema,
} from '../../contract/auth.ts';
import { errorResponseSchema, idParamsSchema } from '../../contract/common.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf, errorResponses, type App } from '../http.ts';
import { AppError } from '../errors.ts';
import { listTokensOfUser } from './auth.repo.ts';
import { ssoRoutes } from './sso.routes.ts';
import { createToken, listOrganizationTokens, login, logout, revokeToken, SignInPaused } from './auth.service.ts';

export const SESSION_COOKIE = 'winsight_session';

export function authRoutes(app: App, deps: AppDeps): void {
  const setSession = (reply: FastifyReply, session: { sessionToken: string; expiresAt: string }) => {
    reply.setCookie(SESSION_COOKIE, session.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      path: '/',
      expires: new Date(session.expiresAt),
    });
  };
  ssoRoutes(app, deps, setSession);

  app.post(
    '/api/auth/login',
    {
      config: {
        isPublic: true,
        // per client address; failures per email and address are also counted in the database
        rateLimit: deps.config.rateLimitPerMinute > 0 ? { max: 30, timeWindow: '1 minute' } : false,
      },
      schema: {
        tags: ['auth'],
        summary:
          "Sign in with email and password; sets the session cookie. 403 when the person's organization requires single sign-on (administrators excepted)",
        body: loginBodySchema,
        response: {
          200: sessionResponseSchema,
          400: errorResponses[400],
          401: errorResponses[401],
          403: errorResponses[403],
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      // a Unix socket has no client address: its callers share one count
      const result = await login(deps, request.body, request.ip || 'local').catch((error: unknown) => {
        if (error instanceof SignInPaused) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      });
      setSession(reply, result);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        response: { 200: sessionResponseSchema, 401: errorResponses[401] },
      },
    },
    async (request) => {
      if (!request.auth) throw new AppError('unauthenticated', 'Sign in first');
      return { user: request.auth.user, csrfToken: request.auth.csrfToken };
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your personal API tokens',
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async (request) => ({ items: await listTokensOfUser(deps.db, actorOf(request).userId) }),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (shown once); use it as Authorization: Bearer <token>',
        body: tokenCreateBodySchema,
        response: { 201: tokenCreatedSchema, 400: errorResponses[400] },
      },
    },
    async (request, reply) => {
      if (!request.auth) throw new AppError('unauthenticated', 'Sign in first');
      return reply.status(201).send(await createToken(deps, request.auth, request.body));
    },
  );

  app.get(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Every API token of the organization with its owner (administrators); revoke one with DELETE /api/users/:id/tokens/:tokenId',
        response: { 200: z.object({ items: z.array(organizationTokenSchema) }), 403: errorResponses[403] },
      },
    },
    async (request) => ({ items: await listOrganizationTokens(deps, actorOf(request)) }),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your tokens',
        params: idParamsSchema,
        response: { 204: z.null(), 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      await revokeToken(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
