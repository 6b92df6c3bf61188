import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Single sign-on through the organization's OpenID Connect provider.
// - sso_settings: one row per organization that set a provider up; the client secret is sealed
//   under the deployment's key (../../server/secrets.ts) like the SMTP password.
// - sso_domains: which e-mail domains sign in through which organization's provider; a domain
//   belongs to one organization, so the sign-in page knows where to send an address.
// - sso_attempts: a sign-in on its way to the provider and back (state, PKCE verifier, nonce),
//   kept in the database so any instance can finish what another began; used once.
// - user_identities: the provider's subject a person signed in as, so a changed e-mail at the
//   provider still finds the same person.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('sso_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text')
    .addColumn('creates_users', 'integer', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .execute();
  await db.schema.createIndex('sso_domains_org_idx').on('sso_domains').columns(['org_id']).execute();
  await db.schema
    .createTable('sso_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the state; the state itself is never stored
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('next_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_attempts_expiry_idx').on('sso_attempts').columns(['expires_at']).execute();
  await db.schema
    .createTable('user_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('user_identities_user_idx').on('user_identities').columns(['user_id']).execute();
}
