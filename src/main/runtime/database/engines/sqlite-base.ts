import type Sqlite from 'better-sqlite3';
import type { IntegrityReport } from '../engine';
import { ConstraintError, DatabaseError, DatabaseUnavailableError } from '../errors';
import type { StorageValue } from '../fields/field';
import type { ModelSchema } from '../model-schema';
import type { RecordSql } from '../sql/ddl';
import { connectSqlite, isDamage, type SqliteEngineOptions } from './sqlite-connect';
import type { SqliteTransaction } from './sqlite-transaction';
import { LockedEngine, round3 } from './locked-engine';
import { SQLITE_DIALECT } from './sqlite-dialect';

export type Statement = Sqlite.Statement<unknown[], unknown>;

/** What the engine keeps per registered model. */
export interface TableState {
  schema: ModelSchema;
  sql: RecordSql;
  insert: Statement | null;
  insertWithAuto: Statement | null;
  update: Statement | null;
  delete: Statement | null;
  /** UPDATEs of some columns, by which parameters they set (a bit mask, or the list as text). */
  partial: Map<number | string, PartialUpdate>;
  /** UPDATE parameters (insert columns, then the auto column) are the columns in schema order. */
  paramsAreColumns: boolean;
  /** The version field's column index, -1 without one. */
  versionCol: number;
}

export interface PartialUpdate {
  changed: number[];
  sql: string;
  stmt: Statement | null;
  /**
   * The statement's parameters, refilled by every save that uses it: the statement runs
   * synchronously and copies them, so one array serves every call (no garbage per save).
   */
  args: StorageValue[];
}

/**
 * The SQLite engine's connection layer: the better-sqlite3 connection (closed while suspended,
 * reopened on use), the prepared-statement cache, statement logging, error translation, the
 * damaged-file state, and the queue every operation outside a transaction goes through.
 */
export abstract class SqliteBase extends LockedEngine<TableState, SqliteTransaction> {
  readonly kind = 'sqlite';
  readonly dialect = SQLITE_DIALECT;
  protected readonly statements = new Map<string, Statement>();
  protected readonly cacheSize: number;
  /** Set once SQLite reported the file damaged: from then on writes are refused. */
  private damage: string | null = null;

  /** The open connection; null while suspended (the next operation reopens it). */
  protected connection: Sqlite.Database | null;

  protected constructor(
    db: Sqlite.Database,
    readonly file: string,
    protected readonly options: SqliteEngineOptions,
  ) {
    super(options.id, options.logger, options);
    this.connection = db;
    this.cacheSize = options.statementCacheSize ?? 256;
  }

  /** The connection, reopened first when the engine was suspended. */
  protected get db(): Sqlite.Database {
    if (this.connection !== null) return this.connection;
    if (this.isClosed) throw this.closedError();
    this.connection = connectSqlite(this.options);
    this.options.onReopen?.();
    return this.connection;
  }

  get suspended(): boolean {
    return this.connection === null && !this.isClosed;
  }

  /**
   * Frees the file handles of an idle database: checkpoints the WAL into the file and closes
   * the connection; the next operation reopens it (registered models stay registered, records
   * stay bound). Refused (false) while anything holds or waits for the database — a transaction,
   * queued work — and for an in-memory database, whose data would be lost.
   */
  override suspend(): boolean {
    const conn = this.connection;
    if (conn === null || this.isClosed || this.file === ':memory:') return false;
    if (this.lock.busy || this.activeTx !== null || conn.inTransaction) return false;
    try {
      conn.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      this.logger.warn({ db: this.id, err }, 'checkpoint before closing an idle database failed');
    }
    this.statements.clear();
    for (const state of this.tables.states()) {
      state.insert = null;
      state.insertWithAuto = null;
      state.update = null;
      state.delete = null;
      state.partial.clear();
    }
    try {
      conn.close();
    } catch (err) {
      this.logger.error({ db: this.id, err }, 'closing an idle database failed');
    }
    this.connection = null;
    this.logger.debug({ db: this.id }, 'idle database suspended');
    return true;
  }

  // ---- statements, logging, errors ----------------------------------------------------------

  protected get debugSql(): boolean {
    return this.logger.levelVal <= 20;
  }

  protected logSql(sql: string, started: number, extra?: Record<string, unknown>): void {
    this.logger.debug({ db: this.id, sql, ms: round3(performance.now() - started), ...extra }, 'sql');
  }

