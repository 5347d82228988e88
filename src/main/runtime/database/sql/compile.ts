import { QueryError } from '../errors';
import type { StorageValue } from '../fields/field';
import { FieldFilter, LogicFilter, NotFilter, type Filter } from '../filters';
import type { ColumnDef, ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { QueryPlan, SqlDialect } from '../session';

const OPERATORS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
/** More bound values than this in one IN list is refused (SQLite allows 32 766 per statement). */
const MAX_IN = 10_000;
/** More bound values than this in one query is refused: SQLite allows 32 766 per statement. */
export const MAX_PARAMS = 32_000;
/** And/Or/Not nested deeper than this (after merging And-in-And, Or-in-Or) is refused. */
export const MAX_FILTER_DEPTH = 64;
/** Longer And/Or lists are written as a balanced tree (SQLite allows an expression depth of 1000). */
const FLAT_TERMS = 32;

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

/**
 * One filter as SQL with `?` placeholders; its values are appended to `params`. Field names are
 * looked up in the schema (unknown → QueryError), values are always bound, never spliced.
 */
export function compileFilter(
  schema: ModelSchema,
  filter: Filter,
  dialect: SqlDialect,
  params: StorageValue[],
  depth = 0,
): string {
  if (filter instanceof FieldFilter) {
    const column = columnOf(schema, filter.field);
    const col = quoteIdent(column.name);
    switch (filter.op) {
      case 'isnull':
        return `${col} IS NULL`;
      case 'eq':
      case 'ne': {
        const value = encodeValue(schema, column, filter.value);
        if (value === null) return filter.op === 'eq' ? `${col} IS NULL` : `${col} IS NOT NULL`;
        params.push(value);
        return filter.op === 'eq' ? `${col} = ?` : `${col} ${dialect.nullSafeNotEqual} ?`;
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
        params.push(value);
        return `${col} ${OPERATORS[filter.op]} ?`;
      }
      case 'like': {
        if (typeof filter.value !== 'string')
          throw new QueryError(`Like on ${schema.name}.${column.name}: the pattern must be text`);
        params.push(filter.value);
        return `${col} LIKE ? ESCAPE '\\'`;
      }
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
        const withNull = present.length !== encoded.length;
        const parts: string[] = [];
        if (present.length) {
          params.push(...present);
          parts.push(`${col} IN (${present.map(() => '?').join(', ')})`);
        }
        if (withNull) parts.push(`${col} IS NULL`);
        if (parts.length === 0) return '0';
        return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
      }
      default:
        throw new QueryError(`unknown filter operator ${JSON.stringify(filter.op)}`);
    }
  }
  if (filter instanceof LogicFilter) {
    const terms = flatten(filter);
    if (terms.length === 0) return filter.op === 'and' ? '1' : '0';
    if (depth >= MAX_FILTER_DEPTH)
      throw new QueryError(
        `filters nested more than ${MAX_FILTER_DEPTH} levels deep (And, Or, Not): simplify the filter`,
      );
    const parts = terms.map((f) => compileFilter(schema, f, dialect, params, depth + 1));
    return balanced(parts, filter.op === 'and' ? ' AND ' : ' OR ');
  }
  if (filter instanceof NotFilter) {
    if (depth >= MAX_FILTER_DEPTH)
      throw new QueryError(
        `filters nested more than ${MAX_FILTER_DEPTH} levels deep (And, Or, Not): simplify the filter`,
      );
    return `NOT (${compileFilter(schema, filter.filter, dialect, params, depth + 1)})`;
  }
  throw new QueryError(
    `not a filter: ${describeValue(filter)} (use Eq, Gt, And, … or an object of field values)`,
  );
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

/** `(a AND b AND …)`, as nested halves beyond FLAT_TERMS terms so the expression stays shallow. */
function balanced(parts: readonly string[], joiner: string): string {
  if (parts.length <= FLAT_TERMS) return `(${parts.join(joiner)})`;
  const half = Math.ceil(parts.length / 2);
  return `(${balanced(parts.slice(0, half), joiner)}${joiner}${balanced(parts.slice(half), joiner)})`;
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

/** `filter({ a: 1, b: 'x' })`: equality on each key, checked against the model's fields. */
export function compileShorthand(
  schema: ModelSchema,
  where: Readonly<Record<string, unknown>>,
  dialect: SqlDialect,
  params: StorageValue[],
): string[] {
  const parts: string[] = [];
  for (const key of Object.keys(where))
    parts.push(compileFilter(schema, new FieldFilter('eq', key, where[key]), dialect, params, 0));
  return parts;
}

/** The ORDER BY term of a field. */
export function orderTerm(schema: ModelSchema, field: unknown, direction: unknown): string {
  const column = columnOf(schema, field);
  if (direction !== 'asc' && direction !== 'desc')
    throw new QueryError(`orderBy ${schema.name}.${column.name}: direction must be 'asc' or 'desc'`);
  return `${quoteIdent(column.name)} ${direction === 'asc' ? 'ASC' : 'DESC'}`;
}

/** WHERE, ORDER BY, LIMIT and OFFSET of a plan (their values appended to `params`). */
export function whereTail(plan: QueryPlan, dialect: SqlDialect, params: StorageValue[]): string {
  let sql = plan.where ? ` WHERE ${plan.where}` : '';
  if (plan.orderBy) sql += ` ORDER BY ${plan.orderBy}`;
  if (plan.limit !== null) {
    sql += ' LIMIT ?';
    params.push(plan.limit);
  } else if (plan.offset !== null) sql += ` LIMIT ${dialect.noLimit}`;
  if (plan.offset !== null) {
    sql += ' OFFSET ?';
    params.push(plan.offset);
  }
  return sql;
}

export interface CompiledSql {
  sql: string;
  params: StorageValue[];
}

const columnList = (schema: ModelSchema): string => schema.columns.map((c) => quoteIdent(c.name)).join(', ');

/** SELECT of every column, in schema order. */
export function selectSql(plan: QueryPlan, dialect: SqlDialect): CompiledSql {
  const params = plan.whereParams.slice();
  const sql = `SELECT ${columnList(plan.schema)} FROM ${quoteIdent(plan.schema.table)}${whereTail(plan, dialect, params)}`;
  return { sql, params };
}

export function countSql(plan: QueryPlan, dialect: SqlDialect): CompiledSql {
  const params = plan.whereParams.slice();
  const table = quoteIdent(plan.schema.table);
  if (plan.limit === null && plan.offset === null)
    return { sql: `SELECT COUNT(*) FROM ${table}${whereTail(plan, dialect, params)}`, params };
  return {
    sql: `SELECT COUNT(*) FROM (SELECT 1 FROM ${table}${whereTail(plan, dialect, params)}) AS counted`,
    params,
  };
}

/** DELETE of every match in one statement (a key sub-select when limited or ordered). */
export function deleteWhereSql(plan: QueryPlan, dialect: SqlDialect): CompiledSql {
  const params = plan.whereParams.slice();
  const table = quoteIdent(plan.schema.table);
  if (plan.limit === null && plan.offset === null)
    return { sql: `DELETE FROM ${table}${plan.where ? ` WHERE ${plan.where}` : ''}`, params };
  const keys = plan.schema.primaryKey.map((c) => quoteIdent(c.name));
  const keyExpr = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
  const sub = `SELECT ${keys.join(', ')} FROM ${table}${whereTail(plan, dialect, params)}`;
  return { sql: `DELETE FROM ${table} WHERE ${keyExpr} IN (${sub})`, params };
}
