import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
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

function sqlOf(logging: Logging): Opened['sql'] {
  return () =>
    logging.ring
      .tail(logging.ring.capacity)
      .filter((e) => e.msg === 'sql')
      .map((e) => ({ sql: String(e.fields?.sql), ms: Number(e.fields?.ms), fields: e.fields ?? {} }));
}

/** Temp dirs and engines/managers that are closed and removed after each test. */
export function useDatabases() {
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
    /** An engine (in memory unless `file` is given) with its logging. */
    engine(options: Partial<SqliteEngineOptions> & { level?: LogLevel } = {}): SqliteEngine & Opened {
      const logging = createLogging({ level: options.level ?? 'debug', console: false });
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
