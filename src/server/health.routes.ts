import { errorResponseSchema } from '../contract/common.ts';
import { pingDatabase } from '../db/database.ts';
import { aboutResponseSchema, healthResponseSchema } from '../contract/health.ts';
import { DEMO_ORG_NAME } from './demo/index.ts';
import { AppError } from './errors.ts';
import { listOrganizations } from './organizations/index.ts';
import type { AppDeps } from './deps.ts';
import type { App } from './http.ts';

export function healthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    {
      config: { isPublic: true },
      schema: {
        tags: ['system'],
        summary: 'Is the service up: 200 while the database answers, 503 while it cannot be reached',
        response: { 200: healthResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request) => {
      try {
        await pingDatabase(deps.db);
      } catch (error) {
        // whatever the cause, a health check that cannot reach the database says so, never 500
        request.log.warn({ err: error }, 'health check: database unreachable');
        throw new AppError('unavailable', `The ${deps.dialect} database cannot be reached`);
      }
      return { status: 'ok' as const, database: deps.dialect, version: deps.config.version };
    },
  );

  app.get(
    '/api/about',
    {
      config: { isPublic: true },
      schema: {
        tags: ['system'],
        summary: 'What this server is, and whether it holds the demo workspace',
        response: { 200: aboutResponseSchema },
      },
    },
    async () => ({
      name: 'Winsight' as const,
      version: deps.config.version,
      demo: (await listOrganizations(deps.db)).some((o) => o.name === DEMO_ORG_NAME),
    }),
  );
}
