import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Sqlite from 'better-sqlite3';
import {
  type IntegrityReport,
  type RowsPage,
  type TableInfo,
  type Transaction,
  type TransactionOptions,
} from '../engine';
import {
  ConstraintError,
  DatabaseError,
  DatabaseUnavailableError,
  QueryError,
  SchemaError,
  StaleRecordError,
  TransactionError,
} from '../errors';
import type { StorageValue } from '../fields/field';
import { KEY, ORIGIN, SNAPSHOT, currentKey, type Insertable, type Model, type ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';
import { encodeRecord, hydrateRows, keyFromParams, pushKey } from '../record-codec';
import { NOT_HANDLED } from '../model-codec';
import { planMigration } from '../schema-migration';
import type { Assignment, QueryPlan, Session } from '../session';
import { countSql, deleteWhereSql, selectSql } from '../sql/compile';
import { recordSql, type RecordSql } from '../sql/ddl';
import { partialUpdateSql, sameStored, updateWhereSql } from '../sql/update';
import { quoteIdent } from '../names';
import { introspectTable, type RunStatement } from './sqlite-introspect';
import { fieldKinds, readRegistered, writeRegistered, type Registered } from './sqlite-model-registry';
import { rebuildTable } from './sqlite-rebuild';
import { connectSqlite, isDamage, type SqliteEngineOptions } from './sqlite-connect';
import { listTables, readRows } from './sqlite-panel';
import { collectSteps } from '../migration';
import { SqliteTransaction, type TxHost } from './sqlite-transaction';
import { LockedEngine, round3 } from './locked-engine';
import { SQLITE_DIALECT } from './sqlite-dialect';

type Statement = Sqlite.Statement<unknown[], unknown>;

export type { SqliteEngineOptions } from './sqlite-connect';

/** What the engine keeps per registered model. */
interface TableState {
  schema: ModelSchema;
  sql: RecordSql;
  insert: Statement | null;
  insertWithAuto: Statement | null;
  update: Statement | null;
  delete: Statement | null;
  /** UPDATEs of some columns, by which parameters they set (a bit mask, or the list as text). */
  partial: Map<number | string, PartialUpdate>;
}

interface PartialUpdate {
  changed: number[];
  sql: string;
  stmt: Statement | null;
}

/** An insertMany slice runs at most this long before yielding to the event loop. */
const SLICE_MS = 8;

/** What one slice of insertMany did. */
export interface InsertSlice {
  inserted: number;
  /** True when the rows ran out (else the slice ended for time). */
  finished: boolean;
}

/** One settled promise shared by every operation that has nothing to resolve with. */
const DONE: Promise<void> = Promise.resolve();

/** The stored values in column order from full UPDATE parameters (insert columns, then auto). */
function fullSnapshot(schema: ModelSchema, params: readonly StorageValue[]): StorageValue[] {
  const out = new Array<StorageValue>(schema.columns.length).fill(null);
  const map = schema.paramColumns;
  for (let i = 0; i < map.length; i++) out[map[i]!] = params[i] ?? null;
  return out;
}

function sameKey(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

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
export class SqliteEngine extends LockedEngine<TableState, SqliteTransaction> implements TxHost {
  readonly kind = 'sqlite';
  readonly dialect = SQLITE_DIALECT;
  private readonly statements = new Map<string, Statement>();
  private readonly cacheSize: number;
  /** Set once SQLite reported the file damaged: from then on writes are refused. */
  private damage: string | null = null;

  /** The open connection; null while suspended (the next operation reopens it). */
  private connection: Sqlite.Database | null;

  private constructor(
    db: Sqlite.Database,
    readonly file: string,
    private readonly options: SqliteEngineOptions,
  ) {
    super(options.id, options.logger, options);
    this.connection = db;
    this.cacheSize = options.statementCacheSize ?? 256;
  }

  /** Opens (creating when missing) and configures a database; DatabaseUnavailableError when it cannot. */
  static open(options: SqliteEngineOptions): SqliteEngine {
    const db = connectSqlite(options);
    return new SqliteEngine(db, options.file, options);
  }

  /** The connection, reopened first when the engine was suspended. */
  private get db(): Sqlite.Database {
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

  private get debugSql(): boolean {
    return this.logger.levelVal <= 20;
  }

  private logSql(sql: string, started: number, extra?: Record<string, unknown>): void {
    this.logger.debug({ db: this.id, sql, ms: round3(performance.now() - started), ...extra }, 'sql');
  }

  /** A prepared statement from the per-engine cache (oldest dropped beyond the cache size). */
  private prepare(sql: string): Statement {
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

  private translate(err: unknown, what: string): Error {
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
  private run(
    stmt: Statement,
    sql: string,
    params: readonly StorageValue[],
    verb: string,
    schema: ModelSchema,
  ): Sqlite.RunResult {
    const debug = this.debugSql;
    const started = debug ? performance.now() : 0;
    try {
      const result = stmt.run(...params);
      if (debug) this.logSql(sql, started, { changes: result.changes });
      return result;
    } catch (err) {
      if (debug) this.logSql(sql, started, { error: (err as Error).message });
      throw this.translate(err, `${verb} ${schema.name}`);
    }
  }

  private allRaw(sql: string, params: readonly StorageValue[], what: string): StorageValue[][] {
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

  private scalar(sql: string, params: readonly StorageValue[], what: string): unknown {
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
  private once<T>(sql: string, run: (stmt: Statement) => T): T {
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
  private markDamaged(detail: string): void {
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
  private checkWritable(): void {
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
  private exclusive<T>(fn: () => T): Promise<T> {
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
      const stored = registered?.version ?? 1;
      if (existing !== null && stored > schema.modelVersion)
        throw new SchemaError(
          schema.name,
          null,
          `cannot register model ${schema.name}: table ${existing.name} of database ${this.id} is at version ${stored}, newer than the model's version ${schema.modelVersion} (is this older code?)`,
        );
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
    const recorded = fieldKinds(schema);
    if (
      plan.statements.length ||
      registered === null ||
      registered.version !== schema.modelVersion ||
      Object.keys(recorded).some((c) => registered.kinds[c] !== recorded[c])
    ) {
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
    };
    this.tables.store(model, state);
  }

  // ---- synchronous operations (TxHost) --------------------------------------------------------

  saveNow(record: Model, tx: SqliteTransaction | null): Model {
    this.checkWritable();
    const state = this.tables.get(record.constructor as ModelClass);
    const schema = state.schema;
    const previousKey = currentKey(record);
    if (previousKey === undefined) {
      const values = record as unknown as Record<string, unknown>;
      const auto = schema.auto;
      if (auto !== null) {
        // the common case: valid values, the database assigns the key
        const stmt = (state.insert ??= this.prepare(state.sql.insert));
        const debug = this.debugSql;
        const started = debug ? performance.now() : 0;
        let result: unknown;
        try {
          result = schema.codec.insertAuto(values, stmt);
        } catch (err) {
          if (debug) this.logSql(state.sql.insert, started, { error: (err as Error).message });
          throw this.translate(err, `saving a new ${schema.name}`);
        }
        if (result !== NOT_HANDLED) {
          const rowid = Number((result as Sqlite.RunResult).lastInsertRowid);
          if (debug)
            this.logSql(state.sql.insert, started, { changes: (result as Sqlite.RunResult).changes });
          values[auto.name] = auto.field.passthrough ? rowid : auto.field.deserialize(rowid);
          record[KEY] = rowid;
          if (tx !== null) record[ORIGIN] = tx;
          return record;
        }
      }
      const params = schema.codec.encode(values, false) ?? encodeRecord(schema, values, false);
      const withAuto = params.length > schema.insertColumns.length;
      const sql = withAuto ? state.sql.insertWithAuto! : state.sql.insert;
      const stmt = withAuto
        ? (state.insertWithAuto ??= this.prepare(sql))
        : (state.insert ??= this.prepare(sql));
      const result = this.run(stmt, sql, params, 'saving a new', schema);
      if (auto !== null && !withAuto) {
        const rowid = Number(result.lastInsertRowid);
        values[auto.name] = auto.field.passthrough ? rowid : auto.field.deserialize(rowid);
        record[KEY] = rowid;
        if (tx !== null) record[ORIGIN] = tx;
      } else {
        record[KEY] = keyFromParams(schema, params);
        if (tx !== null) record[ORIGIN] = { keepFields: tx };
      }
      return record;
    }
    const values = record as unknown as Record<string, unknown>;
    const params = schema.codec.encode(values, true) ?? encodeRecord(schema, values, true);
    const newKey = keyFromParams(schema, params);
    const snapshot = record[SNAPSHOT];
    if (snapshot === null && schema.version === null) {
      // nothing known about the stored row: write every field
      pushKey(schema, previousKey, params);
      const stmt = (state.update ??= this.prepare(state.sql.update));
      const result = this.run(stmt, state.sql.update, params, 'saving', schema);
      if (result.changes === 0) throw this.goneError(schema, previousKey);
      params.length -= schema.primaryKey.length;
      this.noteSaved(record, tx, previousKey, newKey, snapshot, fullSnapshot(schema, params));
      return record;
    }
    // which parameters differ from the row as loaded: a bit mask while they fit in one
    const map = schema.paramColumns;
    const versionCol = schema.version === null ? -1 : schema.columns.indexOf(schema.version);
    const wide = params.length > 30;
    let mask = 0;
    let count = 0;
    const list: number[] | null = wide ? [] : null;
    for (let i = 0; i < params.length; i++) {
      const col = map[i]!;
      if (col === versionCol) continue;
      if (snapshot !== null && sameStored(params[i], snapshot[col])) continue;
      if (list !== null) list.push(i);
      else mask |= 1 << i;
      count++;
    }
    if (count === 0) return record;
    const key = list !== null ? list.join(',') : mask;
    let partial = state.partial.get(key);
    if (partial === undefined) {
      const changed = list ?? map.map((_, i) => i).filter((i) => (mask & (1 << i)) !== 0);
      partial = { changed, sql: partialUpdateSql(schema, changed, this.dialect), stmt: null };
      state.partial.set(key, partial);
    }
    const changed = partial.changed;
    const args: StorageValue[] = [];
    for (let k = 0; k < changed.length; k++) args.push(params[changed[k]!]!);
    let expected = 0;
    if (versionCol >= 0) {
      expected = Number(snapshot === null ? values[schema.version!.name] : snapshot[versionCol]);
      args.push(expected + 1);
    }
    pushKey(schema, previousKey, args);
    if (versionCol >= 0) args.push(expected);
    const stmt = (partial.stmt ??= this.prepare(partial.sql));
    const result = this.run(stmt, partial.sql, args, 'saving', schema);
    if (result.changes === 0) {
      if (versionCol >= 0 && this.rowExists(schema, previousKey))
        throw this.conflictError(schema, previousKey, expected);
      throw this.goneError(schema, previousKey);
    }
    let next: StorageValue[];
    if (snapshot === null) next = fullSnapshot(schema, params);
    else {
      // outside a transaction nothing needs the old snapshot: update it in place
      next = tx === null ? (snapshot as StorageValue[]) : snapshot.slice();
      for (let k = 0; k < changed.length; k++) next[map[changed[k]!]!] = params[changed[k]!]!;
    }
    if (versionCol >= 0) {
      next[versionCol] = expected + 1;
      values[schema.version!.name] = expected + 1;
    }
    this.noteSaved(record, tx, previousKey, newKey, snapshot, next, expected);
    return record;
  }

  private rowExists(schema: ModelSchema, key: unknown): boolean {
    const where = schema.primaryKey.map((c) => `${quoteIdent(c.name)} = ?`).join(' AND ');
    const params: StorageValue[] = [];
    pushKey(schema, key, params);
    return (
      this.scalar(
        `SELECT 1 FROM ${quoteIdent(schema.table)} WHERE ${where}`,
        params,
        `reading ${schema.name}`,
      ) !== undefined
    );
  }

  /** After an UPDATE: the new key and snapshot, journaled in a transaction so a rollback restores them. */
  private noteSaved(
    record: Model,
    tx: SqliteTransaction | null,
    previousKey: unknown,
    newKey: unknown,
    previousSnapshot: readonly StorageValue[] | null,
    snapshot: StorageValue[],
    previousVersion?: number,
  ): void {
    if (tx !== null) {
      if (!sameKey(previousKey, newKey)) tx.noteKeyChange(record, previousKey);
      tx.noteSnapshot(record, previousSnapshot, previousVersion);
    }
    record[KEY] = newKey;
    record[SNAPSHOT] = snapshot;
  }

  removeNow(record: Model, tx: SqliteTransaction | null): void {
    this.checkWritable();
    const state = this.tables.get(record.constructor as ModelClass);
    const key = currentKey(record);
    if (key === undefined) throw new StaleRecordError(`${state.schema.name}: the record is not stored`);
    const params: StorageValue[] = [];
    pushKey(state.schema, key, params);
    const stmt = (state.delete ??= this.prepare(state.sql.delete));
    this.run(stmt, state.sql.delete, params, 'deleting', state.schema);
    if (tx !== null) tx.noteKeyChange(record, key);
    record[KEY] = undefined;
  }

  selectNow(plan: QueryPlan, session: Session): Model[] {
    this.tables.get(plan.model);
    const { sql, params } = selectSql(plan, this.dialect);
    const rows = this.allRaw(sql, params, `querying ${plan.schema.name}`);
    return hydrateRows(plan.model, plan.schema, rows, session);
  }

  countNow(plan: QueryPlan): number {
    this.tables.get(plan.model);
    const { sql, params } = countSql(plan, this.dialect);
    return Number(this.scalar(sql, params, `counting ${plan.schema.name}`));
  }

  updateWhereNow(plan: QueryPlan, assignments: readonly Assignment[]): number {
    this.checkWritable();
    this.tables.get(plan.model);
    const { sql, params } = updateWhereSql(plan, assignments, this.dialect);
    return this.run(this.prepare(sql), sql, params, 'updating records of', plan.schema).changes;
  }

  deleteWhereNow(plan: QueryPlan): number {
    this.checkWritable();
    this.tables.get(plan.model);
    const { sql, params } = deleteWhereSql(plan, this.dialect);
    return this.run(this.prepare(sql), sql, params, 'deleting records of', plan.schema).changes;
  }

  insertRowsNow(model: ModelClass, rows: Iterator<object>, before: number): InsertSlice {
    this.checkWritable();
    const state = this.tables.get(model);
    const schema = state.schema;
    const debug = this.debugSql;
    const started = performance.now();
    let plain = 0;
    let withAuto = 0;
    let finished = false;
    for (;;) {
      // a slice ends after SLICE_MS (checked every 512 rows): the caller yields to the event loop
      if (((plain + withAuto) & 511) === 511 && performance.now() - started > SLICE_MS) break;
      const next = rows.next();
      if (next.done === true) {
        finished = true;
        break;
      }
      const row = next.value;
      if (row === null || typeof row !== 'object')
        throw new QueryError(`insertMany(${schema.name}): every row must be an object`);
      const unknown = schema.codec.unknownField(row);
      if (unknown !== undefined)
        throw new QueryError(`insertMany(${schema.name}): ${schema.name} has no field "${unknown}"`);
      const values = row as Record<string, unknown>;
      try {
        if (schema.auto !== null) {
          const insert = (state.insert ??= this.prepare(state.sql.insert));
          if (schema.codec.insertAuto(values, insert) !== NOT_HANDLED) {
            plain++;
            continue;
          }
        }
        const params = schema.codec.encode(values, false) ?? encodeRecord(schema, values, false, true);
        if (params.length > schema.insertColumns.length) {
          (state.insertWithAuto ??= this.prepare(state.sql.insertWithAuto!)).run(...params);
          withAuto++;
        } else {
          (state.insert ??= this.prepare(state.sql.insert)).run(...params);
          plain++;
        }
      } catch (err) {
        if (err instanceof DatabaseError) throw err;
        throw this.translate(err, `inserting ${schema.name} row ${before + plain + withAuto + 1}`);
      }
    }
    if (debug) {
      if (plain) this.logSql(state.sql.insert, started, { executions: plain });
      if (withAuto) this.logSql(state.sql.insertWithAuto!, started, { executions: withAuto });
    }
    return { inserted: plain + withAuto, finished };
  }

  /**
   * Inserts every row in slices of at most SLICE_MS, yielding to the event loop between them so
   * a large batch does not freeze the bot; the caller holds the database (lock or transaction).
   */
  async insertAllRows(model: ModelClass, rows: Iterable<object>, check: () => void): Promise<number> {
    const iterator = rows[Symbol.iterator]();
    let total = 0;
    for (;;) {
      const slice = this.insertRowsNow(model, iterator, total);
      total += slice.inserted;
      if (slice.finished) return total;
      await yieldToEventLoop();
      if (this.isClosed) throw this.closedError();
      check();
    }
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

  private rollbackQuietly(): void {
    if (this.isClosed || this.connection === null || !this.connection.inTransaction) return;
    try {
      this.execNow('ROLLBACK');
    } catch (err) {
      this.logger.error({ db: this.id, err }, 'rollback failed');
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

  inspectRows(table: string, offset: number, limit: number): Promise<RowsPage> {
    return this.exclusive(() => {
      try {
        return readRows((sql, run) => this.once(sql, run), this.id, table, offset, limit);
      } catch (err) {
        throw this.translate(err, `reading ${table}`);
      }
    });
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
