import { mkdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage } from '../adapters/types';
import type { Logger } from '../logging/logging';
import type { DatabaseManagerApi } from './database-manager-api';
import type { DatabaseEngine } from './engine';
import { SqliteEngine, type SqliteEngineOptions } from './engines/sqlite-engine';
import { DatabaseError } from './errors';
import { defaultMaxOpen } from './fd-limit';
import { isModelClass, type ModelClass } from './model';

/** A database file the manager knows (for the panel). */
export interface DatabaseFileInfo {
  id: string;
  file: string;
  /** Bytes on disk, the WAL file included. */
  size: number;
  open: boolean;
}

export interface EngineSpec {
  id: string;
  file: string;
  logger: Logger;
  /** An engine that can suspend calls this when it reopened (the manager keeps its budget). */
  onReopen?: () => void;
}

export interface DatabaseManagerOptions {
  /** The bot's data dir: guild databases go to `<dataDir>/guilds/`, the global one to `<dataDir>/global.sqlite`. */
  dataDir: string;
  logger: Logger;
  /** Builds the engine for a database (default: SqliteEngine). A network engine plugs in here. */
  engineFactory?: (spec: EngineSpec) => DatabaseEngine | Promise<DatabaseEngine>;
  /** Options for the default SqliteEngine. */
  sqlite?: Omit<SqliteEngineOptions, 'id' | 'file' | 'logger' | 'onReopen'>;
  /**
   * Databases kept open at once (config `database.maxOpen`); beyond it the least recently used
   * idle ones are suspended (checkpointed and closed, reopened on their next use). Default:
   * derived from the open-file limit (defaultMaxOpen).
   */
  maxOpen?: number;
  /**
   * Lists the databases that exist when they are not files in the data dir (a server's); the
   * manager fills in which are open.
   */
  listDatabases?: () => Promise<Omit<DatabaseFileInfo, 'open'>[]>;
  /** Runs after every database closed (the PostgreSQL engine's connection pool closes here). */
  afterClose?: () => Promise<void>;
}

export const GLOBAL_DB = 'global';
export const CONSOLE_DB = 'console';
const ID = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$/;
const SAFE_CHAR = /[A-Za-z0-9_.-]/;

/**
 * A guild id as a file-name-safe part: characters other than letters, digits, `_ . -` become
 * `~XX` (UTF-8 hex), and so does a dot that would start the part or follow another dot.
 */
export function encodeIdPart(part: string): string {
  let out = '';
  for (const ch of part) {
    const dotRisk = ch === '.' && (out === '' || out.endsWith('.'));
    if (SAFE_CHAR.test(ch) && !dotRisk) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || !ID.test(id) || id.includes('..'))
    throw new DatabaseError(
      `invalid database id ${JSON.stringify(id)}: use "global", "console" or "<network>-<guildId>" (letters, digits, _ . ~ -)`,
    );
  return id;
}

/**
 * Opens and caches one engine per database: `<dataDir>/guilds/<network>-<guildId>.sqlite` per
 * guild (the console's pseudo-guild is `console`) and `<dataDir>/global.sqlite`. Models
 * registered with registerModel are registered on every database as it opens.
 */
export class DatabaseManager implements DatabaseManagerApi {
  readonly available = true;
  private readonly models = new Map<string, ModelClass>();
  private readonly opening = new Map<string, Promise<DatabaseEngine>>();
  private readonly engines = new Map<string, DatabaseEngine>();
  private readonly factory: (spec: EngineSpec) => DatabaseEngine | Promise<DatabaseEngine>;
  /** The handle budget: databases open (not suspended) at once. */
  readonly maxOpen: number;
  private budgetWarned = false;

  constructor(private readonly options: DatabaseManagerOptions) {
    this.factory =
      options.engineFactory ??
      ((spec) =>
        SqliteEngine.open({
          ...options.sqlite,
          ...spec,
          onReopen: spec.onReopen,
        }));
    this.maxOpen = Math.max(1, Math.floor(options.maxOpen ?? defaultMaxOpen()));
  }

  /** Databases open now (not suspended, not closed). */
  get openCount(): number {
    let n = 0;
    for (const engine of this.engines.values()) if (!engine.closed && !engine.suspended) n++;
    return n;
  }

  /**
   * Suspends least recently used idle databases until at most maxOpen are open; `keep` (the one
   * being opened or used) is never chosen. A database in a transaction or with queued work is
   * skipped; when every candidate is busy the budget is exceeded for a while (logged once).
   */
  private enforceBudget(keep: DatabaseEngine): void {
    let open = this.openCount;
    if (open <= this.maxOpen) return;
    for (const engine of this.engines.values()) {
      if (open <= this.maxOpen) return;
      if (engine === keep || engine.closed || engine.suspended) continue;
      if (engine.suspend()) open--;
    }
    if (open > this.maxOpen && !this.budgetWarned) {
      this.budgetWarned = true;
      this.options.logger.warn(
        { open, maxOpen: this.maxOpen },
        `${open} databases are busy at once, more than database.maxOpen (${this.maxOpen}); none idle to close`,
      );
    }
  }

