import { QueryError, ValidationError } from '../errors';
import type { StorageValue } from '../fields/field';
import type { ColumnDef, ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { Assignment, QueryPlan, SqlDialect } from '../session';
import { whereTail, type CompiledSql } from './compile';

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
export function partialUpdateSql(schema: ModelSchema, changed: readonly number[]): string {
  const columns = schema.paramColumns;
  const sets = changed.map((i) => `${quoteIdent(schema.columns[columns[i]!]!.name)} = ?`);
  let where = schema.primaryKey.map((c) => `${quoteIdent(c.name)} = ?`).join(' AND ');
  if (schema.version !== null) {
    const v = quoteIdent(schema.version.name);
    sets.push(`${v} = ?`);
    where += ` AND ${v} = ?`;
  }
  return `UPDATE ${quoteIdent(schema.table)} SET ${sets.join(', ')} WHERE ${where}`;
}

/** Checks the values of `query.update({...})` against the model, stored form out. */
export function assignmentsOf(schema: ModelSchema, values: unknown): Assignment[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw new QueryError(`update(${schema.name}) takes an object of field values`);
  const out: Assignment[] = [];
  const problems: { field: string; message: string }[] = [];
  for (const name of Object.keys(values)) {
    const column = assignable(schema, name, 'update');
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const f = column.field;
    if (value === null) {
      if (f.isNullable) out.push({ column, value: null, add: false });
      else problems.push({ field: name, message: 'must not be null' });
      continue;
    }
    const message = f.validate(value);
    if (message !== undefined) {
      problems.push({ field: name, message });
      continue;
    }
    if (f.maxLength !== null) {
      const length = f.lengthOf(value);
      if (length !== null && length > f.maxLength)
        problems.push({ field: name, message: `is longer than ${f.maxLength} (${length})` });
    }
    for (const validator of f.validators) {
      try {
        const result = validator(value);
        if (typeof result === 'string') problems.push({ field: name, message: result });
      } catch (err) {
        problems.push({ field: name, message: (err as Error).message });
      }
    }
    out.push({ column, value: f.passthrough ? (value as StorageValue) : f.serialize(value), add: false });
  }
  if (problems.length) throw new ValidationError(schema.name, problems);
  if (out.length === 0) throw new QueryError(`update(${schema.name}): no field values given`);
  return out;
}

/** The assignment of `query.increment(field, by)`: numeric fields only, a finite amount. */
export function incrementOf(schema: ModelSchema, field: unknown, by: unknown): Assignment {
  const column = assignable(schema, field, 'increment');
  const f = column.field;
  if ((f.storage !== 'INTEGER' && f.storage !== 'REAL') || f.validate(0) !== undefined)
    throw new QueryError(
      `increment(${schema.name}.${column.name}): only integer and float fields can be incremented`,
    );
  if (
    typeof by !== 'number' ||
    !Number.isFinite(by) ||
    (f.storage === 'INTEGER' && !Number.isSafeInteger(by))
  )
    throw new QueryError(
      `increment(${schema.name}.${column.name}): the amount must be a finite ${f.storage === 'INTEGER' ? 'safe integer' : 'number'}, got ${String(by)}`,
    );
  return { column, value: by, add: true };
}

function assignable(schema: ModelSchema, field: unknown, what: string): ColumnDef {
  const column = typeof field === 'string' ? schema.byName.get(field) : undefined;
  if (!column)
    throw new QueryError(
      `${what}(${schema.name}): no field ${JSON.stringify(field)} (fields: ${[...schema.byName.keys()].join(', ')})`,
    );
  if (column.field.isPrimaryKey)
    throw new QueryError(
      `${what}(${schema.name}): ${column.name} is (part of) the primary key and cannot be changed in bulk`,
    );
  if (column === schema.version)
    throw new QueryError(
      `${what}(${schema.name}): ${column.name} is the version field; the ORM maintains it`,
    );
  return column;
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
    return a.add ? `${col} = ${col} + ?` : `${col} = ?`;
  });
  if (schema.version !== null) {
    const v = quoteIdent(schema.version.name);
    sets.push(`${v} = ${v} + 1`);
  }
  const table = quoteIdent(schema.table);
  const head = `UPDATE ${table} SET ${sets.join(', ')}`;
  if (plan.limit === null && plan.offset === null) {
    params.push(...plan.whereParams);
    return { sql: `${head}${plan.where ? ` WHERE ${plan.where}` : ''}`, params };
  }
  const keys = schema.primaryKey.map((c) => quoteIdent(c.name));
  const keyExpr = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
  params.push(...plan.whereParams);
  const sub = `SELECT ${keys.join(', ')} FROM ${table}${whereTail(plan, dialect, params)}`;
  return { sql: `${head} WHERE ${keyExpr} IN (${sub})`, params };
}
