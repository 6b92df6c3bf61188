/**
 * A stage-history import measured on its own: a generated Salesforce opportunity report of
 * HISTORY_DEALS deals (default 20,000) is imported first in a process of its own, then a generated
 * OpportunityHistory export of HISTORY_ROUNDS rows per deal (default 5: 100,000 rows) in another,
 * so the second process's peak RSS is the history import's alone. The history file is written a
 * round at a time (every deal's first change, then every deal's second ...), so a deal's rows lie
 * far apart, and every tenth deal's rows come newest first; each round raises the amount and
 * pushes the close date, so every row is an entry. Then the past days' forecast snapshots are
 * replayed from that history in a third process (every deal's stage, amount and close date read
 * from its trail). On SQLite, and on PostgreSQL when IMPORT_PG_URL (or BENCH_PG_URL) names one. Run
 * with `node --import tsx bench/history-import.ts`.
 */
import { fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createAppDeps, DEFAULT_CONFIG } from '../src/server/deps.ts';
import { createOrganization } from '../src/server/organizations/organizations.service.ts';
import { replayPastSnapshots } from '../src/server/forecast/index.ts';
import { loadMapping, runImport } from '../src/server/imports/index.ts';
import { statementCounter } from '../src/testing/statements.ts';
import { freshPgSchema, writeSalesforceFile } from './import.ts';

const DEALS = Number(process.env.HISTORY_DEALS ?? 20_000);
const ROUNDS = Number(process.env.HISTORY_ROUNDS ?? 5);
const STAGES = ['Prospecting', 'Needs Analysis', 'Value Proposition', 'Proposal/Price Quote', 'Negotiation/Review'];

type Job = { step: 'deals' | 'history' | 'replay'; file: string; url: string };
type Figures = {
  rows: number;
  stageChanges: number;
  seconds: number;
  peakRssMb: number;
  database: string;
  /** the replay step's */
  days?: number;
  statements?: number;
};

async function writeHistoryFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(
    'Opportunity ID,Opportunity Name,Stage,Amount,Probability (%),Close Date,Last Modified Date,Last Modified By',
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < DEALS; i++) {
      // every tenth deal's changes newest first: the file is not in date order
      const step = i % 10 === 0 ? ROUNDS - 1 - round : round;
      const stage = step === ROUNDS - 1 ? (i % 3 === 0 ? 'Closed Won' : 'Closed Lost') : STAGES[step % STAGES.length];
      // a change every 20 days or so, from 2020
      const on = new Date(Date.UTC(2020, 0, 1) + (step * 20 + (i % 17)) * 86_400_000);
      const close = new Date(Date.UTC(2023, 11, 31) + step * 30 * 86_400_000);
      await write(
        [
          `006${String(i).padStart(12, '0')}`,
          `Deal ${i}`,
          stage,
          `"$${(10_000 + step * 2_500).toLocaleString('en-US')}.00"`,
          10,
          `${close.getUTCMonth() + 1}/${close.getUTCDate()}/${close.getUTCFullYear()}`,
          `${on.getUTCMonth() + 1}/${on.getUTCDate()}/${on.getUTCFullYear()}`,
          'Seller 1',
        ].join(','),
      );
    }
  }
  out.end();
  await once(out, 'finish');
}

async function runJob(job: Job): Promise<Figures> {
  const handle = createDb(job.url);
  const base = { dialect: handle.dialect, config: DEFAULT_CONFIG, now: () => new Date() };
  let orgId: string;
  let actorId: string;
  if (job.step === 'deals') {
    await migrateToLatest(handle);
    const made = await createOrganization(createAppDeps({ ...base, db: handle.db }), {
      name: 'History bench',
      admin: { email: `history-bench-${Date.now()}@bench.test`, name: 'Bench Admin' },
    });
    ({ orgId } = made);
    actorId = made.admin.id;
  } else {
    const admin = await handle.db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    orgId = admin.org_id;
    actorId = admin.id;
  }
  if (job.step === 'replay') {
    const counter = statementCounter();
    const started = performance.now();
    const { days, rows } = await replayPastSnapshots(
      createAppDeps({ ...base, db: handle.db.withPlugin(counter.plugin) }),
      orgId,
    );
    const seconds = (performance.now() - started) / 1000;
    await handle.close();
    return {
      rows,
      stageChanges: 0,
      seconds,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      database: handle.dialect,
      days,
      statements: counter.take().length,
    };
  }
  const report = await runImport(createAppDeps({ ...base, db: handle.db }), {
    orgId,
    actorId,
    path: job.file,
    fileName: job.step,
    mapping: await loadMapping(job.step === 'deals' ? 'salesforce' : 'salesforce-history'),
    dryRun: false,
    assess: false,
    replay: false,
  });
  await handle.close();
  if (!report.ok) throw new Error(`${job.step}: ${JSON.stringify(report.problems.slice(0, 5))}`);
  return {
    rows: report.rows,
    stageChanges: report.counts.stageChanges,
    seconds: report.seconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    database: handle.dialect,
  };
}

async function inChild(job: Job): Promise<Figures> {
  const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(job)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [Figures | { error: string }];
  if ('error' in message) throw new Error(message.error);
  return message;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'winsight-history-bench-'));
  const pgUrl = process.env.IMPORT_PG_URL ?? process.env.BENCH_PG_URL;
  try {
    const deals = join(dir, 'deals.csv');
    const history = join(dir, 'history.csv');
    await writeSalesforceFile(deals, DEALS);
    await writeHistoryFile(history);
    const targets = [join(dir, 'history.sqlite'), ...(pgUrl ? [await freshPgSchema(pgUrl, 'history_bench')] : [])];
    for (const url of targets) {
      await inChild({ step: 'deals', file: deals, url });
      const f = await inChild({ step: 'history', file: history, url });
      console.log(
        `  stage history on ${f.database}: ${f.rows.toLocaleString('en-US')} rows (${DEALS.toLocaleString('en-US')} deals, ${f.stageChanges.toLocaleString('en-US')} changes of stage) in ${f.seconds.toFixed(1)} s, peak RSS ${f.peakRssMb} MB`,
      );
      const r = await inChild({ step: 'replay', file: history, url });
      console.log(
        `  replayed from it on ${r.database}: ${r.days} days, ${r.rows.toLocaleString('en-US')} deals' rows in ${r.seconds.toFixed(1)} s, ${r.statements} statements, peak RSS ${r.peakRssMb} MB`,
      );
    }
    if (pgUrl) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query('drop schema if exists history_bench cascade');
      await client.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  runJob(JSON.parse(process.argv[3]!) as Job)
    .then((figures) => process.send!(figures))
    .catch((error: unknown) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .finally(() => process.disconnect());
} else {
  console.log('Stage-history import (the deals first, then the history in a process of its own):');
  await main();
}
