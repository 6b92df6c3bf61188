import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { z } from 'zod';
import { ROLES } from '../domain/enums.ts';
import type { Db, DbHandle } from '../db/database.ts';
import type { OpenOptions } from '../db/startup.ts';
import { createAppDeps, type AppDeps } from '../server/deps.ts';
import { AppError } from '../server/errors.ts';
import type { DemoSummary } from '../server/demo/demo.service.ts';
import { deploymentSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE, type SecretBox } from '../server/secrets.ts';
import { configFromEnv, PROJECT_ROOT, WEB_DIR } from './config.ts';
import { CliExit, env, fail, say, setExitCode, warn, withIo, type CliIo } from './io.ts';

// `winsight <command>`: every command reads DATABASE_URL (default ./data/winsight.sqlite).
// Commands import what they need when they run, so `--help` and small commands start fast.

/** The database DATABASE_URL names, opened and checked; what is wrong with it ends the command in one line. */
async function openDatabaseOrFail(options: OpenOptions = {}): Promise<DbHandle> {
  const { openDatabase, StartupError } = await import('../db/startup.ts');
  try {
    return await openDatabase(env().DATABASE_URL, options);
  } catch (error) {
    if (error instanceof StartupError) fail(error.message);
    throw error;
  }
}

async function withDeps<T>(
  work: (deps: AppDeps, handle: DbHandle) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const { migrateToLatest } = await import('../db/migrate.ts');
  const handle = await openDatabaseOrFail();
  try {
    if (options.migrate !== false) await migrateToLatest(handle);
    const deps: AppDeps = createAppDeps({
      db: handle.db,
      dialect: handle.dialect,
      config: configFromEnv(env()),
      now: () => new Date(),
      secrets: await secretsOrFail(),
    });
    return await work(deps, handle);
  } finally {
    await handle.close();
  }
}

/**
 * The deployment's secret key: WINSIGHT_SECRET_KEY, else a key file beside the SQLite database (or
 * in ./data for PostgreSQL, where several instances must share the variable instead).
 */
async function secretsOrFail(): Promise<SecretBox> {
  const { isPostgresUrl, resolveDatabaseUrl, sqlitePathOf } = await import('../db/database.ts');
  const url = resolveDatabaseUrl(env().DATABASE_URL);
  const sqlitePath = isPostgresUrl(url) ? ':memory:' : sqlitePathOf(url);
  const folder = sqlitePath === ':memory:' ? resolve('data') : dirname(resolve(sqlitePath));
  try {
    return deploymentSecretBox(env(), join(folder, SECRET_KEY_FILE));
  } catch (error) {
    fail((error as Error).message);
  }
}

function parseOption<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const result = schema.safeParse(value);
  if (!result.success) fail(`${flag}: ${result.error.issues[0]?.message ?? 'invalid value'}`);
  return result.data;
}

/**
 * The organizations `nameOrId` names: the one with that id, or with that name in any case; every
 * organization when it is undefined (no --org given).
 */
async function organizationsNamed(db: Db, nameOrId: string | undefined) {
  const { listOrganizations } = await import('../server/organizations/index.ts');
  const all = await listOrganizations(db);
  if (nameOrId === undefined) return all;
  const name = nameOrId.toLowerCase();
  return all.filter((o) => o.id === nameOrId || o.name.toLowerCase() === name);
}

function printDemoLogins(summary: DemoSummary): void {
  say(
    `\nDemo workspace ready: ${summary.counts.users} people, ${summary.counts.accounts} accounts, ${summary.counts.contacts} contacts, ${summary.counts.opportunities} opportunities, ${summary.counts.facts} facts learned.`,
  );
  say(`Sign in with any of these (password: ${summary.password}):`);
  for (const login of summary.logins) say(`  ${login.role.padEnd(8)} ${login.email.padEnd(32)} ${login.name}`);
}

