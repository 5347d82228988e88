declare const KEYS: unique symbol;

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'like' | 'in' | 'isnull';

/**
 * A condition on a query. `K` (type level only) is the field names it mentions, so a query on a
 * model only accepts filters on that model's fields.
 */
export abstract class Filter<K extends string = string> {
  declare readonly [KEYS]?: K;
}

/** `field <op> value`: Eq, Ne, Gt, Ge, Lt, Le, Like, In, IsNull. */
export class FieldFilter<K extends string = string> extends Filter<K> {
  constructor(
    readonly op: ComparisonOp,
    readonly field: K,
    readonly value: unknown,
  ) {
    super();
  }
}

/** And / Or of several filters. */
export class LogicFilter<K extends string = string> extends Filter<K> {
  constructor(
    readonly op: 'and' | 'or',
    readonly filters: readonly Filter<K>[],
  ) {
    super();
  }
}

export class NotFilter<K extends string = string> extends Filter<K> {
  constructor(readonly filter: Filter<K>) {
    super();
  }
}

/** `field = value` (`Eq(field, null)` is IS NULL). The same as `filter({ field: value })`. */
export const Eq = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('eq', field, value);
/** The seed's name for Eq. */
export const Equals = Eq;
/** `field ≠ value`, NULL-safe: rows where the field is NULL count as different from a value. */
export const Ne = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('ne', field, value);
export const Gt = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('gt', field, value);
export const Ge = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('ge', field, value);
export const Lt = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('lt', field, value);
export const Le = <K extends string>(field: K, value: unknown): Filter<K> =>
  new FieldFilter('le', field, value);
/**
 * SQL LIKE: `%` any run, `_` one character, a backslash makes the next character literal (ASCII
 * case-insensitive in SQLite). Put user text in a pattern with `escapeLike(text)`.
 */
export const Like = <K extends string>(field: K, pattern: string): Filter<K> =>
  new FieldFilter('like', field, pattern);
/** `field IN (values…)`; an empty list matches nothing. */
export const In = <K extends string>(field: K, values: readonly unknown[]): Filter<K> =>
  new FieldFilter('in', field, values);
export const IsNull = <K extends string>(field: K): Filter<K> => new FieldFilter('isnull', field, null);
/** All of the filters (no filters: everything). */
export const And = <K extends string>(...filters: Filter<K>[]): Filter<K> => new LogicFilter('and', filters);
/** Any of the filters (no filters: nothing). */
export const Or = <K extends string>(...filters: Filter<K>[]): Filter<K> => new LogicFilter('or', filters);
export const Not = <K extends string>(filter: Filter<K>): Filter<K> => new NotFilter(filter);

/** `text` as a Like pattern that matches it literally (`%`, `_` and backslash escaped). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
