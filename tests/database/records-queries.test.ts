// Records (new → unbound, save → INSERT and bound, save again → UPDATE, delete only when bound)
// and lazy queries (filters, shorthand, order, limit/offset, first/count/all, iteration, bulk
// delete with its fallback), insertMany, prepared-statement caching and SQL logging.
import { describe, expect, it } from 'vitest';
import {
  And,
  DatabaseError,
  Eq,
  Ge,
  Gt,
  In,
  IntegerField,
  IsNull,
  Le,
  Like,
  Lt,
  Ne,
  Not,
  Or,
  Query,
  QueryError,
  StaleRecordError,
  TextField,
  UnboundRecordError,
  ValidationError,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { SESSION } from '../../src/main/runtime/database/model';
import type { SqliteEngine } from '../../src/main/runtime/database/engines/sqlite-engine';
import type { QueryPlan, Session } from '../../src/main/runtime/database/session';
import { engineKinds, useDatabases } from './support';

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  const Pet = defineModel('Pet', {
    name: TextField(),
    kind: TextField(),
    age: IntegerField(),
    owner: TextField({ null: true }),
  });

  const PETS = [
    { name: 'Rex', kind: 'dog', age: 3, owner: 'ann' },
    { name: 'Tom', kind: 'cat', age: 7, owner: null },
    { name: 'Kim', kind: 'cat', age: 1, owner: 'bob' },
    { name: 'Ace', kind: 'dog', age: 12, owner: 'ann' },
    { name: 'Zoe', kind: 'fish', age: 1, owner: null },
  ];

  async function pets() {
    const db = engine();
    await db.register(Pet);
    await db.insertMany(Pet, PETS);
    return db;
  }

  const names = (rows: { name: string }[]): string[] => rows.map((r) => r.name);

  describe('records', () => {
    it('new() gives an unbound instance; save() inserts and binds it; save() again updates', async () => {
      const db = await pets();
      const p = await db.new(Pet);
      expect(p.isBound).toBe(false);
      Object.assign(p, { name: 'Max', kind: 'dog', age: 2 });
      await p.save();
      expect(p.isBound).toBe(true);
      expect(p.id).toBe(6);
      p.age = 3;
      await p.save();
      expect(await db.query(Pet).count()).toBe(6);
      expect((await db.query(Pet).filter({ id: 6 }).first())!.age).toBe(3);
    });

    it('delete() works on bound records only, with a clear error otherwise', async () => {
      const db = await pets();
      const p = await db.new(Pet);
      await expect(p.delete()).rejects.toThrow(UnboundRecordError);
      await expect(p.delete()).rejects.toThrow(/cannot delete this Pet: it is not stored in the database/);
      const rex = (await db.query(Pet).filter({ name: 'Rex' }).first())!;
      await rex.delete();
      expect(rex.isBound).toBe(false);
      await expect(rex.delete()).rejects.toThrow(UnboundRecordError);
      // saving a deleted record inserts it again
      await rex.save();
      expect(await db.query(Pet).filter({ name: 'Rex' }).count()).toBe(1);
    });

    it('an update of a row deleted meanwhile is a StaleRecordError', async () => {
      const db = await pets();
      const a = (await db.query(Pet).filter({ name: 'Tom' }).first())!;
      const b = (await db.query(Pet).filter({ name: 'Tom' }).first())!;
      await b.delete();
      a.age = 8;
      await expect(a.save()).rejects.toThrow(StaleRecordError);
    });

    it('an instance made with the constructor needs attach() before save()', async () => {
      const db = await pets();
      const p = new Pet();
      Object.assign(p, { name: 'Loose', kind: 'cat', age: 4 });
      await expect(p.save()).rejects.toThrow(/belongs to no database/);
      db.attach(p);
      await p.save();
      expect(p.isBound).toBe(true);
    });

    it('a model that is not registered on the database is a clear error', async () => {
      const db = engine();
      expect(() => db.query(Pet)).toThrow(/model Pet is not registered on database test: call/);
      await expect(db.new(Pet)).rejects.toThrow(DatabaseError);
    });

    it('the pre-creation hooks run in new(): the model’s onCreate and the engine’s hooks', async () => {
      class Stamped extends defineModel('Stamped', { note: TextField(), made: IntegerField() }) {
        async onCreate() {
          this.made = 42;
        }
      }
      const db = engine();
      await db.register(Stamped);
      const off = db.addCreateHook((record) => {
        (record as Stamped).note = 'hooked';
      });
      const s = await db.new(Stamped);
      expect([s.made, s.note]).toEqual([42, 'hooked']);
      off();
      expect((await db.new(Stamped)).note).toBeUndefined();
    });
  });

  describe('queries', () => {
    it('are lazy: nothing runs until first use, then the records are cached until changed', async () => {
      const db = await pets();
      const before = db.sql().length;
      const q = db.query(Pet).filter({ kind: 'cat' });
      expect(db.sql().length).toBe(before);
      expect(q.loaded).toBe(false);
      const first = await q.all();
      expect(names(first)).toEqual(['Tom', 'Kim']);
      expect(await q.all()).toBe(first);
      expect(db.sql().length).toBe(before + 1);
      q.filter(Gt('age', 5));
      expect(names(await q.all())).toEqual(['Tom']);
    });

    it('support every filter object and the shorthand', async () => {
      const db = await pets();
      const run = async (...f: Parameters<Query<InstanceType<typeof Pet>>['filter']>) =>
        names(
          await db
            .query(Pet)
            .filter(...f)
            .orderBy('name')
            .all(),
        );
      expect(await run({ kind: 'dog' })).toEqual(['Ace', 'Rex']);
      expect(await run({ kind: 'dog', age: 3 })).toEqual(['Rex']);
      expect(await run({ owner: null })).toEqual(['Tom', 'Zoe']);
      expect(await run(Eq('age', 1))).toEqual(['Kim', 'Zoe']);
      expect(await run(Ne('owner', 'ann'))).toEqual(['Kim', 'Tom', 'Zoe']); // NULL-safe
      expect(await run(Ne('owner', null))).toEqual(['Ace', 'Kim', 'Rex']);
      expect(await run(Gt('age', 3))).toEqual(['Ace', 'Tom']);
      expect(await run(Ge('age', 3))).toEqual(['Ace', 'Rex', 'Tom']);
      expect(await run(Lt('age', 3))).toEqual(['Kim', 'Zoe']);
      expect(await run(Le('age', 3))).toEqual(['Kim', 'Rex', 'Zoe']);
      expect(await run(In('kind', ['cat', 'fish']))).toEqual(['Kim', 'Tom', 'Zoe']);
      expect(await run(In('owner', ['bob', null]))).toEqual(['Kim', 'Tom', 'Zoe']);
      expect(await run(In('kind', []))).toEqual([]);
      expect(await run(Like('name', '_o%'))).toEqual(['Tom', 'Zoe']);
      expect(await run(IsNull('owner'))).toEqual(['Tom', 'Zoe']);
      expect(await run(And(Eq('kind', 'dog'), Gt('age', 5)))).toEqual(['Ace']);
      expect(await run(Or(Eq('kind', 'fish'), Gt('age', 10)))).toEqual(['Ace', 'Zoe']);
      expect(await run(Not(Eq('kind', 'cat')))).toEqual(['Ace', 'Rex', 'Zoe']);
      expect(await run(And())).toHaveLength(5);
      expect(await run(Or())).toEqual([]);
      expect(await run({ kind: 'cat' }, Gt('age', 2))).toEqual(['Tom']);
      // chained filters are ANDed
      expect(names(await db.query(Pet).filter({ kind: 'cat' }).filter(Lt('age', 5)).all())).toEqual(['Kim']);
    });

    it('order, limit and offset', async () => {
      const db = await pets();
      const q = () => db.query(Pet).orderBy('age', 'desc').orderBy('name');
      expect(names(await q().all())).toEqual(['Ace', 'Tom', 'Rex', 'Kim', 'Zoe']);
      expect(names(await q().limit(2).all())).toEqual(['Ace', 'Tom']);
      expect(names(await q().offset(3).all())).toEqual(['Kim', 'Zoe']);
      expect(names(await q().limit(1).offset(2).all())).toEqual(['Rex']);
      expect(await q().limit(2).offset(1).count()).toBe(2);
      expect(() => db.query(Pet).limit(-1)).toThrow(QueryError);
      expect(() => db.query(Pet).offset(1.5)).toThrow(QueryError);
      expect(() => db.query(Pet).orderBy('age', 'sideways' as 'asc')).toThrow(QueryError);
    });

    it('first() and count() run small statements unless the query already ran', async () => {
      const db = await pets();
      const before = db.sql().length;
      expect((await db.query(Pet).orderBy('age').first())?.name).toMatch(/Kim|Zoe/);
      expect(await db.query(Pet).filter({ kind: 'nope' }).first()).toBeNull();
      expect(await db.query(Pet).filter({ kind: 'cat' }).count()).toBe(2);
      const statements = db
        .sql()
        .slice(before)
        .map((s) => s.sql);
      expect(statements[0]).toMatch(/ORDER BY "age" ASC LIMIT \?$/);
      expect(statements[2]).toBe('SELECT COUNT(*) FROM "Pet" WHERE "kind" = ?');
      const q = await db.query(Pet).load();
      const count = db.sql().length;
      expect(await q.count()).toBe(5);
      expect((await q.first())?.name).toBe('Rex');
      expect(db.sql().length).toBe(count);
    });

    it('iterate with for await; with for…of once loaded (and a clear error before)', async () => {
      const db = await pets();
      const seen: string[] = [];
      for await (const p of db.query(Pet).filter({ kind: 'dog' })) seen.push(p.name);
      expect(seen).toEqual(['Rex', 'Ace']);
      const q = db.query(Pet).filter({ kind: 'cat' });
      expect(() => [...q]).toThrow(/has not run yet: use "for await/);
      await q.load();
      expect([...q].map((p) => p.name)).toEqual(['Tom', 'Kim']);
    });

    it('records from a query are bound: they save and delete', async () => {
      const db = await pets();
      const tom = (await db.query(Pet).filter({ name: 'Tom' }).first())!;
      expect(tom.isBound).toBe(true);
      tom.owner = 'cyd';
      await tom.save();
      expect((await db.query(Pet).filter({ owner: 'cyd' }).first())?.name).toBe('Tom');
    });

    it('refuse unknown fields and values of the wrong type before any SQL exists', async () => {
      const db = await pets();
      const before = db.sql().length;
      const unknown = { colour: 'red' } as unknown as { name: string };
      expect(() => db.query(Pet).filter(unknown)).toThrow(
        /Pet has no field "colour" \(fields: id, name, kind, age, owner\)/,
      );
      expect(() => db.query(Pet).filter(Eq('nope' as 'name', 1))).toThrow(QueryError);
      expect(() => db.query(Pet).filter({ age: 'old' as unknown as number })).toThrow(
        /filter on Pet\.age: expected an integer/,
      );
      expect(() => db.query(Pet).filter(Gt('age', null))).toThrow(/cannot compare with null/);
      expect(() => db.query(Pet).filter({ age: undefined })).toThrow(/value is undefined/);
      expect(() => db.query(Pet).filter(Like('name', 5 as unknown as string))).toThrow(
        /pattern must be text/,
      );
      expect(() => db.query(Pet).filter(In('age', 'x' as unknown as number[]))).toThrow(/expected an array/);
      expect(() => db.query(Pet).orderBy('nope' as 'name')).toThrow(QueryError);
      expect(() => db.query(Pet).filter('age > 1' as unknown as { age: number })).toThrow(/filter\(\) takes/);
      expect(db.sql().length).toBe(before);
    });

    it('Query.delete falls back to deleting record by record on an engine without bulk delete', async () => {
      const db = await pets();
      const removed: string[] = [];
      // a session like an engine that has no bulk delete; records it loads belong to it
      const noBulk: Session = {
        dbId: db.id,
        dialect: db.dialect,
        save: (r) => db.save(r),
        remove: (r) => {
          removed.push((r as InstanceType<typeof Pet>).name);
          return db.remove(r);
        },
        select: async (plan: QueryPlan) => {
          const rows = await db.select(plan);
          for (const r of rows) r[SESSION] = noBulk;
          return rows;
        },
        count: (plan) => db.count(plan),
        deleteWhere: () => null,
        updateWhere: (plan, assignments) => db.updateWhere(plan, assignments),
      };
      expect(await new Query(noBulk, Pet).filter({ kind: 'cat' }).delete()).toBe(2);
      expect(removed).toEqual(['Tom', 'Kim']);
      expect(await db.query(Pet).count()).toBe(3);
    });
  });

  describe('insertMany', () => {
    it('inserts all rows or none, checks every row, refuses unknown fields', async () => {
      const db = await pets();
      await expect(
        db.insertMany(Pet, [
          { name: 'A', kind: 'x', age: 1 },
          { name: 'B', kind: 'x', age: 'two' as unknown as number },
        ]),
      ).rejects.toThrow(ValidationError);
      await expect(
        db.insertMany(Pet, [{ name: 'A', kind: 'x', age: 1, colour: 'red' } as never]),
      ).rejects.toThrow(/Pet has no field "colour"/);
      expect(await db.query(Pet).count()).toBe(5);
      expect(
        await db.insertMany(
          Pet,
          (function* () {
            for (let i = 0; i < 100; i++) yield { name: `n${i}`, kind: 'gen', age: i };
          })(),
        ),
      ).toBe(100);
      expect(await db.query(Pet).filter({ kind: 'gen' }).count()).toBe(100);
    });

    it('a bad row found while earlier batches are already written still leaves nothing behind', async () => {
      // PostgreSQL sends batches of up to 1000 rows and checks the next batch while one runs;
      // SQLite writes in time slices: either way rows 1-2500 are written before row 2501 fails
      const db = await pets();
      const rows = function* (bad: object) {
        for (let i = 0; i < 2500; i++) yield { name: `b${i}`, kind: 'batch', age: i };
        yield bad;
        for (let i = 0; i < 10; i++) yield { name: `c${i}`, kind: 'batch', age: i };
      };
      await expect(
        db.insertMany(Pet, rows({ name: 'bad', kind: 'batch', age: 'x' as unknown as number })),
      ).rejects.toThrow(ValidationError);
      await expect(
        db.insertMany(Pet, rows({ name: 'bad', kind: 'batch', height: 3 } as never)),
      ).rejects.toThrow(/no field "height"/);
      expect(await db.query(Pet).count()).toBe(5);
      // and inside a transaction the body may go on: its other writes stay
      await db.transaction(async (t) => {
        await expect(t.insertMany(Pet, rows(7 as never))).rejects.toThrow(/every row must be an object/);
        const kept = await t.new(Pet);
        Object.assign(kept, { name: 'kept', kind: 'batch', age: 1 });
        await kept.save();
      });
      expect(names(await db.query(Pet).filter({ kind: 'batch' }).all())).toEqual(['kept']);
      expect(await db.query(Pet).count()).toBe(6);
    });
  });

  describe('statements', () => {
    it('every statement is logged at debug with its duration, values never in the SQL', async () => {
      const db = await pets();
      await db.query(Pet).filter({ name: 'Rex' }).all();
      const logged = db.sql();
      expect(logged.length).toBeGreaterThan(3);
      for (const entry of logged) {
        expect(typeof entry.ms).toBe('number');
        expect(entry.ms).toBeGreaterThanOrEqual(0);
        expect(entry.fields.db).toBe('test');
      }
      expect(logged.at(-1)!.sql).toBe(
        'SELECT "id", "name", "kind", "age", "owner" FROM "Pet" WHERE "name" = ?',
      );
      // SQLite runs one prepared INSERT five times, PostgreSQL sends one multi-row INSERT
      const insert = logged.find((s) => s.sql.startsWith('INSERT INTO "Pet"'))!;
      if (kind === 'sqlite') expect(insert.fields.executions).toBe(5);
      else expect(insert.fields.changes).toBe(5);
      expect(logged.some((s) => s.sql.includes('Rex'))).toBe(false);
    });

    it.runIf(kind === 'sqlite')('opening, schema reads and DDL are logged too', async () => {
      const db = engine();
      await db.register(Pet);
      const logged = db.sql().map((s) => s.sql);
      expect(logged.slice(0, 5)).toEqual([
        'PRAGMA journal_mode = WAL',
        'PRAGMA foreign_keys = ON',
        'PRAGMA synchronous = NORMAL',
        'PRAGMA busy_timeout = 5000',
        'SELECT COUNT(*) FROM sqlite_schema',
      ]);
      expect(logged).toContain(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE",
      );
      expect(logged.some((s) => s.startsWith('CREATE TABLE IF NOT EXISTS "Pet"'))).toBe(true);
    });

    it.runIf(kind === 'postgres')(
      'PostgreSQL: the schema, registry and table are created, logged',
      async () => {
        const db = engine();
        await db.register(Pet);
        const logged = db.sql().map((s) => s.sql);
        expect(logged[0]).toMatch(/^CREATE SCHEMA IF NOT EXISTS "t_[0-9a-f]+"$/);
        expect(logged[1]).toMatch(/^CREATE TABLE IF NOT EXISTS "_protos_models"/);
        expect(logged).toContain('BEGIN');
        expect(
          logged.some((s) => s.startsWith('CREATE TABLE IF NOT EXISTS "Pet" ("id" BIGINT GENERATED')),
        ).toBe(true);
        expect(logged).toContain('COMMIT');
      },
    );

    it('nothing is logged (or timed) above debug', async () => {
      const db = engine({ level: 'info' });
      await db.register(Pet);
      await db.insertMany(Pet, PETS);
      expect(db.sql()).toEqual([]);
    });

    it.runIf(kind === 'sqlite')('prepared statements are cached per engine', async () => {
      const db = (await pets()) as SqliteEngine & Awaited<ReturnType<typeof pets>>;
      const prepare = db['prepare'].bind(db);
      let prepared = 0;
      const cache = (db as unknown as { statements: Map<string, unknown> }).statements;
      (db as unknown as { prepare: typeof prepare }).prepare = (sql: string) => {
        if (!cache.has(sql)) prepared++;
        return prepare(sql);
      };
      for (let i = 0; i < 20; i++) {
        await db
          .query(Pet)
          .filter({ kind: `k${i}` })
          .all();
        const p = await db.new(Pet);
        Object.assign(p, { name: `p${i}`, kind: 'x', age: i });
        await p.save();
      }
      expect(prepared).toBeLessThanOrEqual(1);
    });
  });
});
