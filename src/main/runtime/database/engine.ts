import { SESSION, type Insertable, type Model, type ModelClass } from './model';
import type { Query } from './query';
import type { Assignment, QueryPlan, Session, SqlDialect } from './session';

export interface TransactionOptions {
  /**
   * Rolls the transaction back (freeing the database for other commands) when its body has not
   * finished after this many milliseconds. Default: the engine's (30 s); 0 = never.
   */
  timeoutMs?: number;
}

/** What an engine and a transaction on it have in common: everything commands do with data. */
export interface DatabaseHandle {
  /** `console`, `discord-123`, `global`, … */
  readonly id: string;
  /** A new, unbound instance (runs the model's `onCreate` and the engine's pre-creation hooks). */
  'new'<M extends ModelClass>(model: M): Promise<InstanceType<M>>;
  /** Makes an instance built with `new Model()` belong to this database (so `save()` works). */
  attach<I extends Model>(record: I): I;
  /** A lazy query over a model. */
  query<M extends ModelClass>(model: M): Query<InstanceType<M>>;
  /**
   * Inserts plain rows in one go (all or none), without building instances; missing fields get
   * their defaults. Resolves with the number of rows inserted.
   */
  insertMany<M extends ModelClass>(model: M, rows: Iterable<Insertable<InstanceType<M>>>): Promise<number>;
  /**
   * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. Inside a
   * transaction, `t.transaction(…)` nests with a savepoint.
   */
  transaction<T>(fn: (t: Transaction) => T | Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * The handle a transaction body gets. Use it (and the records it creates or loads) for
 * everything inside the body: while the transaction is open, the database itself — and records
 * loaded outside — queue behind it, like every other command's operations.
 */
export interface Transaction extends DatabaseHandle {
  /** 0 for the transaction, 1, 2, … for nested savepoints. */
  readonly depth: number;
  /** True until the transaction (or savepoint) ended. */
  readonly active: boolean;
}

/** Runs before `db.new()` hands out an instance. */
export type CreateHook = (record: Model) => void | Promise<void>;

/** A column of a table, as the panel shows it. */
export interface TableColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: TableColumnInfo[];
  /** The model version the table is at (migrations), null for a table no model registered. */
  modelVersion: number | null;
}

/** A JSON-safe cell: blobs become `{ blob: { size, base64 } }` (base64 null when large). */
export type CellValue = string | number | boolean | null | { blob: { size: number; base64: string | null } };

/** The result of an integrity check: `problems` lists what the engine found (empty when ok). */
export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  ms: number;
}

export interface RowsPage {
  table: string;
  columns: string[];
  rows: CellValue[][];
  offset: number;
  /** Rows matching the search (all rows without one). */
  total: number;
  /** Rows in the table, given when a search narrowed `total`. */
  tableTotal?: number;
}

/** How the panel's Database view asks for rows: a search over every column's text, and a sort. */
export interface RowsView {
  /** Rows where any column, as text, contains this (case-insensitive); empty: every row. */
  search?: string | undefined;
  /** One of the table's columns; ties keep table order. */
  sort?: { column: string; dir: 'asc' | 'desc' } | undefined;
}

/**
 * One database connection. `SqliteEngine` is the one that exists; an engine on a network
 * database (PostgreSQL) implements the same members, every one of them asynchronous already.
 */
export abstract class DatabaseEngine implements DatabaseHandle, Session {
  abstract readonly id: string;
  /** `sqlite`, later `postgres`. */
  abstract readonly kind: string;
  abstract readonly dialect: SqlDialect;
  protected readonly createHooks: CreateHook[] = [];

  get dbId(): string {
    return this.id;
  }

  /** Creates the model's table if missing, adds new columns; SchemaError for changes it will not make. */
  abstract register(model: ModelClass): Promise<void>;
  /**
   * Like register, but a refused model is remembered (using it on this database then throws
   * that error) instead of rejecting; resolves with the error or null. Used by the manager.
   */
  abstract registerOrRecord(model: ModelClass): Promise<Error | null>;
  abstract isRegistered(model: ModelClass): boolean;
  /** Table names of the registered models. */
  abstract registeredTables(): string[];

  abstract new<M extends ModelClass>(model: M): Promise<InstanceType<M>>;
  abstract query<M extends ModelClass>(model: M): Query<InstanceType<M>>;
  abstract insertMany<M extends ModelClass>(
    model: M,
    rows: Iterable<Insertable<InstanceType<M>>>,
  ): Promise<number>;
  abstract transaction<T>(fn: (t: Transaction) => T | Promise<T>, options?: TransactionOptions): Promise<T>;

  abstract save(record: Model): Promise<void>;
  abstract remove(record: Model): Promise<void>;
  abstract select(plan: QueryPlan): Promise<Model[]>;
  abstract count(plan: QueryPlan): Promise<number>;
  abstract deleteWhere(plan: QueryPlan): Promise<number> | null;
  abstract updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number>;

  /** Every table with its row count and columns (the panel's Database view; read-only). */
  abstract inspectTables(): Promise<TableInfo[]>;
  /**
   * A page of a table's rows as JSON-safe values; `table` must be one of inspectTables(), a sort
   * column one of its columns (QueryError otherwise). Searched and sorted by the engine.
   */
  abstract inspectRows(table: string, offset: number, limit: number, view?: RowsView): Promise<RowsPage>;

  /** Checks the stored data for damage (SQLite: integrity_check); a damaged database refuses writes. */
  abstract integrityCheck(maxProblems?: number): Promise<IntegrityReport>;
  /** What made the engine find its data damaged, or null while it has not. */
  abstract readonly damaged: string | null;

  /** Waits for running work (bounded), then closes the connection. Only the bot calls this. */
  abstract close(): Promise<void>;
  abstract readonly closed: boolean;

  /**
   * Frees the resources (file handles) of an idle database until its next use; false when the
   * engine cannot (busy, or an engine without such resources). The manager calls this to keep
   * within its handle budget.
   */
  suspend(): boolean {
    return false;
  }

  /** True while suspended (the next operation resumes). */
  get suspended(): boolean {
    return false;
  }

  /** Adds a pre-creation hook for `new()`; returns a function that removes it. */
  addCreateHook(hook: CreateHook): () => void {
    this.createHooks.push(hook);
    return () => {
      const i = this.createHooks.indexOf(hook);
      if (i >= 0) this.createHooks.splice(i, 1);
    };
  }

  attach<I extends Model>(record: I): I {
    record[SESSION] = this;
    return record;
  }

  /** A new instance belonging to `session`, with the pre-creation hooks run. */
  protected createRecord<I extends Model>(session: Session, model: ModelClass<I>): Promise<I> {
    const record = new model();
    record[SESSION] = session;
    const hooks = this.createHooks;
    if (record.onCreate === undefined && hooks.length === 0) return Promise.resolve(record);
    return (async () => {
      await record.onCreate?.();
      for (const hook of hooks) await hook(record);
      return record;
    })();
  }
}
