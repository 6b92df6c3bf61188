import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../domain/access.ts';

// Record-level visibility as SQL fragments, shared by the repositories that need it.

const everything = sql<SqlBool>`1 = 1`;

export function opportunityVisible(
  eb: ExpressionBuilder<Database, 'opportunities'>,
  actor: Pick<Actor, 'visibleOwnerIds'>,
): Expression<SqlBool> {
  return actor.visibleOwnerIds === 'all' ? everything : eb('opportunities.owner_id', 'in', actor.visibleOwnerIds);
}

/** An account is visible when its owner is, or when a visible person has an opportunity on it. */
export function accountVisible(eb: ExpressionBuilder<Database, 'accounts'>, actor: Actor): Expression<SqlBool> {
  if (actor.visibleOwnerIds === 'all') return everything;
  const owners = actor.visibleOwnerIds;
  return eb.or([
    eb('accounts.owner_id', 'in', owners),
    eb.exists(
      eb
        .selectFrom('opportunities as used')
        .select('used.id')
        .whereRef('used.account_id', '=', 'accounts.id')
        .where('used.owner_id', 'in', owners)
        .where('used.deleted_at', 'is', null),
    ),
  ]);
}
