import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../cli/config.ts';

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

/** A start-up failure: exit 1 and one line on stderr that names DATABASE_URL, no stack trace. */
export function expectOneLineNamingDatabaseUrl(result: CliResult): void {
  expect(result.code).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^winsight: .*DATABASE_URL/);
}
