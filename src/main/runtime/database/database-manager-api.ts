import type { IncomingMessage } from '../adapters/types';
import type { DatabaseEngine } from './engine';
import type { ModelClass } from './model';

/**
 * The database manager commands use through `this.env.database`: one database per guild (the
 * console is the pseudo-guild `console`) plus a `global` one, opened on first use and cached.
 *
 * ```ts
 * this.env.database.registerModel(Car);                   // in setup(): every database
 * const db = await this.env.database.getDbByMessage(this.msg);
 * const car = await db.new(Car);
 * ```
 */
export interface DatabaseManagerApi {
  readonly available: boolean;
  /**
   * Registers a model on every database opened from now on and on those already open (a model
   * with the same table name registered before, e.g. by the previous version of a reloaded
   * command file, is replaced). Resolves when the open ones have it; a database that refuses
   * it (SchemaError) makes the promise reject — and makes that model throw the same error on
   * that database — without affecting the others. Not awaiting it is fine: the rejection is
   * handled (and logged).
   */
  registerModel(model: ModelClass): Promise<void>;
  /** The database of the guild a message came from (console messages: `console`). */
  getDbByMessage(msg: IncomingMessage): Promise<DatabaseEngine>;
  /** A database by id: `global`, `console` or `<network>-<guildId>` (as dbIdOf gives it). */
  getDb(id: string): Promise<DatabaseEngine>;
  /** The database id for a message: `console`, `<network>-<guildId>`, or `<network>-private` without a guild. */
  dbIdOf(msg: IncomingMessage): string;
}
