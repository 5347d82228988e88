// The panel's read-only Database view over the contract: database.list (files with sizes),
// database.tables (row counts, columns), database.rows (pages of JSON-safe cells, limit ≤ 500),
// names checked against what exists — an unknown database or table is NOT_FOUND, never a new
// file or SQL.
import { describe, expect, it } from 'vitest';
import {
  BlobField,
  FloatField,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import type { SqliteEngine } from '../../src/main/runtime/database/engines/sqlite-engine';
import { testApi } from '../support/test-bot';
import { useHarnesses } from '../support/cmdsys-harness';

const start = useHarnesses();

const Thing = defineModel('Thing', {
  name: TextField(),
  n: IntegerField({ null: true }),
  x: FloatField({ null: true }),
  small: BlobField({ null: true }),
  big: BlobField({ null: true }),
});

async function setup() {
  const h = await start();
  const api = testApi(h.bot);
  const db = (await h.bot.database.getDb('console')) as SqliteEngine;
  await db.register(Thing);
  await db.insertMany(
    Thing,
    Array.from({ length: 120 }, (_, i) => ({
      name: `thing ${i}`,
      n: i,
      x: i === 1 ? Number.POSITIVE_INFINITY : i / 2,
      small: i === 0 ? Buffer.from('hi') : null,
      big: i === 0 ? Buffer.alloc(10_000, 1) : null,
    })),
  );
  db.execNow(`INSERT INTO "Thing" ("name", "n") VALUES ('huge', 9007199254740993)`);
  await h.bot.database.getDb('discord-42');
  const call = async (method: string, input: unknown) => {
    const result = await api.router.call(method, input, { transport: 'test' });
    return result;
  };
  return { h, api, call };
}

describe('the Database view contract', () => {
  it('database.list gives every database file with its size', async () => {
    const { call, api } = await setup();
    const result = await call('database.list', {});
    expect(result.ok).toBe(true);
    const { databases } = (result as { data: { databases: { id: string; size: number; open: boolean }[] } })
      .data;
    expect(databases.map((d) => d.id)).toEqual(['console', 'discord-42']);
    expect(databases.every((d) => d.size > 0 && d.open)).toBe(true);
    api.dispose();
  });

  it('database.tables gives the tables with row counts and columns', async () => {
    const { call, api } = await setup();
    const result = await call('database.tables', { db: 'console' });
    expect(result).toEqual({
      ok: true,
      data: {
        db: 'console',
        tables: [
          {
            name: 'Thing',
            rows: 121,
            columns: [
              { name: 'id', type: 'INTEGER', notNull: true, primaryKey: true },
              { name: 'name', type: 'TEXT', notNull: true, primaryKey: false },
              { name: 'n', type: 'INTEGER', notNull: false, primaryKey: false },
              { name: 'x', type: 'REAL', notNull: false, primaryKey: false },
              { name: 'small', type: 'BLOB', notNull: false, primaryKey: false },
              { name: 'big', type: 'BLOB', notNull: false, primaryKey: false },
            ],
            modelVersion: 1,
          },
        ],
      },
    });
    api.dispose();
  });

  it('database.rows pages through rows as JSON-safe values', async () => {
    const { call, api } = await setup();
    const first = await call('database.rows', { db: 'console', table: 'Thing', limit: 2 });
    expect(first).toEqual({
      ok: true,
      data: {
        db: 'console',
        table: 'Thing',
        columns: ['id', 'name', 'n', 'x', 'small', 'big'],
        rows: [
          [
            1,
            'thing 0',
            0,
            0,
            { blob: { size: 2, base64: 'aGk=' } },
            { blob: { size: 10_000, base64: null } },
          ],
          [2, 'thing 1', 1, 'Infinity', null, null],
        ],
        offset: 0,
        total: 121,
      },
    });
    const last = await call('database.rows', { db: 'console', table: 'Thing', offset: 120, limit: 500 });
    expect((last as { data: { rows: unknown[][] } }).data.rows).toEqual([
      [121, 'huge', '9007199254740993', null, null, null],
    ]);
    const page = await call('database.rows', { db: 'console', table: 'Thing', offset: 100 });
    expect((page as { data: { rows: unknown[][] } }).data.rows).toHaveLength(21);
    api.dispose();
  });

  it('refuses unknown databases and tables, bad names and pages over 500 rows', async () => {
    const { call, api, h } = await setup();
    const code = async (method: string, input: unknown) => {
      const r = await call(method, input);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code('database.tables', { db: 'discord-999' })).toBe('NOT_FOUND');
    expect(await code('database.tables', { db: '../secrets' })).toBe('BAD_REQUEST');
    expect(await code('database.rows', { db: 'console', table: 'Nope' })).toBe('NOT_FOUND');
    expect(await code('database.rows', { db: 'console', table: 'Thing"; DROP TABLE "Thing' })).toBe(
      'NOT_FOUND',
    );
    expect(await code('database.rows', { db: 'console', table: 'sqlite_schema' })).toBe('NOT_FOUND');
    expect(await code('database.rows', { db: 'console', table: 'Thing', limit: 501 })).toBe('BAD_REQUEST');
    expect(await code('database.rows', { db: 'console', table: 'Thing', offset: -1 })).toBe('BAD_REQUEST');
    expect((await h.bot.database.list()).map((d) => d.id)).toEqual(['console', 'discord-42']);
    api.dispose();
  });

  it('database.integrityCheck reports a sound database as ok, and refuses unknown ones', async () => {
    const { call, api } = await setup();
    const result = await call('database.integrityCheck', { db: 'console' });
    expect(result).toMatchObject({ ok: true, data: { db: 'console', ok: true, problems: [] } });
    const unknown = await call('database.integrityCheck', { db: 'discord-999' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
    api.dispose();
  });
});
