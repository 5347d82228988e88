import type { IncomingMessage } from '../adapters/types';

/**
 * The database manager commands use through `this.env.database`. The ORM (models, fields,
 * queries, transactions) is defined in this folder; this is the entry point's shape.
 */
export interface DatabaseManager {
  readonly available: boolean;
  /** The database of the guild a message came from (console messages: the `console` pseudo-guild). */
  getDbByMessage(msg: IncomingMessage): Promise<unknown>;
  /** A database by id: a guild key like `discord-123`, or `global`. */
  getDb(id: string): Promise<unknown>;
}
