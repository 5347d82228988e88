import type { Logger } from '../logging/logging';
import type { DatabaseManagerOptions } from './database-manager';
import { PostgresEngine } from './engines/postgres-engine';
import { PostgresServer } from './engines/postgres-server';

/** The `database` config section as far as the choice of engine goes. */
export interface EngineConfig {
  engine: 'sqlite' | 'postgres';
  postgres: { url: string | null; maxConnections: number };
  maxOpen: number | null;
}

/**
 * The DatabaseManager options for the configured engine: SQLite files (the manager's default),
 * or one PostgreSQL server for every database — each guild, the console and the global
 * database a schema of its own, sharing one connection pool that the manager closes last.
 */
export function managerOptionsFor(
  config: EngineConfig,
  logger: Logger,
): Pick<DatabaseManagerOptions, 'engineFactory' | 'maxOpen' | 'afterClose'> {
  if (config.engine !== 'postgres') return { maxOpen: config.maxOpen ?? undefined };
  const url = config.postgres.url;
  if (url === null) throw new Error('database.engine is "postgres" but database.postgres.url is not set');
  const server = new PostgresServer({ url, logger, maxConnections: config.postgres.maxConnections });
  logger.info({ server: server.where }, 'databases are schemas on a PostgreSQL server');
  return {
    engineFactory: (spec) => new PostgresEngine({ id: spec.id, server, logger: spec.logger }),
    // a PostgreSQL engine holds no file handles: the handle budget does not apply
    maxOpen: Number.MAX_SAFE_INTEGER,
    afterClose: () => server.close(),
  };
}
