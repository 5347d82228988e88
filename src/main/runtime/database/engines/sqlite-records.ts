import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Sqlite from 'better-sqlite3';
import { DatabaseError, QueryError, StaleRecordError } from '../errors';
import type { StorageValue } from '../fields/field';
import { KEY, ORIGIN, SNAPSHOT, currentKey, type Model, type ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';
import { encodeRecord, hydrateRows, keyFromParams, pushKey } from '../record-codec';
import { NOT_HANDLED } from '../model-codec';
import type { Assignment, QueryPlan, Session } from '../session';
import { countSql, deleteWhereSql, selectSql } from '../sql/compile';
import { partialUpdateSql, sameStored, updateWhereSql } from '../sql/update';
import { quoteIdent } from '../names';
import type { SqliteTransaction } from './sqlite-transaction';
import { SqliteBase } from './sqlite-base';

/** An insertMany slice runs at most this long before yielding to the event loop. */
const SLICE_MS = 8;

/** What one slice of insertMany did. */
export interface InsertSlice {
  inserted: number;
  /** True when the rows ran out (else the slice ended for time). */
  finished: boolean;
}

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
 * The SQLite engine's record and query operations, synchronous (TxHost): each runs at once on
 * the connection, inside the transaction `tx` when one is given.
 */
export abstract class SqliteRecords extends SqliteBase {
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
    const versionCol = state.versionCol;
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
      const arity = changed.length + schema.primaryKey.length + (versionCol >= 0 ? 2 : 0);
      const sql = partialUpdateSql(schema, changed, this.dialect);
      partial = { changed, sql, stmt: null, args: new Array<StorageValue>(arity).fill(null) };
      state.partial.set(key, partial);
    }
    const changed = partial.changed;
    const args = partial.args;
    let n = 0;
    for (let k = 0; k < changed.length; k++) args[n++] = params[changed[k]!]!;
    let expected = 0;
    if (versionCol >= 0) {
      expected = Number(snapshot === null ? values[schema.version!.name] : snapshot[versionCol]);
      args[n++] = expected + 1;
    }
    if (schema.primaryKey.length === 1) args[n++] = previousKey as StorageValue;
    else for (const part of previousKey as StorageValue[]) args[n++] = part;
    if (versionCol >= 0) args[n++] = expected;
    const stmt = (partial.stmt ??= this.prepare(partial.sql));
    const result = this.run(stmt, partial.sql, args, 'saving', schema);
    if (result.changes === 0) {
      if (versionCol >= 0 && this.rowExists(schema, previousKey))
        throw this.conflictError(schema, previousKey, expected);
      throw this.goneError(schema, previousKey);
    }
    let next: StorageValue[];
    if (snapshot === null || tx !== null) {
      // a new array (inside a transaction the old one is journaled for a rollback): the
      // parameters themselves when they are already every column in column order
      next =
        state.paramsAreColumns && params.length === schema.columns.length
          ? params
          : fullSnapshot(schema, params);
    } else {
      // outside a transaction nothing needs the old snapshot: update it in place
      next = snapshot as StorageValue[];
      for (let k = 0; k < changed.length; k++) next[map[changed[k]!]!] = params[changed[k]!]!;
    }
    if (versionCol >= 0) {
      next[versionCol] = expected + 1;
      values[schema.version!.name] = expected + 1;
    }
    this.noteSaved(record, tx, previousKey, newKey, snapshot, next, versionCol >= 0 ? expected : undefined);
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
}
