import type pg from 'pg';
import type {
  IntegrityReport,
  RowsPage,
  RowsView,
  TableInfo,
  Transaction,
  TransactionOptions,
} from '../engine';
import { DatabaseError, SchemaError, StaleRecordError, TransactionError } from '../errors';
import type { StorageValue } from '../fields/field';
import { KEY, ORIGIN, SNAPSHOT, currentKey, type Insertable, type Model, type ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import { hydrateRows, keyFromParams, pushKey } from '../record-codec';
import type { Assignment, QueryPlan, Session } from '../session';
import { countSql, deleteWhereSql, selectSql } from '../sql/compile';
import { recordSql } from '../sql/ddl';
import { updateWhereSql } from '../sql/update';
import { registerPgTable } from './postgres-register';
import { checkPgSchema, listPgTables, readPgRows } from './postgres-panel';
import { encodeForInsert, insertBatches, partialUpdate } from './postgres-records';
import type { PgConn } from './postgres-server';
import { PostgresTransaction, type PgTxHost } from './postgres-transaction';
import { assertModelClass } from './model-tables';
import { PostgresBase, type TableState } from './postgres-base';

export type { PostgresEngineOptions } from './postgres-base';

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
export class PostgresEngine extends PostgresBase implements PgTxHost {
  // ---- models ----------------------------------------------------------------------------------

  register(model: ModelClass): Promise<void> {
    if (this.isClosed) return Promise.reject(this.closedError());
    return this.lock.hold(() => this.registerNow(model));
  }

  async registerOrRecord(model: ModelClass): Promise<Error | null> {
    try {
      await this.register(model);
      return null;
    } catch (err) {
      return this.refuse(model, err as Error);
    }
  }

  private async registerNow(model: ModelClass): Promise<void> {
    assertModelClass(model);
    if (this.isClosed) throw this.closedError();
    if (this.tables.reuse(model)) return;
    const schema = model.schema;
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
    this.logPlan(schema, plan);
    const sql = recordSql(schema, this.dialect);
    const state: TableState = {
      schema,
      sql,
      insertReturning: schema.auto ? `${sql.insert} RETURNING ${quoteIdent(schema.auto.name)}` : null,
      partial: new Map(),
    };
    this.tables.store(model, state);
  }

  // ---- operations on a connection (PgTxHost) --------------------------------------------------

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
    const state = this.tables.get(record.constructor as ModelClass);
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
        throw this.conflictError(schema, previousKey, update.expected);
      throw this.goneError(schema, previousKey);
    }
    if (tx !== null) {
      if (update.keyChanged) tx.noteKeyChange(record, previousKey);
      tx.noteSnapshot(record, record[SNAPSHOT], update.expected ?? undefined);
    }
    update.apply();
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
    const state = this.tables.get(record.constructor as ModelClass);
    const key = currentKey(record);
    if (key === undefined) throw new StaleRecordError(`${state.schema.name}: the record is not stored`);
    const params: StorageValue[] = [];
    pushKey(state.schema, key, params);
    await this.run(conn, state.sql.delete, params, `deleting ${state.schema.name}`, { named: true });
    if (tx !== null) tx.noteKeyChange(record, key);
    record[KEY] = undefined;
  }

  async selectOn(conn: PgConn, plan: QueryPlan, session: Session): Promise<Model[]> {
    this.tables.get(plan.model);
    const { sql, params } = selectSql(plan, this.dialect);
    const result = await this.run(conn, sql, params, `querying ${plan.schema.name}`, { array: true });
    return hydrateRows(plan.model, plan.schema, result.rows as unknown as StorageValue[][], session);
  }

  async countOn(conn: PgConn, plan: QueryPlan): Promise<number> {
    this.tables.get(plan.model);
    const { sql, params } = countSql(plan, this.dialect);
    const result = await this.run(conn, sql, params, `counting ${plan.schema.name}`, { array: true });
    return Number((result.rows[0] as unknown[])[0]);
  }

  async updateWhereOn(conn: PgConn, plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    this.tables.get(plan.model);
    const { sql, params } = updateWhereSql(plan, assignments, this.dialect);
    return (await this.run(conn, sql, params, `updating records of ${plan.schema.name}`)).rowCount ?? 0;
  }

  async deleteWhereOn(conn: PgConn, plan: QueryPlan): Promise<number> {
    this.tables.get(plan.model);
    const { sql, params } = deleteWhereSql(plan, this.dialect);
    return (await this.run(conn, sql, params, `deleting records of ${plan.schema.name}`)).rowCount ?? 0;
  }

  async insertRowsOn(
    conn: PgConn,
    model: ModelClass,
    rows: Iterable<object>,
    check: () => void,
  ): Promise<number> {
    const { schema } = this.tables.get(model);
    let total = 0;
    let explicitKeys = false;
    // one batch on the server while the next is checked and encoded here (the for-of pulls it
    // from the generator before awaiting the one sent); still one statement at a time
    let pending: Promise<unknown> | null = null;
    try {
      for (const batch of insertBatches(schema, this.dialect, rows)) {
        if (pending !== null) await pending;
        check();
        if (this.isClosed) throw this.closedError();
        explicitKeys ||= batch.withAuto;
        pending = this.run(
          conn,
          batch.sql,
          batch.params,
          `inserting ${schema.name} rows ${total + 1}–${total + batch.rows}`,
          { named: batch.full },
        );
        total += batch.rows;
      }
      if (pending !== null) await pending;
    } catch (err) {
      // a bad row found while a batch was on the server: that batch settles before the error
      // goes up (the caller rolls the whole insertMany back)
      if (pending !== null) await pending.catch(() => undefined);
      throw err;
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

  /** All or none: one transaction on a connection of its own. */
  async insertMany<M extends ModelClass>(
    model: M,
    rows: Iterable<Insertable<InstanceType<M>>>,
  ): Promise<number> {
    this.checkInsertMany(model);
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

  // ---- panel, integrity, closing --------------------------------------------------------------

  inspectTables(): Promise<TableInfo[]> {
    return this.shared((conn) => listPgTables(this.runner(conn), this.schemaName, this.dialect));
  }

  inspectRows(table: string, offset: number, limit: number, view: RowsView = {}): Promise<RowsPage> {
    return this.shared((conn) =>
      readPgRows(
        this.runner(conn),
        (sql, params) => this.run(conn, sql, params, `reading ${table}`, { array: true }),
        this.schemaName,
        this.id,
        table,
        offset,
        limit,
        view,
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
}
