import type { Logger } from '../../logging/logging';
import { AsyncLock } from '../async-lock';
import { DatabaseEngine, type Transaction } from '../engine';
import { ConflictError, DatabaseUnavailableError, StaleRecordError, TransactionError } from '../errors';
import type { Model, ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';
import { Query } from '../query';
import type { MigrationPlan } from '../schema-migration';
import type { Session } from '../session';
import { bodyMarker } from './body-marker';
import { ModelTables, type TableStateBase } from './model-tables';
import { runBodyWithTimeout, type Outcome, type TxJournal } from './tx-journal';

export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** How an engine's timeouts are configured (both engines take these options). */
export interface LockedEngineTimeouts {
  /** Default timeout of transactions (30 s); 0 = none. */
  transactionTimeoutMs?: number;
  /** How long close() waits for running work (5 s). */
  closeTimeoutMs?: number;
}

function describeKey(schema: ModelSchema, key: unknown): string {
  const values = schema.primaryKey.length === 1 ? [key] : (key as unknown[]);
  return schema.primaryKey.map((c, i) => `${c.name}=${JSON.stringify(values[i])}`).join(', ');
}

/**
 * What the SQLite and PostgreSQL engines share: one AsyncLock that a transaction holds for its
 * whole body (everyone else queues behind it, FIFO), recognition of the body's own calls through
 * the database handle (they fail at once instead of waiting for themselves), the registered
 * models, the closed state and a bounded close. The engines add their driver and their SQL.
 */
export abstract class LockedEngine<
  S extends TableStateBase,
  X extends TxJournal<X> & Transaction,
> extends DatabaseEngine {
  readonly lock = new AsyncLock();
  protected readonly tables: ModelTables<S>;
  protected readonly txTimeoutMs: number;
  protected readonly closeTimeoutMs: number;
  /** Runs transaction bodies so that operations from inside them are recognised. */
  protected readonly bodies = bodyMarker();
  /** The transaction holding the lock, if any. */
  protected activeTx: X | null = null;
  protected isClosed = false;

  constructor(
    readonly id: string,
    protected readonly logger: Logger,
    timeouts: LockedEngineTimeouts,
  ) {
    super();
    this.tables = new ModelTables<S>(id);
    this.txTimeoutMs = timeouts.transactionTimeoutMs ?? 30_000;
    this.closeTimeoutMs = timeouts.closeTimeoutMs ?? 5_000;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  protected closedError(): DatabaseUnavailableError {
    return new DatabaseUnavailableError(
      this.id,
      `database "${this.id}" is closed (the bot is shutting down)`,
      {
        reason: 'the bot is shutting down',
      },
    );
  }

  /**
   * The error for an operation through the database handle (or a record loaded through it) from
   * inside the body of the transaction that holds the database, or null. Such an operation would
   * wait for the transaction, which waits for it: it must fail at once, never run after the body.
   */
  protected selfWaitError(): TransactionError | null {
    const tx = this.activeTx;
    if (tx === null || tx.state !== 'open' || !this.bodies.inStack()) return null;
    return new TransactionError(
      `database ${this.id} is in a transaction started by this very code: inside the transaction body, ` +
        'use its handle (t.query, t.new, t.insertMany, records loaded through t), and t.attach(record) for ' +
        'a record loaded before the transaction; the database handle itself is refused until the body ends',
    );
  }

  /** What insertMany checks before it waits for the database: open, model registered, no self-wait. */
  protected checkInsertMany(model: ModelClass): void {
    if (this.isClosed) throw this.closedError();
    this.tables.get(model);
    if (this.lock.busy) {
      const selfWait = this.selfWaitError();
      if (selfWait !== null) throw selfWait;
    }
  }

  // ---- models -----------------------------------------------------------------------------------

  checkModel(model: ModelClass): void {
    this.tables.get(model);
  }

  isRegistered(model: ModelClass): boolean {
    return this.tables.has(model);
  }

  registeredTables(): string[] {
    return this.tables.tableNames();
  }

  /** registerOrRecord's refusal: remembered for the model, logged. */
  protected refuse(model: ModelClass, error: Error): Error {
    this.tables.refuse(model, error);
    this.logger.error(
      { db: this.id, err: error },
      `model ${model.name} cannot be used on database ${this.id}`,
    );
    return error;
  }

  /** Logs what registering a model changed in its table. */
  protected logPlan(schema: ModelSchema, plan: Pick<MigrationPlan, 'created' | 'addedColumns'>): void {
    if (plan.created) this.logger.info({ db: this.id, table: schema.table }, `created table ${schema.table}`);
    if (plan.addedColumns.length)
      this.logger.info(
        { db: this.id, table: schema.table, columns: plan.addedColumns },
        `added columns to ${schema.table}`,
      );
  }

  // ---- records ----------------------------------------------------------------------------------

  newRecord<I extends Model>(session: Session, model: ModelClass<I>): Promise<I> {
    try {
      this.tables.get(model);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.createRecord(session, model);
  }

  new<M extends ModelClass>(model: M): Promise<InstanceType<M>> {
    if (this.isClosed) return Promise.reject(this.closedError());
    return this.newRecord(this, model) as Promise<InstanceType<M>>;
  }

  query<M extends ModelClass>(model: M): Query<InstanceType<M>> {
    this.tables.get(model);
    return new Query(this, model as unknown as ModelClass<InstanceType<M>>);
  }

  protected goneError(schema: ModelSchema, key: unknown): StaleRecordError {
    return new StaleRecordError(
      `${schema.name} (${describeKey(schema, key)}) is no longer in database ${this.id} (deleted meanwhile?)`,
    );
  }

  protected conflictError(schema: ModelSchema, key: unknown, expected: number): ConflictError {
    return new ConflictError(
      `${schema.name} (${describeKey(schema, key)}) on database ${this.id} was saved by someone else since it was loaded (version ${expected} expected); load it again and repeat the change`,
    );
  }

  // ---- transactions, closing --------------------------------------------------------------------

  runBody<T>(tx: X, fn: (t: Transaction) => T | Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
    return runBodyWithTimeout(this.bodies, tx, fn, timeoutMs, this.id);
  }

  /** At close, after the wait for a transaction ran out: the engine drops what it still has open. */
  protected abandonTransaction(): void {}

  /** At close, last: the engine frees its connection and caches. */
  protected releaseResources(): void {}

  /**
   * Waits (at most closeTimeoutMs) for queued work and an open transaction to finish, then
   * closes. A transaction still open then is aborted and rolled back.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    const token = {};
    let timer: NodeJS.Timeout | undefined;
    const acquired = await Promise.race([
      this.lock.acquire(token).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.closeTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (this.isClosed) return;
    if (!acquired) {
      this.logger.warn(
        { db: this.id },
        'closing the database with a transaction still open; rolling it back',
      );
      this.activeTx?.end('aborted');
      this.abandonTransaction();
    }
    this.isClosed = true;
    this.releaseResources();
    if (acquired) this.lock.release(token);
    this.logger.debug({ db: this.id }, 'database closed');
  }
}
