import type { Logger } from '../logging/logging';
import type { DatabaseManagerOptions } from './database-manager';
import { PostgresEngine } from './engines/postgres-engine';
import { PostgresServer } from './engines/postgres-server';
import { idOfSchemaName, schemaNameOf } from './engines/postgres-dialect';

/** The bot's databases on the server: its schemas (global first), with their size on disk. */
async function listPgDatabases(
  server: PostgresServer,
  prefix: string,
): Promise<{ id: string; file: string; size: number }[]> {
  const result = await server.pool.query<{ name: string; size: string | number }>(
    'SELECT n.nspname AS name, COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS size FROM pg_namespace n ' +
      "LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind = 'r' WHERE starts_with(n.nspname, $1) " +
      'GROUP BY n.nspname ORDER BY n.nspname',
    [prefix],
  );
  const out: { id: string; file: string; size: number }[] = [];
  for (const row of result.rows) {
    const id = idOfSchemaName(row.name, prefix);
    if (id === null) continue;
    const entry = { id, file: `${server.where} schema ${row.name}`, size: Number(row.size) };
    if (id === 'global') out.unshift(entry);
    else out.push(entry);
  }
  return out;
}

/** The `database` config section as far as the choice of engine goes. */
export interface EngineConfig {
  engine: 'sqlite' | 'postgres';
  postgres: { url: string | null; maxConnections: number; schemaPrefix: string };
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
): Pick<DatabaseManagerOptions, 'engineFactory' | 'maxOpen' | 'afterClose' | 'listDatabases'> {
  if (config.engine !== 'postgres') return { maxOpen: config.maxOpen ?? undefined };
  const url = config.postgres.url;
  if (url === null) throw new Error('database.engine is "postgres" but database.postgres.url is not set');
  const prefix = config.postgres.schemaPrefix;
  const server = new PostgresServer({ url, logger, maxConnections: config.postgres.maxConnections });
  logger.info({ server: server.where }, 'databases are schemas on a PostgreSQL server');
  return {
    engineFactory: (spec) =>
      new PostgresEngine({ id: spec.id, server, logger: spec.logger, schema: schemaNameOf(spec.id, prefix) }),
    // a PostgreSQL engine holds no file handles: the handle budget does not apply
    maxOpen: Number.MAX_SAFE_INTEGER,
    listDatabases: () => listPgDatabases(server, prefix),
    afterClose: () => server.close(),
  };
}
