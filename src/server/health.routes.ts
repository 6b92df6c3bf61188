import { sql } from 'kysely';
import { healthResponseSchema } from '../contract/health.ts';
import type { AppDeps } from './deps.ts';
import type { App } from './http.ts';

export function healthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    { config: { isPublic: true }, schema: { tags: ['system'], summary: 'Is the service up', response: { 200: healthResponseSchema } } },
    async () => {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok' as const, database: deps.dialect, version: deps.config.version };
    },
  );
}
