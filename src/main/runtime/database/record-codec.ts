import { ValidationError } from './errors';
import type { StorageValue } from './fields/field';
import { KEY, SESSION, SNAPSHOT, withBlankInstances, type Model, type ModelClass } from './model';
import type { ColumnDef, ModelSchema } from './model-schema';
import type { Session } from './session';

type Values = Record<string, unknown>;
type Problems = { field: string; message: string }[];

function check(column: ColumnDef, value: unknown, problems: Problems): StorageValue {
  const field = column.field;
  const message = field.validate(value);
  if (message !== undefined) {
    problems.push({ field: column.name, message });
    return null;
  }
  if (field.maxLength !== null) {
    const length = field.lengthOf(value);
    if (length !== null && length > field.maxLength)
      problems.push({ field: column.name, message: `is longer than ${field.maxLength} (${length})` });
  }
  const validators = field.validators;
  for (let i = 0; i < validators.length; i++) {
    try {
      const result = validators[i]!(value);
      if (typeof result === 'string') problems.push({ field: column.name, message: result });
    } catch (err) {
      problems.push({ field: column.name, message: (err as Error).message });
    }
  }
  return field.passthrough ? (value as StorageValue) : field.serialize(value);
}

/**
 * Validates a record's values and returns the INSERT/UPDATE parameters: every insert column in
 * order, then the auto column's value when `withAuto` (an UPDATE), or when the record set it
 * itself (then the result is one longer than `schema.insertColumns`). `fillDefaults` (rows given
 * as plain objects) uses a field's default for a missing value. Throws ValidationError listing
 * every problem.
 */
export function encodeRecord(
  schema: ModelSchema,
  values: Values,
  withAuto: boolean,
  fillDefaults = false,
): StorageValue[] {
  const columns = schema.insertColumns;
  const params: StorageValue[] = [];
  let problems: Problems | null = null;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    let value = values[column.name];
    if (value === undefined && fillDefaults && column.field.hasDefault) value = column.field.initialValue();
    if (value === null || value === undefined) {
      if (column.field.isNullable) {
        params.push(null);
        continue;
      }
      (problems ??= []).push({
        field: column.name,
        message: value === undefined ? 'is required (no value and no default)' : 'must not be null',
      });
      continue;
    }
    const field = column.field;
    // the common case inline: a built-in field with no limits and no validators
    if (field.passthrough && field.maxLength === null && field.validators.length === 0) {
      const message = field.validate(value);
      if (message === undefined) params.push(value as StorageValue);
      else (problems ??= []).push({ field: column.name, message });
      continue;
    }
    params.push(check(column, value, (problems ??= [])));
  }
  const auto = schema.auto;
  if (auto) {
    const value = values[auto.name];
    if (value !== undefined && value !== null) params.push(check(auto, value, (problems ??= [])));
    else if (withAuto)
      (problems ??= []).push({ field: auto.name, message: 'must not be null (it is the primary key)' });
  }
  if (problems !== null && problems.length > 0) throw new ValidationError(schema.name, problems);
  return params;
}

/** The stored primary key of a record from its INSERT/UPDATE parameters (scalar, or an array when composite). */
export function keyFromParams(schema: ModelSchema, params: readonly StorageValue[]): unknown {
  const pk = schema.primaryKey;
  // no closure or array for the usual single-column key: this runs on every save
  if (pk.length === 1) return params[paramIndex(schema, pk[0]!)];
  return pk.map((c) => params[paramIndex(schema, c)]);
}

/** Where a column's value is in INSERT/UPDATE parameters (insert columns, then the auto column). */
function paramIndex(schema: ModelSchema, column: ColumnDef): number {
  return column === schema.auto ? schema.insertColumns.length : schema.insertColumns.indexOf(column);
}

/** Appends a stored key to statement parameters. */
export function pushKey(schema: ModelSchema, key: unknown, params: StorageValue[]): void {
  if (schema.primaryKey.length === 1) params.push(key as StorageValue);
  else params.push(...(key as StorageValue[]));
}

/** Rows (arrays in schema column order) → bound instances of `model` belonging to `session`. */
export function hydrateRows<I extends Model>(
  model: ModelClass<I>,
  schema: ModelSchema,
  rows: readonly (readonly StorageValue[])[],
  session: Session,
): I[] {
  const out: I[] = new Array<I>(rows.length);
  const create = (): I => new model();
  const finish = (record: object, key: unknown): void => {
    (record as I)[SESSION] = session;
    (record as I)[KEY] = key;
  };
  withBlankInstances(() => schema.codec.hydrate(rows, create, finish, out));
  for (let i = 0; i < out.length; i++) out[i]![SNAPSHOT] = rows[i]!;
  return out;
}
