import type pg from 'pg';
import type { Logger } from '../../logging/logging';
import { AsyncLock } from '../async-lock';
import {
  DatabaseEngine,
  type IntegrityReport,
  type RowsPage,
  type TableInfo,
  type Transaction,
  type TransactionOptions,
} from '../engine';
import {
  ConflictError,
  DatabaseError,
  DatabaseUnavailableError,
  SchemaError,
  StaleRecordError,
  TransactionError,
} from '../errors';
import type { StorageValue } from '../fields/field';
import {
  KEY,
  ORIGIN,
  SNAPSHOT,
  currentKey,
  isModelClass,
  type Insertable,
  type Model,
  type ModelClass,
} from '../model';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import { Query } from '../query';
import { hydrateRows, keyFromParams, pushKey } from '../record-codec';
import type { Assignment, QueryPlan, Session } from '../session';
import { countSql, deleteWhereSql, selectSql } from '../sql/compile';
import { recordSql, type RecordSql } from '../sql/ddl';
import { updateWhereSql } from '../sql/update';
import { bodyMarker } from './body-marker';
import { registryCreateSql, type PgRun } from './postgres-catalog';
import { postgresDdl, postgresDialect, schemaNameOf } from './postgres-dialect';
import { registerPgTable } from './postgres-register';
import { checkPgSchema, listPgTables, readPgRows } from './postgres-panel';
import { encodeForInsert, insertBatches, partialUpdate, type PartialCache } from './postgres-records';
import { translatePgError, type PgConn, type PostgresServer } from './postgres-server';
import { PostgresTransaction, type PgTxHost } from './postgres-transaction';
import { runBodyWithTimeout, type Outcome } from './tx-journal';

export interface PostgresEngineOptions {
  /** `console`, `discord-123`, `global`, … */
  id: string;
  server: PostgresServer;
  logger: Logger;
  /** The schema holding this database's tables (default: schemaNameOf(id)). */
  schema?: string;
  /** Default timeout of transactions (30 s); 0 = none. */
  transactionTimeoutMs?: number;
  /** How long close() waits for running work (5 s). */
  closeTimeoutMs?: number;
}

interface TableState {
  schema: ModelSchema;
  sql: RecordSql;
  /** INSERT of every column but the auto one, returning the key the server gave. */
  insertReturning: string | null;
  partial: PartialCache;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function describeKey(schema: ModelSchema, key: unknown): string {
  const values = schema.primaryKey.length === 1 ? [key] : (key as unknown[]);
  return schema.primaryKey.map((c, i) => `${c.name}=${JSON.stringify(values[i])}`).join(', ');
}

/**
 * The PostgreSQL engine, on `pg`: each database (guild, console, global) is a schema of its own
 * on one server shared through a connection pool. Queries arrive as the same structured plans
 * the SQLite engine gets and are written in PostgreSQL's dialect (`$n`, ILIKE, IS DISTINCT
 * FROM, BIGINT/DOUBLE PRECISION/BYTEA, identity keys with RETURNING); record statements are
 * prepared once per connection under stable names.
 *
 * Operations outside transactions run at once, each a statement of its own. A transaction holds
 * a connection and the engine's lock for its whole body: the database's other users (other
 * commands, records loaded outside, the panel) wait for it, exactly as with SQLite, and the
 * database handle used from inside its own body fails fast.
 */
export class PostgresEngine extends DatabaseEngine implements PgTxHost {
  readonly kind = 'postgres';
  readonly dialect;
  readonly schemaName: string;
  readonly lock = new AsyncLock();
  private readonly ddl;
  private readonly server: PostgresServer;
  private readonly logger: Logger;
  private readonly tables = new WeakMap<ModelClass, TableState>();
  private readonly byTable = new Map<string, TableState>();
  private readonly failures = new Map<string, { signature: string; error: Error }>();
  private readonly txTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private readonly bodies = bodyMarker();
  private activeTx: PostgresTransaction | null = null;
  private schemaReady: Promise<void> | null = null;
  private isReady = false;
  private isClosed = false;
  readonly id: string;

  constructor(options: PostgresEngineOptions) {
    super();
    this.id = options.id;
    this.server = options.server;
    this.logger = options.logger;
    this.schemaName = options.schema ?? schemaNameOf(options.id);
    this.dialect = postgresDialect(this.schemaName);
    this.ddl = postgresDdl(this.dialect);
    this.txTimeoutMs = options.transactionTimeoutMs ?? 30_000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 5_000;
  }

