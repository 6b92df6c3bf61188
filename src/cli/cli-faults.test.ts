import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineNamingDatabaseUrl as expectOneLine, winsightOn } from '../testing/cli.ts';

// The real `winsight` command in a child process where the database cannot be used (a folder that
// cannot be made, a read-only file, a taken port, PostgreSQL out of reach), and its backups: each
// case on files of its own, beside the journeys of cli.test.ts so that the two run side by side.

describe('the winsight command when the database cannot be used', () => {
  // root may write anything, so the cases about read-only files run as nobody when the suite is root
  const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'winsight-startup-'));
    chmodSync(dir, 0o777);
  });
  afterAll(() => {
    chmodSync(dir, 0o777);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in one line that the folder of the SQLite database cannot be created', async () => {
    writeFileSync(join(dir, 'plain-file'), '');
    const result = await winsightOn(join(dir, 'plain-file', 'data', 'w.sqlite'), ['migrate']);
    expectOneLine(result);
    expect(result.stderr).toMatch(/cannot create the folder \S*plain-file\/data for the SQLite database/);
  });

  it('says in one line that the SQLite file, or its folder, is read-only', async () => {
    const folder = join(dir, 'locked');
    const path = join(folder, 'w.sqlite');
    expect((await winsightOn(path, ['migrate'], unprivileged)).code).toBe(0);
    chmodSync(path, 0o444);
    const file = await winsightOn(path, ['migrate'], unprivileged);
    expectOneLine(file);
    expect(file.stderr).toContain(`the SQLite database ${path} is read-only`);
    chmodSync(path, 0o666);
    chmodSync(folder, 0o555);
    const parent = await winsightOn(path, ['serve', '--port', '0'], unprivileged);
    expectOneLine(parent);
    expect(parent.stderr).toContain(`the folder ${folder} of the SQLite database is read-only`);
    chmodSync(folder, 0o777);
  });

  it('says in one line that the port is taken', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const path = join(dir, 'ported.sqlite');
      expect((await winsightOn(path, ['migrate'])).code).toBe(0);
      const result = await winsightOn(path, ['serve', '--port', String(port), '--host', '127.0.0.1']);
      expect(result.code).toBe(1);
      // (a fresh checkout also warns first that the web app is not built: that line may come before)
      const lines = result.stderr.trim().split('\n');
      expect(lines.at(-1)).toBe(
        `winsight: cannot listen on 127.0.0.1:${port}: another program uses that port; choose another with PORT or --port`,
      );
      expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('serve refuses a SQLite file that does not exist rather than start on an empty one', async () => {
    const typo = join(dir, 'winsigth.sqlite');
    const result = await winsightOn(typo, ['serve', '--port', '0']);
    expectOneLine(result);
    expect(result.stderr).toContain(`there is no SQLite database at ${typo}`);
    expect(existsSync(typo)).toBe(false);
  });

  it('says in one line that PostgreSQL cannot be reached', async () => {
    const unreachable = await winsightOn('postgres://winsight@127.0.0.1:1/winsight', ['migrate']);
    expectOneLine(unreachable);
    expect(unreachable.stderr).toMatch(/cannot reach PostgreSQL at \S+:1 \(ECONNREFUSED\)/);
  });
});

describe('winsight backup and restore', () => {
  it('copies rows still only in the write-ahead log while another connection writes, and restores them into a new database', async () => {
    const SqliteDatabase = (await import('better-sqlite3')).default;
    const dir = mkdtempSync(join(tmpdir(), 'winsight-backup-'));
    const live = join(dir, 'live.sqlite');
    const backup = join(dir, 'copy.sqlite');
    const restored = join(dir, 'restored', 'winsight.sqlite');
    expect((await winsightOn(live, ['migrate'])).code).toBe(0);
    // the running app's connection: committed rows stay in the WAL while it is open and never checkpoints
    const writer = new SqliteDatabase(live);
    try {
      writer.pragma('journal_mode = WAL');
      writer.pragma('wal_autocheckpoint = 0');
      const insert = writer.prepare('insert into organizations (id, name, created_at) values (?, ?, ?)');
      for (let i = 1; i <= 25; i++) insert.run(`org-${i}`, `Walled ${i}`, '2026-12-01T00:00:00.000Z');
      const { copyFileSync } = await import('node:fs');
      copyFileSync(live, join(dir, 'file-only.sqlite'));
      const fileOnly = new SqliteDatabase(join(dir, 'file-only.sqlite'), { readonly: true });
      expect(fileOnly.prepare('select count(*) from organizations').pluck().get()).toBe(0);
      fileOnly.close();

      const made = await winsightOn(live, ['backup', '--out', backup]);
      expect(made.code).toBe(0);
      expect(made.stdout).toContain(`Backed up ${live} to ${backup}`);
      insert.run('org-late', 'After the backup', '2026-12-01T00:00:01.000Z');
      const again = await winsightOn(live, ['backup', '--out', backup]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists; add --force/);
    } finally {
      writer.close();
    }

    const put = await winsightOn(restored, ['restore', '--file', backup]);
    expect(put.code).toBe(0);
    expect(put.stdout).toContain('(25 organizations)');
    const check = new SqliteDatabase(restored, { readonly: true });
    expect(check.prepare(`select count(*) from organizations where name like 'Walled %'`).pluck().get()).toBe(25);
    expect(check.prepare(`select count(*) from organizations where id = 'org-late'`).pluck().get()).toBe(0);
    check.close();
    expect((await winsightOn(restored, ['migrate'])).stdout).toContain('Already up to date.');

    const over = await winsightOn(restored, ['restore', '--file', backup]);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/already holds data; add --force/);
    expect((await winsightOn(restored, ['restore', '--file', backup, '--force'])).code).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'not a database at all, just some words'.repeat(200));
    const junk = await winsightOn(join(dir, 'other.sqlite'), ['restore', '--file', join(dir, 'notes.txt')]);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/notes.txt is not a SQLite database/);
    expect(existsSync(join(dir, 'other.sqlite'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains pg_dump and pg_restore on PostgreSQL', async () => {
    // the commands only explain: no PostgreSQL needs to answer at this address
    const postgres = 'postgres://winsight@127.0.0.1:1/winsight';
    const backup = await winsightOn(postgres, ['backup', '--out', join(tmpdir(), 'never-written.sqlite')]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toMatch(/pg_dump --format=custom/);
    expect((await winsightOn(postgres, ['restore', '--file', join(tmpdir(), 'never-written.sqlite')])).stderr).toMatch(
      /pg_restore/,
    );
  });
});
