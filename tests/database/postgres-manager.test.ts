// The PostgreSQL engine behind the DatabaseManager, as the bot builds it from config
// (database.engine = "postgres"): one schema per guild plus the global one on a shared server,
// models registered everywhere, the connection URL (a secret) never in logs or error messages,
// and an unreachable server reported clearly while the bot stays up.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { DatabaseManager } from '../../src/main/runtime/database/database-manager';
import { managerOptionsFor } from '../../src/main/runtime/database/engine-choice';
import { idOfSchemaName, schemaNameOf } from '../../src/main/runtime/database/engines/postgres-dialect';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { ConfigSchema } from '../../src/shared/config/schema';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useHarnesses } from '../support/cmdsys-harness';
import { REPO_ROOT } from '../support/run-cli';
import { engineKinds, messageFrom, postgresUrl, testServer, useDatabases } from './support';

const { tmpDir } = useDatabases();
const start = useHarnesses();
const Score = defineModel('Score', { player: TextField(), points: IntegerField() });
const PASSWORD = 'pw-never-shown-7d1e';

/** The cluster's URL with a password in it (trust auth ignores it) so leaks can be looked for. */
function urlWithPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

function managerFor(url: string) {
  const logging = createLogging({ level: 'debug', console: false });
  const logger = logging.child('database');
  const manager = new DatabaseManager({
    dataDir: tmpDir(),
    logger,
    ...managerOptionsFor(
      { engine: 'postgres', postgres: { url, maxConnections: 4, schemaPrefix: 'protos_' }, maxOpen: null },
      logger,
    ),
  });
  const logText = () => JSON.stringify(logging.ring.tail(logging.ring.capacity));
  return { manager, logText };
}

describe('config', () => {
  it('database.engine defaults to sqlite; postgres needs database.postgres.url, which is a secret', async () => {
    expect(ConfigSchema.parse({}).database.engine).toBe('sqlite');
    const refused = ConfigSchema.safeParse({ database: { engine: 'postgres' } });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toMatch(/database.postgres.url is not set/);
    const ok = ConfigSchema.parse({
      database: { engine: 'postgres', postgres: { url: 'postgres://x@h/db' } },
    });
    expect(ok.database.postgres).toEqual({
      url: 'postgres://x@h/db',
      maxConnections: 10,
      schemaPrefix: 'protos_',
    });
    expect(ConfigSchema.safeParse({ database: { postgres: { schemaPrefix: 'Bad"; --' } } }).success).toBe(
      false,
    );
    const { secretPathsIn } = await import('../../src/shared/config/secret-paths');
    expect(secretPathsIn(ok, { onlySet: true })).toContain('database.postgres.url');
  });

  it('schema names: one per database id, distinct, safe, within 63 bytes', () => {
    const ids = ['global', 'console', 'discord-123', 'discord_123', 'irc-libera~2ex', 'x'.repeat(200)];
    const names = ids.map((id) => schemaNameOf(id));
    expect(new Set(names).size).toBe(ids.length);
    for (const n of names) expect(n).toMatch(/^protos_[A-Za-z0-9_]{1,56}$/);
    expect(names.slice(0, 3)).toEqual(['protos_global', 'protos_console', 'protos_discord_2d123']);
    // and back, for the panel's list; other schemas and hashed names are not ids
    expect(names.slice(0, 5).map((n) => idOfSchemaName(n))).toEqual(ids.slice(0, 5));
    expect(idOfSchemaName(names[5]!)).toBeNull();
    expect(idOfSchemaName('public')).toBeNull();
    expect(idOfSchemaName('protos_a_zz')).toBeNull();
  });
});

