/** Types passed between the benchmark driver (bench/run.ts) and the server child (bench/server.ts). */

export type DbTarget =
  { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; schema: string; poolSize: number };

/** One statement as the app's Kysely compiled it: dialect SQL and its parameters. */
export type CapturedQuery = { sql: string; parameters: unknown[] };

/**
 * What the bare server answers on one path: the statements the app ran for that request, replayed
 * through the raw driver. `auth` are the session and reporting-line reads, `data` the route's own
 * queries (run together, as the app runs them). For detail routes every parameter equal to
 * `idParameter` is replaced by the id in the request path.
 */
export type BareRoute = {
  kind: 'list' | 'detail';
  auth: CapturedQuery[];
  data: CapturedQuery[];
  idParameter?: string;
};

export type ServerSpec =
  { mode: 'app'; target: DbTarget } | { mode: 'bare'; target: DbTarget; routes: Record<string, BareRoute> };

/**
 * 'discard' switches the between-runs mode: requests the load generator left behind when a run ended
 * are answered 503 at once instead of being worked off (never on while measuring).
 */
export type ToServer =
  { type: 'start'; spec: ServerSpec } | { type: 'cpu' } | { type: 'discard'; on: boolean } | { type: 'stop' };

/** The cpu answer also says how many requests the server is still working on (to drain between runs). */

export type FromServer =
  | { type: 'listening'; port: number }
  | {
      type: 'cpu';
      user: number;
      system: number;
      /** bytes resident now, and at most so far */ rss: number;
      peakRss: number;
      inflight: number;
      /** the server's own clock, ms */ at: number;
    }
  | { type: 'error'; message: string };

/** Bare paths: /<routeKey>/<variant>[/<id>] where variant 'data' runs only the route's SQL, 'auth' the session reads too. */
export type BareVariant = 'data' | 'auth';
