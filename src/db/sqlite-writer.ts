import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * SQLite transactions that take the write lock when they begin. A plain BEGIN starts as a reader;
 * when a second process (another app instance, a CLI command) writes in between, the first write
 * of the transaction can no longer be granted and SQLite fails it at once with "database is
 * locked", without waiting for busy_timeout. BEGIN IMMEDIATE waits for the lock up front instead,
 * so writers queue rather than fail. Within one process nothing changes: Kysely runs one
 * transaction at a time on the single connection anyway.
 */
export class WriterSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
