import { QueryError } from './errors';
import type { StorageValue } from './fields/field';
import { Filter } from './filters';
import type { FieldName, FieldsOf, Model, ModelClass } from './model';
import type { ModelSchema } from './model-schema';
import type { QueryPlan, Session } from './session';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  MAX_PARAMS,
  assignmentsOf,
  conditionOf,
  incrementOf,
  describeValue,
  encodeValue,
  orderTermOf,
  shorthandConditions,
  valueCount,
  type Condition,
  type OrderTerm,
} from './plan';

/** Rows per page when a query is streamed with `for await`. */
export const STREAM_PAGE = 1000;

/** `filter({ field: value })`: equality on each given field. */
export type Where<I> = { [K in FieldName<I>]?: FieldsOf<I>[K] };

/** `{…}` or `Object.create(null)` with fields: what the shorthand `filter({ field: value })` takes. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkCount(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new QueryError(`${what} must be a non-negative integer, got ${String(n)}`);
  return n;
}

/**
 * A lazy query over one model. Build it with `filter`, `orderBy`, `limit`, `offset` (each returns
 * the query); it runs on first use: `all()`, `first()`, `count()`, `delete()`, or iteration.
 *
 * ```ts
 * for await (const car of db.query(Car).filter({ serial_number: 1234 })) …
 * const fast = await db.query(Car).filter(Gt('horsepower', 300)).orderBy('horsepower', 'desc').all();
 * ```
 *
 * Synchronous `for…of` works once the query has run (`await q.load()` or `await q.all()`): an
 * engine on a network database cannot run a query synchronously, so neither does this one.
 */
export class Query<I extends Model> implements AsyncIterable<I>, Iterable<I> {
  private readonly schema: ModelSchema;
  private readonly where: Condition[] = [];
  private values = 0;
  private readonly order: OrderTerm[] = [];
  private limitValue: number | null = null;
  private offsetValue: number | null = null;
  private results: I[] | null = null;

  constructor(
    private readonly session: Session,
    readonly model: ModelClass<I>,
  ) {
    this.schema = model.schema;
  }

  /**
   * Restricts the query: an object of field values (equality; `null` is IS NULL) and/or filter
   * objects (Eq, Ne, Gt, Ge, Lt, Le, In, Like, IsNull, And, Or, Not). Checked at once: an unknown
   * field or a value of the wrong type throws here.
   */
  filter(where: Where<I> | Filter<FieldName<I>>, ...more: Filter<FieldName<I>>[]): this {
    const parts: Condition[] = [];
    for (const item of [where, ...more]) {
      if (item instanceof Filter) parts.push(conditionOf(this.schema, item));
      else if (item !== null && typeof item === 'object' && isPlainObject(item))
        parts.push(...shorthandConditions(this.schema, item as Record<string, unknown>));
      else
        throw new QueryError(
          `filter() takes an object of field values or filter objects, got ${describeValue(item)}`,
        );
    }
    const values = this.values + parts.reduce((n, c) => n + valueCount(c), 0);
    if (values > MAX_PARAMS)
      throw new QueryError(
        `this ${this.schema.name} query would bind ${values} values; at most ${MAX_PARAMS} fit in one query (split it, e.g. run In() over chunks of the list)`,
      );
    this.where.push(...parts);
    this.values = values;
    this.results = null;
    return this;
  }

  /** Sorts by a field; call again for further sort keys. */
  orderBy(field: FieldName<I>, direction: 'asc' | 'desc' = 'asc'): this {
    this.order.push(orderTermOf(this.schema, field, direction));
    this.results = null;
    return this;
  }

  limit(n: number): this {
    this.limitValue = checkCount('limit', n);
    this.results = null;
    return this;
  }

  offset(n: number): this {
    this.offsetValue = checkCount('offset', n);
    this.results = null;
    return this;
  }

  /** The compiled query (for engines). */
  plan(): QueryPlan {
    return {
      model: this.model,
      schema: this.schema,
      where: this.where.slice(),
      orderBy: this.order.slice(),
      limit: this.limitValue,
      offset: this.offsetValue,
    };
  }

  /** Runs the query (once; later calls give the same records until the query is changed). */
  async all(): Promise<I[]> {
    if (this.results === null) this.results = (await this.session.select(this.plan())) as I[];
    return this.results;
  }

