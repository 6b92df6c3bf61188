import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountRoutes } from './accounts/accounts.routes.ts';
import { assessmentRoutes } from './assessment/assessment.routes.ts';
import { authRoutes, SESSION_COOKIE } from './auth/auth.routes.ts';
import { authenticate } from './auth/auth.service.ts';
import { catalogRoutes } from './coaching/catalog.routes.ts';
import { diagnosisRoutes } from './coaching/diagnosis.routes.ts';
import { gapRuleRoutes } from './coaching/gap-rules.routes.ts';
import { handOverRoutes } from './hand-overs/hand-overs.routes.ts';
import { proposalRoutes } from './proposals/proposals.routes.ts';
import { contactRoutes } from './contacts/contacts.routes.ts';
import { currencyRoutes } from './currency/currency.routes.ts';
import type { AppDeps } from './deps.ts';
import { answerClientError, answerFrameworkError, AppError, installErrorHandler } from './errors.ts';
import { healthRoutes } from './health.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { inboxRoutes } from './inbox/inbox.routes.ts';
import { exportRoutes } from './exports/index.ts';
import { responseSerializer } from './serializer.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import type { App } from './http.ts';
import { opportunityRoutes } from './opportunities/opportunities.routes.ts';
import { forecastRoutes } from './forecast/forecast.routes.ts';
import { actionRoutes } from './reviews/actions.routes.ts';
import { meetingRoutes } from './reviews/meetings.routes.ts';
import { scorecardRoutes } from './coaching/scorecard.routes.ts';
import { assignmentRoutes } from './coaching/assignments.routes.ts';
import { impactRoutes } from './coaching/impact.routes.ts';
import { reviewRoutes } from './reviews/reviews.routes.ts';
import { winLossRoutes } from './reviews/win-loss.routes.ts';
import { parseQueryString, refuseUndecodableQuery } from './query-string.ts';
import { securityHeaders } from './security-headers.ts';
import { stageRoutes } from './stages/stages.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { webhookRoutes } from './webhooks/webhooks.routes.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_PARAM_LENGTH = 200;
/** the Swagger UI page, its files and its copy of the OpenAPI document: public, like /api/openapi.json */
const DOCS_PREFIX = '/api/docs';

export const CSRF_HEADER = 'x-csrf-token';

/** Builds the whole HTTP app without listening, so tests can call it in-process. */
export async function createApp(
  deps: AppDeps,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<App> {
  const headers = securityHeaders({ https: deps.config.secureCookies });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, querystringParser: parseQueryString },
    // the router's and the HTTP parser's refusals come before any hook: they get the headers here
    frameworkErrors: (error, _request, reply) => {
      answerFrameworkError(error, reply.headers(headers), { maxParamLength: MAX_PARAM_LENGTH });
    },
    clientErrorHandler: (error, socket) => answerClientError(error, socket, headers),
  }).withTypeProvider<ZodTypeProvider>();
  // first of all hooks, so that errors, 404s and the plugins' routes carry them too
  app.addHook('onRequest', async (_request, reply) => void reply.headers(headers));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  const webRoot = deps.config.webDir ? builtWebApp(deps.config.webDir) : null;
  installErrorHandler(app, webRoot ? { root: webRoot } : null);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: deps.config.rateLimitPerMinute > 0,
    max: Math.max(1, deps.config.rateLimitPerMinute),
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'too-many-requests',
        `Too many requests: wait ${Math.ceil(context.ttl / 1000)} seconds and try again`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Winsight API',
        version: deps.config.version,
        description:
          'Opportunities, accounts, contacts and people. Sign in with POST /api/auth/login (cookie; send X-CSRF-Token on writes) or use a personal token as Authorization: Bearer.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`))
      route.config = { ...route.config, isPublic: true };
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    refuseUndecodableQuery(request);
    const config = request.routeOptions.config;
    if (!request.routeOptions.url || config.isPublic || !request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    const bearerToken = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (authorization && !bearerToken) throw new AppError('unauthenticated', 'Use Authorization: Bearer <token>');
    const auth = await authenticate(deps, {
      bearerToken,
      sessionToken: bearerToken ? undefined : request.cookies[SESSION_COOKIE],
    });
    if (!auth) {
      throw new AppError(
        'unauthenticated',
        bearerToken ? 'This API token is not valid or was revoked' : 'Sign in first',
      );
    }
    if (
      auth.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      request.headers[CSRF_HEADER] !== auth.csrfToken
    ) {
      throw new AppError(
        'csrf-failed',
        "This change did not carry the page's security token; reload the page and try again",
      );
    }
    // a personal token does what its scopes allow: a read token reads
    if (auth.via === 'token' && !SAFE_METHODS.has(request.method) && !auth.actor.scopes?.includes('write')) {
      throw new AppError('forbidden', 'This API token may only read: make one with the write scope to change records');
    }
    request.auth = auth;
  });

  app.get('/api/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, deps);
  authRoutes(app, deps);
  userRoutes(app, deps);
  stageRoutes(app, deps);
  currencyRoutes(app, deps);
  accountRoutes(app, deps);
  contactRoutes(app, deps);
  opportunityRoutes(app, deps);
  importRoutes(app, deps);
  knowledgeRoutes(app, deps);
  assessmentRoutes(app, deps);
  reviewRoutes(app, deps);
  actionRoutes(app, deps);
  meetingRoutes(app, deps);
  scorecardRoutes(app, deps);
  assignmentRoutes(app, deps);
  impactRoutes(app, deps);
  forecastRoutes(app, deps);
  winLossRoutes(app, deps);
  webhookRoutes(app, deps);
  catalogRoutes(app, deps);
  inboxRoutes(app, deps);
  diagnosisRoutes(app, deps);
  gapRuleRoutes(app, deps);
  exportRoutes(app, deps);
  handOverRoutes(app, deps);
  proposalRoutes(app, deps);

  // the built files themselves; any other page falls through to index.html (see errors.ts)
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // a source map would hand out the source; production builds make none, and none is served
      allowedPath: (path) => !path.endsWith('.map'),
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('cache-control', cacheControlFor(webRoot, path));
      },
    });
  }
  return app;
}

/**
 * index.html names the current build's files, so it is checked on every load; the files under
 * assets/ carry a hash of their content in their name and never change; the rest may age an hour.
 */
function cacheControlFor(webRoot: string, path: string): string {
  const name = relative(webRoot, path).split(sep).join('/');
  if (name === 'index.html') return 'no-cache';
  if (name.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

function builtWebApp(webDir: string): string {
  const root = resolve(webDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The web app is not built: ${join(root, 'index.html')} is missing (run npm run build)`);
  }
  return root;
}
