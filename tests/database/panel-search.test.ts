// The Database view's search and sort, done by the engine (SQLite and PostgreSQL alike): any
// column's text contains the search (case-insensitive, wildcards taken literally, never SQL),
// one column sorts in either direction with table order breaking ties, paging stays consistent,
// a column the table lacks is refused. Then the same through the `database.rows` contract.
import { describe, expect, it } from 'vitest';
import { IntegerField, QueryError, TextField, defineModel } from '../../src/main/runtime/cmdsys/api/index';
import type { SqliteEngine } from '../../src/main/runtime/database/engines/sqlite-engine';
import { useHarnesses } from '../support/cmdsys-harness';
import { testApi } from '../support/test-bot';
import { engineKinds, useDatabases, type EngineKind } from './support';

const Player = defineModel('Player', {
  name: TextField(),
  team: TextField({ null: true }),
  score: IntegerField(),
});

const PLAYERS = [
  { name: 'Ann', team: 'red', score: 30 },
  { name: 'bob', team: 'Blue', score: 10 },
  { name: 'Cleo', team: null, score: 20 },
  { name: '100%_sure', team: 'red', score: 10 },
  { name: "O'Brien", team: 'blue', score: 40 },
  { name: 'dave', team: 'RED', score: 10 },
];

describe.each(engineKinds())('Database view search and sort, %s engine', (kind: EngineKind) => {
  const { engine } = useDatabases(kind);

  async function filled() {
    const db = engine();
    await db.register(Player);
    await db.insertMany(Player, PLAYERS);
    return db;
  }
  const names = (rows: unknown[][]) => rows.map((r) => r[1]);

  it('finds rows where any column contains the search, ignoring case, and counts them', async () => {
    const db = await filled();
    const red = await db.inspectRows('Player', 0, 100, { search: 'RED' });
    expect(names(red.rows)).toEqual(['Ann', '100%_sure', 'dave']);
    expect(red).toMatchObject({ total: 3, tableTotal: 6 });
    // numbers are searched as text too
    expect(names((await db.inspectRows('Player', 0, 100, { search: '40' })).rows)).toEqual(["O'Brien"]);
    // no search: every row, no tableTotal
    const all = await db.inspectRows('Player', 0, 100, { search: '   ' });
    expect(all.total).toBe(6);
    expect(all.tableTotal).toBeUndefined();
  });

  it('takes wildcards and quotes literally (a search is a value, never SQL)', async () => {
    const db = await filled();
    expect(names((await db.inspectRows('Player', 0, 100, { search: '%_' })).rows)).toEqual(['100%_sure']);
    expect(names((await db.inspectRows('Player', 0, 100, { search: '_' })).rows)).toEqual(['100%_sure']);
    expect(names((await db.inspectRows('Player', 0, 100, { search: "o'b" })).rows)).toEqual(["O'Brien"]);
    const injected = await db.inspectRows('Player', 0, 100, { search: "' OR 1=1 --" });
    expect(injected.total).toBe(0);
    expect((await db.inspectRows('Player', 0, 100)).total).toBe(6);
  });

  it('sorts by a column either way, ties in table order, and pages through the sorted rows', async () => {
    const db = await filled();
    const asc = await db.inspectRows('Player', 0, 100, { sort: { column: 'score', dir: 'asc' } });
    expect(names(asc.rows)).toEqual(['bob', '100%_sure', 'dave', 'Cleo', 'Ann', "O'Brien"]);
    const desc = await db.inspectRows('Player', 0, 100, { sort: { column: 'score', dir: 'desc' } });
    expect(names(desc.rows)).toEqual(["O'Brien", 'Ann', 'Cleo', 'bob', '100%_sure', 'dave']);
    const pages: unknown[] = [];
    for (let offset = 0; offset < 6; offset += 4) {
      const page = await db.inspectRows('Player', offset, 4, { sort: { column: 'score', dir: 'asc' } });
      pages.push(...names(page.rows));
    }
    expect(pages).toEqual(names(asc.rows));
    const both = await db.inspectRows('Player', 0, 100, {
      search: 'red',
      sort: { column: 'name', dir: 'desc' },
    });
    expect(both.total).toBe(3);
    expect(new Set(names(both.rows))).toEqual(new Set(['Ann', '100%_sure', 'dave']));
  });

  it('refuses a sort column the table does not have, and an over-long search', async () => {
    const db = await filled();
    await expect(db.inspectRows('Player', 0, 10, { sort: { column: 'nope', dir: 'asc' } })).rejects.toThrow(
      QueryError,
    );
    await expect(
      db.inspectRows('Player', 0, 10, { sort: { column: 'score" DESC; DROP TABLE "Player', dir: 'asc' } }),
    ).rejects.toThrow(/has no column/);
    await expect(db.inspectRows('Player', 0, 10, { search: 'x'.repeat(201) })).rejects.toThrow(QueryError);
    expect((await db.inspectRows('Player', 0, 10)).total).toBe(6);
  });
});

describe('database.rows search and sort over the contract', () => {
  const start = useHarnesses();

  it('passes search and sort to the engine and maps bad input to clear errors', async () => {
    const h = await start();
    const api = testApi(h.bot);
    try {
      const db = (await h.bot.database.getDb('console')) as SqliteEngine;
      await db.register(Player);
      await db.insertMany(Player, PLAYERS);
      const call = (input: unknown) => api.router.call('database.rows', input, { transport: 'test' });
      const found = await call({
        db: 'console',
        table: 'Player',
        search: 'blue',
        sort: { column: 'score', dir: 'desc' },
      });
      expect(found).toMatchObject({ ok: true, data: { total: 2, tableTotal: 6, offset: 0 } });
      expect((found as { data: { rows: unknown[][] } }).data.rows.map((r) => r[1])).toEqual([
        "O'Brien",
        'bob',
      ]);
      const code = async (input: unknown) => {
        const r = await call(input);
        return r.ok ? 'ok' : r.error.code;
      };
      expect(await code({ db: 'console', table: 'Player', sort: { column: 'nope' } })).toBe('NOT_FOUND');
      expect(await code({ db: 'console', table: 'Player', sort: { column: 'score', dir: 'sideways' } })).toBe(
        'BAD_REQUEST',
      );
      expect(await code({ db: 'console', table: 'Player', search: 'x'.repeat(201) })).toBe('BAD_REQUEST');
      expect(await code({ db: 'console', table: 'Player', sort: { column: 'score' } })).toBe('ok');
    } finally {
      api.dispose();
    }
  });
});
