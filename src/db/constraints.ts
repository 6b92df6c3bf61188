/** What a refused duplicate collided on: the constraint (PostgreSQL only) and its columns. */
export type UniqueViolation = { constraint: string | null; columns: string[] };

/**
 * Recognises a write refused because it would duplicate a unique key, on either driver, and says
 * which columns collided. A check-then-insert can still lose this race to a concurrent writer, so
 * callers map it to a 409 instead of letting it surface as a 500.
 */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  if (e.code === '23505') {
    // pg reports "Key (org_id, email)=(...) already exists."
    const columns = typeof e.detail === 'string' ? (/^Key \(([^)]*)\)=/.exec(e.detail)?.[1] ?? '') : '';
    return { constraint: typeof e.constraint === 'string' ? e.constraint : null, columns: splitColumns(columns) };
  }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // better-sqlite3 reports "UNIQUE constraint failed: users.email, users.org_id"
    const list = typeof e.message === 'string' ? (/constraint failed: (.*)$/.exec(e.message)?.[1] ?? '') : '';
    return { constraint: null, columns: splitColumns(list).map((c) => c.slice(c.lastIndexOf('.') + 1)) };
  }
  return null;
}

/**
 * Recognises a write refused because a row it refers to is gone, or because rows still refer to
 * the one it removes: what a race with a concurrent delete looks like once the checks have passed.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function splitColumns(list: string): string[] {
  return list
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter((c) => c !== '');
}
