import { sql } from 'kysely';
import { aboutResponseSchema, healthResponseSchema } from '../contract/health.ts';
import { DEMO_ORG_NAME } from './demo/demo.data.ts';
import { listOrganizations } from './organizations/organizations.repo.ts';
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

  app.get(
    '/api/about',
    { config: { isPublic: true }, schema: { tags: ['system'], summary: 'What this server is, and whether it holds the demo workspace', response: { 200: aboutResponseSchema } } },
    async () => ({
      name: 'Winsight' as const,
      version: deps.config.version,
      demo: (await listOrganizations(deps.db)).some((o) => o.name === DEMO_ORG_NAME),
    }),
  );
}
