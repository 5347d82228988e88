import type { StorageValue } from '../fields/field';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { Assignment } from '../plan';
import type { QueryPlan, SqlDialect } from '../session';
import { whereSql, whereTail, type CompiledSql } from './compile';

/** Two stored values are the same (blobs by content). */
export function sameStored(a: StorageValue | undefined, b: StorageValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array)
    return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
  // an integer read back as a number and written as a bigint (or the reverse) is the same value
  if ((typeof a === 'bigint' || typeof b === 'bigint') && a !== null && b !== null)
    return typeof a !== 'object' && typeof b !== 'object' && BigInt(a as number) === BigInt(b as number);
  return false;
}

/**
 * `UPDATE t SET <changed columns>[, version = ?] WHERE <key>[ AND version = ?]`: parameters
 * are the changed values, then the new version, then the old key, then the expected version.
 */
export function partialUpdateSql(
  schema: ModelSchema,
  changed: readonly number[],
  dialect: SqlDialect,
): string {
  const table = dialect.table(schema.table);
  const columns = schema.paramColumns;
  let n = 0;
  const sets = changed.map((i) => `${quoteIdent(schema.columns[columns[i]!]!.name)} = ${dialect.param(++n)}`);
  const v = schema.version === null ? null : quoteIdent(schema.version.name);
  if (v !== null) sets.push(`${v} = ${dialect.param(++n)}`);
  let where = schema.primaryKey.map((c) => `${quoteIdent(c.name)} = ${dialect.param(++n)}`).join(' AND ');
  if (v !== null) where += ` AND ${v} = ${dialect.param(++n)}`;
  return `UPDATE ${table} SET ${sets.join(', ')} WHERE ${where}`;
}

/** UPDATE of every match in one statement (a key sub-select when limited or ordered). */
export function updateWhereSql(
  plan: QueryPlan,
  assignments: readonly Assignment[],
  dialect: SqlDialect,
): CompiledSql {
  const schema = plan.schema;
  const params: StorageValue[] = [];
  const sets = assignments.map((a) => {
    const col = quoteIdent(a.column.name);
    params.push(a.value);
    const mark = dialect.param(params.length);
    return a.add ? `${col} = ${col} + ${mark}` : `${col} = ${mark}`;
  });
  if (schema.version !== null) {
    const v = quoteIdent(schema.version.name);
    sets.push(`${v} = ${v} + 1`);
  }
  const table = dialect.table(schema.table);
  const head = `UPDATE ${table} SET ${sets.join(', ')}`;
  if (plan.limit === null && plan.offset === null)
    return { sql: `${head}${whereSql(plan, dialect, params)}`, params };
  const keys = schema.primaryKey.map((c) => quoteIdent(c.name));
  const keyExpr = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
  const sub = `SELECT ${keys.join(', ')} FROM ${table}${whereTail(plan, dialect, params)}`;
  return { sql: `${head} WHERE ${keyExpr} IN (${sub})`, params };
}
