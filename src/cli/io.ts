import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

// Where a `winsight` command writes and what environment it reads: the process's own when it runs
// as the command, or those a caller hands in to run it within its own process (tests do, by the
// hundred, instead of starting Node for each). The commands reach them through say/warn/env/fail.

export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
};

type Run = { io: CliIo; exitCode: number };

const runs = new AsyncLocalStorage<Run>();

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
};

const processRun: Run = { io: processIo, exitCode: 0 };
const current = (): Run => runs.getStore() ?? processRun;

/** A line on the command's output (formatted as console.log formats). */
export const say = (...parts: unknown[]): void => current().io.out(`${format(...parts)}\n`);
/** A line on the command's error output. */
export const warn = (...parts: unknown[]): void => current().io.err(`${format(...parts)}\n`);
/** The environment the command reads (DATABASE_URL and the settings). */
export const env = (): NodeJS.ProcessEnv => current().io.env;
/** The command ends with this exit code once it is done (a run that reports a failure without stopping). */
export const setExitCode = (code: number): void => void (current().exitCode = code);

/** What ends a command at once: one line on the error output, exit code 1. */
export class CliExit extends Error {}

export function fail(message: string): never {
  throw new CliExit(message);
}

/** Runs `work` with `io` as the command's own; resolves to the exit code it set (0 unless told). */
export function withIo(io: CliIo, work: (run: Run) => Promise<number>): Promise<number> {
  const run: Run = { io, exitCode: 0 };
  return runs.run(run, () => work(run));
}
