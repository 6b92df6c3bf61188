import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the built web app the browser tests serve */
    webDir: string;
    /** why the web app could not be built, if it could not (only the browser tests fail then) */
    webBuildError: string | null;
  }
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// Everything the web bundle is made from: a change to any of these means a new build.
const INPUTS = ['src/web', 'src/contract', 'src/domain', 'vite.config.ts', 'package-lock.json'];
const CACHE_PREFIX = 'winsight-e2e-web-';

/**
 * Builds the web app once for all browser tests. The build is kept in the temporary folder under
 * a hash of its sources, so runs that changed nothing in the web app skip the few seconds it takes.
 */
export default async function setup(project: TestProject): Promise<void> {
  const hash = await hashInputs();
  const webDir = join(tmpdir(), `${CACHE_PREFIX}${hash}`);
  let webBuildError: string | null = null;
  try {
    if (!existsSync(join(webDir, 'index.html'))) await buildInto(webDir);
    // in use again: a run of other sources cleaning up old builds leaves it alone
    else await utimes(webDir, new Date(), new Date());
  } catch (error) {
    // A web app that does not build fails the browser tests, not every other test of the run.
    webBuildError = error instanceof Error ? error.message : String(error);
  }
  project.provide('webDir', webDir);
  project.provide('webBuildError', webBuildError);
}

async function buildInto(webDir: string): Promise<void> {
  const { build } = await import('vite');
  // Build beside the target, then move it into place in one step, so that two test runs at
  // the same time never serve a half-written folder.
  const staging = await mkdtemp(join(tmpdir(), `${CACHE_PREFIX}staging-`));
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      root: join(ROOT, 'src/web'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true, sourcemap: false },
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await removeOldBuilds(webDir);
  try {
    await rename(staging, webDir);
  } catch (error) {
    if (!existsSync(join(webDir, 'index.html'))) throw error;
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Builds of other sources not used for two hours: a run going on now (a whole CI pass, on another
 * checkout) may still be using one, and each run marks its own as used when it starts.
 */
async function removeOldBuilds(keep: string): Promise<void> {
  const cutoff = Date.now() - 2 * 60 * 60_000;
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(CACHE_PREFIX) || path === keep) continue;
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
  }
}

async function hashInputs(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await filesUnder(join(ROOT, input))) {
      hash.update(relative(ROOT, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.sort((a, b) => a.name.localeCompare(b.name)).map((entry) => filesUnder(join(path, entry.name))),
  );
  return nested.flat();
}