  /** Marks a database as just used (the LRU order is the map's order). */
  private touch(id: string, engine: DatabaseEngine): void {
    this.engines.delete(id);
    this.engines.set(id, engine);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get guildsDir(): string {
    return path.join(this.options.dataDir, 'guilds');
  }

  dbIdOf(msg: IncomingMessage): string {
    if (msg.network === 'console') return CONSOLE_DB;
    if (!msg.guild) return `${msg.network}-private`;
    return `${msg.network}-${encodeIdPart(msg.guild.id)}`;
  }

  /** Where a database id lives on disk. */
  fileOf(id: string): string {
    checkId(id);
    return id === GLOBAL_DB
      ? path.join(this.options.dataDir, 'global.sqlite')
      : path.join(this.guildsDir, `${id}.sqlite`);
  }

  registerModel(model: ModelClass): Promise<void> {
    if (!isModelClass(model))
      return handled(Promise.reject(new DatabaseError(`registerModel: not a model class: ${String(model)}`)));
    this.models.set(model.schema.table.toLowerCase(), model);
    const pending = [...this.engines.values()].map((engine) => engine.registerOrRecord(model));
    return handled(
      Promise.all(pending).then((errors) => {
        const first = errors.find((e) => e !== null);
        if (first) throw first;
      }),
    );
  }

  getDbByMessage(msg: IncomingMessage): Promise<DatabaseEngine> {
    return this.getDb(this.dbIdOf(msg));
  }

  getDb(id: string): Promise<DatabaseEngine> {
    try {
      checkId(id);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    // while opening (models being registered), everyone waits for the same promise
    let pending = this.opening.get(id);
    if (pending) return pending;
    const open = this.engines.get(id);
    if (open && !open.closed) {
      this.touch(id, open);
      return Promise.resolve(open);
    }
    {
      pending = this.open(id);
      this.opening.set(id, pending);
      // a failure is not cached: the next command retries (the operator may have fixed the file)
      const clear = (): void => void this.opening.delete(id);
      pending.then(clear, clear);
    }
    return pending;
  }

  private async open(id: string): Promise<DatabaseEngine> {
    const file = this.fileOf(id);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw new DatabaseError(`cannot create the directory for database "${id}": ${(err as Error).message}`);
    }
    const logger = this.options.logger;
    let engine: DatabaseEngine;
    const onReopen = (): void => {
      const current = this.engines.get(id);
      if (current === undefined) return;
      this.touch(id, current);
      this.enforceBudget(current);
    };
    try {
      engine = await this.factory({ id, file, logger, onReopen });
    } catch (err) {
      logger.error({ db: id, file, err }, `database "${id}" cannot be opened`);
      throw withFdHint(err, this.maxOpen);
    }
    // in the map first, so a model registered while the others are applied reaches it too
    this.engines.delete(id);
    this.engines.set(id, engine);
    this.enforceBudget(engine);
    for (const model of [...this.models.values()])
      if (!engine.isRegistered(model)) await engine.registerOrRecord(model);
    return engine;
  }

  /** Every database (open or not), global first: the files in the data dir, or the engine's list. */
  async list(): Promise<DatabaseFileInfo[]> {
    const listed = this.options.listDatabases;
    if (listed !== undefined)
      return (await listed()).map((d) => {
        const engine = this.engines.get(d.id);
        return { ...d, open: Boolean(engine && !engine.closed) };
      });
    const found: { id: string; file: string }[] = [];
    const globalFile = path.join(this.options.dataDir, 'global.sqlite');
    found.push({ id: GLOBAL_DB, file: globalFile });
    let names: string[] = [];
    try {
      names = await readdir(this.guildsDir);
    } catch {
      names = [];
    }
    for (const name of names.sort()) {
      if (!name.endsWith('.sqlite')) continue;
      const id = name.slice(0, -'.sqlite'.length);
      if (ID.test(id) && !id.includes('..')) found.push({ id, file: path.join(this.guildsDir, name) });
    }
    const sizeOf = async (file: string): Promise<number | null> => {
      try {
        return (await stat(file)).size;
      } catch {
        return null;
      }
    };
    const out: DatabaseFileInfo[] = [];
    for (const { id, file } of found) {
      const size = await sizeOf(file);
      if (size === null) continue;
      const wal = (await sizeOf(`${file}-wal`)) ?? 0;
      const engine = this.engines.get(id);
      out.push({ id, file, size: size + wal, open: Boolean(engine && !engine.closed) });
    }
    return out;
  }

  /** Closes every open database (the bot calls this last at shutdown). The manager can open them again later. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.opening.values()]);
    const engines = [...this.engines.values()];
    this.engines.clear();
    const results = await Promise.allSettled(engines.map((e) => e.close()));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        this.options.logger.error({ db: engines[i]!.id, err: r.reason }, 'closing a database failed');
    });
    try {
      await this.options.afterClose?.();
    } catch (err) {
      this.options.logger.error({ err }, 'closing the database server connection failed');
    }
  }
}

/** Running out of file descriptors says so, with what to change. */
function withFdHint(err: unknown, maxOpen: number): unknown {
  const text = String((err as Error)?.message ?? '');
  if (!/EMFILE|ENFILE|too many open files|unable to open database file/i.test(text)) return err;
  if (err instanceof DatabaseError)
    err.message += ` (if the process ran out of file descriptors: lower database.maxOpen, now ${maxOpen}, or raise the open-file limit, ulimit -n)`;
  return err;
}

/** Marks a promise as handled (so not awaiting it is no unhandled rejection) and returns it. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