describe.each(engineKinds().filter((k) => k === 'postgres'))('DatabaseManager on %s', () => {
  it('each guild and the global database are schemas of their own; data stays apart', async () => {
    const { manager, logText } = managerFor(urlWithPassword(postgresUrl().url!));
    try {
      await manager.registerModel(Score);
      const guild = `g${Date.now()}`;
      const a = await manager.getDbByMessage(messageFrom('discord', `${guild}a`));
      const b = await manager.getDbByMessage(messageFrom('discord', `${guild}b`));
      const global = await manager.getDb('global');
      for (const [db, player] of [
        [a, 'ann'],
        [b, 'bob'],
        [global, 'gus'],
      ] as const) {
        const s = await db.new(Score);
        Object.assign(s, { player, points: 1 });
        await s.save();
      }
      expect((await a.query(Score).all()).map((s) => s.player)).toEqual(['ann']);
      expect((await b.query(Score).all()).map((s) => s.player)).toEqual(['bob']);
      expect(await global.query(Score).filter({ player: 'gus' }).count()).toBe(1);
      expect(a.kind).toBe('postgres');
      // the panel's list and table views work on the server's schemas
      const listed = await manager.list();
      expect(listed[0]).toMatchObject({ id: 'global', open: true });
      expect(listed.map((d) => d.id)).toEqual(
        expect.arrayContaining([`discord-${guild}a`, `discord-${guild}b`]),
      );
      expect(listed.find((d) => d.id === `discord-${guild}a`)!.file).toMatch(/schema protos_discord_2d/);
      expect(JSON.stringify(listed)).not.toContain(PASSWORD);
      const [table] = await a.inspectTables();
      expect(table).toMatchObject({ name: 'Score', rows: 1, modelVersion: 1 });
      expect((await a.inspectRows('Score', 0, 10)).rows).toEqual([[1, 'ann', 1]]);
      expect((await a.integrityCheck()).ok).toBe(true);
      expect(logText()).not.toContain(PASSWORD);
      for (const db of [a, b]) await db.query(Score).delete();
      for (const id of [`discord-${guild}a`, `discord-${guild}b`])
        await testServer().pool.query(`DROP SCHEMA "${schemaNameOf(id)}" CASCADE`);
    } finally {
      await manager.close();
    }
  });

  it('an unreachable server: a clear DatabaseUnavailableError without the password; the bot stays up', async () => {
    // a port nobody listens on
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { manager, logText } = managerFor(`postgres://protos:${PASSWORD}@127.0.0.1:${port}/postgres`);
    try {
      const db = await manager.getDb('console');
      const err = await db.register(Score).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect(err!.message).toMatch(
        /PostgreSQL server at postgres:\/\/protos:\*\*\*@127\.0\.0\.1:\d+\/postgres cannot be reached/,
      );
      expect(err!.message).not.toContain(PASSWORD);
      expect((err as DatabaseUnavailableError).userMessage).not.toContain('127.0.0.1');
      expect(logText()).not.toContain(PASSWORD);
    } finally {
      await manager.close();
    }
  });

  it('the bot with database.engine = "postgres": commands/car.ts works per guild, schemas under the prefix', async () => {
    const prefix = `ex${Date.now().toString(36)}_`;
    const h = await start({
      files: { 'car.ts': readFileSync(path.join(REPO_ROOT, 'commands', 'car.ts'), 'utf8') },
      configOverrides: {
        'database.engine': 'postgres',
        'database.postgres.url': urlWithPassword(postgresUrl().url!),
        'database.postgres.schemaPrefix': prefix,
      },
    });
    try {
      expect(await h.run('car add Roadster 300')).toEqual(['Added car #1: Roadster, 300 hp.']);
      expect(await h.run('car add Beetle 50')).toEqual(['Added car #2: Beetle, 50 hp.']);
      expect(await h.run('car scrap 100')).toEqual(['Scrapped 1 car.']);
      expect(await h.run('car find 1')).toEqual(['No car with serial number 1.']);
      expect(await h.run('car find 2')).toEqual(['Found car #2: Beetle, 50 hp.']);
      // another guild, another schema
      expect(await h.chat('car find 2').done()).toEqual(['No car with serial number 2.']);
      expect(await h.chat('car add Kart 5').done()).toEqual(['Added car #1: Kart, 5 hp.']);
      const schemas = await testServer().pool.query<{ nspname: string }>(
        'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY nspname',
        [prefix],
      );
      expect(schemas.rows.map((r) => r.nspname)).toContain(`${prefix}console`);
      expect((await h.bot.database.list()).map((d) => d.id)).toContain('console');
    } finally {
      const schemas = await testServer().pool.query<{ nspname: string }>(
        'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
        [prefix],
      );
      for (const { nspname } of schemas.rows)
        await testServer().pool.query(`DROP SCHEMA "${nspname}" CASCADE`);
    }
  });
});
