import { describe, expect, it } from 'vitest';
import { expectOneLineNamingDatabaseUrl, winsightOn } from '../testing/cli.ts';

// Needs a live PostgreSQL server: part of the suite's PostgreSQL pass only (see vitest.config.ts).
describe('the winsight command on a PostgreSQL server without its database', () => {
  it('says in one line that the database does not exist', async () => {
    const missing = new URL(process.env.DATABASE_URL!);
    missing.pathname = '/winsight_no_such_database';
    missing.search = '';
    const absent = await winsightOn(missing.toString(), ['serve', '--port', '0']);
    expectOneLineNamingDatabaseUrl(absent);
    expect(absent.stderr).toContain('the PostgreSQL database "winsight_no_such_database" does not exist');
  });
});
