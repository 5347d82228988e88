// The PostgreSQL server goes away while the bot runs (a cluster of this test's own, stopped and
// started again): operations fail with a clear DatabaseUnavailableError that names no password,
// nothing throws past them, and once the server is back the same engine works again.
import { afterAll, describe, expect, it } from 'vitest';
import {
  DatabaseUnavailableError,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { PostgresEngine } from '../../src/main/runtime/database/engines/postgres-engine';
import { PostgresServer } from '../../src/main/runtime/database/engines/postgres-server';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { postgresBinDir, startPostgresCluster } from '../support/postgres-cluster';
import { postgresUrl } from './support';

const Note = defineModel('Note', { text: TextField(), n: IntegerField() });
const PASSWORD = 'outage-pw-3f9a';

// needs server binaries of its own (PROTOS_PG_URL alone cannot be stopped and started)
const reason =
  postgresUrl().url === null
    ? postgresUrl().reason
    : postgresBinDir() === null
      ? 'no PostgreSQL server binaries to start a cluster of its own'
      : null;
if (reason !== null) console.warn(`[postgres] SKIPPING the outage test: ${reason}`);

describe.skipIf(reason !== null)('PostgreSQL server outage', () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('fails clearly while the server is down, and works again once it is back', async () => {
    const saved = process.env.PROTOS_PG_URL;
    delete process.env.PROTOS_PG_URL;
    const cluster = await startPostgresCluster();
    if (saved !== undefined) process.env.PROTOS_PG_URL = saved;
    if (cluster.url === null || cluster.outage === null)
      throw new Error(`no cluster: ${JSON.stringify(cluster)}`);
    closers.push(() => cluster.stop());
    const url = new URL(cluster.url);
    url.password = PASSWORD;
    const logging = createLogging({ level: 'debug', console: false });
    const server = new PostgresServer({
      url: url.toString(),
      logger: logging.child('database'),
      maxConnections: 2,
      connectTimeoutMs: 2000,
    });
    closers.push(() => server.close());
    const db = new PostgresEngine({ id: 'console', server, logger: logging.child('database') });
    await db.register(Note);
    const add = async (text: string): Promise<void> => {
      const note = await db.new(Note);
      Object.assign(note, { text, n: 1 });
      await note.save();
    };
    await add('before');

    cluster.outage.down();
    for (const attempt of [
      () => add('during'),
      () => db.query(Note).count(),
      () => db.transaction(async () => 1),
    ]) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect(err!.message).toMatch(
        /PostgreSQL server at postgres:\/\/protos:\*\*\*@127\.0\.0\.1:\d+\/postgres cannot be reached/,
      );
      expect(err!.message).not.toContain(PASSWORD);
    }

    cluster.outage.up();
    await add('after');
    expect((await db.query(Note).orderBy('id').all()).map((n) => n.text)).toEqual(['before', 'after']);
    expect(JSON.stringify(logging.ring.tail(logging.ring.capacity))).not.toContain(PASSWORD);
    await db.close();
  }, 60_000);
});
