import type Sqlite from 'better-sqlite3';
import type { RowsPage, RowsView, TableInfo, Transaction, TransactionOptions } from '../engine';
import { SchemaError, TransactionError } from '../errors';
import type { Insertable, Model, ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';
import { planMigration } from '../schema-migration';
import type { Assignment, QueryPlan } from '../session';
import { recordSql } from '../sql/ddl';
import { introspectTable, type RunStatement } from './sqlite-introspect';
import {
  readRegistered,
  registryStale,
  storedVersion,
  writeRegistered,
  type Registered,
} from './sqlite-model-registry';
import { rebuildTable } from './sqlite-rebuild';
import { connectSqlite, isDamage, type SqliteEngineOptions } from './sqlite-connect';
import { listTables, readRows } from './sqlite-panel';
import { collectSteps } from '../migration';
import { SqliteTransaction, type TxHost } from './sqlite-transaction';
import { round3 } from './locked-engine';
import { SqliteRecords } from './sqlite-records';
import type { TableState } from './sqlite-base';

export type { SqliteEngineOptions } from './sqlite-connect';

/** One settled promise shared by every operation that has nothing to resolve with. */
const DONE: Promise<void> = Promise.resolve();

/**
 * The SQLite engine, on better-sqlite3: WAL journal, foreign keys on, a busy timeout, prepared
 * statements cached per engine, every statement logged at debug with its duration.
 *
 * better-sqlite3 is synchronous, so every single operation is atomic with respect to the event
 * loop and runs at once. What can span awaits is a transaction body: while one is open the
 * engine's AsyncLock is held for it, and every other operation on this database (from other
 * command invocations, from records loaded outside the transaction, register(), the panel)
 * queues behind it in FIFO order. Nothing can slip into an open transaction unnoticed.
 */
export class SqliteEngine extends SqliteRecords implements TxHost {
  private constructor(db: Sqlite.Database, file: string, options: SqliteEngineOptions) {
    super(db, file, options);
  }

  /** Opens (creating when missing) and configures a database; DatabaseUnavailableError when it cannot. */
  static open(options: SqliteEngineOptions): SqliteEngine {
    const db = connectSqlite(options);
    return new SqliteEngine(db, options.file, options);
  }

  // ---- models ---------------------------------------------------------------------------------

  register(model: ModelClass): Promise<void> {
    return this.exclusive(() => this.registerNow(model));
  }

  registerOrRecord(model: ModelClass): Promise<Error | null> {
    return this.exclusive(() => {
      try {
        this.registerNow(model);
        return null;
      } catch (err) {
        return this.refuse(model, err as Error);
      }
    });
  }

  /**
   * Brings a table from version `from` to the model's version: the model's migrate steps, then
   * a rebuild to the model's definition, in one transaction (foreign keys off meanwhile). A
   * failure rolls everything back and is a SchemaError naming the table and versions.
   */
  private migrateNow(schema: ModelSchema, onDisk: string, registered: Registered | null, from: number): void {
    const to = schema.modelVersion;
    const ops = collectSteps(schema, from, to);
    this.checkWritable();
    const started = performance.now();
    this.execNow('PRAGMA foreign_keys = OFF');
    try {
      this.execNow('BEGIN IMMEDIATE');
      let rows: number;
      try {
        rows = rebuildTable(this.db, schema, onDisk, ops);
        writeRegistered(
          (sql) => this.execNow(sql),
          (sql, run) => this.once(sql, run),
          schema,
          registered,
          true,
        );
        this.execNow('COMMIT');
      } catch (err) {
        if (this.db.inTransaction) this.execNow('ROLLBACK');
        if (isDamage(err)) throw this.translate(err, `migrating ${schema.table}`);
        throw new SchemaError(
          schema.name,
          null,
          `cannot migrate table ${schema.table} of database ${this.id} from version ${from} to ${to}: ${(err as Error).message}. Nothing was changed; fix the model's migrate steps`,
        );
      }
      this.statements.clear();
      this.logger.info(
        { db: this.id, table: schema.table, from, to, rows, ms: round3(performance.now() - started) },
        `migrated ${schema.table} from version ${from} to ${to}`,
      );
    } finally {
      this.execNow('PRAGMA foreign_keys = ON');
    }
  }

  private registerNow(model: ModelClass): void {
    if (this.tables.reuse(model)) return;
    const schema = model.schema;
    let plan;
    let registered: Registered | null;
    const once: RunStatement = (sql, run) => this.once(sql, run);
    try {
      let existing = introspectTable(once, schema.table);
      registered = existing === null ? null : readRegistered(once, schema.table);
      const stored = existing === null ? 1 : storedVersion(schema, existing.name, registered, this.id);
      if (existing !== null && stored < schema.modelVersion) {
        this.migrateNow(schema, existing.name, registered, stored);
        existing = introspectTable(once, schema.table);
        registered = readRegistered(once, schema.table);
      }
      plan = planMigration(schema, existing, registered?.kinds ?? null);
    } catch (err) {
      if (err instanceof SchemaError) throw err;
      throw this.translate(err, `reading the schema of ${schema.table}`);
    }
    if (registryStale(schema, registered, plan.statements.length > 0)) {
      this.checkWritable();
      this.execNow('BEGIN IMMEDIATE');
      try {
        for (const sql of plan.statements) this.execNow(sql);
        writeRegistered((sql) => this.execNow(sql), once, schema, registered);
        this.execNow('COMMIT');
      } catch (err) {
        if (this.db.inTransaction) this.execNow('ROLLBACK');
        throw err;
      }
      this.statements.clear();
    }
    this.logPlan(schema, plan);
    if (plan.ignoredColumns.length)
      this.logger.debug(
        { db: this.id, table: schema.table, columns: plan.ignoredColumns },
        `columns of ${schema.table} not in model ${schema.name} are kept and ignored`,
      );
    const state: TableState = {
      schema,
      sql: recordSql(schema, this.dialect),
      insert: null,
      insertWithAuto: null,
      update: null,
      delete: null,
      partial: new Map(),
      paramsAreColumns: schema.paramColumns.every((column, i) => column === i),
      versionCol: schema.version === null ? -1 : schema.columns.indexOf(schema.version),
    };
    this.tables.store(model, state);
  }

  // ---- the engine as a session (records and queries outside transactions) ---------------------

  save(record: Model): Promise<void> {
    if (!this.lock.busy && !this.isClosed) {
      try {
        this.saveNow(record, null);
        return DONE;
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    return this.exclusive(() => void this.saveNow(record, null));
  }

  remove(record: Model): Promise<void> {
    return this.exclusive(() => this.removeNow(record, null));
  }

  select(plan: QueryPlan): Promise<Model[]> {
    return this.exclusive(() => this.selectNow(plan, this));
  }

  count(plan: QueryPlan): Promise<number> {
    return this.exclusive(() => this.countNow(plan));
  }

  deleteWhere(plan: QueryPlan): Promise<number> {
    return this.exclusive(() => this.deleteWhereNow(plan));
  }

  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    return this.exclusive(() => this.updateWhereNow(plan, assignments));
  }

  // ---- DatabaseHandle -----------------------------------------------------------------------

  async insertMany<M extends ModelClass>(
    model: M,
    rows: Iterable<Insertable<InstanceType<M>>>,
  ): Promise<number> {
    this.checkInsertMany(model);
    // all or none in one transaction; the database is held across the slices' yields
    const token = {};
    await this.lock.acquire(token);
    try {
      if (this.isClosed) throw this.closedError();
      this.checkWritable();
      this.execNow('BEGIN IMMEDIATE');
      try {
        const n = await this.insertAllRows(model, rows as Iterable<object>, () => undefined);
        this.execNow('COMMIT');
        return n;
      } catch (err) {
        this.rollbackQuietly();
        throw err;
      }
    } finally {
      this.lock.release(token);
    }
  }

  /**
   * Runs `fn` in a transaction. It waits until the database is free, then holds it until `fn`
   * settles: commit when it returns, rollback when it throws or runs past the timeout. Inside,
   * use the handle `t` it gets; the engine itself (and records loaded outside) wait for the end.
   */
  async transaction<T>(fn: (t: Transaction) => T | Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.isClosed) throw this.closedError();
    const selfWait = this.selfWaitError();
    if (selfWait !== null) throw selfWait;
    const tx = new SqliteTransaction(this, null, 0);
    await this.lock.acquire(tx);
    try {
      if (this.isClosed) throw this.closedError();
      this.checkWritable();
      this.execNow('BEGIN IMMEDIATE');
      this.activeTx = tx;
      const outcome = await this.runBody(tx, fn, options.timeoutMs ?? this.txTimeoutMs);
      if (outcome.ok && tx.state === 'open') {
        try {
          this.execNow('COMMIT');
        } catch (err) {
          this.rollbackQuietly();
          tx.restoreRecords();
          tx.end('rolledback');
          throw err;
        }
        tx.end('committed');
        return outcome.value;
      }
      this.rollbackQuietly();
      tx.restoreRecords();
      const aborted = tx.state === 'aborted' || (!outcome.ok && outcome.timedOut);
      tx.end(aborted ? 'aborted' : 'rolledback');
      if (outcome.ok) throw new TransactionError(`the transaction on database ${this.id} was aborted`);
      throw outcome.error;
    } finally {
      this.activeTx = null;
      this.lock.release(tx);
    }
  }

  // ---- the panel's read-only view -----------------------------------------------------------

  inspectTables(): Promise<TableInfo[]> {
    return this.exclusive(() => {
      try {
        return listTables((sql, run) => this.once(sql, run));
      } catch (err) {
        throw this.translate(err, 'listing tables');
      }
    });
  }

  inspectRows(table: string, offset: number, limit: number, view: RowsView = {}): Promise<RowsPage> {
    return this.exclusive(() => {
      try {
        return readRows((sql, run) => this.once(sql, run), this.id, table, offset, limit, view);
      } catch (err) {
        throw this.translate(err, `reading ${table}`);
      }
    });
  }
}
