import type { Db } from '../../db/database.ts';
import type { TlsMode } from '../../contract/mail.ts';

// An organization's SMTP server: one row, replaced whole by an administrator.

export type StoredMailSettings = {
  orgId: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string | null;
  password: string | null;
  fromAddress: string;
  appUrl: string | null;
  updatedBy: string;
  updatedAt: string;
};

export async function findMailSettings(db: Db, orgId: string): Promise<StoredMailSettings | undefined> {
  return (await listMailSettings(db, [orgId]))[0];
}

export async function listMailSettings(db: Db, orgIds: readonly string[]): Promise<StoredMailSettings[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.selectFrom('mail_settings').selectAll().where('org_id', 'in', orgIds).execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    host: r.host,
    port: Number(r.port),
    tlsMode: r.tls_mode as TlsMode,
    username: r.username,
    password: r.password,
    fromAddress: r.from_address,
    appUrl: r.app_url,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

export async function saveMailSettings(db: Db, s: StoredMailSettings): Promise<void> {
  const values = {
    host: s.host,
    port: s.port,
    tls_mode: s.tlsMode,
    username: s.username,
    password: s.password,
    from_address: s.fromAddress,
    app_url: s.appUrl,
    updated_by: s.updatedBy,
    updated_at: s.updatedAt,
  };
  await db
    .insertInto('mail_settings')
    .values({ org_id: s.orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
}

/** The organizations whose SMTP password was saved before passwords were sealed (no `v1:` prefix). */
export async function listPlainPasswords(db: Db): Promise<Array<{ orgId: string; password: string }>> {
  const rows = await db
    .selectFrom('mail_settings')
    .select(['org_id', 'password'])
    .where('password', 'is not', null)
    .where('password', '!=', '')
    .where('password', 'not like', 'v1:%')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, password: r.password ?? '' }));
}

/** Replaces a password only if it is still `previous` (a save in between wins); answers whether it did. */
export async function replacePassword(db: Db, orgId: string, previous: string, next: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_settings')
    .set({ password: next })
    .where('org_id', '=', orgId)
    .where('password', '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