  /** A prepared statement from the per-engine cache (oldest dropped beyond the cache size). */
  protected prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt !== undefined) return stmt;
    try {
      stmt = this.db.prepare(sql);
    } catch (err) {
      throw this.translate(err, `preparing "${sql.length > 200 ? `${sql.slice(0, 200)}…` : sql}"`);
    }
    if (this.statements.size >= this.cacheSize) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  protected translate(err: unknown, what: string): Error {
    if (err instanceof DatabaseError) return err;
    const code = String((err as { code?: unknown }).code ?? '');
    const message = (err as Error).message ?? String(err);
    if (code.startsWith('SQLITE_CONSTRAINT'))
      return new ConstraintError(`${what} on database ${this.id}: ${message}`, { cause: err });
    if (isDamage(err)) {
      this.markDamaged(message);
      return new DatabaseUnavailableError(
        this.id,
        `database "${this.id}" (${this.file}) is damaged: ${message}. Move the file away to start afresh.`,
        { cause: err, reason: 'its file is damaged' },
      );
    }
    return new DatabaseError(`${what} failed on database ${this.id}: ${message}`, { cause: err });
  }

  /** Runs a statement; `verb` + `schema.name` name it in errors (no string is built unless one occurs). */
  protected run(
    stmt: Statement,
    sql: string,
    params: readonly StorageValue[],
    verb: string,
    schema: ModelSchema,
  ): Sqlite.RunResult {
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    try {
      // an array binds like the values one by one, without spreading them into arguments
      const result = stmt.run(params);
      if (debug) this.logSql(sql, started, { changes: result.changes });
      return result;
    } catch (err) {
      if (debug) this.logSql(sql, started, { error: (err as Error).message });
      throw this.translate(err, `${verb} ${schema.name}`);
    }
  }

  protected allRaw(sql: string, params: readonly StorageValue[], what: string): StorageValue[][] {
    const stmt = this.prepare(sql);
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    try {
      const rows = stmt.raw(true).all(...params) as StorageValue[][];
      if (debug) this.logSql(sql, started, { rows: rows.length });
      return rows;
    } catch (err) {
      if (debug) this.logSql(sql, started, { error: (err as Error).message });
      throw this.translate(err, what);
    }
  }

  protected scalar(sql: string, params: readonly StorageValue[], what: string): unknown {
    const stmt = this.prepare(sql);
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    try {
      const value = stmt.pluck(true).get(...params);
      if (debug) this.logSql(sql, started);
      return value;
    } catch (err) {
      if (debug) this.logSql(sql, started, { error: (err as Error).message });
      throw this.translate(err, what);
    }
  }

  /** Prepares a statement without caching it and runs it, logged (schema reads, the panel's reads). */
  protected once<T>(sql: string, run: (stmt: Statement) => T): T {
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    const result = run(this.db.prepare(sql));
    if (debug) this.logSql(sql, started);
    return result;
  }

  /** Runs a statement without parameters (BEGIN, COMMIT, SAVEPOINT, DDL). */
  execNow(sql: string): void {
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    try {
      this.db.exec(sql);
      if (debug) this.logSql(sql, started);
    } catch (err) {
      if (debug) this.logSql(sql, started, { error: (err as Error).message });
      throw this.translate(err, sql.split(' ', 1)[0] ?? 'statement');
    }
  }

  // ---- damage -------------------------------------------------------------------------------

  /** Remembers that the file is damaged (logged once): writes are refused from now on. */
  protected markDamaged(detail: string): void {
    if (this.damage !== null) return;
    this.damage = detail;
    this.logger.error(
      { db: this.id, file: this.file, detail },
      `database "${this.id}" is damaged; it accepts no more writes until the file is repaired or moved away`,
    );
  }

  /** What SQLite reported when the file was found damaged, or null. */
  get damaged(): string | null {
    return this.damage;
  }

  /** Throws when the file is known to be damaged: a write could make the damage worse. */
  protected checkWritable(): void {
    if (this.damage !== null)
      throw new DatabaseUnavailableError(
        this.id,
        `database "${this.id}" (${this.file}) is damaged (${this.damage}); writes are refused until it is repaired (sqlite3 .recover) or moved away`,
        { reason: 'its file is damaged' },
      );
  }

  /**
   * Runs SQLite's integrity_check (at most `maxProblems` problems reported). A damaged result
   * also stops writes, like damage found by any statement.
   */
  integrityCheck(maxProblems = 100): Promise<IntegrityReport> {
    return this.exclusive(() => {
      const started = performance.now();
      let problems: string[];
      try {
        const limit = Math.max(1, Math.min(10_000, Math.floor(maxProblems)));
        problems = this.once(`PRAGMA integrity_check(${limit})`, (stmt) => stmt.pluck().all() as string[]);
      } catch (err) {
        const error = this.translate(err, 'checking integrity');
        if (!(error instanceof DatabaseUnavailableError)) throw error;
        problems = [(err as Error).message];
      }
      const ok = problems.length === 1 && problems[0] === 'ok';
      if (!ok) this.markDamaged(problems[0] ?? 'integrity_check failed');
      return { ok, problems: ok ? [] : problems, ms: round3(performance.now() - started) };
    });
  }

  // ---- serialising access ---------------------------------------------------------------------

  /** Runs a synchronous operation now when the database is free, else after whoever holds it. */
  protected exclusive<T>(fn: () => T): Promise<T> {
    if (this.isClosed) return Promise.reject(this.closedError());
    if (this.lock.busy) {
      const selfWait = this.selfWaitError();
      if (selfWait !== null) return Promise.reject(selfWait);
    }
    return this.lock.run(() => {
      if (this.isClosed) throw this.closedError();
      return fn();
    });
  }

  protected rollbackQuietly(): void {
    if (this.isClosed || this.connection === null || !this.connection.inTransaction) return;
    try {
      this.execNow('ROLLBACK');
    } catch (err) {
      this.logger.error({ db: this.id, err }, 'rollback failed');
    }
  }

  // ---- closing --------------------------------------------------------------------------------

  protected override abandonTransaction(): void {
    this.rollbackQuietly();
  }

  protected override releaseResources(): void {
    this.statements.clear();
    try {
      this.connection?.close();
      this.connection = null;
    } catch (err) {
      this.logger.error({ db: this.id, err }, 'closing the database failed');
    }
  }
}
