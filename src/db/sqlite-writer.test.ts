import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './database.ts';

// Two app instances (or the app and a CLI command) on one SQLite file, as two connections here.
// Runs on its own file in both passes of the suite: it is about the SQLite driver, whatever
// DATABASE_URL says.
describe('SQLite transactions of two connections on one file', () => {
  const opened: DbHandle[] = [];
  let dir = '';
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function twoConnections() {
    dir = mkdtempSync(join(tmpdir(), 'winsight-sqlite-'));
    const path = join(dir, 'shared.sqlite');
    const first = createDb(path);
    const second = createDb(path);
    opened.push(first, second);
    await sql`create table notes (id integer primary key, body text not null)`.execute(first.db);
    await sql`insert into notes (body) values ('first note')`.execute(first.db);
    // the other instance gives up at once instead of waiting, so the test shows who holds the lock
    await sql`pragma busy_timeout = 0`.execute(second.db);
    return { first, second };
  }

  it('a transaction that reads and then writes is not failed by another writer in between', async () => {
    const { first, second } = await twoConnections();
    let otherWrite: 'written' | 'waited' = 'written';
    await first.db.transaction().execute(async (tx) => {
      await sql`select count(*) from notes`.execute(tx);
      try {
        await sql`insert into notes (body) values ('from the other instance')`.execute(second.db);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
        otherWrite = 'waited';
      }
      await sql`insert into notes (body) values ('from the transaction')`.execute(tx);
    });
    // the transaction held the write lock from its start: the other writer had to wait its turn
    expect(otherWrite).toBe('waited');
    const rows = await sql<{ body: string }>`select body from notes order by id`.execute(second.db);
    expect(rows.rows.map((r) => r.body)).toEqual(['first note', 'from the transaction']);
  });

  it('readers outside a transaction are not blocked by an open one', async () => {
    const { first, second } = await twoConnections();
    await first.db.transaction().execute(async (tx) => {
      await sql`insert into notes (body) values ('not yet committed')`.execute(tx);
      const seen = await sql<{ n: number }>`select count(*) as n from notes`.execute(second.db);
      expect(Number(seen.rows[0]!.n)).toBe(1);
    });
  });
});
