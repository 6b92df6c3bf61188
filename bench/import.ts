/**
 * Imports measured: the full IBM "Sales Win Loss" file (78,025 rows, ../shared/datasets) and a
 * generated 100,000-row Salesforce opportunity report, each into a fresh database, on SQLite and,
 * when IMPORT_PG_URL (or BENCH_PG_URL) names one, PostgreSQL. Each run is a child process of its
 * own so that its peak memory is its own. Prints rows/s, seconds, peak RSS and statements per
 * 1,000 rows. Run alone with `node --import tsx bench/import.ts`, or as part of `npm run bench`.
 */
import { fork } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import pg from 'pg';
import { createDb } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createAppDeps, DEFAULT_CONFIG } from '../src/server/deps.ts';
import { createOrganization } from '../src/server/organizations/organizations.service.ts';
import { replayPastSnapshots } from '../src/server/forecast/index.ts';
import { loadMapping, runImport } from '../src/server/imports/index.ts';
import { statementCounter } from '../src/testing/statements.ts';
import { createRandom } from '../src/domain/random.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const IBM = join(HERE, '../../shared/datasets/ibm-sales-win-loss/WA_Fn-UseC_-Sales-Win-Loss.csv');
const GENERATED_ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);

export type ImportFigures = {
  file: string;
  database: string;
  rows: number;
  opportunities: number;
  seconds: number;
  /** this process's CPU (user + system): steadier than wall time on a busy machine */
  cpuSeconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  statementsPer1000Rows: number;
  /** of `seconds`: assessing the open deals, and replaying the past days' forecast snapshots */
  assessSeconds: number;
  replaySeconds: number;
  replayedDays: number;
  /** a second replay of the same history measured alone (wall and this process's CPU) */
  replayAgain: { seconds: number; cpuSeconds: number; statements: number };
};

type Job = { file: string; label: string; mapping: string; url: string };

