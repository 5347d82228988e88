import type { Bot } from '../runtime/bot';
import type { DatabaseEngine } from '../runtime/database/engine';
import { DatabaseUnavailableError, QueryError } from '../runtime/database/errors';
import { ApiError, type Handlers } from './router';

type DatabaseHandlers = Pick<
  Handlers,
  'database.list' | 'database.tables' | 'database.rows' | 'database.integrityCheck'
>;

/**
 * The panel's read-only Database view. Only databases whose file exists are opened (an unknown
 * id is NOT_FOUND, never a new file), table names are checked against the database's own table
 * list, and reads queue behind any open transaction like every other operation on it.
 */
export function databaseHandlers(bot: Bot): DatabaseHandlers {
  const manager = bot.database;

  async function open(db: string): Promise<DatabaseEngine> {
    const known = await manager.list();
    if (!known.some((d) => d.id === db))
      throw new ApiError({ code: 'NOT_FOUND', message: `no database "${db}"` });
    return manager.getDb(db);
  }

  async function guarded<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof DatabaseUnavailableError)
        throw new ApiError({ code: 'UNAVAILABLE', message: err.message });
      if (err instanceof QueryError) throw new ApiError({ code: 'NOT_FOUND', message: err.message });
      throw err;
    }
  }

  return {
    'database.list': async () => ({
      databases: (await manager.list()).map(({ id, file, size, open: isOpen }) => ({
        id,
        file,
        size,
        open: isOpen,
      })),
    }),
    'database.tables': ({ db }) =>
      guarded(async () => ({ db, tables: await (await open(db)).inspectTables() })),
    'database.rows': ({ db, table, offset, limit, search, sort }) =>
      guarded(async () => {
        const page = await (await open(db)).inspectRows(table, offset, limit, { search, sort });
        return { db, ...page };
      }),
    'database.integrityCheck': ({ db }) =>
      guarded(async () => ({ db, ...(await (await open(db)).integrityCheck(100)) })),
  };
}
