import type { Transaction } from '../engine';
import { TransactionError } from '../errors';
import type { StorageValue } from '../fields/field';
import { KEY, SESSION, SNAPSHOT, type InsertOrigin, type Model, type ModelClass } from '../model';
import { Query } from '../query';
import type { Assignment, QueryPlan, Session, SqlDialect } from '../session';
import type { BodyMarker } from './body-marker';

export type TxState = 'open' | 'committed' | 'rolledback' | 'aborted';

/** What every engine gives its transactions, whatever its driver. */
export interface TxJournalHost {
  readonly id: string;
  readonly dialect: SqlDialect;
  checkModel(model: ModelClass): void;
  newRecord<I extends Model>(session: Session, model: ModelClass<I>): Promise<I>;
}

/** What both engines give their transactions besides the driver work: bodies, and the database itself. */
export interface TxEngineHost<X> extends TxJournalHost {
  runBody<T>(tx: X, fn: (t: Transaction) => T | Promise<T>, timeoutMs: number): Promise<Outcome<T>>;
  /** The same operations outside any transaction (queued behind whatever holds the database). */
  save(record: Model): Promise<void>;
  remove(record: Model): Promise<void>;
  select(plan: QueryPlan): Promise<Model[]>;
  count(plan: QueryPlan): Promise<number>;
  deleteWhere(plan: QueryPlan): Promise<number> | null;
  updateWhere(plan: QueryPlan, assignments: readonly Assignment[]): Promise<number>;
}

/** What a body's run came to. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; timedOut: boolean };

/**
 * What every engine's transaction (depth 0) or savepoint (depth ≥ 1) keeps besides its
 * connection: its state, the savepoint open inside it, and the record state to put back on a
 * rollback. A rollback unbinds the records it inserted (lazily, through InsertOrigin) and
 * rebinds those it deleted or re-keyed, and restores what saved records knew of their rows
 * (snapshot and version value), so a retry saves them again; field values stay as they are.
 */
export abstract class TxJournal<T extends TxJournal<T>> implements InsertOrigin {
  state: TxState = 'open';
  /** The savepoint open inside this one, if any. */
  child: T | null = null;
  /** Deletes and key changes to undo on rollback: record, previous key — flat, two slots each. */
  private journal: unknown[] = [];
  /** Saved records' previous snapshots and versions: record, snapshot, version — three slots each. */
  private snapshots: unknown[] = [];
  readonly root: T;

  constructor(
    readonly parent: T | null,
    readonly depth: number,
  ) {
    this.root = parent ? parent.root : (this as unknown as T);
  }

  protected abstract readonly host: TxJournalHost;

  get id(): string {
    return this.host.id;
  }

  get dbId(): string {
    return this.host.id;
  }

  get dialect(): SqlDialect {
    return this.host.dialect;
  }

  // ---- DatabaseHandle members that need no connection -----------------------------------------

