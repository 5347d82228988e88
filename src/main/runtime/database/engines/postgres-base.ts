import type pg from 'pg';
import type { Logger } from '../../logging/logging';
import { DatabaseError } from '../errors';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { RecordSql } from '../sql/ddl';
import { registryCreateSql, type PgRun } from './postgres-catalog';
import { postgresDdl, postgresDialect, schemaNameOf } from './postgres-dialect';
import type { PartialCache } from './postgres-records';
import { translatePgError, type PgConn, type PostgresServer } from './postgres-server';
import type { PostgresTransaction } from './postgres-transaction';
import { LockedEngine, round3, type LockedEngineTimeouts } from './locked-engine';

export interface PostgresEngineOptions extends LockedEngineTimeouts {
  /** `console`, `discord-123`, `global`, … */
  id: string;
  server: PostgresServer;
  logger: Logger;
  /** The schema holding this database's tables (default: schemaNameOf(id)). */
  schema?: string;
}

export interface TableState {
  schema: ModelSchema;
  sql: RecordSql;
  /** INSERT of every column but the auto one, returning the key the server gave. */
  insertReturning: string | null;
  partial: PartialCache;
}

/**
 * The PostgreSQL engine's connection layer: statements on the shared pool or a connection of
 * their own, logged and with errors translated; the database's schema created on first use;
 * the queue operations outside a transaction go through.
 */
export abstract class PostgresBase extends LockedEngine<TableState, PostgresTransaction> {
  readonly kind = 'postgres';
  readonly dialect;
  readonly schemaName: string;
  protected readonly ddl;
  protected readonly server: PostgresServer;
  protected schemaReady: Promise<void> | null = null;
  protected isReady = false;

  constructor(options: PostgresEngineOptions) {
    super(options.id, options.logger, options);
    this.server = options.server;
    this.schemaName = options.schema ?? schemaNameOf(options.id);
    this.dialect = postgresDialect(this.schemaName);
    this.ddl = postgresDdl(this.dialect);
  }

  /** PostgreSQL has no damaged-file state the engine tracks (the server reports its own). */
  get damaged(): string | null {
    return null;
  }

  // ---- statements ------------------------------------------------------------------------------

  /**
   * Runs one statement, logged at debug with its duration. `named` statements are prepared
   * once per connection; `array` rows come back as arrays in column order.
   */
  async run(
    conn: PgConn,
    sql: string,
    params: readonly unknown[],
    what: string,
    mode: { named?: boolean; array?: boolean } = {},
  ): Promise<pg.QueryResult> {
    const debug = this.logger.levelVal <= 20;
    const started = debug ? performance.now() : 0;
    const config: pg.QueryConfig = { text: sql, values: params as unknown[] };
    if (mode.named) config.name = this.server.statementName(sql);
    if (mode.array) (config as pg.QueryArrayConfig).rowMode = 'array';
    try {
      const result = await conn.query(config);
      if (debug)
        this.logger.debug(
          { db: this.id, sql, ms: round3(performance.now() - started), changes: result.rowCount },
          'sql',
        );
      return result;
    } catch (err) {
      if (debug)
        this.logger.debug(
          { db: this.id, sql, ms: round3(performance.now() - started), error: (err as Error).message },
          'sql',
        );
      throw this.translate(err, what);
    }
  }

  translate(err: unknown, what: string): Error {
    const code = String((err as { code?: unknown }).code ?? '');
    if (code === '22021' || code === '22P05')
      return new DatabaseError(
        `${what} failed on database ${this.id}: PostgreSQL cannot store this text (${(err as Error).message}; NUL characters are not allowed in text)`,
        { cause: err },
      );
    return translatePgError(err, this.id, what, this.server.where);
  }

  execOn(conn: PgConn, sql: string): Promise<void> {
    return this.run(conn, sql, [], sql.split(' ', 1)[0] ?? 'statement').then(() => undefined);
  }

  /** Schema reads and changes (registration, migrations, the panel), named by their verb in errors. */
  protected runner(conn: PgConn): PgRun {
    return (sql, params = []) =>
      this.run(conn, sql, params, `${sql.split(' ', 1)[0]} (schema)`).then(
        (r) => r.rows as Record<string, unknown>[],
      );
  }

  // ---- serialising access --------------------------------------------------------------------

  /** Runs `fn` on the pool at once when no transaction holds the database, else after it. */
  protected shared<T>(fn: (conn: PgConn) => Promise<T>): Promise<T> {
    if (this.isClosed) return Promise.reject(this.closedError());
    if (!this.lock.busy)
      return this.isReady ? fn(this.server.pool) : this.ready().then(() => fn(this.server.pool));
    const selfWait = this.selfWaitError();
    if (selfWait !== null) return Promise.reject(selfWait);
    return this.lock
      .run(() => {
        if (this.isClosed) throw this.closedError();
        return this.ready().then(() => fn(this.server.pool));
      })
      .then((result) => result);
  }

  /** Creates the database's schema and the ORM's registry table (once per engine). */
  protected ready(): Promise<void> {
    this.schemaReady ??= (async () => {
      const conn = this.server.pool;
      for (let attempt = 0; ; attempt++) {
        try {
          await this.run(
            conn,
            `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schemaName)}`,
            [],
            'creating the schema',
          );
          await this.run(conn, registryCreateSql(this.dialect), [], 'creating the model registry');
          this.isReady = true;
          return;
        } catch (err) {
          // two processes creating the same schema at once: the loser sees a unique violation,
          // once for the schema and once more for the registry table (IF NOT EXISTS does not
          // hold against a concurrent CREATE): each statement is retried at most once
          if (attempt > 1 || !(err instanceof Error && /duplicate key|already exists/i.test(err.message)))
            throw err;
        }
      }
    })().catch((err: unknown) => {
      this.schemaReady = null;
      throw err;
    });
    return this.schemaReady;
  }

  /** Runs `fn` on a connection of its own inside BEGIN … COMMIT (ROLLBACK when it throws). */
  protected async inOwnTransaction<T>(fn: (conn: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.server.pool.connect();
    } catch (err) {
      throw this.translate(err, 'connecting');
    }
    let broken: Error | undefined;
    try {
      // a connection that cannot even begin is not given back to the pool
      await this.execOn(client, 'BEGIN').catch((err: unknown) => {
        throw (broken = err as Error);
      });
      try {
        const value = await fn(client);
        await this.execOn(client, 'COMMIT');
        return value;
      } catch (err) {
        await this.execOn(client, 'ROLLBACK').catch((e: unknown) => (broken = e as Error));
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }
}
