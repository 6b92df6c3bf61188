/**
 * The server side of the benchmark, run as a child process (node --import tsx bench/server.ts) so
 * the load generator does not share its event loop. Driven over IPC: 'start' with a ServerSpec,
 * then 'cpu' samples, then 'stop'.
 */
import type { AddressInfo } from 'node:net';
import { createDb } from '../src/db/database.ts';
import { createApp } from '../src/server/app.ts';
import { createAppDeps, DEFAULT_CONFIG, type AppDeps } from '../src/server/deps.ts';
import { startBareServer } from './bare.ts';
import type { DbTarget, FromServer, ServerSpec, ToServer } from './shared.ts';

let closeServer: (() => Promise<void>) | undefined;
/** requests received whose handler has not produced its answer yet (even if the client hung up) */
let inflight = 0;
/** between runs: answer leftovers with 503 rather than running them (see ToServer) */
let discarding = false;

function send(message: FromServer): void {
  process.send?.(message);
}

async function start(spec: ServerSpec): Promise<number> {
  if (spec.mode === 'bare') {
    const bare = await startBareServer(spec.target, spec.routes, {
      started: () => inflight++,
      finished: () => inflight--,
      discarding: () => discarding,
    });
    await new Promise<void>((resolve) => bare.server.listen(0, '127.0.0.1', () => resolve()));
    closeServer = bare.close;
    return (bare.server.address() as AddressInfo).port;
  }
  const handle = openAppDb(spec.target);
  const deps: AppDeps = createAppDeps({
    db: handle.db,
    dialect: handle.dialect,
    config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0, passwordCost: 1024 },
    now: () => new Date(),
  });
  const app = await createApp(deps);
  // Counted from the moment node hands the request over (the app's own onRequest hook, which reads
  // the session, may wait long in a backlog) until onSend: that runs once the answer exists, also
  // when the client already hung up.
  app.server.prependListener('request', () => {
    inflight++;
  });
  // Runs after the app's own onRequest hook (the session read), before the route's handler.
  app.addHook('onRequest', async (_request, reply) => {
    if (discarding) return reply.code(503).send({ discarded: true });
  });
  app.addHook('onSend', async (_request, _reply, payload) => {
    inflight--;
    return payload;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  closeServer = async () => {
    await app.close();
    await handle.close();
  };
  return (app.server.address() as AddressInfo).port;
}

function openAppDb(target: DbTarget) {
  return target.dialect === 'sqlite'
    ? createDb(target.path)
    : createDb(target.url, { pgSchema: target.schema, poolSize: target.poolSize });
}

process.on('message', (message: ToServer) => {
  if (message.type === 'start') {
    start(message.spec).then(
      (port) => send({ type: 'listening', port }),
      (error: unknown) => {
        send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        process.exit(1);
      },
    );
  } else if (message.type === 'cpu') {
    const usage = process.cpuUsage();
    send({
      type: 'cpu',
      user: usage.user,
      system: usage.system,
      rss: process.memoryUsage.rss(),
      peakRss: process.resourceUsage().maxRSS * 1024,
      inflight,
      at: performance.now(),
    });
  } else if (message.type === 'discard') {
    discarding = message.on;
  } else if (message.type === 'stop') {
    const done = () => process.exit(0);
    (closeServer?.() ?? Promise.resolve()).then(done, done);
  }
});

process.on('disconnect', () => process.exit(0));
