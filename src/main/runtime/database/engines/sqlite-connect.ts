import { renameSync, statSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import type { Logger } from '../../logging/logging';
import { DatabaseError, DatabaseUnavailableError } from '../errors';
import { keepShapeAlive } from '../model';

export interface SqliteEngineOptions {
  /** Database id (`console`, `discord-123`, `global`). */
  id: string;
  /** The file, or `:memory:`. */
  file: string;
  logger: Logger;
  /** How long a statement waits for another process's lock (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * `NORMAL` (default; in WAL mode no commit is lost when the process dies, a power cut may
   * lose the newest) or `FULL` (every commit synced to disk).
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** Prepared statements kept per engine (default 256). */
  statementCacheSize?: number;
  /** Default transaction timeout (default 30 000 ms; 0 = none). */
  transactionTimeoutMs?: number;
  /** How long close() waits for a running transaction (default 5000 ms). */
  closeTimeoutMs?: number;
  /** Called when a suspended engine reopened its connection (the manager keeps its handle budget). */
  onReopen?: () => void;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
let runResultKept = false;

/** Is this the driver saying the file is not a usable database? */
export function isDamage(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/**
 * A 0-byte file where a database is expected (the engine's databases are never empty on disk:
 * switching to WAL writes the header) means its content was lost — a truncated copy, a full
 * disk, a bad restore. SQLite would silently treat it as a new empty database; instead it is
 * reported and moved aside (kept for inspection), and a new database starts in its place.
 */
export function moveAsideIfEmpty(id: string, file: string, logger: Logger): void {
  if (sizeOf(file) !== 0) return;
  // committed data may still be in the WAL: SQLite recovers it from there
  if ((sizeOf(`${file}-wal`) ?? 0) > 0) return;
  const aside = `${file}.empty-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    throw new DatabaseUnavailableError(
      id,
      `database "${id}" (${file}) is an empty (0-byte) file where a database was expected, and it cannot be moved aside: ${(err as Error).message}`,
      { cause: err, reason: 'its file is empty' },
    );
  }
  logger.error(
    { db: id, file, movedTo: aside },
    `database "${id}": its file was empty (0 bytes) where a database was expected; moved it aside to ${aside} and started a new database`,
  );
}

/** Opens (creating when missing) and configures a connection; DatabaseUnavailableError when it cannot. */
export function connectSqlite(options: SqliteEngineOptions): Sqlite.Database {
  const { id, file, logger } = options;
  let db: Sqlite.Database | null = null;
  const opening: { sql: string; ms: number }[] = [];
  const step = <T>(sql: string, run: (d: Sqlite.Database) => T): T => {
    const started = performance.now();
    const result = run(db!);
    opening.push({ sql, ms: round3(performance.now() - started) });
    return result;
  };
  if (file !== ':memory:') moveAsideIfEmpty(id, file, logger);
  try {
    db = new Sqlite(file, { timeout: options.busyTimeoutMs ?? 5_000 });
    // the first statement reads the header: a damaged file fails here, not in a command later
    const mode = step('PRAGMA journal_mode = WAL', (d) => d.pragma('journal_mode = WAL', { simple: true }));
    if (file !== ':memory:' && String(mode).toLowerCase() !== 'wal')
      throw new DatabaseError(`could not switch to WAL mode (got ${String(mode)})`);
    const synchronous = options.synchronous === 'FULL' ? 'FULL' : 'NORMAL';
    const busy = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000));
    for (const pragma of ['foreign_keys = ON', `synchronous = ${synchronous}`, `busy_timeout = ${busy}`])
      step(`PRAGMA ${pragma}`, (d) => d.pragma(pragma));
    step('SELECT COUNT(*) FROM sqlite_schema', (d) =>
      d.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get(),
    );
    if (!runResultKept) {
      // the shape of the driver's run() results, which every save reads (see keepShapeAlive)
      keepShapeAlive(db.prepare('SELECT 1').run());
      runResultKept = true;
    }
  } catch (err) {
    try {
      db?.close();
    } catch {
      // already unusable
    }
    const reason = (err as Error).message;
    const hint = isDamage(err)
      ? ' The file may be damaged: move it away (the bot then starts a fresh database for this guild) or repair it with the sqlite3 tool.'
      : '';
    throw new DatabaseUnavailableError(id, `database "${id}" cannot be opened (${file}): ${reason}.${hint}`, {
      cause: err,
      reason: isDamage(err) ? 'its file is damaged' : 'it cannot be opened',
    });
  }
  for (const { sql, ms } of opening) logger.debug({ db: id, sql, ms }, 'sql');
  logger.debug({ db: id, file }, 'database opened');
  return db;
}
