import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The guided diagnosis of a seller's performance gap: who is diagnosed, who started it, from what
// (a gap flag of the scorecard, with the rule, the indicator or danger zone, its text and the
// deals that showed it as they were that day, or the manager's own observation), the root causes
// suspected (a JSON array of ids), its status, and once concluded the root cause, its level, the
// fix and the manager's note. Each answer is one row per question: the step, the choice and a note
// (never one on a wellbeing answer: the service refuses it).
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('coaching_diagnoses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('started_by', 'text', (c) => c.notNull().references('users.id'))
    // "flag" or "observation"
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('flag_rule', 'text')
    .addColumn('flag_indicator', 'text')
    .addColumn('flag_zone', 'text')
    .addColumn('gap_text', 'text', (c) => c.notNull())
    // JSON array of { id, name }: the deals the flag pointed to when the diagnosis started
    .addColumn('deals', 'text', (c) => c.notNull())
    .addColumn('suspected', 'text', (c) => c.notNull())
    // "in_progress", "concluded" or "abandoned"
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text')
    .addColumn('level', 'text')
    .addColumn('fix', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('coaching_diagnoses_by_seller')
    .on('coaching_diagnoses')
    .columns(['org_id', 'seller_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('coaching_diagnosis_answers')
    .addColumn('diagnosis_id', 'text', (c) => c.notNull().references('coaching_diagnoses.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('answered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coaching_diagnosis_answers_pk', ['diagnosis_id', 'question_id'])
    .execute();
}
