import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Learning a manager assigns to a seller from the catalog: due when, for which root cause and
// pyramid level, the gap it answers (the rule, the indicator and its value at assignment, so the
// indicator's move can be drawn later) and, for on-the-job work, the live deal and a success
// condition from the app's list with its parameters (JSON). The seller's completion (quiz score,
// reflection, evidence note), the facts that met the condition (JSON) and the manager's
// verification are kept on the row; its status walks assigned -> in_progress -> completed ->
// applied -> verified, or abandoned.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('coaching_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('learning_items.id'))
    .addColumn('assigned_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('gap_rule', 'text')
    .addColumn('zone_id', 'text')
    .addColumn('indicator_key', 'text')
    .addColumn('baseline_value', real)
    .addColumn('opportunity_id', 'text', (c) => c.references('opportunities.id'))
    .addColumn('condition_id', 'text')
    .addColumn('condition_params', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('quiz_score', 'integer')
    .addColumn('quiz_passed', 'integer')
    .addColumn('quiz_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reflection', 'text')
    .addColumn('evidence_note', 'text')
    .addColumn('applied_at', 'text')
    .addColumn('application_evidence', 'text')
    .addColumn('verified_by', 'text', (c) => c.references('users.id'))
    .addColumn('verified_at', 'text')
    .addColumn('manager_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coaching_assignments_by_seller')
    .on('coaching_assignments')
    .columns(['org_id', 'seller_id', 'due_date'])
    .execute();
  // a knowledge write looks up the open on-the-job work on its deal
  await db.schema
    .createIndex('coaching_assignments_by_deal')
    .on('coaching_assignments')
    .columns(['opportunity_id', 'status'])
    .execute();
}
