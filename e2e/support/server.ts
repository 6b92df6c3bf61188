import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { seedDemoWorkspace, type DemoSummary } from '../../src/server/demo/demo.service.ts';
import { createAppDeps, DEFAULT_CONFIG, type AppConfig, type AppDeps } from '../../src/server/deps.ts';
import type { DbHandle } from '../../src/db/database.ts';
import { toDateOnly } from '../../src/domain/dates.ts';
import { createTemplatedTestDb } from '../../src/testing/test-db.ts';

export const DEMO_PASSWORD = 'winsight-demo';

export type Winsight = {
  /** http://127.0.0.1:<port>, serving the built web app and the API */
  url: string;
  demo: DemoSummary;
  deps: AppDeps;
  close(): Promise<void>;
};

/**
 * The real server on a fresh database (SQLite in memory, or a PostgreSQL database of its own when
 * DATABASE_URL names one) holding the demo workspace, listening on a free port.
 */
export async function startWinsight(config: Partial<AppConfig> = {}): Promise<Winsight> {
  const buildError = inject('webBuildError');
  if (buildError) throw new Error(`The web app did not build, so the browser tests cannot run:\n${buildError}`);
  const webDir = inject('webDir');
  const depsOn = (db: DbHandle): AppDeps =>
    createAppDeps({
      db: db.db,
      dialect: db.dialect,
      now: () => new Date(),
      config: { ...DEFAULT_CONFIG, passwordCost: 1024, rateLimitPerMinute: 0, webDir },
    });
  // the demo as of today, loaded once for the run and copied for each browser test file
  const { handle, built: demo } = await createTemplatedTestDb(`e2e_${toDateOnly(new Date())}`, (fresh) =>
    seedDemoWorkspace(depsOn(fresh)),
  );
  const deps = { ...depsOn(handle), config: { ...depsOn(handle).config, ...config } };
  try {
    const app = await createApp(deps);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      demo,
      deps,
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
