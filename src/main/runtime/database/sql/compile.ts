import type { StorageValue } from '../fields/field';
import type { ModelSchema } from '../model-schema';
import { quoteIdent } from '../names';
import type { Condition } from '../plan';
import type { QueryPlan, SqlDialect } from '../session';

const OPERATORS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
/** Longer And/Or lists are written as a balanced tree (SQLite allows an expression depth of 1000). */
const FLAT_TERMS = 32;

/** `(a AND b AND …)`, as nested halves beyond FLAT_TERMS terms so the expression stays shallow. */
function balanced(parts: readonly string[], joiner: string): string {
  if (parts.length <= FLAT_TERMS) return `(${parts.join(joiner)})`;
  const half = Math.ceil(parts.length / 2);
  return `(${balanced(parts.slice(0, half), joiner)}${joiner}${balanced(parts.slice(half), joiner)})`;
}

/** One condition as SQL with the dialect's placeholders; its values are appended to `params`. */
export function conditionSql(c: Condition, dialect: SqlDialect, params: StorageValue[]): string {
  switch (c.kind) {
    case 'cmp': {
      const col = quoteIdent(c.column.name);
      params.push(c.value);
      const mark = dialect.param(params.length);
      return c.op === 'ne'
        ? `${col} ${dialect.nullSafeNotEqual} ${mark}`
        : `${col} ${OPERATORS[c.op]} ${mark}`;
    }
    case 'null':
      return `${quoteIdent(c.column.name)} IS ${c.negated ? 'NOT ' : ''}NULL`;
    case 'like':
      // a pattern ending in a lone escape matches nothing (SQLite's rule; PostgreSQL would error)
      if (/(^|[^\\])(\\\\)*\\$/.test(c.pattern)) return dialect.falseSql;
      params.push(c.pattern);
      return `${quoteIdent(c.column.name)} ${dialect.like} ${dialect.param(params.length)} ESCAPE '\\'`;
    case 'in': {
      const col = quoteIdent(c.column.name);
      const parts: string[] = [];
      if (c.values.length) {
        const marks = c.values.map((v) => {
          params.push(v);
          return dialect.param(params.length);
        });
        parts.push(`${col} IN (${marks.join(', ')})`);
      }
      if (c.orNull) parts.push(`${col} IS NULL`);
      if (parts.length === 0) return dialect.falseSql;
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'not':
      return `NOT (${conditionSql(c.item, dialect, params)})`;
    default: {
      if (c.items.length === 0) return c.kind === 'and' ? dialect.trueSql : dialect.falseSql;
      const parts = c.items.map((item) => conditionSql(item, dialect, params));
      return balanced(parts, c.kind === 'and' ? ' AND ' : ' OR ');
    }
  }
}

/** The WHERE clause of a plan (with the keyword; '' when it has no condition). */
export function whereSql(plan: QueryPlan, dialect: SqlDialect, params: StorageValue[]): string {
  if (plan.where.length === 0) return '';
  return ` WHERE ${plan.where.map((c) => conditionSql(c, dialect, params)).join(' AND ')}`;
}

function orderSql(plan: QueryPlan): string {
  if (plan.orderBy.length === 0) return '';
  return ` ORDER BY ${plan.orderBy.map((t) => `${quoteIdent(t.column.name)} ${t.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ')}`;
}

/** WHERE, ORDER BY, LIMIT and OFFSET of a plan (their values appended to `params`). */
export function whereTail(plan: QueryPlan, dialect: SqlDialect, params: StorageValue[]): string {
  let sql = whereSql(plan, dialect, params);
  sql += orderSql(plan);
  if (plan.limit !== null) {
    params.push(plan.limit);
    sql += ` LIMIT ${dialect.param(params.length)}`;
  } else if (plan.offset !== null) sql += ` LIMIT ${dialect.noLimit}`;
  if (plan.offset !== null) {
    params.push(plan.offset);
    sql += ` OFFSET ${dialect.param(params.length)}`;
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
  const params: StorageValue[] = [];
  const sql = `SELECT ${columnList(plan.schema)} FROM ${dialect.table(plan.schema.table)}${whereTail(plan, dialect, params)}`;
  return { sql, params };
}

export function countSql(plan: QueryPlan, dialect: SqlDialect): CompiledSql {
  const params: StorageValue[] = [];
  const table = dialect.table(plan.schema.table);
  if (plan.limit === null && plan.offset === null)
    return { sql: `SELECT COUNT(*) FROM ${table}${whereTail(plan, dialect, params)}`, params };
  return {
    sql: `SELECT COUNT(*) FROM (SELECT 1 FROM ${table}${whereTail(plan, dialect, params)}) AS counted`,
    params,
  };
}

/** DELETE of every match in one statement (a key sub-select when limited or ordered). */
export function deleteWhereSql(plan: QueryPlan, dialect: SqlDialect): CompiledSql {
  const params: StorageValue[] = [];
  const table = dialect.table(plan.schema.table);
  if (plan.limit === null && plan.offset === null)
    return { sql: `DELETE FROM ${table}${whereSql(plan, dialect, params)}`, params };
  const keys = plan.schema.primaryKey.map((c) => quoteIdent(c.name));
  const keyExpr = keys.length === 1 ? keys[0]! : `(${keys.join(', ')})`;
  const sub = `SELECT ${keys.join(', ')} FROM ${table}${whereTail(plan, dialect, params)}`;
  return { sql: `DELETE FROM ${table} WHERE ${keyExpr} IN (${sub})`, params };
}
