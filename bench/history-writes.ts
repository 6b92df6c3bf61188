/**
 * What the assessment history costs a bulk re-assessment (a refit, a rule retuned): every stored
 * assessment moved at once, so the history triggers write a point per deal. Times
 * reassessFromInputs over BENCH_OPPORTUNITIES deals (default 20,000) on a fresh SQLite database
 * (or DATABASE_URL's PostgreSQL) with the triggers in place and without them, alternately.
 * Usage: node --import tsx bench/history-writes.ts
 */
import { sql } from 'kysely';
import { reassessDeals } from '../src/server/assessment/index.ts';
import { reassessFromInputs } from '../src/server/assessment/model.service.ts';
import { createAppDeps, DEFAULT_CONFIG } from '../src/server/deps.ts';
import { createTestDb } from '../src/testing/test-db.ts';
import { DEFAULT_PLAN, seedWorkspace } from './seed.ts';

const opportunities = Number(process.env.BENCH_OPPORTUNITIES ?? 20_000);
const handle = await createTestDb();
const deps = createAppDeps({
  db: handle.db,
  dialect: handle.dialect,
  now: () => new Date(),
  config: { ...DEFAULT_CONFIG, passwordCost: 1024 },
});
const { orgId } = await seedWorkspace(deps, { ...DEFAULT_PLAN, opportunities, accounts: opportunities / 50 });
await reassessDeals(deps, orgId, 'all', { kind: 'reassess' });
const count = async () =>
  Number(
    (
      await handle.db
        .selectFrom('assessment_history')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const triggers =
  handle.dialect === 'sqlite'
    ? (await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger'`.execute(handle.db)).rows
    : [];
let triggersOn = true;
async function setTriggers(on: boolean): Promise<void> {
  if (on === triggersOn) return;
  triggersOn = on;
  if (handle.dialect === 'postgres') {
    await sql.raw(`alter table assessments ${on ? 'enable' : 'disable'} trigger user`).execute(handle.db);
  } else if (on) {
    for (const t of triggers) await sql.raw(t.sql).execute(handle.db);
  } else {
    await sql`drop trigger assessments_history_insert`.execute(handle.db);
    await sql`drop trigger assessments_history_update`.execute(handle.db);
  }
}

for (let pass = 0; pass < 2; pass++) {
  for (const on of [true, false]) {
    await setTriggers(on);
    // every stored figure moved away, so the recompute moves each one back
    await handle.db.updateTable('assessments').set({ win_probability: 0 }).execute();
    const before = await count();
    const started = performance.now();
    const n = await reassessFromInputs(deps, orgId, 'all', { kind: 'rule', rule: 'bench' });
    const ms = performance.now() - started;
    console.log(
      `${handle.dialect} ${n} deals re-assessed from inputs, triggers ${on ? 'on ' : 'off'}: ${Math.round(ms)} ms, history +${(await count()) - before}`,
    );
    if (!on) await setTriggers(true);
  }
}
await handle.close();
