import type { Transaction, TransactionOptions } from '../engine';
import { TransactionError } from '../errors';
import type { Insertable, Model, ModelClass } from '../model';
import type { Assignment, QueryPlan, Session } from '../session';
import type { PgConn } from './postgres-server';
import { TxJournal, type TxEngineHost } from './tx-journal';

/** The engine internals a PostgreSQL transaction drives, each on the transaction's connection. */
export interface PgTxHost extends TxEngineHost<PostgresTransaction> {
  saveOn(conn: PgConn, record: Model, tx: PostgresTransaction | null): Promise<void>;
  removeOn(conn: PgConn, record: Model, tx: PostgresTransaction | null): Promise<void>;
  selectOn(conn: PgConn, plan: QueryPlan, session: Session): Promise<Model[]>;
  countOn(conn: PgConn, plan: QueryPlan): Promise<number>;
  deleteWhereOn(conn: PgConn, plan: QueryPlan): Promise<number>;
  updateWhereOn(conn: PgConn, plan: QueryPlan, assignments: readonly Assignment[]): Promise<number>;
  insertRowsOn(conn: PgConn, model: ModelClass, rows: Iterable<object>, check: () => void): Promise<number>;
  execOn(conn: PgConn, sql: string): Promise<void>;
}

/**
 * True for an error the server reported for a statement (it aborts the transaction there);
 * the ORM's own refusals (validation, conflicts, unknown fields) leave the transaction usable.
 */
function fromServer(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return typeof cause === 'object' && cause !== null && 'severity' in cause;
}

/**
 * A transaction (depth 0) or savepoint (depth ≥ 1) on a PostgreSQL engine, on one connection
 * checked out of the pool for its whole length. While it is open the engine's lock is held for
 * it, as on SQLite: its own operations run on its connection, the database's other users wait.
 *
 * One PostgreSQL difference: a statement that fails inside a transaction ends it (the server
 * ignores everything until the rollback). The body gets the error; anything more it tries
 * through the handle is refused with a TransactionError, and the transaction rolls back.
 */
export class PostgresTransaction extends TxJournal<PostgresTransaction> implements Transaction, Session {
  /** Set when a statement failed inside the transaction: nothing more can run in it. */
  failed: Error | null = null;

  constructor(
    protected readonly host: PgTxHost,
    readonly conn: PgConn,
    parent: PostgresTransaction | null,
    depth: number,
  ) {
    super(parent, depth);
  }

  /** Runs `fn` on the transaction's connection; a failure marks the whole transaction failed. */
  private async inTx<T>(direct: boolean, fn: (tx: PostgresTransaction) => Promise<T>): Promise<T> {
    const tx = this.target(direct);
    if (tx === null) throw new Error('unreachable: no transaction');
    const root = this.root;
    if (root.failed !== null)
      throw new TransactionError(
        `an earlier statement of this transaction on database ${this.id} failed (${root.failed.message}); on PostgreSQL nothing more runs in it, and it rolls back`,
      );
    try {
      return await fn(tx);
    } catch (err) {
      if (fromServer(err)) root.failed ??= err as Error;
      throw err;
    }
  }

  /** Outside an open transaction (it ended): the operation runs on the database itself. */
  private route<T>(inside: (tx: PostgresTransaction) => Promise<T>, outside: () => Promise<T>): Promise<T> {
    try {
      if (this.target(false) === null) return outside();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.inTx(false, inside);
  }

  save(record: Model): Promise<void> {
    return this.route(
      (tx) => this.host.saveOn(this.conn, record, tx),
      () => this.host.save(record),
    );
  }

  remove(record: Model): Promise<void> {
    return this.route(
      (tx) => this.host.removeOn(this.conn, record, tx),
      () => this.host.remove(record),
    );
  }

  select(plan: QueryPlan): Promise<Model[]> {
    return this.route(
      () => this.host.selectOn(this.conn, plan, this),
      () => this.host.select(plan),
    );
  }

  count(plan: QueryPlan): Promise<number> {
    return this.route(
      () => this.host.countOn(this.conn, plan),
      () => this.host.count(plan),
    );
  }

  deleteWhere(plan: QueryPlan): Promise<number> {
    return this.route(
      () => this.host.deleteWhereOn(this.conn, plan),
      () => this.host.deleteWhere(plan) ?? Promise.resolve(0),
    );
  }

  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number> {
    return this.route(
      () => this.host.updateWhereOn(this.conn, plan, assignments),
      () => this.host.updateWhere(plan, assignments),
    );
  }

  /** All or none, even when the body goes on after a failure: a savepoint around the batch. */
  insertMany<M extends ModelClass>(model: M, rows: Iterable<Insertable<InstanceType<M>>>): Promise<number> {
    return this.inTx(true, async (tx) => {
      this.host.checkModel(model);
      const name = `protos_batch_${tx.depth}`;
      await this.host.execOn(this.conn, `SAVEPOINT ${name}`);
      try {
        const n = await this.host.insertRowsOn(
          this.conn,
          model,
          rows as Iterable<object>,
          () => void tx.target(true),
        );
        await this.host.execOn(this.conn, `RELEASE ${name}`);
        return n;
      } catch (err) {
        if (this.root.state === 'open') {
          await this.host.execOn(this.conn, `ROLLBACK TO ${name}`);
          await this.host.execOn(this.conn, `RELEASE ${name}`);
          return Promise.reject(err as Error);
        }
        throw err;
      }
    }).catch((err: unknown) => {
      // a batch rolled back to its savepoint leaves the transaction usable
      if (this.root.failed === err && this.root.state === 'open') this.root.failed = null;
      throw err;
    });
  }

  /** A nested transaction: a savepoint, released when `fn` returns, rolled back to when it throws. */
  async transaction<T>(
    fn: (t: Transaction) => T | Promise<T>,
    _options: TransactionOptions = {},
  ): Promise<T> {
    this.checkNestable();
    if (this.root.failed !== null)
      throw new TransactionError(
        `an earlier statement of this transaction on database ${this.id} failed; nothing more runs in it`,
      );
    const sp = new PostgresTransaction(this.host, this.conn, this, this.depth + 1);
    const name = `protos_sp_${sp.depth}`;
    // taken at once (before the round trip) so a second savepoint on this handle is refused
    this.child = sp;
    try {
      await this.host.execOn(this.conn, `SAVEPOINT ${name}`);
    } catch (err) {
      this.child = null;
      throw err;
    }
    const outcome = await this.host.runBody(sp, fn, 0);
    this.child = null;
    this.checkOutlived(sp, outcome);
    if (outcome.ok && this.root.failed === null) {
      await this.host.execOn(this.conn, `RELEASE ${name}`);
      sp.end('committed');
      sp.mergeIntoParent();
      return outcome.value;
    }
    // rolling back to the savepoint also undoes a failed statement inside it
    await this.host.execOn(this.conn, `ROLLBACK TO ${name}`);
    await this.host.execOn(this.conn, `RELEASE ${name}`);
    this.root.failed = null;
    sp.restoreRecords();
    sp.end('rolledback');
    if (outcome.ok)
      throw new TransactionError(
        `a statement inside the savepoint on database ${this.id} failed; it was rolled back`,
      );
    throw outcome.error;
  }
}
