import type { Model, ModelClass } from './model';
import type { ModelSchema } from './model-schema';
import type { Assignment, Condition, OrderTerm } from './plan';

export type { Assignment } from './plan';

/** SQL differences between engines that compiled queries depend on. */
export interface SqlDialect {
  /** NULL-safe "not equal" operator (`IS NOT` in SQLite, `IS DISTINCT FROM` in PostgreSQL). */
  readonly nullSafeNotEqual: string;
  /** What LIMIT takes for "no limit" when only an OFFSET is given. */
  readonly noLimit: string;
  /** The placeholder of the n-th (1-based) bound value: `?` in SQLite, `$n` in PostgreSQL. */
  param(n: number): string;
  /**
   * The pattern operator of Like, case-insensitive as the ORM documents: `LIKE` in SQLite
   * (ASCII letters), `ILIKE` in PostgreSQL.
   */
  readonly like: string;
  /** Constant true and false conditions (`1`/`0` in SQLite, `TRUE`/`FALSE` in PostgreSQL). */
  readonly trueSql: string;
  readonly falseSql: string;
  /** A model's table as statements name it (quoted; PostgreSQL: qualified by the database's schema). */
  table(name: string): string;
}

/**
 * A query as engines receive it: structured and checked (fields resolved, values validated and
 * in stored form), never SQL text. Each engine writes it in its own dialect.
 */
export interface QueryPlan {
  readonly model: ModelClass;
  readonly schema: ModelSchema;
  /** Conditions that must all hold (none: every row). */
  readonly where: readonly Condition[];
  /** Sort keys, first one first (none: the engine's order). */
  readonly orderBy: readonly OrderTerm[];
  readonly limit: number | null;
  readonly offset: number | null;
}

/**
 * What records and queries talk to: an engine, or a transaction on one. Every method is
 * asynchronous so an engine on a network database fits the same shape; the SQLite engine does
 * the work synchronously and returns settled promises.
 */
export interface Session {
  /** Id of the database (`console`, `discord-123`, `global`), for messages. */
  readonly dbId: string;
  readonly dialect: SqlDialect;
  save(record: Model): Promise<void>;
  remove(record: Model): Promise<void>;
  select(plan: QueryPlan): Promise<Model[]>;
  count(plan: QueryPlan): Promise<number>;
  /** Deletes every match in one statement; null when the engine cannot (the Query then deletes one by one). */
  deleteWhere(plan: QueryPlan): Promise<number> | null;
  /** Updates every match in one statement (checked assignments); resolves with the number changed. */
  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number>;
}
