import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../cli/config.ts';
import { isPostgresUrl } from '../db/database.ts';

const run = promisify(execFile);

export type CliResult = { code: number; stdout: string; stderr: string };

/** The real `winsight` command in a child process on `url`; `as` runs it as another user (file permissions do not bind root). */
export async function winsightOn(
  url: string,
  args: string[],
  as: { uid?: number; gid?: number } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run('node', ['bin/winsight.js', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: url },
      ...as,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * `winsight ARGS` run in this process on `url` (what the child process would print, and its exit
 * code), for the tests of what a command does rather than of the process around it: starting Node
 * for each costs a second or more of CPU. `env` adds to (or, with undefined, removes from) the
 * environment the command reads.
 */
export async function winsightIn(
  url: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const { runWinsight } = await import('../cli/program.ts');
  let stdout = '';
  let stderr = '';
  const code = await runWinsight(args, {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    env: { ...process.env, DATABASE_URL: url, ...env },
  });
  return { code, stdout, stderr };
}

/** A start-up failure: exit 1 and one line on stderr that names DATABASE_URL, no stack trace. */
export function expectOneLineNamingDatabaseUrl(result: CliResult): void {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^winsight: .*DATABASE_URL/);
}

/**
 * A database of its own for the command: a temporary SQLite file, or a private schema when
 * DATABASE_URL names PostgreSQL. `cleanup` removes it.
 */
export async function privateDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url && isPostgresUrl(url)) {
    const schema = `cli_${randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    const target = new URL(url);
    target.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: target.toString(),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'winsight-cli-'));
  return { url: join(dir, 'cli.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
