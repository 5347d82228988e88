import type { Transaction, TransactionOptions } from '../engine';
import { keepShapeAlive, type Insertable, type Model, type ModelClass } from '../model';
import type { Assignment, QueryPlan, Session } from '../session';
import { TxJournal, type TxEngineHost } from './tx-journal';

export type { Outcome } from './tx-journal';

/** The engine internals a transaction drives (all synchronous: SQLite). */
export interface TxHost extends TxEngineHost<SqliteTransaction> {
  saveNow(record: Model, tx: SqliteTransaction | null): Model;
  removeNow(record: Model, tx: SqliteTransaction | null): void;
  selectNow(plan: QueryPlan, session: Session): Model[];
  countNow(plan: QueryPlan): number;
  deleteWhereNow(plan: QueryPlan): number;
  updateWhereNow(plan: QueryPlan, assignments: readonly Assignment[]): number;
  /** Inserts every row, yielding to the event loop between slices (the caller holds the database). */
  insertAllRows(model: ModelClass, rows: Iterable<object>, check: () => void): Promise<number>;
  execNow(sql: string): void;
}

/** One settled promise shared by every operation that has nothing to resolve with. */
const DONE: Promise<void> = Promise.resolve();

function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

/**
 * A transaction (depth 0) or savepoint (depth ≥ 1) on a SQLite engine. While the transaction is
 * open the engine's lock is held for it: its own operations run at once, everyone else's wait.
 *
 * Records created or loaded through it belong to it: while it is open they work inside it;
 * after a commit they go on with the database; after a timeout they refuse (their body is
 * running on borrowed time). A rollback unbinds the records the transaction inserted (and
 * clears the ids the database gave them) and rebinds those it deleted, so a retry saves them
 * again; field values are left as they are.
 */
export class SqliteTransaction extends TxJournal<SqliteTransaction> implements Transaction, Session {
  constructor(
    protected readonly host: TxHost,
    parent: SqliteTransaction | null,
    depth: number,
  ) {
    super(parent, depth);
  }

  // ---- Session: records and queries bound to this handle --------------------------------------

  save(record: Model): Promise<void> {
    try {
      const tx = this.target(false);
      if (tx === null) return this.host.save(record);
      this.host.saveNow(record, tx);
      return DONE;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  remove(record: Model): Promise<void> {
    try {
      const tx = this.target(false);
      if (tx === null) return this.host.remove(record);
      this.host.removeNow(record, tx);
      return DONE;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  select(plan: QueryPlan): Promise<Model[]> {
    return attempt(() => this.target(false)).then((tx) =>
      tx === null ? this.host.select(plan) : this.host.selectNow(plan, this),
    );
  }

  count(plan: QueryPlan): Promise<number> {
    return attempt(() => this.target(false)).then((tx) =>
      tx === null ? this.host.count(plan) : this.host.countNow(plan),
    );
  }

  deleteWhere(plan: QueryPlan): Promise<number> {
    return attempt(() => this.target(false)).then((tx) =>
      tx === null ? (this.host.deleteWhere(plan) ?? Promise.resolve(0)) : this.host.deleteWhereNow(plan),
    );
  }

  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    return attempt(() => this.target(false)).then((tx) =>
      tx === null ? this.host.updateWhere(plan, assignments) : this.host.updateWhereNow(plan, assignments),
    );
  }

  // ---- DatabaseHandle -----------------------------------------------------------------------

  async insertMany<M extends ModelClass>(
    model: M,
    rows: Iterable<Insertable<InstanceType<M>>>,
  ): Promise<number> {
    const tx = this.target(true)!;
    this.host.checkModel(model);
    // all or none, even when the body goes on after a failure: a savepoint around the batch
    const name = `protos_batch_${tx.depth}`;
    this.host.execNow(`SAVEPOINT ${name}`);
    try {
      // after each yield: the transaction may have timed out meanwhile
      const n = await this.host.insertAllRows(model, rows as Iterable<object>, () => void tx.target(true));
      this.host.execNow(`RELEASE ${name}`);
      return n;
    } catch (err) {
      if (this.root.state === 'open') {
        this.host.execNow(`ROLLBACK TO ${name}`);
        this.host.execNow(`RELEASE ${name}`);
      }
      throw err;
    }
  }

  /** A nested transaction: a savepoint, released when `fn` returns, rolled back to when it throws. */
  async transaction<T>(
    fn: (t: Transaction) => T | Promise<T>,
    _options: TransactionOptions = {},
  ): Promise<T> {
    this.checkNestable();
    const sp = new SqliteTransaction(this.host, this, this.depth + 1);
    const name = `protos_sp_${sp.depth}`;
    this.host.execNow(`SAVEPOINT ${name}`);
    this.child = sp;
    // the root transaction's timeout covers the savepoint
    const outcome = await this.host.runBody(sp, fn, 0);
    this.child = null;
    this.checkOutlived(sp, outcome);
    if (outcome.ok) {
      this.host.execNow(`RELEASE ${name}`);
      sp.end('committed');
      sp.mergeIntoParent();
      return outcome.value;
    }
    this.host.execNow(`ROLLBACK TO ${name}`);
    this.host.execNow(`RELEASE ${name}`);
    sp.restoreRecords();
    sp.end('rolledback');
    throw outcome.error;
  }
}

// see keepShapeAlive: every save inside a transaction is optimised for this shape
keepShapeAlive(new SqliteTransaction(null as unknown as TxHost, null, 0));
