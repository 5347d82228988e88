import { QueryError, ValidationError } from './errors';
import type { StorageValue } from './fields/field';
import { FieldFilter, LogicFilter, NotFilter, type Filter } from './filters';
import type { ColumnDef, ModelSchema } from './model-schema';

/**
 * A checked condition of a query, engine-neutral: columns resolved against the model, values
 * validated and in their stored form. Engines turn it into their own SQL (or anything else).
 */
export type Condition =
  /** `column op value`; `ne` is NULL-safe (a NULL column counts as different). */
  | {
      readonly kind: 'cmp';
      readonly op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
      readonly column: ColumnDef;
      readonly value: StorageValue;
    }
  /** `column IS NULL` (or IS NOT NULL when negated). */
  | { readonly kind: 'null'; readonly column: ColumnDef; readonly negated: boolean }
  /** LIKE with `%`, `_`, and a backslash escaping the next character. */
  | { readonly kind: 'like'; readonly column: ColumnDef; readonly pattern: string }
  /** `column IN (values)`, or NULL when `orNull`; no values and no null matches nothing. */
  | {
      readonly kind: 'in';
      readonly column: ColumnDef;
      readonly values: readonly StorageValue[];
      readonly orNull: boolean;
    }
  /** All (and: none is true) or any (or: none is false) of the items. */
  | { readonly kind: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition };

/** One `SET` item of a bulk update: `column = value`, or `column = column + value` when `add`. */
export interface Assignment {
  readonly column: ColumnDef;
  readonly value: StorageValue;
  readonly add: boolean;
}

export interface OrderTerm {
  readonly column: ColumnDef;
  readonly direction: 'asc' | 'desc';
}

/** More values than this in one In is refused. */
export const MAX_IN = 10_000;
/** More bound values than this in one query is refused: SQLite allows 32 766 per statement. */
export const MAX_PARAMS = 32_000;
/** And/Or/Not nested deeper than this (after merging And-in-And, Or-in-Or) is refused. */
export const MAX_FILTER_DEPTH = 64;

function columnOf(schema: ModelSchema, field: unknown): ColumnDef {
  const column = typeof field === 'string' ? schema.byName.get(field) : undefined;
  if (!column)
    throw new QueryError(
      `${schema.name} has no field ${JSON.stringify(field)} (fields: ${[...schema.byName.keys()].join(', ')})`,
    );
  return column;
}

/** A filter value in its stored form, type-checked by the field. */
export function encodeValue(schema: ModelSchema, column: ColumnDef, value: unknown): StorageValue {
  if (value === undefined)
    throw new QueryError(`filter on ${schema.name}.${column.name}: the value is undefined`);
  if (value === null) return null;
  const field = column.field;
  const problem = field.validate(value);
  if (problem) throw new QueryError(`filter on ${schema.name}.${column.name}: ${problem}`);
  return field.passthrough ? (value as StorageValue) : field.serialize(value);
}

/** A value for an error message, never throwing (null-prototype objects, symbols) and never long. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text =
      value !== null && typeof value === 'object'
        ? Object.getPrototypeOf(value) === null
          ? 'an object without prototype'
          : `a ${(value as object).constructor?.name ?? 'object'}`
        : String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The terms of an And (or Or) with nested Ands (Ors) merged in, iteratively, so a chain of
 * thousands of nested Ands is one list instead of a recursion as deep.
 */
function flatten(filter: LogicFilter): Filter[] {
  const out: Filter[] = [];
  const stack: Filter[] = [...filter.filters].reverse();
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (f instanceof LogicFilter && f.op === filter.op) {
      for (let i = f.filters.length - 1; i >= 0; i--) stack.push(f.filters[i]!);
    } else out.push(f);
  }
  return out;
}

function fieldCondition(schema: ModelSchema, filter: FieldFilter): Condition {
  const column = columnOf(schema, filter.field);
  switch (filter.op) {
    case 'isnull':
      return { kind: 'null', column, negated: false };
    case 'eq':
    case 'ne': {
      const value = encodeValue(schema, column, filter.value);
      if (value === null) return { kind: 'null', column, negated: filter.op === 'ne' };
      return { kind: 'cmp', op: filter.op, column, value };
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const value = encodeValue(schema, column, filter.value);
      if (value === null)
        throw new QueryError(
          `filter on ${schema.name}.${column.name}: cannot compare with null (use IsNull)`,
        );
      return { kind: 'cmp', op: filter.op, column, value };
    }
    case 'like':
      if (typeof filter.value !== 'string')
        throw new QueryError(`Like on ${schema.name}.${column.name}: the pattern must be text`);
      return { kind: 'like', column, pattern: filter.value };
    case 'in': {
      const values = filter.value;
      if (!Array.isArray(values))
        throw new QueryError(`In on ${schema.name}.${column.name}: expected an array of values`);
      if (values.length > MAX_IN)
        throw new QueryError(
          `In on ${schema.name}.${column.name}: ${values.length} values, at most ${MAX_IN} in one In (run the query over chunks of the list)`,
        );
      const encoded = values.map((v: unknown) => encodeValue(schema, column, v));
      const present = encoded.filter((v) => v !== null);
      return { kind: 'in', column, values: present, orNull: present.length !== encoded.length };
    }
    default:
      throw new QueryError(`unknown filter operator ${JSON.stringify(filter.op)}`);
  }
}

/**
 * One filter as a checked condition: field names looked up in the schema (unknown → QueryError),
 * values validated and encoded; And-in-And and Or-in-Or merged; nesting beyond
 * MAX_FILTER_DEPTH refused.
 */
export function conditionOf(schema: ModelSchema, filter: Filter, depth = 0): Condition {
  if (filter instanceof FieldFilter) return fieldCondition(schema, filter);
  if (filter instanceof LogicFilter || filter instanceof NotFilter) {
    if (depth >= MAX_FILTER_DEPTH)
      throw new QueryError(
        `filters nested more than ${MAX_FILTER_DEPTH} levels deep (And, Or, Not): simplify the filter`,
      );
    if (filter instanceof NotFilter)
      return { kind: 'not', item: conditionOf(schema, filter.filter, depth + 1) };
    return { kind: filter.op, items: flatten(filter).map((f) => conditionOf(schema, f, depth + 1)) };
  }
  throw new QueryError(
    `not a filter: ${describeValue(filter)} (use Eq, Gt, And, … or an object of field values)`,
  );
}

/** `filter({ a: 1, b: 'x' })`: equality on each key, checked against the model's fields. */
export function shorthandConditions(
  schema: ModelSchema,
  where: Readonly<Record<string, unknown>>,
): Condition[] {
  return Object.keys(where).map((key) => fieldCondition(schema, new FieldFilter('eq', key, where[key])));
}

/** An ORDER BY term, checked. */
export function orderTermOf(schema: ModelSchema, field: unknown, direction: unknown): OrderTerm {
  const column = columnOf(schema, field);
  if (direction !== 'asc' && direction !== 'desc')
    throw new QueryError(`orderBy ${schema.name}.${column.name}: direction must be 'asc' or 'desc'`);
  return { column, direction };
}

/** How many values a condition binds. */
export function valueCount(condition: Condition): number {
  switch (condition.kind) {
    case 'cmp':
    case 'like':
      return 1;
    case 'null':
      return 0;
    case 'in':
      return condition.values.length;
    case 'not':
      return valueCount(condition.item);
    default:
      return condition.items.reduce((n, c) => n + valueCount(c), 0);
  }
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
