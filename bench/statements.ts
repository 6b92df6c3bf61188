/**
 * The SQL statements each main route runs (the figure src/server/statements.test.ts holds steady),
 * on an in-process app over a fresh in-memory SQLite database. Part of `npm run bench`; alone:
 * `node --import tsx bench/statements.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  describeCounts,
  measureRouteStatements,
  statementCounter,
  type MeasuredRoute,
} from '../src/testing/statements.ts';
import { createTestApp } from '../src/testing/test-app.ts';
import { buildWorkspace } from '../src/testing/workspace.ts';

export async function measureStatements(
  log: (line: string) => void,
): Promise<Record<MeasuredRoute, { statements: number; writes: number }>> {
  const counter = statementCounter();
  const ctx = await createTestApp({}, { plugin: counter.plugin });
  try {
    const { counts } = await measureRouteStatements(await buildWorkspace(ctx), counter);
    log(`Statements per request (a seller, caches warm): ${describeCounts(counts)}`);
    return Object.fromEntries(
      Object.entries(counts).map(([route, ran]) => [
        route,
        { statements: ran.length, writes: ran.filter((k) => k === 'write').length },
      ]),
    ) as Record<MeasuredRoute, { statements: number; writes: number }>;
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await measureStatements((line) => process.stdout.write(`${line}\n`));
}
