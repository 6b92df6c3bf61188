import { createServer, type Server } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { BareRoute, BareVariant, CapturedQuery, DbTarget } from './shared.ts';

// The same conversion the app installs (src/db/database.ts): count(*) arrives as a number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

type Runner = (query: CapturedQuery, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The floor the app is compared with: a minimal node:http handler that replays the exact SQL the
 * app produced, through better-sqlite3 (statements prepared once) or a pg pool of the same size,
 * and answers JSON. No framework, no validation, no query builder, no per-request auth logic.
 */
export async function startBareServer(
  target: DbTarget,
  routes: Record<string, BareRoute>,
  track: { started(): void; finished(): void; discarding(): boolean } = {
    started() {},
    finished() {},
    discarding: () => false,
  },
): Promise<{ server: Server; close(): Promise<void> }> {
  const { run, close } = openDriver(target);

  // `gone` says the client hung up: after a run the load generator drops its connections, and the
  // statements queued for them are skipped so the next run starts at once (never true while measuring).
  const handle = async (path: string, gone: () => boolean): Promise<{ status: number; body: string }> => {
    const [, key, variant, id] = path.split('?')[0]!.split('/') as [string, string, BareVariant, string | undefined];
    if (key === 'health') return { status: 200, body: '{"status":"ok"}' };
    const route = routes[key];
    if (!route) return { status: 404, body: '{"error":"no route"}' };
    const bind = (q: CapturedQuery) =>
      route.idParameter === undefined || id === undefined
        ? q.parameters
        : q.parameters.map((p) => (p === route.idParameter ? id : p));
    if (gone() || track.discarding()) return { status: 503, body: '{"discarded":true}' };
    if (variant === 'auth') {
      for (const q of route.auth) {
        if (gone() || track.discarding()) return { status: 503, body: '{"discarded":true}' };
        const rows = await run(q, q.parameters);
        if (rows.length === 0 && q === route.auth[0]) return { status: 401, body: '{"error":"no session"}' };
      }
    }
    const results = await Promise.all(route.data.map((q) => (gone() ? [] : run(q, bind(q)))));
    if (route.kind === 'list') {
      // by content, not position: on PostgreSQL the two statements run (and were captured) concurrently
      const countAt = route.data.findIndex((q) => /^select count\(/i.test(q.sql));
      const items = results.find((_, i) => i !== countAt) ?? [];
      return { status: 200, body: JSON.stringify({ items, total: Number(results[countAt]?.[0]?.n ?? 0) }) };
    }
    const row = results[0]?.[0];
    return row ? { status: 200, body: JSON.stringify(row) } : { status: 404, body: '{"error":"not found"}' };
  };

  const server = createServer((req, res) => {
    track.started();
    handle(req.url ?? '/', () => req.socket.destroyed)
      .finally(track.finished)
      .then(
        ({ status, body }) => {
          res.writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
  });
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}

function openDriver(target: DbTarget): { run: Runner; close(): Promise<void> } {
  if (target.dialect === 'sqlite') {
    const db = new SqliteDatabase(target.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const statements = new Map<string, SqliteDatabase.Statement>();
    const run: Runner = async (query, parameters) => {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = db.prepare(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.all(...parameters) as Array<Record<string, unknown>>;
    };
    return {
      run,
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize,
    options: `-c search_path=${target.schema}`,
  });
  const run: Runner = async (query, parameters) =>
    (await pool.query(query.sql, parameters)).rows as Array<Record<string, unknown>>;
  return { run, close: () => pool.end() };
}