  /** Runs the query and resolves with the query itself, ready for synchronous `for…of`. */
  async load(): Promise<this> {
    await this.all();
    return this;
  }

  /** True once the query ran (and was not changed since). */
  get loaded(): boolean {
    return this.results !== null;
  }

  /** The first match, or null (runs with LIMIT 1 unless already loaded). */
  async first(): Promise<I | null> {
    if (this.results !== null) return this.results[0] ?? null;
    const plan = { ...this.plan(), limit: 1 };
    const rows = (await this.session.select(plan)) as I[];
    return rows[0] ?? null;
  }

  /** How many records match (COUNT(*) unless already loaded). */
  async count(): Promise<number> {
    if (this.results !== null) return this.results.length;
    return this.session.count(this.plan());
  }

  /**
   * Deletes every match in one statement, without loading the records; an engine that cannot do
   * that makes it load them and delete them one by one. Resolves with the number deleted.
   */
  async delete(): Promise<number> {
    const plan = this.plan();
    this.results = null;
    const bulk = this.session.deleteWhere(plan);
    if (bulk !== null) return bulk;
    const records = (await this.session.select(plan)) as I[];
    for (const record of records) await record.delete();
    return records.length;
  }

  /**
   * Sets fields on every match in one statement, without loading the records (an atomic change:
   * nothing can slip between a read and the write). Values are validated like a save; key and
   * version fields cannot be set. Resolves with the number of rows changed.
   */
  update(values: Partial<FieldsOf<I>>): Promise<number> {
    try {
      const assignments = assignmentsOf(this.schema, values);
      this.results = null;
      return this.session.updateWhere(this.plan(), assignments);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /**
   * Adds `by` (negative to subtract) to a numeric field of every match in one statement:
   * `query(Account).filter({ name }).increment('balance', -30)`. Field validators do not run on
   * the result. Resolves with the number of rows changed.
   */
  increment(field: FieldName<I>, by: number): Promise<number> {
    try {
      const assignment = incrementOf(this.schema, field, by);
      this.results = null;
      return this.session.updateWhere(this.plan(), [assignment]);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /**
   * `for await (const r of query)`: streams the matches in pages of STREAM_PAGE rows, yielding
   * to the event loop between pages, so a large result never freezes the bot (use `all()` to
   * have everything at once). Each page is a query of its own: without an orderBy the pages go
   * by primary key (a row is never seen twice); with one, by offset (rows written meanwhile by
   * others can shift a page). An already loaded query iterates its loaded records.
   */
  async *[Symbol.asyncIterator](): AsyncIterator<I> {
    if (this.results !== null) {
      yield* this.results;
      return;
    }
    yield* this.pages();
  }

  private async *pages(): AsyncGenerator<I> {
    const base = this.plan();
    const pk =
      this.schema.primaryKey.length === 1 && base.orderBy.length === 0 ? this.schema.primaryKey[0]! : null;
    let remaining = base.limit ?? Number.POSITIVE_INFINITY;
    let offset = base.offset ?? 0;
    let after: StorageValue | undefined;
    while (remaining > 0) {
      const size = Math.min(STREAM_PAGE, remaining);
      let plan: QueryPlan;
      if (pk === null) plan = { ...base, limit: size, offset };
      else
        plan = {
          ...base,
          where:
            after === undefined
              ? base.where
              : [...base.where, { kind: 'cmp', op: 'gt', column: pk, value: after }],
          orderBy: [{ column: pk, direction: 'asc' }],
          limit: size,
          offset: after === undefined ? base.offset : null,
        };
      const rows = (await this.session.select(plan)) as I[];
      for (const row of rows) yield row;
      if (rows.length < size) return;
      remaining -= rows.length;
      offset += rows.length;
      if (pk !== null) {
        const last = (rows[rows.length - 1] as unknown as Record<string, unknown>)[pk.name];
        after = encodeValue(this.schema, pk, last);
      }
      await yieldToEventLoop();
    }
  }

  [Symbol.iterator](): Iterator<I> {
    if (this.results === null)
      throw new QueryError(
        `this ${this.schema.name} query has not run yet: use "for await (… of query)", or "await query.load()" before "for … of"`,
      );
    return this.results[Symbol.iterator]();
  }
}