  new<M extends ModelClass>(model: M): Promise<InstanceType<M>> {
    try {
      this.target(true);
      return this.host.newRecord(this as unknown as T & Session, model) as Promise<InstanceType<M>>;
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  attach<I extends Model>(record: I): I {
    this.target(true);
    record[SESSION] = this as unknown as T & Session;
    return record;
  }

  query<M extends ModelClass>(model: M): Query<InstanceType<M>> {
    this.target(true);
    this.host.checkModel(model);
    return new Query(this as unknown as T & Session, model as unknown as ModelClass<InstanceType<M>>);
  }

  /** Before a savepoint opens on this handle: it must be the innermost one of an open transaction. */
  protected checkNestable(): void {
    const parent = this.target(true)!;
    if (parent !== (this as unknown as T))
      throw new TransactionError(
        'a savepoint is open inside this transaction: nest through its handle instead',
      );
  }

  /**
   * After a savepoint's body: when the whole transaction ended meanwhile (timeout, close), the
   * savepoint is aborted and the body's error (or one saying so) is thrown.
   */
  protected checkOutlived(sp: T, outcome: Outcome<unknown>): void {
    if (this.root.state === 'open') return;
    sp.end('aborted');
    throw outcome.ok
      ? new TransactionError(`the transaction on database ${this.id} ended while its savepoint was open`)
      : outcome.error;
  }

  get active(): boolean {
    return this.state === 'open' && this.root.state === 'open';
  }

  /** A delete or a key change: a rollback puts the previous key back. */
  noteKeyChange(record: Model, previousKey: unknown): void {
    this.journal.push(record, previousKey);
  }

  /** An update: a rollback puts back what the record knew of its row (and its version value). */
  noteSnapshot(record: Model, previous: readonly StorageValue[] | null, version: number | undefined): void {
    this.snapshots.push(record, previous, version);
  }

  insertUndone(): boolean {
    if (this.state === 'rolledback' || this.state === 'aborted') return true;
    return this.parent !== null && this.parent.insertUndone();
  }

  insertFinal(): boolean {
    return this.root.state === 'committed' && !this.insertUndone();
  }

  /** Restores the keys this transaction changed (newest first); inserts undo themselves lazily. */
  restoreRecords(): void {
    const j = this.journal;
    for (let i = j.length - 2; i >= 0; i -= 2) (j[i] as Model)[KEY] = j[i + 1];
    this.journal = [];
    const s = this.snapshots;
    for (let i = s.length - 3; i >= 0; i -= 3) {
      const record = s[i] as Model;
      record[SNAPSHOT] = s[i + 1] as StorageValue[] | null;
      const version = (record.constructor as ModelClass).schema.version;
      if (version !== null && s[i + 2] !== undefined)
        (record as unknown as Record<string, unknown>)[version.name] = s[i + 2];
    }
    this.snapshots = [];
  }

  /** A released savepoint's changes become its parent's (they are rolled back with it). */
  protected mergeIntoParent(): void {
    if (this.parent) {
      for (const item of this.journal) this.parent.journal.push(item);
      for (const item of this.snapshots) this.parent.snapshots.push(item);
    }
    this.journal = [];
    this.snapshots = [];
  }

  end(state: Exclude<TxState, 'open'>): void {
    this.state = state;
  }

  /**
   * Where an operation through this handle runs: the innermost open savepoint of the open
   * transaction; null when the transaction is over (then it runs on the database itself).
   * `direct` operations (new, query, attach, insertMany, nesting) refuse an ended handle.
   */
  protected target(direct: boolean): T | null {
    const root = this.root;
    if (root.state === 'open') {
      if (direct && this.state !== 'open')
        throw new TransactionError(
          `this savepoint on database ${this.id} has ended; use its parent's handle`,
        );
      let h: T = root;
      while (h.child !== null) h = h.child;
      return h;
    }
    if (root.state === 'aborted')
      throw new TransactionError(
        `the transaction on database ${this.id} was aborted (it timed out or the database closed); nothing more runs in it`,
      );
    if (direct)
      throw new TransactionError(
        `this transaction on database ${this.id} has ended; use the database handle outside the transaction body`,
      );
    return null;
  }
}

/**
 * Runs a transaction body (through the engine's body marker) and settles with its outcome; past
 * `timeoutMs` (0: never) the transaction is marked aborted — from then on its handle refuses
 * everything — and the outcome is a timeout error, whatever the body still does.
 */
export function runBodyWithTimeout<T, X extends TxJournal<X> & Transaction>(
  bodies: BodyMarker,
  tx: X,
  fn: (t: Transaction) => T | Promise<T>,
  timeoutMs: number,
  dbId: string,
): Promise<Outcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Outcome<T>): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(outcome);
    };
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        tx.root.end('aborted');
        finish({
          ok: false,
          timedOut: true,
          error: new TransactionError(
            `the transaction on database ${dbId} did not finish within ${timeoutMs} ms and was rolled back. ` +
              'Keep slow work out of transactions; inside one, use its handle (t.query, t.new, records from them): ' +
              'the database itself and records loaded outside wait for the transaction to end.',
          ),
        });
      }, timeoutMs);
      timer.unref();
    }
    let result: Promise<T>;
    try {
      result = bodies.run(fn, tx);
    } catch (err) {
      finish({ ok: false, error: err, timedOut: false });
      return;
    }
    result.then(
      (value) => finish({ ok: true, value }),
      (error: unknown) => finish({ ok: false, error, timedOut: false }),
    );
  });
}
