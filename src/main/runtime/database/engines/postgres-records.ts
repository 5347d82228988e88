import { QueryError } from '../errors';
import type { StorageValue } from '../fields/field';
import { KEY, SNAPSHOT, type Model } from '../model';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import { encodeRecord, keyFromParams, pushKey } from '../record-codec';
import type { SqlDialect } from '../session';
import { partialUpdateSql, sameStored } from '../sql/update';

/** UPDATE statements by the parameters they set (indices joined with commas). */
export type PartialCache = Map<string, string>;

/** INSERT parameters of a record (one longer than insertColumns when it set its auto key itself). */
export function encodeForInsert(
  schema: ModelSchema,
  values: Record<string, unknown>,
  fillDefaults: boolean,
): StorageValue[] {
  return schema.codec.encode(values, false) ?? encodeRecord(schema, values, false, fillDefaults);
}

/** The stored values in column order from full UPDATE parameters (insert columns, then auto). */
function fullSnapshot(schema: ModelSchema, params: readonly StorageValue[]): StorageValue[] {
  const out = new Array<StorageValue>(schema.columns.length).fill(null);
  const map = schema.paramColumns;
  for (let i = 0; i < map.length; i++) out[map[i]!] = params[i] ?? null;
  return out;
}

/** Two stored keys (scalars, or arrays when composite) are the same. */
function sameKey(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

export interface PlannedUpdate {
  sql: string;
  args: StorageValue[];
  /** The version the row must still have (versionField), else null. */
  expected: number | null;
  keyChanged: boolean;
  /** After the UPDATE changed the row: the record's new key, snapshot and version. */
  apply(): void;
}

/**
 * The UPDATE of a loaded record's changed fields only (every field when nothing is known of its
 * row), with the version check when the model has a versionField; null when nothing changed.
 */
export function partialUpdate(
  schema: ModelSchema,
  cache: PartialCache,
  dialect: SqlDialect,
  record: Model,
  previousKey: unknown,
): PlannedUpdate | null {
  const values = record as unknown as Record<string, unknown>;
  const params = schema.codec.encode(values, true) ?? encodeRecord(schema, values, true);
  const newKey = keyFromParams(schema, params);
  const snapshot = record[SNAPSHOT];
  const map = schema.paramColumns;
  const versionCol = schema.version === null ? -1 : schema.columns.indexOf(schema.version);
  const changed: number[] = [];
  for (let i = 0; i < params.length; i++) {
    const col = map[i]!;
    if (col === versionCol) continue;
    if (snapshot !== null && sameStored(params[i], snapshot[col])) continue;
    changed.push(i);
  }
  if (changed.length === 0) return null;
  const cacheKey = changed.join(',');
  let sql = cache.get(cacheKey);
  if (sql === undefined) {
    sql = partialUpdateSql(schema, changed, dialect);
    cache.set(cacheKey, sql);
  }
  const args = changed.map((i) => params[i]!);
  let expected: number | null = null;
  if (versionCol >= 0) {
    expected = Number(snapshot === null ? values[schema.version!.name] : snapshot[versionCol]);
    args.push(expected + 1);
  }
  pushKey(schema, previousKey, args);
  if (expected !== null) args.push(expected);
  const keyChanged = !sameKey(previousKey, newKey);
  return {
    sql,
    args,
    expected,
    keyChanged,
    apply() {
      const next = snapshot === null ? fullSnapshot(schema, params) : snapshot.slice();
      for (const i of changed) next[map[i]!] = params[i]!;
      if (expected !== null) {
        next[versionCol] = expected + 1;
        values[schema.version!.name] = expected + 1;
      }
      record[KEY] = newKey;
      record[SNAPSHOT] = next;
    },
  };
}

/** One multi-row INSERT of an insertMany. */
export interface InsertBatch {
  sql: string;
  params: StorageValue[];
  rows: number;
  /** The rows set the auto key themselves (the identity sequence must be moved past them). */
  withAuto: boolean;
  /** A batch of the full size (its statement is worth preparing: it recurs). */
  full: boolean;
}

/** At most this many parameters in one statement (PostgreSQL allows 65 535). */
const MAX_BATCH_PARAMS = 30_000;
const MAX_BATCH_ROWS = 1000;

/**
 * Plain rows (missing fields get their defaults) as multi-row INSERTs: consecutive rows with
 * the same columns share a statement. Rows are checked one by one; a bad one throws naming it.
 */
export function* insertBatches(
  schema: ModelSchema,
  dialect: SqlDialect,
  rows: Iterable<object>,
): Generator<InsertBatch> {
  const plainCols = schema.insertColumns.map((c) => quoteIdent(c.name));
  const autoCols = schema.auto ? [...plainCols, quoteIdent(schema.auto.name)] : plainCols;
  const table = dialect.table(schema.table);
  const perRow = Math.max(1, autoCols.length);
  const limit = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_BATCH_PARAMS / perRow)));
  const build = (withAuto: boolean, count: number, params: StorageValue[]): InsertBatch => {
    const cols = withAuto ? autoCols : plainCols;
    let sql: string;
    if (cols.length === 0) sql = `INSERT INTO ${table} SELECT FROM generate_series(1, ${count})`;
    else {
      let n = 0;
      const tuples = Array.from(
        { length: count },
        () => `(${cols.map(() => dialect.param(++n)).join(', ')})`,
      );
      sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`;
    }
    return { sql, params, rows: count, withAuto, full: count === limit };
  };
  let params: StorageValue[] = [];
  let count = 0;
  let withAuto = false;
  let rowNo = 0;
  for (const row of rows) {
    rowNo++;
    if (row === null || typeof row !== 'object')
      throw new QueryError(`insertMany(${schema.name}): every row must be an object (row ${rowNo})`);
    const unknown = schema.codec.unknownField(row);
    if (unknown !== undefined)
      throw new QueryError(
        `insertMany(${schema.name}): ${schema.name} has no field "${unknown}" (row ${rowNo})`,
      );
    const encoded = encodeForInsert(schema, row as Record<string, unknown>, true);
    const rowWithAuto = encoded.length > schema.insertColumns.length;
    if (count > 0 && (rowWithAuto !== withAuto || count === limit)) {
      yield build(withAuto, count, params);
      params = [];
      count = 0;
    }
    withAuto = rowWithAuto;
    for (const v of encoded) params.push(v);
    count++;
  }
  if (count > 0) yield build(withAuto, count, params);
}
