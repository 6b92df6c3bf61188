import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The in-app inbox: messages for one person (a reminder, a notice), each with a key naming its
// occasion, unique per person, so the same reminder is never written (nor mailed) twice. The mail
// outbox: e-mails waiting to be delivered, tried again with a growing pause, keeping the last
// error. And each organization's SMTP settings (one row; the password never leaves the server).
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('inbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('inbox_messages_once', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('inbox_messages_by_user')
    .on('inbox_messages')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('message_id', 'text', (c) => c.references('inbox_messages.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // when the next try may start; a sender pushes it forward while it tries (its claim)
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_waiting')
    .on('mail_outbox')
    .columns(['sent_at', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('mail_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    // 'starttls', 'tls' (TLS from the first byte) or 'none'
    .addColumn('tls_mode', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('password', 'text')
    .addColumn('from_address', 'text', (c) => c.notNull())
    // the address people open Winsight at, for the links in e-mails
    .addColumn('app_url', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