  get closed(): boolean {
    return this.isClosed;
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
  private runner(conn: PgConn): PgRun {
    return (sql, params = []) =>
      this.run(conn, sql, params, `${sql.split(' ', 1)[0]} (schema)`).then(
        (r) => r.rows as Record<string, unknown>[],
      );
  }

  // ---- serialising access --------------------------------------------------------------------

  private closedError(): DatabaseUnavailableError {
    return new DatabaseUnavailableError(
      this.id,
      `database "${this.id}" is closed (the bot is shutting down)`,
      {
        reason: 'the bot is shutting down',
      },
    );
  }

  private selfWaitError(): TransactionError | null {
    const tx = this.activeTx;
    if (tx === null || tx.state !== 'open' || !this.bodies.inStack()) return null;
    return new TransactionError(
      `database ${this.id} is in a transaction started by this very code: inside the transaction body, ` +
        'use its handle (t.query, t.new, t.insertMany, records loaded through t), and t.attach(record) for ' +
        'a record loaded before the transaction; the database handle itself is refused until the body ends',
    );
  }

  /** Runs `fn` on the pool at once when no transaction holds the database, else after it. */
  private shared<T>(fn: (conn: PgConn) => Promise<T>): Promise<T> {
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
  private ready(): Promise<void> {
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
          // two processes creating the same schema at once: the loser sees a unique violation
          if (attempt > 0 || !(err instanceof Error && /duplicate key|already exists/i.test(err.message)))
            throw err;
        }
      }
    })().catch((err: unknown) => {
      this.schemaReady = null;
      throw err;
    });
    return this.schemaReady;
  }

  // ---- models ----------------------------------------------------------------------------------

  private lastModel: ModelClass | null = null;
  private lastState: TableState | null = null;

  private tableOf(model: ModelClass): TableState {
    if (model === this.lastModel) return this.lastState!;
    if (!isModelClass(model))
      throw new DatabaseError(`not a model class: ${String(model)} (define models with defineModel)`);
    let state = this.tables.get(model);
    if (state === undefined) {
      const schema = model.schema;
      const key = schema.table.toLowerCase();
      const failure = this.failures.get(key);
      if (failure && failure.signature === schema.signature) throw failure.error;
      const known = this.byTable.get(key);
      if (known === undefined)
        throw new DatabaseError(
          `model ${schema.name} is not registered on database ${this.id}: call this.env.database.registerModel(${schema.name}) (every database) or db.register(${schema.name}) (this one) first`,
        );
      if (known.schema.signature !== schema.signature)
        throw new DatabaseError(
          `model ${schema.name} is not the definition registered on database ${this.id} (it changed): register it again`,
        );
      this.tables.set(model, known);
      state = known;
    }
    this.lastModel = model;
    this.lastState = state;
    return state;
  }

  checkModel(model: ModelClass): void {
    this.tableOf(model);
  }

  isRegistered(model: ModelClass): boolean {
    try {
      this.tableOf(model);
      return true;
    } catch {
      return false;
    }
  }

  registeredTables(): string[] {
    return [...this.byTable.values()].map((s) => s.schema.table).sort();
  }

  register(model: ModelClass): Promise<void> {
    if (this.isClosed) return Promise.reject(this.closedError());
    return this.lock.hold(() => this.registerNow(model));
  }

  async registerOrRecord(model: ModelClass): Promise<Error | null> {
    try {
      await this.register(model);
      return null;
    } catch (err) {
      const error = err as Error;
      this.lastModel = null;
      if (isModelClass(model))
        this.failures.set(model.schema.table.toLowerCase(), { signature: model.schema.signature, error });
      this.logger.error(
        { db: this.id, err: error },
        `model ${model.name} cannot be used on database ${this.id}`,
      );
      return error;
    }
  }

  /** Runs `fn` on a connection of its own inside BEGIN … COMMIT (ROLLBACK when it throws). */
  private async inOwnTransaction<T>(fn: (conn: pg.PoolClient) => Promise<T>): Promise<T> {
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

  private async registerNow(model: ModelClass): Promise<void> {
    this.lastModel = null;
    if (!isModelClass(model))
      throw new DatabaseError(`not a model class: ${String(model)} (define models with defineModel)`);
    if (this.isClosed) throw this.closedError();
    const schema = model.schema;
    const key = schema.table.toLowerCase();
    const known = this.byTable.get(key);
    if (known && known.schema.signature === schema.signature) {
      this.tables.set(model, known);
      return;
    }
    await this.ready();
    const plan = await this.inOwnTransaction(async (conn) => {
      const plan = await registerPgTable(
        {
          run: this.runner(conn),
          dialect: this.dialect,
          ddl: this.ddl,
          schemaName: this.schemaName,
          dbId: this.id,
        },
        schema,
      );
      if (plan.migrated !== null)
        this.logger.info(
          { db: this.id, table: schema.table, ...plan.migrated, to: schema.modelVersion },
          `migrated ${schema.table} from version ${plan.migrated.from} to ${schema.modelVersion}`,
        );
      return plan;
    }).catch((err: unknown) => {
      if (err instanceof SchemaError || err instanceof DatabaseError) throw err;
      throw this.translate(err, `registering ${schema.name}`);
    });
    if (plan.created) this.logger.info({ db: this.id, table: schema.table }, `created table ${schema.table}`);
    if (plan.addedColumns.length)
      this.logger.info(
        { db: this.id, table: schema.table, columns: plan.addedColumns },
        `added columns to ${schema.table}`,
      );
    const sql = recordSql(schema, this.dialect);
    const state: TableState = {
      schema,
      sql,
      insertReturning: schema.auto ? `${sql.insert} RETURNING ${quoteIdent(schema.auto.name)}` : null,
      partial: new Map(),
    };
    this.byTable.set(key, state);
    this.tables.set(model, state);
    this.failures.delete(key);
  }

  // ---- operations on a connection (PgTxHost) --------------------------------------------------

  newRecord<I extends Model>(session: Session, model: ModelClass<I>): Promise<I> {
    try {
      this.tableOf(model);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.createRecord(session, model);
  }

  /** Moves the identity sequence past keys a record or row brought itself. */
  private async syncIdentity(conn: PgConn, schema: ModelSchema): Promise<void> {
    const auto = quoteIdent(schema.auto!.name);
    const table = this.dialect.table(schema.table);
    await this.run(
      conn,
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX(${auto}) FROM ${table}), 1))`,
      [table, schema.auto!.name],
      `advancing the key of ${schema.name}`,
    );
  }

  async saveOn(conn: PgConn, record: Model, tx: PostgresTransaction | null): Promise<void> {
    const state = this.tableOf(record.constructor as ModelClass);
    const schema = state.schema;
    const values = record as unknown as Record<string, unknown>;
    const previousKey = currentKey(record);
    if (previousKey === undefined) {
      const params = encodeForInsert(schema, values, false);
      const auto = schema.auto;
      if (auto !== null && params.length === schema.insertColumns.length) {
        const result = await this.run(conn, state.insertReturning!, params, `saving a new ${schema.name}`, {
          named: true,
          array: true,
        });
        const id = (result.rows[0] as unknown[])[0] as StorageValue;
        values[auto.name] = auto.field.passthrough ? id : auto.field.deserialize(id);
        record[KEY] = id;
        if (tx !== null) record[ORIGIN] = tx;
        return;
      }
      const withAuto = params.length > schema.insertColumns.length;
      await this.run(
        conn,
        withAuto ? state.sql.insertWithAuto! : state.sql.insert,
        params,
        `saving a new ${schema.name}`,
        {
          named: true,
        },
      );
      if (withAuto) await this.syncIdentity(conn, schema);
      record[KEY] = keyFromParams(schema, params);
      if (tx !== null) record[ORIGIN] = { keepFields: tx };
      return;
    }
    const update = partialUpdate(schema, state.partial, this.dialect, record, previousKey);
    if (update === null) return;
    const result = await this.run(conn, update.sql, update.args, `saving ${schema.name}`, { named: true });
    if (result.rowCount === 0) {
      if (update.expected !== null && (await this.rowExists(conn, schema, previousKey)))
        throw new ConflictError(
          `${schema.name} (${describeKey(schema, previousKey)}) on database ${this.id} was saved by someone else since it was loaded (version ${update.expected} expected); load it again and repeat the change`,
        );
      throw this.goneError(schema, previousKey);
    }
    if (tx !== null) {
      if (update.keyChanged) tx.noteKeyChange(record, previousKey);
      tx.noteSnapshot(record, record[SNAPSHOT], update.expected ?? undefined);
    }
    update.apply();
  }

  private goneError(schema: ModelSchema, key: unknown): StaleRecordError {
    return new StaleRecordError(
      `${schema.name} (${describeKey(schema, key)}) is no longer in database ${this.id} (deleted meanwhile?)`,
    );
  }

  private async rowExists(conn: PgConn, schema: ModelSchema, key: unknown): Promise<boolean> {
    const params: StorageValue[] = [];
    pushKey(schema, key, params);
    const where = schema.primaryKey.map((c, i) => `${quoteIdent(c.name)} = $${i + 1}`).join(' AND ');
    const result = await this.run(
      conn,
      `SELECT 1 FROM ${this.dialect.table(schema.table)} WHERE ${where}`,
      params,
      `reading ${schema.name}`,
    );
    return result.rows.length > 0;
  }

  async removeOn(conn: PgConn, record: Model, tx: PostgresTransaction | null): Promise<void> {
    const state = this.tableOf(record.constructor as ModelClass);
    const key = currentKey(record);
    if (key === undefined) throw new StaleRecordError(`${state.schema.name}: the record is not stored`);
    const params: StorageValue[] = [];
    pushKey(state.schema, key, params);
    await this.run(conn, state.sql.delete, params, `deleting ${state.schema.name}`, { named: true });
    if (tx !== null) tx.noteKeyChange(record, key);
    record[KEY] = undefined;
  }

  async selectOn(conn: PgConn, plan: QueryPlan, session: Session): Promise<Model[]> {
    this.tableOf(plan.model);
    const { sql, params } = selectSql(plan, this.dialect);
    const result = await this.run(conn, sql, params, `querying ${plan.schema.name}`, { array: true });
    return hydrateRows(plan.model, plan.schema, result.rows as unknown as StorageValue[][], session);
  }

  async countOn(conn: PgConn, plan: QueryPlan): Promise<number> {
    this.tableOf(plan.model);
    const { sql, params } = countSql(plan, this.dialect);
    const result = await this.run(conn, sql, params, `counting ${plan.schema.name}`, { array: true });
    return Number((result.rows[0] as unknown[])[0]);
  }

  async updateWhereOn(conn: PgConn, plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    this.tableOf(plan.model);
    const { sql, params } = updateWhereSql(plan, assignments, this.dialect);
    return (await this.run(conn, sql, params, `updating records of ${plan.schema.name}`)).rowCount ?? 0;
  }

  async deleteWhereOn(conn: PgConn, plan: QueryPlan): Promise<number> {
    this.tableOf(plan.model);
    const { sql, params } = deleteWhereSql(plan, this.dialect);
    return (await this.run(conn, sql, params, `deleting records of ${plan.schema.name}`)).rowCount ?? 0;
  }

  async insertRowsOn(
    conn: PgConn,
    model: ModelClass,
    rows: Iterable<object>,
    check: () => void,
  ): Promise<number> {
    const { schema } = this.tableOf(model);
    let total = 0;
    let explicitKeys = false;
    for (const batch of insertBatches(schema, this.dialect, rows)) {
      check();
      if (this.isClosed) throw this.closedError();
      explicitKeys ||= batch.withAuto;
      await this.run(
        conn,
        batch.sql,
        batch.params,
        `inserting ${schema.name} rows ${total + 1}–${total + batch.rows}`,
        {
          named: batch.full,
        },
      );
      total += batch.rows;
    }
    if (explicitKeys && schema.auto !== null) await this.syncIdentity(conn, schema);
    return total;
  }

  // ---- the engine as a session ---------------------------------------------------------------

  save(record: Model): Promise<void> {
    return this.shared((conn) => this.saveOn(conn, record, null));
  }

  remove(record: Model): Promise<void> {
    return this.shared((conn) => this.removeOn(conn, record, null));
  }

  select(plan: QueryPlan): Promise<Model[]> {
    return this.shared((conn) => this.selectOn(conn, plan, this));
  }

  count(plan: QueryPlan): Promise<number> {
    return this.shared((conn) => this.countOn(conn, plan));
  }

  deleteWhere(plan: QueryPlan): Promise<number> {
    return this.shared((conn) => this.deleteWhereOn(conn, plan));
  }

  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    return this.shared((conn) => this.updateWhereOn(conn, plan, assignments));
  }

  new<M extends ModelClass>(model: M): Promise<InstanceType<M>> {
    if (this.isClosed) return Promise.reject(this.closedError());
    return this.newRecord(this, model) as Promise<InstanceType<M>>;
  }

  query<M extends ModelClass>(model: M): Query<InstanceType<M>> {
    this.tableOf(model);
    return new Query(this, model as unknown as ModelClass<InstanceType<M>>);
  }

  /** All or none: one transaction on a connection of its own. */
  async insertMany<M extends ModelClass>(
    model: M,
    rows: Iterable<Insertable<InstanceType<M>>>,
  ): Promise<number> {
    if (this.isClosed) throw this.closedError();
    this.tableOf(model);
    if (this.lock.busy) {
      const selfWait = this.selfWaitError();
      if (selfWait !== null) throw selfWait;
    }
    return this.lock.hold(async () => {
      if (this.isClosed) throw this.closedError();
      await this.ready();
      return this.inOwnTransaction((conn) =>
        this.insertRowsOn(conn, model, rows as Iterable<object>, () => undefined),
      );
    });
  }

  async transaction<T>(fn: (t: Transaction) => T | Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.isClosed) throw this.closedError();
    const selfWait = this.selfWaitError();
    if (selfWait !== null) throw selfWait;
    const token = {};
    await this.lock.acquire(token);
    let client: pg.PoolClient | null = null;
    let broken: Error | undefined;
    try {
      if (this.isClosed) throw this.closedError();
      await this.ready();
      try {
        client = await this.server.pool.connect();
      } catch (err) {
        throw this.translate(err, 'connecting');
      }
      await this.execOn(client, 'BEGIN').catch((err: unknown) => {
        throw (broken = err as Error);
      });
      const tx = new PostgresTransaction(this, client, null, 0);
      this.activeTx = tx;
      const outcome = await this.runBody(tx, fn, options.timeoutMs ?? this.txTimeoutMs);
      if (outcome.ok && tx.state === 'open' && tx.failed === null) {
        try {
          await this.execOn(client, 'COMMIT');
        } catch (err) {
          await this.execOn(client, 'ROLLBACK').catch((e: unknown) => (broken = e as Error));
          tx.restoreRecords();
          tx.end('rolledback');
          throw err;
        }
        tx.end('committed');
        return outcome.value;
      }
      const aborted = tx.state === 'aborted' || (!outcome.ok && outcome.timedOut);
      tx.end(aborted ? 'aborted' : 'rolledback');
      await this.execOn(client, 'ROLLBACK').catch((e: unknown) => (broken = e as Error));
      tx.restoreRecords();
      if (outcome.ok)
        throw aborted
          ? new TransactionError(`the transaction on database ${this.id} was aborted`)
          : new TransactionError(
              `the transaction on database ${this.id} was rolled back: a statement in it failed (${tx.failed?.message ?? 'unknown'})`,
            );
      throw outcome.error;
    } finally {
      this.activeTx = null;
      client?.release(broken);
      this.lock.release(token);
    }
  }

  runBody<T>(
    tx: PostgresTransaction,
    fn: (t: Transaction) => T | Promise<T>,
    timeoutMs: number,
  ): Promise<Outcome<T>> {
    return runBodyWithTimeout(this.bodies, tx, fn, timeoutMs, this.id);
  }

  // ---- panel, integrity, closing --------------------------------------------------------------

  inspectTables(): Promise<TableInfo[]> {
    return this.shared((conn) => listPgTables(this.runner(conn), this.schemaName, this.dialect));
  }

  inspectRows(table: string, offset: number, limit: number): Promise<RowsPage> {
    return this.shared((conn) =>
      readPgRows(
        this.runner(conn),
        (sql, params) => this.run(conn, sql, params, `reading ${table}`, { array: true }),
        this.schemaName,
        this.id,
        table,
        offset,
        limit,
      ),
    );
  }

  /**
   * Reads every row of every table of the database (a damaged page fails the read); the server
   * keeps its own data safe otherwise (WAL, checksums when the cluster has them on).
   */
  integrityCheck(maxProblems = 100): Promise<IntegrityReport> {
    return this.shared((conn) => checkPgSchema(conn, this.schemaName, maxProblems));
  }

  /** Waits (bounded) for an open transaction, then refuses further work. The server stays open. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    const token = {};
    let timer: NodeJS.Timeout | undefined;
    const acquired = await Promise.race([
      this.lock.acquire(token).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (this.isClosed) return;
    if (!acquired) {
      this.logger.warn(
        { db: this.id },
        'closing the database with a transaction still open; rolling it back',
      );
      this.activeTx?.end('aborted');
    }
    this.isClosed = true;
    if (acquired) this.lock.release(token);
    this.logger.debug({ db: this.id }, 'database closed');
  }
}
