import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, inject, it } from 'vitest';
import type { DatabaseEngine } from '../../src/main/runtime/database/engine';
import { PostgresEngine } from '../../src/main/runtime/database/engines/postgres-engine';
import { PostgresServer } from '../../src/main/runtime/database/engines/postgres-server';
import type { IncomingMessage } from '../../src/main/runtime/adapters/types';
import { DatabaseManager } from '../../src/main/runtime/database/database-manager';
import {
  SqliteEngine,
  type SqliteEngineOptions,
} from '../../src/main/runtime/database/engines/sqlite-engine';
import { createLogging, type Logging } from '../../src/main/runtime/logging/logging';
import type { LogLevel } from '../../src/shared/dto/log';
import type { Network } from '../../src/shared/dto/status';

export interface Opened {
  logging: Logging;
  /** SQL statements logged so far (debug level), oldest first. */
  sql(): { sql: string; ms: number; fields: Record<string, unknown> }[];
}

/**
 * The SQL logged so far. `schema` (PostgreSQL) is taken out of table names and `$n` becomes
 * `?`, so assertions on statement text hold for both engines where the statements agree.
 */
function sqlOf(logging: Logging, schema?: string): Opened['sql'] {
  const normalise = (sql: string): string =>
    schema === undefined ? sql : sql.replaceAll(`"${schema}".`, '').replace(/\$\d+/g, '?');
  return () =>
    logging.ring
      .tail(logging.ring.capacity)
      .filter((e) => e.msg === 'sql')
      .map((e) => ({
        sql: normalise(String(e.fields?.sql)),
        ms: Number(e.fields?.ms),
        fields: e.fields ?? {},
      }));
}

export type EngineKind = 'sqlite' | 'postgres';

/** The test cluster's URL (vitest globalSetup), or null with the reason there is none. */
export function postgresUrl(): { url: string | null; reason: string | null } {
  return inject('postgres') ?? { url: null, reason: 'the PostgreSQL globalSetup did not run' };
}

/**
 * The engines a parametrised suite runs on: SQLite always, PostgreSQL when the test cluster
 * (or PROTOS_PG_URL) is there. Without it the PostgreSQL half is reported as a skipped test
 * and a warning naming the reason — never passed silently.
 */
export function engineKinds(): EngineKind[] {
  const pg = postgresUrl();
  if (pg.url !== null) return ['sqlite', 'postgres'];
  console.warn(`[postgres] SKIPPING the PostgreSQL half of this suite: ${pg.reason}`);
  it.skip(`postgres engine: ${pg.reason}`, () => undefined);
  return ['sqlite'];
}

let server: PostgresServer | null = null;
function sharedServer(): PostgresServer {
  const { url, reason } = postgresUrl();
  if (url === null) throw new Error(`no PostgreSQL server for this test: ${reason}`);
  if (server === null) {
    server = new PostgresServer({
      url,
      logger: createLogging({ level: 'warn', console: false }).child('database'),
      maxConnections: 8,
    });
    const s = server;
    afterAll(async () => {
      await s.close();
      if (server === s) server = null;
    });
  }
  return server;
}

/** The server the PostgreSQL test engines of this file share (the pool is closed after the file). */
export function testServer(): PostgresServer {
  return sharedServer();
}

/** Temp dirs and engines/managers that are closed and removed after each test. */
type EngineOptions = Partial<SqliteEngineOptions> & { level?: LogLevel };
export function useDatabases(): Omit<ReturnType<typeof databases>, 'engine'> & {
  engine(options?: EngineOptions): SqliteEngine & Opened;
};
/** The same for a parametrised suite: `engine()` is of the given kind. */
export function useDatabases(kind: EngineKind): Omit<ReturnType<typeof databases>, 'engine'> & {
  engine(options?: EngineOptions): (SqliteEngine | PostgresEngine) & Opened;
};
export function useDatabases(kind: EngineKind = 'sqlite') {
  return databases(kind);
}

function databases(kind: EngineKind) {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const tmpDir = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-db-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  return {
    tmpDir,
    /** An engine (SQLite: in memory unless `file` is given; PostgreSQL: a fresh schema) with its logging. */
    engine(options: EngineOptions = {}): DatabaseEngine & Opened {
      const logging = createLogging({ level: options.level ?? 'debug', console: false });
      if (kind === 'postgres') {
        const pg = sharedServer();
        // a `file` names a database that outlives its engine: the same file, the same schema
        const schema = `t_${options.file ? createHash('sha256').update(options.file).digest('hex').slice(0, 12) : randomBytes(6).toString('hex')}`;
        const engine = new PostgresEngine({
          id: options.id ?? 'test',
          server: pg,
          schema,
          logger: logging.child('database'),
          transactionTimeoutMs: options.transactionTimeoutMs,
          closeTimeoutMs: options.closeTimeoutMs,
        });
        closers.push(async () => {
          await engine.close();
          await pg.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        });
        return Object.assign(engine, { logging, sql: sqlOf(logging, schema) });
      }
      const engine = SqliteEngine.open({
        id: 'test',
        file: ':memory:',
        ...options,
        logger: logging.child('database'),
      });
      closers.push(() => engine.close());
      return Object.assign(engine, { logging, sql: sqlOf(logging) });
    },
    /** A manager over a fresh data dir. */
    manager(
      options: { dataDir?: string; level?: LogLevel } = {},
    ): { manager: DatabaseManager; dataDir: string } & Opened {
      const dataDir = options.dataDir ?? tmpDir();
      const logging = createLogging({ level: options.level ?? 'debug', console: false });
      const manager = new DatabaseManager({ dataDir, logger: logging.child('database') });
      closers.push(() => manager.close());
      return { manager, dataDir, logging, sql: sqlOf(logging) };
    },
  };
}

let nextId = 1;

/** A message as an adapter would deliver it (console: the `console` pseudo-guild). */
export function messageFrom(network: Network, guildId: string | null): IncomingMessage {
  return {
    id: `m${nextId++}`,
    network,
    adapterId: network,
    text: '',
    author: { id: 'u1', name: 'user', displayName: 'User', mention: null },
    channel: { id: 'c1', name: 'general' },
    guild: guildId === null ? null : { id: guildId, name: guildId },
    isPrivate: guildId === null,
    mentionsBot: false,
    rank: 10,
    attachments: [],
    receivedAt: Date.now(),
    native: null,
  };
}
