import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Win-probability models per organization (versioned, one current), administrators' settings for
// danger-zone rules, and the latest assessment of each opportunity so lists can show it at once.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // eight-byte floats on both (PostgreSQL's "real" is four bytes)
  const float = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('win_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('win_models_version_unique', ['org_id', 'version'])
    .execute();
  await db.schema.createIndex('win_models_org_idx').on('win_models').columns(['org_id', 'is_current']).execute();

  await db.schema
    .createTable('danger_zone_settings')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('danger_zone_settings_pk', ['org_id', 'rule_id'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey().references('opportunities.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('win_probability', float, (c) => c.notNull())
    .addColumn('band_low', float, (c) => c.notNull())
    .addColumn('band_high', float, (c) => c.notNull())
    .addColumn('coverage_index', float, (c) => c.notNull())
    .addColumn('seller_gap', float)
    .addColumn('top_severity', 'text')
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessments_owner_idx').on('assessments').columns(['owner_id', 'computed_at']).execute();
}