/** `newDatabase`: may create a SQLite file that is not there yet (`start`, the first-run command). */
async function serve(options: {
  port: string;
  host: string;
  seedDemo: boolean;
  migrate: boolean;
  newDatabase?: boolean;
}): Promise<void> {
  const { z } = await import('zod');
  const { migrateToLatest } = await import('../db/migrate.ts');
  const { createApp } = await import('../server/app.ts');
  const { seedDemoWorkspace } = await import('../server/demo/demo.service.ts');
  const { countOrganizations } = await import('../server/organizations/organizations.repo.ts');
  const port = parseOption(z.coerce.number().int().min(0).max(65535), options.port, '--port');
  // the app's logger exists only once the app does; connection losses before that go to stderr
  let log: { warn(details: object, message: string): void } = {
    warn: (_details, message) => warn(`winsight: ${message}`),
  };
  const handle = await openDatabaseOrFail({
    sqliteMustExist: !options.newDatabase,
    onConnectionError: (error) =>
      log.warn({ err: error }, `database connection lost (${error.message}); the pool reconnects on next use`),
  });
  if (options.migrate) await migrateToLatest(handle);
  const config = configFromEnv(env(), { webDir: existsSync(`${WEB_DIR}/index.html`) ? WEB_DIR : null });
  const secrets = await secretsOrFail();
  // the key file is made (or read) now: a folder it cannot be written to stops the start, not a save
  try {
    secrets.open(secrets.seal('check'));
  } catch (error) {
    await handle.close();
    fail(`cannot read or create the secret key: ${(error as Error).message}; set ${SECRET_KEY_ENV} instead`);
  }
  const deps: AppDeps = createAppDeps({
    db: handle.db,
    dialect: handle.dialect,
    config,
    now: () => new Date(),
    secrets,
  });
  if (options.seedDemo && (await countOrganizations(deps.db)) === 0) printDemoLogins(await seedDemoWorkspace(deps));
  if (!config.webDir) warn('The web app is not built (npm run build); serving the API only.');
  const app = await createApp(deps, { logger: { level: env().LOG_LEVEL ?? 'warn' } });
  log = app.log;
  const { scheduleNightlyRefit } = await import('../server/assessment/nightly.ts');
  const refitHour = Number(env().WINSIGHT_REFIT_HOUR ?? 2);
  const stopRefits =
    Number.isInteger(refitHour) && refitHour >= 0 && refitHour <= 23
      ? scheduleNightlyRefit(deps, app.log, refitHour)
      : () => undefined;
  const { scheduleMailSender, sealPlainMailPasswords } = await import('../server/inbox/index.ts');
  // SMTP passwords saved before they were sealed are sealed now, once
  await sealPlainMailPasswords(deps).catch((error: unknown) =>
    app.log.warn({ err: error }, 'could not seal the SMTP passwords saved in plain text'),
  );
  const stopMail = scheduleMailSender(deps, app.log);
  const { scheduleWebhookSender } = await import('../server/webhooks/index.ts');
  const stopWebhooks = scheduleWebhookSender(deps, app.log);
  const shutdown = async () => {
    stopRefits();
    stopMail();
    // the round under way ends (each try within its timeout); what it did not send waits in the queue
    await stopWebhooks();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  // a close that fails rejects unhandled, which ends the process with the error: what a stop should do
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  try {
    await app.listen({ port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      await app.close();
      await handle.close();
      fail(
        `cannot listen on ${options.host}:${port}: ${code === 'EADDRINUSE' ? 'another program uses that port' : 'not allowed'}; choose another with PORT or --port`,
      );
    }
    throw error;
  }
  say(`Winsight ${config.version} on ${handle.dialect} (${handle.location}) at http://localhost:${port}`);
}

/** The `winsight` command and its subcommands, writing help and usage errors to `io`. */
function createProgram(io: CliIo): Command {
  const program = new Command()
    // set before the commands are added, which inherit them: no exit of the process, and the output
    // the run was given
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .name('winsight')
    .description(
      'Winsight: opportunity management built on what sellers actually know.\nDATABASE_URL picks the database: postgres://... or a SQLite file path (default ./data/winsight.sqlite).',
    )
    .showHelpAfterError();

  program
    .command('start')
    .description('Build the web app if needed, migrate, load the demo workspace into an empty database, and serve')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('0.0.0.0'))
    .action(async (options: { port: string; host: string }) => {
      if (!existsSync(`${WEB_DIR}/index.html`)) {
        say('Building the web app (first run only)...');
        const { build } = await import('vite');
        await build({ configFile: `${PROJECT_ROOT}vite.config.ts`, logLevel: 'warn' });
      }
      await serve({ ...options, seedDemo: true, migrate: true, newDatabase: true });
    });

  program
    .command('serve')
    .description('Serve the API and web app')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST').default('0.0.0.0'))
    .option('--no-migrate', 'do not apply pending migrations first')
    .option('--seed-demo', 'load the demo workspace when the database is empty', false)
    .action(serve);

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(() =>
      withDeps(
        async (_deps, handle) => {
          const { migrateToLatest } = await import('../db/migrate.ts');
          const results = await migrateToLatest(handle);
          say(
            results.length === 0
              ? 'Already up to date.'
              : results.map((r) => `${r.status}: ${r.migrationName}`).join('\n'),
          );
        },
        { migrate: false },
      ),
    );

  program
    .command('seed-demo')
    .description('Load the demo workspace (refuses if it is already there)')
    .option('--as-of <date>', 'anchor date YYYY-MM-DD (default today); the same date gives the same workspace')
    .action((options: { asOf?: string }) =>
      withDeps(async (deps) => {
        const { seedDemoWorkspace } = await import('../server/demo/demo.service.ts');
        try {
          printDemoLogins(await seedDemoWorkspace(deps, options.asOf ? { today: options.asOf } : {}));
        } catch (error) {
          fail((error as Error).message);
        }
      }),
    );

  program
    .command('create-org')
    .description('Create a new organization with its first administrator (and the default stages)')
    .requiredOption('--name <name>', "the organization's name (unique)")
    .requiredOption('--admin-email <email>', "its first administrator's email")
    .requiredOption('--admin-name <name>', "its first administrator's full name")
    .option('--admin-password <password>', 'their password (default: a generated one, printed once)')
    .action((options: { name: string; adminEmail: string; adminName: string; adminPassword?: string }) =>
      withDeps(async (deps) => {
        const { z } = await import('zod');
        const { emailSchema, passwordSchema } = await import('../contract/users.ts');
        const { randomSecret } = await import('../server/auth/secrets.ts');
        const { createOrganization } = await import('../server/organizations/organizations.service.ts');
        const name = parseOption(z.string().trim().min(1).max(120), options.name, '--name');
        const email = parseOption(emailSchema, options.adminEmail, '--admin-email');
        const adminName = parseOption(z.string().trim().min(1).max(120), options.adminName, '--admin-name');
        const password = parseOption(passwordSchema, options.adminPassword ?? randomSecret(12), '--admin-password');
        try {
          await createOrganization(deps, { name, admin: { email, name: adminName, password } });
        } catch (error) {
          fail((error as Error).message);
        }
        say(
          `Created organization "${name}" with admin ${email}${options.adminPassword ? '' : ` with password: ${password}`}`,
        );
      }),
    );

  program
    .command('create-user')
    .description('Add a person to an organization; creates the organization first when the database has none')
    .requiredOption('--email <email>', 'their email, used to sign in')
    .requiredOption('--name <name>', 'their full name')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--manager <email>', 'email of the manager they report to')
    .option('--password <password>', 'their password (default: a generated one, printed once)')
    .option(
      '--org <name>',
      'the organization they join (must exist: see create-org); names the new one when the database has none',
    )
    .action(
      (options: {
        email: string;
        name: string;
        role: (typeof ROLES)[number];
        manager?: string;
        password?: string;
        org?: string;
      }) =>
        withDeps(async (deps) => {
          const { z } = await import('zod');
          const { emailSchema, passwordSchema } = await import('../contract/users.ts');
          const { randomSecret } = await import('../server/auth/secrets.ts');
          const { findLoginCandidate } = await import('../server/auth/auth.repo.ts');
          const { findOrganization, listOrganizations } = await import('../server/organizations/organizations.repo.ts');
          const { createOrganization } = await import('../server/organizations/organizations.service.ts');
          const { createUserInOrg } = await import('../server/users/users.service.ts');
          const email = parseOption(emailSchema, options.email, '--email');
          const password = parseOption(passwordSchema, options.password ?? randomSecret(12), '--password');
          const name = parseOption(z.string().trim().min(1).max(120), options.name, '--name');
          const org =
            options.org === undefined
              ? undefined
              : parseOption(z.string().trim().min(1).max(120), options.org, '--org');
          const orgs = await listOrganizations(deps.db);
          if (orgs.length === 0) {
            if (options.role !== 'admin')
              fail('the first person of a new organization must be an admin (--role admin)');
            await createOrganization(deps, { name: org ?? 'My organization', admin: { email, name, password } });
            say(
              `Created admin ${email} with the organization "${org ?? 'My organization'}"${options.password ? '' : ` with password: ${password}`}`,
            );
            return;
          }
          const named = org === undefined ? undefined : await findOrganization(deps.db, org);
          if (org !== undefined && !named)
            fail(
              `--org: no organization named "${org}"; create it first with: winsight create-org --name "${org}" --admin-email ... --admin-name ...`,
            );
          let orgId = named?.id ?? orgs[0]!.id;
          let managerId: string | null = null;
          if (options.manager) {
            const manager = await findLoginCandidate(deps.db, parseOption(emailSchema, options.manager, '--manager'));
            if (!manager) fail(`--manager: nobody has the email ${options.manager}`);
            if (named && manager.orgId !== named.id)
              fail(`--manager: ${options.manager} is not in the organization "${named.name}"`);
            orgId = manager.orgId;
            managerId = manager.id;
          } else if (!named && orgs.length > 1) {
            fail('several organizations exist: name one with --org (or a --manager) so the person joins it');
          }
          try {
            await createUserInOrg(
              deps,
              { orgId, actorId: managerId },
              { email, name, role: options.role, managerId, password },
            );
          } catch (error) {
            fail((error as Error).message);
          }
          const orgName = named?.name ?? orgs.find((o) => o.id === orgId)?.name ?? orgId;
          say(
            `Created ${options.role} ${email} in "${orgName}"${options.password ? '' : ` with password: ${password}`}`,
          );
        }),
    );

  program
    .command('create-token')
    .description('Print a new personal API token for someone (use it as Authorization: Bearer <token>)')
    .requiredOption('--email <email>', 'whose token')
    .option('--name <name>', 'what the token is for', 'command line')
    .option('--scopes <scopes>', 'comma-separated: read, write, admin (an administrator’s token)', 'read,write')
    .option(
      '--expires <date-time>',
      'when it stops working (ISO date-time, at most a year ahead; 90 days if not given)',
    )
    .action((options: { email: string; name: string; scopes: string; expires?: string }) =>
      withDeps(async (deps) => {
        const { emailSchema } = await import('../contract/users.ts');
        const { tokenCreateBodySchema } = await import('../contract/auth.ts');
        const { findLoginCandidate } = await import('../server/auth/auth.repo.ts');
        const { actorFor, createToken } = await import('../server/auth/auth.service.ts');
        const user = await findLoginCandidate(deps.db, parseOption(emailSchema, options.email, '--email'));
        if (!user) fail(`nobody has the email ${options.email}`);
        if (!user.isActive) fail(`${options.email} is deactivated`);
        const scopes = parseOption(tokenCreateBodySchema.shape.scopes, options.scopes.split(','), '--scopes');
        const expiresAt = options.expires
          ? parseOption(tokenCreateBodySchema.shape.expiresAt, options.expires, '--expires')
          : undefined;
        const created = await createToken(
          deps,
          { actor: await actorFor(deps, user), via: 'command-line' },
          { name: options.name, scopes, expiresAt },
        );
        say(created.token);
      }),
    );

  program
    .command('eval')
    .description(
      'Measure win-probability learning honestly on a CSV of closed opportunities: cross-validated (or time-split) AUC, Brier, log loss, calibration, next to the base rate and naive Bayes',
    )
    .option('--data <file>', 'CSV with a header row (comma, semicolon or tab separated)')
    .option('--outcome <column>', 'the column that holds the result')
    .option('--positive <value>', 'the value of that column that means won')
    .option(
      '--org <name-or-id>',
      "instead of a CSV: an organization's own closed opportunities, with the engine's real features",
    )
    .option('--drop <columns>', 'comma-separated columns to leave out (e.g. ones only known after closing)')
    .option('--folds <n>', 'number of folds', '10')
    .option('--repeats <n>', 'repeat the cross-validation with new shuffles', '1')
    .option('--seed <n>', 'shuffle seed', '1')
    .option(
      '--time-split <spec>',
      'COLUMN:TRAIN_UNTIL[:TEST_UNTIL], e.g. "Deal Date:2017-12-31:2018-12-31", instead of folds',
    )
    .option(
      '--bands <counts>',
      'comma-separated band counts our learner chooses from for numbers, inside each training set (default 10)',
    )
    .option('--json', 'print one JSON object')
    .option(
      '--curve',
      'the learning curve: trained on the first 25, 50, 100 ... deals to close and tested on the next (with --data, ordered by --date)',
    )
    .option('--date <column>', 'with --data --curve: the column that dates each row (its close date)')
    .action(
      async (options: {
        data?: string;
        outcome?: string;
        positive?: string;
        org?: string;
        drop?: string;
        folds: string;
        repeats: string;
        seed: string;
        timeSplit?: string;
        bands?: string;
        json?: boolean;
        curve?: boolean;
        date?: string;
      }) => {
        if (options.org) {
          await evaluateOrganization(options.org, Number(options.folds), Boolean(options.json), Boolean(options.curve));
          return;
        }
        if (!options.data || !options.outcome || !options.positive)
          fail('give --data, --outcome and --positive (or --org)');
        if (options.curve && !options.date) fail('--curve: name the column that dates each row with --date');
        const { readFile } = await import('node:fs/promises');
        const { parseTable, TableError } = await import('../domain/learning/table.ts');
        const { evaluateTable } = await import('../domain/learning/evaluate.ts');
        const { printEvaluation } = await import('./eval-report.ts');
        const whole = (flag: string, raw: string, min: number, max: number) => {
          const n = Number(raw);
          if (!Number.isInteger(n) || n < min || n > max)
            fail(`${flag}: a whole number from ${min} to ${max}, got "${raw}"`);
          return n;
        };
        let timeSplit: { column: string; trainUntil: string; testUntil?: string } | undefined;
        if (options.timeSplit) {
          const match = /^(.+?):(\d{4}-\d{2}-\d{2})(?::(\d{4}-\d{2}-\d{2}))?$/.exec(options.timeSplit);
          if (!match) fail('--time-split: expected COLUMN:YYYY-MM-DD[:YYYY-MM-DD]');
          timeSplit = { column: match[1]!, trainUntil: match[2]!, ...(match[3] ? { testUntil: match[3] } : {}) };
        }
        let text: string;
        try {
          text = await readFile(options.data!, 'utf8');
        } catch (error) {
          fail(
            `--data: cannot read ${options.data} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          );
        }
        const drop = (options.drop ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        const started = performance.now();
        if (options.curve) {
          const { tableLearningCurve } = await import('../domain/learning/curve.ts');
          const { printTableCurve } = await import('./eval-report.ts');
          try {
            const points = tableLearningCurve(parseTable(text), {
              outcome: options.outcome!,
              positive: options.positive!,
              drop,
              seed: whole('--seed', options.seed, 0, 2 ** 31),
              dateColumn: options.date!,
            });
            if (options.json) say(JSON.stringify({ curve: points, seconds: (performance.now() - started) / 1000 }));
            else printTableCurve(points);
          } catch (error) {
            if (error instanceof TableError) fail(error.message);
            throw error;
          }
          return;
        }
        try {
          const result = evaluateTable(parseTable(text), {
            outcome: options.outcome!,
            positive: options.positive!,
            drop,
            folds: whole('--folds', options.folds, 2, 100),
            repeats: whole('--repeats', options.repeats, 1, 50),
            seed: whole('--seed', options.seed, 0, 2 ** 31),
            ...(timeSplit ? { timeSplit } : {}),
            ...(options.bands
              ? { bands: options.bands.split(',').map((b) => whole('--bands', b.trim(), 2, 200)) }
              : {}),
          });
          const seconds = (performance.now() - started) / 1000;
          if (options.json) say(JSON.stringify({ ...result, seconds }));
          else printEvaluation(result, seconds);
        } catch (error) {
          if (error instanceof TableError) fail(error.message);
          throw error;
        }
      },
    );

  program
    .command('backtest')
    .description(
      "Replay a CSV of dated opportunities in time order: each period's won amount forecast on its first day by every method from what was known then, against what its pipeline won",
    )
    .option('--data <file>', 'CSV with a header row (comma, semicolon or tab separated)')
    .option(
      '--org <name-or-id>',
      "instead of a CSV, the organization's own deals (imported history included) in its reporting currency",
    )
    .option('--created <column>', 'the date each deal was created')
    .option(
      '--no-created',
      'the file has no creation date: each deal counts as known from the start of the period it closes in',
    )
    .option('--closed <column>', 'the date each deal closed (blank while open)')
    .option('--outcome <column>', 'the column that says how each deal ended')
    .option('--won <value>', 'the value of that column that means won (any other, on a closed deal, is lost)')
    .option('--amount <column>', "each deal's amount, as known when it was created")
    .option('--owner <column>', "who owns each deal: adds the owner's past win rate")
    .option('--stage <column>', "each deal's stage: adds the stage's past win rate, unless it is a final stage")
    .option('--seller-probability <column>', "the seller's own figure (0 to 1, or 0 to 100)")
    .option('--expected-close <column>', 'the expected close date (else the actual close date stands in for it)')
    .addOption(
      new Option('--period <kind>', 'the period each forecast covers').choices(['month', 'quarter']).default('quarter'),
    )
    .option('--drop <columns>', 'comma-separated columns the learned method leaves out')
    .option('--json', 'print one JSON object')
    .action(
      async (options: {
        data?: string;
        org?: string;
        created?: string | false;
        closed?: string;
        outcome?: string;
        won?: string;
        amount?: string;
        owner?: string;
        stage?: string;
        sellerProbability?: string;
        expectedClose?: string;
        period: 'month' | 'quarter';
        drop?: string;
        json?: boolean;
      }) => {
        if (options.org !== undefined) return backtestOrganization(options.org, options.period, options.json ?? false);
        const missing = (['data', 'closed', 'outcome', 'won', 'amount'] as const).filter((o) => !options[o]);
        if (missing.length > 0) fail(`give ${missing.map((o) => `--${o}`).join(', ')}`);
        if (options.created === undefined)
          fail(
            '--created: name the column that dates when each deal was created, or give --no-created when the file has none',
          );
        const { readFile } = await import('node:fs/promises');
        const { parseTable, TableError } = await import('../domain/learning/table.ts');
        const { readBacktestTable } = await import('../domain/forecast/backtest-table.ts');
        const { runBacktest } = await import('../domain/forecast/backtest.ts');
        const { printBacktest } = await import('./backtest-report.ts');
        let text: string;
        try {
          text = await readFile(options.data!, 'utf8');
        } catch (error) {
          fail(
            `--data: cannot read ${options.data} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          );
        }
        const started = performance.now();
        try {
          const read = readBacktestTable(parseTable(text), {
            created: options.created === false ? null : options.created,
            closed: options.closed!,
            outcome: options.outcome!,
            won: options.won!,
            amount: options.amount!,
            ...(options.owner !== undefined ? { owner: options.owner } : {}),
            ...(options.stage !== undefined ? { stage: options.stage } : {}),
            ...(options.sellerProbability !== undefined ? { sellerProbability: options.sellerProbability } : {}),
            ...(options.expectedClose !== undefined ? { expectedClose: options.expectedClose } : {}),
            drop: (options.drop ?? '')
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
          });
          const result = runBacktest(read.rows, {
            period: options.period,
            columns: read.columns,
            featureColumns: read.featureColumns,
          });
          const seconds = (performance.now() - started) / 1000;
          if (options.json) {
            const { rows: _rows, ...about } = read;
            say(JSON.stringify({ ...result, ...about, seconds }));
          } else printBacktest(result, read, options.amount!, seconds);
        } catch (error) {
          if (error instanceof TableError) fail(error.message);
          throw error;
        }
      },
    );

  /** The back-test over an organization's deals as stored: what `backtest --data` reads from a CSV, read from the database. */
  function backtestOrganization(nameOrId: string, period: 'month' | 'quarter', json: boolean): Promise<void> {
    return withDeps(async (deps) => {
      const { BACKTEST_HEADER, dealsForBacktest } = await import('../server/forecast/index.ts');
      const { readOrgForImport } = await import('../server/imports/imports.repo.ts');
      const { TableError } = await import('../domain/learning/table.ts');
      const { readBacktestTable } = await import('../domain/forecast/backtest-table.ts');
      const { runBacktest } = await import('../domain/forecast/backtest.ts');
      const { printBacktest } = await import('./backtest-report.ts');
      const org = (await organizationsNamed(deps.db, nameOrId))[0];
      if (!org) fail(`--org: no organization named or with id "${nameOrId}"`);
      const started = performance.now();
      const currency = (await readOrgForImport(deps.db, org.id))!.reportingCurrency;
      const { rows, otherCurrency } = await dealsForBacktest(deps.db, org.id, currency);
      try {
        const read = readBacktestTable(
          { header: [...BACKTEST_HEADER], rows },
          {
            created: 'created',
            closed: 'closed',
            outcome: 'outcome',
            won: 'won',
            amount: 'amount',
            owner: 'owner',
            expectedClose: 'expected_close',
          },
        );
        const result = runBacktest(read.rows, { period, columns: read.columns, featureColumns: read.featureColumns });
        const seconds = (performance.now() - started) / 1000;
        if (json) {
          const { rows: _rows, ...about } = read;
          say(JSON.stringify({ ...result, ...about, organization: org.name, currency, otherCurrency, seconds }));
          return;
        }
        say(
          `${org.name}: ${rows.length} deals in ${currency}${otherCurrency > 0 ? ` (${otherCurrency} in other currencies left out)` : ''}`,
        );
        printBacktest(result, read, 'amount', seconds);
      } catch (error) {
        if (error instanceof TableError) fail(`${org.name}: ${error.message}`);
        throw error;
      }
    });
  }

  program
    .command('import')
    .description(
      "Import opportunities, accounts, contacts and their history from a CSV export of another CRM (with --mapping), or an organization's document written by `winsight export` (without), all or nothing; a re-import of the same ids updates them",
    )
    .requiredOption(
      '--file <file>',
      "the CSV file (UTF-8; comma, semicolon or tab separated; at most 200 MB), or an organization's JSON document",
    )
    .option(
      '--mapping <mapping>',
      'salesforce or hubspot (opportunities), salesforce-accounts, salesforce-contacts, salesforce-contact-roles, salesforce-history, hubspot-companies, hubspot-contacts, hubspot-associations, generic, a saved data-set mapping (ibm-sales-win-loss, maven-crm-sales-opportunities, it-consulting-win-prediction) or a MAPPING.json file. Import the opportunities first: the other files link to them by id',
    )
    .option('--org <name-or-id>', 'the organization to import into (needed when there are several)')
    .option('--dry-run', 'check every row and report, writing nothing', false)
    .option('--no-assess', 'leave the open deals it writes to the nightly assessment instead of assessing them at once')
    .option(
      '--no-replay',
      "do not replay the forecast's past snapshots from the closed deals or stage history it brings",
    )
    .option('--json', 'print the report as one JSON object', false)
    .action(
      (options: {
        file: string;
        mapping?: string;
        org?: string;
        dryRun: boolean;
        assess: boolean;
        replay: boolean;
        json: boolean;
      }) =>
        withDeps(async (deps) => {
          if (!existsSync(options.file)) fail(`--file: no file at ${options.file}`);
          if (options.mapping === undefined) return importDocument(deps, options.file);
          const { basename } = await import('node:path');
          const { firstAdminOf, loadMapping, MappingError, runImport } = await import('../server/imports/index.ts');
          const { importProgress, printImportReport } = await import('./import-report.ts');
          const orgs = await organizationsNamed(deps.db, options.org || undefined);
          if (orgs.length === 0)
            fail(
              options.org
                ? `--org: no organization named or with id "${options.org}"`
                : 'no organization yet: create one with winsight create-org',
            );
          if (orgs.length > 1)
            fail(`several organizations exist: name one with --org (${orgs.map((o) => o.name).join(', ')})`);
          const org = orgs[0]!;
          const actorId = await firstAdminOf(deps.db, org.id);
          if (!actorId) fail(`${org.name} has no active administrator to record the import under`);
          let mapping;
          try {
            mapping = await loadMapping(options.mapping);
          } catch (error) {
            if (error instanceof MappingError) fail(`--mapping: ${error.message}`);
            throw error;
          }
          const report = await runImport(deps, {
            orgId: org.id,
            actorId,
            path: options.file,
            fileName: basename(options.file),
            mapping,
            dryRun: options.dryRun,
            assess: options.assess,
            replay: options.replay,
            ...(options.json ? {} : { onProgress: importProgress(basename(options.file)) }),
          });
          if (options.json) say(JSON.stringify(report));
          else printImportReport(report, org.name, mapping.kind);
          if (!report.ok) setExitCode(1);
        }),
    );

  program
    .command('refit')
    .description(
      'Refit the win-probability model of every organization (or one) on its closed deals now; run nightly by serve',
    )
    .option('--org <name-or-id>', 'only this organization')
    .action((options: { org?: string }) =>
      withDeps(async (deps) => {
        const { refitModel } = await import('../server/assessment/model.service.ts');
        const orgs = await organizationsNamed(deps.db, options.org || undefined);
        if (orgs.length === 0) fail(`--org: no organization named or with id "${options.org}"`);
        let failures = 0;
        for (const org of orgs) {
          try {
            const model = await refitModel(deps, org.id, null);
            const cv = model.card?.crossValidated;
            say(
              `${org.name}: ${model.version} on ${model.card?.trainingSize} closed deals${cv ? `, cross-validated AUC ${cv.auc.toFixed(3)}, Brier ${cv.brier.toFixed(3)}` : ''}`,
            );
          } catch (error) {
            failures += 1;
            warn(`${org.name}: not refitted: ${(error as Error).message}`);
          }
        }
        if (failures === orgs.length) setExitCode(1);
      }),
    );

  program
    .command('reassess')
    .description(
      "Recompute every stored win chance and danger-zone list from the deals' knowledge (all organizations, or one), filling any that are missing",
    )
    .option('--org <name-or-id>', 'only this organization')
    .action((options: { org?: string }) =>
      withDeps(async (deps) => {
        const { reassessDeals } = await import('../server/assessment/model.service.ts');
        const orgs = await organizationsNamed(deps.db, options.org || undefined);
        if (orgs.length === 0)
          fail(
            options.org
              ? `--org: no organization named or with id "${options.org}"`
              : 'no organization yet: nothing to reassess',
          );
        for (const org of orgs)
          say(
            `${org.name}: ${await reassessDeals(deps, org.id, 'all', { kind: 'reassess' })} opportunities reassessed`,
          );
      }),
    );

  program
    .command('remind')
    .description(
      'Send the reminders due now (agreed actions due tomorrow or overdue ...) to the inbox, each once, and deliver the e-mails waiting; run nightly by serve',
    )
    .action(() =>
      withDeps(async (deps) => {
        const { deliverDueMail, sendDueReminders } = await import('../server/inbox/index.ts');
        const log = { warn: (_details: object, message: string) => warn(`winsight: ${message}`) };
        for (const r of await sendDueReminders(deps, { log }))
          say(
            r.error
              ? `${r.source}: failed: ${r.error}`
              : `${r.source}: ${r.due} due, ${r.written} new in inboxes, ${r.queued} e-mails queued`,
          );
        const delivered = await deliverDueMail(deps, { log, limit: 500 });
        say(`e-mails: ${delivered.sent} sent, ${delivered.failed} not delivered (tried again later)`);
        if (delivered.failed > 0) setExitCode(1);
      }),
    );

  const ON_POSTGRES_BACKUP =
    'DATABASE_URL names PostgreSQL: back up with pg_dump --format=custom --file=FILE "$DATABASE_URL" and restore with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" FILE (see the README)';

  /** The SQLite file DATABASE_URL names; on PostgreSQL, how to use pg_dump and pg_restore instead. */
  program
    .command('export')
    .description(
      'Write everything an organization owns as one JSON document (people, records, knowledge with evidence, history, assessments, forecasts, coaching), or with --csv a CSV file per table; `winsight import` reads the document into another Winsight',
    )
    .requiredOption('--out <file-or-folder>', 'the JSON file to write (a folder with --csv)')
    .option('--org <name-or-id>', 'the organization (needed when there are several)')
    .option('--csv', 'a CSV file per table in the folder --out names, instead of one JSON document')
    .option('--force', 'replace a file that exists')
    .action((options: { out: string; org?: string; csv?: boolean; force?: boolean }) =>
      withDeps(async (deps) => {
        const { createWriteStream, mkdirSync } = await import('node:fs');
        const { organizationDocument, organizationTableCsv, DOCUMENT_TABLES } =
          await import('../server/exports/index.ts');
        const orgs = await organizationsNamed(deps.db, options.org || undefined);
        if (orgs.length === 0) fail(`--org: no organization named or with id "${options.org}"`);
        if (orgs.length > 1) fail(`several organizations: name one with --org (${orgs.map((o) => o.name).join(', ')})`);
        const org = orgs[0]!;
        const write = async (path: string, chunks: AsyncIterable<string>) => {
          if (existsSync(path) && !options.force) fail(`--out: ${path} exists; add --force to replace it`);
          const file = createWriteStream(path);
          for await (const chunk of chunks) if (!file.write(chunk)) await once(file, 'drain');
          file.end();
          await once(file, 'finish');
        };
        if (options.csv) {
          mkdirSync(options.out, { recursive: true });
          for (const table of DOCUMENT_TABLES)
            await write(join(options.out, `${table.name}.csv`), organizationTableCsv(deps, org.id, table));
          say(`${org.name}: ${DOCUMENT_TABLES.length} CSV files written to ${options.out}`);
        } else {
          await write(options.out, organizationDocument(deps, org.id));
          say(`${org.name}: exported to ${options.out}`);
        }
      }),
    );

  /** Reads an organization's document (`winsight export`) into this database, or ends the command saying why not. */
  async function importDocument(deps: AppDeps, file: string): Promise<void> {
    const { DocumentSyntaxError, restoreOrganizationDocumentFile } = await import('../server/exports/index.ts');
    const { AppError } = await import('../server/errors.ts');
    try {
      // read as it streams: the document never has to fit in memory
      const summary = await restoreOrganizationDocumentFile(deps, file);
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      say(
        `${summary.name}: imported ${total} rows (${summary.rows['users']} people, ${summary.rows['opportunities']} opportunities, ${summary.rows['knowledge_facts']} facts)`,
      );
    } catch (error) {
      if (error instanceof DocumentSyntaxError)
        fail(`--file: ${file} is not a Winsight organization document (${error.message}); a CSV needs --mapping`);
      if (error instanceof AppError) {
        const where = Object.keys(error.fields ?? {})[0];
        fail(`--file: ${where ? `${where}: ` : ''}${error.message}`);
      }
      throw error;
    }
  }

  async function sqlitePathOrExplain(): Promise<string> {
    const { isPostgresUrl, resolveDatabaseUrl, sqlitePathOf } = await import('../db/database.ts');
    const url = resolveDatabaseUrl(env().DATABASE_URL);
    if (isPostgresUrl(url)) fail(ON_POSTGRES_BACKUP);
    const path = sqlitePathOf(url);
    if (path === ':memory:') fail('DATABASE_URL names an in-memory database: there is nothing to back up or restore');
    return path;
  }

  program
    .command('backup')
    .description(
      'Copy the SQLite database consistently, even while the app runs and writes (on PostgreSQL: use pg_dump)',
    )
    .requiredOption('--out <file>', 'where to write the copy')
    .option('--force', 'overwrite the file if it exists', false)
    .action(async (options: { out: string; force: boolean }) => {
      const path = await sqlitePathOrExplain();
      if (!existsSync(path)) fail(`there is no SQLite database at ${path} (DATABASE_URL) to back up`);
      if (existsSync(options.out) && !options.force) fail(`${options.out} already exists; add --force to overwrite it`);
      const { backupSqlite } = await import('../db/backup.ts');
      try {
        await backupSqlite(path, options.out);
      } catch (error) {
        fail(`cannot back up ${path} to ${options.out}: ${(error as Error).message}`);
      }
      say(`Backed up ${path} to ${options.out}`);
    });

  program
    .command('restore')
    .description(
      'Put a backup made by `winsight backup` back as the SQLite database (stop the app first; on PostgreSQL: use pg_restore)',
    )
    .requiredOption('--file <file>', 'the backup to restore')
    .option('--force', 'replace a database that already holds data', false)
    .action(async (options: { file: string; force: boolean }) => {
      const path = await sqlitePathOrExplain();
      const { countWinsightOrganizations, holdsData, NotRestorableError, restoreSqlite } =
        await import('../db/backup.ts');
      if (!existsSync(options.file)) fail(`--file: ${options.file} does not exist`);
      let organizations: number;
      try {
        organizations = countWinsightOrganizations(options.file);
      } catch (error) {
        if (error instanceof NotRestorableError) fail(`--file: ${error.message}; nothing was changed`);
        throw error;
      }
      if (holdsData(path) && !options.force)
        fail(
          `the database at ${path} (DATABASE_URL) already holds data; add --force to replace it with ${options.file}`,
        );
      try {
        await restoreSqlite(options.file, path);
      } catch (error) {
        fail(`cannot restore ${options.file} into ${path}: ${(error as Error).message}`);
      }
      say(
        `Restored ${options.file} into ${path} (${organizations} organization${organizations === 1 ? '' : 's'}); "winsight serve" migrates it if it is older than this version`,
      );
    });

  async function evaluateOrganization(org: string, folds: number, asJson: boolean, curve: boolean): Promise<void> {
    await withDeps(async (deps) => {
      const { evaluateOrganizationModel } = await import('../server/assessment/evaluation.service.ts');
      const { printOrgEvaluation } = await import('./eval-report.ts');
      const match = (await organizationsNamed(deps.db, org))[0];
      if (!match) fail(`--org: no organization named or with id "${org}"`);
      if (!Number.isInteger(folds) || folds < 2 || folds > 20) fail('--folds: from 2 to 20');
      try {
        const result = await evaluateOrganizationModel(deps, match.id, folds, { curve });
        if (asJson) say(JSON.stringify(result));
        else printOrgEvaluation(match.name, result);
      } catch (error) {
        fail((error as Error).message);
      }
    });
  }
  return program;
}

/**
 * Runs `winsight ARGS` (without "node winsight") with `io` as its output and environment, in this
 * process; resolves to its exit code. A command that fails writes "winsight: …" as one line.
 */
export function runWinsight(args: readonly string[], io: CliIo): Promise<number> {
  return withIo(io, async (run) => {
    try {
      await createProgram(io).parseAsync([...args], { from: 'user' });
    } catch (error) {
      // what the app refuses (a rule about the request, a record not found) is said in one line too
      if (error instanceof CliExit || error instanceof AppError) {
        io.err(`winsight: ${error.message}\n`);
        return 1;
      }
      if (error instanceof CommanderError) return error.exitCode;
      throw error;
    }
    return run.exitCode;
  });
}
