import pg from 'pg';
import type { Logger } from '../../logging/logging';
import { ConstraintError, DatabaseError, DatabaseUnavailableError } from '../errors';

export interface PostgresServerOptions {
  /** `postgres://user:password@host:port/database` (a secret: never logged). */
  url: string;
  logger: Logger;
  /** Connections in the pool shared by every database (default 10). */
  maxConnections?: number;
  /** Milliseconds to wait for a connection before an operation fails (default 10 000). */
  connectTimeoutMs?: number;
}

/** What a statement runs on: the pool (one statement, autocommit) or a client in a transaction. */
export type PgConn = pg.Pool | pg.PoolClient;

/** int8 (COUNT, BIGINT columns) as a number while it is exact, else a bigint — as SQLite gives it. */
function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

const INT8 = 20;
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A URL with its password replaced, for messages (the URL itself is never logged). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.protocol}//${u.username ? `${u.username}${u.password ? ':***' : ''}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/**
 * One PostgreSQL server shared by every database of the bot: a connection pool, and names for
 * the statements engines prepare (one name per SQL text, prepared once per connection).
 */
export class PostgresServer {
  readonly pool: pg.Pool;
  readonly where: string;
  private readonly names = new Map<string, string>();
  private closed = false;

  constructor(private readonly options: PostgresServerOptions) {
    this.where = redactUrl(options.url);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'protos',
      types: TYPES,
    });
    // an idle client's connection dropped: the pool replaces it; say so without the URL
    this.pool.on('error', (err) =>
      options.logger.warn(
        { server: this.where, err: { message: err.message } },
        'PostgreSQL connection lost',
      ),
    );
  }

  /** The prepared-statement name for a SQL text (the same text always gets the same name). */
  statementName(sql: string): string {
    let name = this.names.get(sql);
    if (name === undefined) {
      name = `protos_${this.names.size + 1}`;
      this.names.set(sql, name);
    }
    return name;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Error codes of PostgreSQL that mean the server (not the statement) is the problem. */
const UNAVAILABLE = /^(08|53|57P0[123])/;
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE)$/;

/** A driver error as the ORM's: constraint violations, an unreachable server, anything else. */
export function translatePgError(err: unknown, dbId: string, what: string, where: string): Error {
  if (err instanceof DatabaseError) return err;
  const code = String((err as { code?: unknown }).code ?? '');
  const message = (err as Error).message ?? String(err);
  if (code.startsWith('23'))
    return new ConstraintError(`${what} on database ${dbId}: ${message}`, { cause: err });
  if (
    UNAVAILABLE.test(code) ||
    NETWORK.test(code) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  )
    return new DatabaseUnavailableError(
      dbId,
      `database "${dbId}" is unavailable: the PostgreSQL server at ${where} cannot be reached (${message})`,
      { cause: err, reason: 'the PostgreSQL server cannot be reached' },
    );
  return new DatabaseError(`${what} failed on database ${dbId}: ${message}`, { cause: err });
}