/** A Salesforce opportunity report of `rows` deals: 8 % of them per account, 60 owners, 60 % closed. */
export async function writeSalesforceFile(path: string, rows: number): Promise<void> {
  const rng = createRandom(14);
  const random = () => rng.next();
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(
    'Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner,Type,Lead Source,Created Date,Won,Closed',
  );
  const openStages = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
  const types = ['New Business', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'];
  const sources = ['Web', 'Partner Referral', 'Trade Show', 'Employee Referral', 'Purchased List'];
  const us = (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
  const day = 86_400_000;
  const start = Date.UTC(2022, 0, 1);
  for (let i = 0; i < rows; i++) {
    const closed = random() < 0.6;
    const won = closed && random() < 0.35;
    const created = new Date(start + Math.floor(random() * (closed ? 1100 : 1400)) * day);
    const close = new Date(
      closed
        ? Math.min(created.getTime() + (10 + Math.floor(random() * 200)) * day, Date.UTC(2025, 11, 31))
        : Date.UTC(2027, 0, 1) + Math.floor(random() * 300) * day,
    );
    const stage = closed ? (won ? 'Closed Won' : 'Closed Lost') : openStages[Math.floor(random() * openStages.length)]!;
    const amount = (1000 + Math.floor(random() * 250_000)).toLocaleString('en-US');
    await write(
      [
        `006${String(i).padStart(12, '0')}`,
        `"Deal ${i}, phase ${1 + (i % 3)}"`,
        `Account ${Math.floor(random() * rows * 0.08)}`,
        `"$${amount}.00"`,
        us(close),
        stage,
        closed ? (won ? 100 : 0) : 10 + Math.floor(random() * 80),
        `Seller ${i % 60}`,
        types[i % types.length],
        sources[i % sources.length],
        us(created),
        won ? 1 : 0,
        closed ? 1 : 0,
      ].join(','),
    );
  }
  out.end();
  await once(out, 'finish');
}

/** One import into a fresh database (run in a child process). */
async function runJob(job: Job): Promise<ImportFigures> {
  const handle = createDb(job.url);
  await migrateToLatest(handle);
  const counter = statementCounter();
  const base = { dialect: handle.dialect, config: DEFAULT_CONFIG, now: () => new Date() };
  const { orgId, admin } = await createOrganization(createAppDeps({ ...base, db: handle.db }), {
    name: 'Import bench',
    admin: { email: `import-bench-${Date.now()}@bench.test`, name: 'Bench Admin' },
  });
  const deps = createAppDeps({ ...base, db: handle.db.withPlugin(counter.plugin) });
  counter.take();
  const cpu = process.cpuUsage();
  const report = await runImport(deps, {
    orgId,
    actorId: admin.id,
    path: job.file,
    fileName: job.label,
    mapping: await loadMapping(job.mapping),
    dryRun: false,
  });
  const used = process.cpuUsage(cpu);
  const statements = counter.take().length;
  const replayCpu = process.cpuUsage();
  const replayStarted = performance.now();
  await replayPastSnapshots(deps, orgId);
  const replayUsed = process.cpuUsage(replayCpu);
  const replayAgain = {
    seconds: (performance.now() - replayStarted) / 1000,
    cpuSeconds: (replayUsed.user + replayUsed.system) / 1e6,
    statements: counter.take().length,
  };
  await handle.close();
  if (!report.ok) throw new Error(`${job.label}: ${JSON.stringify(report.problems.slice(0, 5))}`);
  return {
    file: job.label,
    database: handle.dialect,
    rows: report.rows,
    opportunities: report.counts.opportunities,
    seconds: report.seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    rowsPerSecond: Math.round(report.rows / report.seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    statementsPer1000Rows: Math.round((statements / report.rows) * 1000 * 10) / 10,
    assessSeconds: report.assessSeconds,
    replaySeconds: report.replaySeconds,
    replayedDays: report.counts.replayedDays,
    replayAgain,
  };
}

async function inChild(job: Job): Promise<ImportFigures> {
  const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(job)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [ImportFigures | { error: string }];
  if ('error' in message) throw new Error(message.error);
  return message;
}

export async function freshPgSchema(url: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.query(`create schema ${schema}`);
  await client.end();
  const target = new URL(url);
  target.searchParams.set('options', `-c search_path=${schema}`);
  return target.toString();
}

export async function runImportBenchmarks(
  log: (line: string) => void,
  pgUrl = process.env.IMPORT_PG_URL,
): Promise<ImportFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'winsight-import-bench-'));
  const generated = join(dir, 'salesforce-opportunities.csv');
  const figures: ImportFigures[] = [];
  try {
    await writeSalesforceFile(generated, GENERATED_ROWS);
    const files = [
      ...(existsSync(IBM) ? [{ file: IBM, label: 'IBM Sales Win Loss', mapping: 'ibm-sales-win-loss' }] : []),
      {
        file: generated,
        label: `Salesforce report (${GENERATED_ROWS.toLocaleString('en-US')} rows)`,
        mapping: 'salesforce',
      },
    ];
    for (const [n, f] of files.entries()) {
      const targets = [
        join(dir, `import-${n}.sqlite`),
        ...(pgUrl ? [await freshPgSchema(pgUrl, `import_bench_${n}`)] : []),
      ];
      for (const url of targets) {
        const result = await inChild({ ...f, url });
        figures.push(result);
        log(
          `  ${result.file} on ${result.database}: ${result.rows.toLocaleString('en-US')} rows (${result.opportunities.toLocaleString('en-US')} deals) in ${result.seconds.toFixed(1)} s (${result.cpuSeconds.toFixed(1)} s of CPU here) = ${result.rowsPerSecond.toLocaleString('en-US')} rows/s, the rows in after ${(result.seconds - result.assessSeconds - result.replaySeconds).toFixed(1)} s, peak RSS ${result.peakRssMb} MB, ${result.statementsPer1000Rows} statements per 1,000 rows; of it ${result.assessSeconds.toFixed(1)} s assessing and ${result.replaySeconds.toFixed(1)} s replaying ${result.replayedDays} past days of snapshots (again alone: ${result.replayAgain.seconds.toFixed(1)} s, ${result.replayAgain.cpuSeconds.toFixed(1)} s of CPU here, ${result.replayAgain.statements} statements)`,
        );
      }
    }
    if (pgUrl) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      for (let n = 0; n < files.length; n++) await client.query(`drop schema if exists import_bench_${n} cascade`);
      await client.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain && process.argv[2] === '--child') {
  runJob(JSON.parse(process.argv[3]!) as Job)
    .then((figures) => process.send!(figures))
    .catch((error: unknown) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .finally(() => process.disconnect());
} else if (isMain) {
  console.log('Imports (each into a fresh database, in a process of its own):');
  await runImportBenchmarks((line) => console.log(line));
}
