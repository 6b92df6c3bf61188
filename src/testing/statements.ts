import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';

export type StatementKind = 'read' | 'write';

export type StatementCounter = {
  /** give it to `db.withPlugin`: every statement run through that db (transactions included) is counted */
  plugin: KyselyPlugin;
  /** the statements run since the last call, in order, and starts counting afresh */
  take(): StatementKind[];
};

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Counts the statements a request runs. A result is seen for every statement, including the
 * precompiled lookups that skip query building (db/prepared.ts); those, never built here, are
 * known as writes by the affected-row count a driver reports for writes only.
 */
export function statementCounter(): StatementCounter {
  const kinds = new WeakMap<QueryId, StatementKind>();
  let seen: StatementKind[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      kinds.set(queryId, kindOf(node));
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      seen.push(kinds.get(queryId) ?? (result.numAffectedRows !== undefined ? 'write' : 'read'));
      return result;
    },
  };
  return {
    plugin,
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
  };
}

function kindOf(node: RootOperationNode): StatementKind {
  if (WRITE_NODES.has(node.kind)) return 'write';
  if (node.kind === 'RawNode') return /^\s*(insert|update|delete)\b/i.test(node.sqlFragments[0] ?? '') ? 'write' : 'read';
  return 'read';
}
