// Query edge cases from issue 18: Like escapes, In and parameter limits with short error
// messages, odd filter arguments, deeply nested and very long And/Or, lone surrogates.
import { describe, expect, it } from 'vitest';
import {
  And,
  Eq,
  In,
  IntegerField,
  Like,
  Not,
  Or,
  QueryError,
  TextField,
  ValidationError,
  defineModel,
  escapeLike,
  type Filter,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases } from './support';

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  const Item = defineModel('Item', { name: TextField(), n: IntegerField() });

  async function items() {
    const db = engine({ level: 'info' });
    await db.register(Item);
    await db.insertMany(Item, [
      { name: '50% off', n: 1 },
      { name: '500 offers', n: 2 },
      { name: 'a_b', n: 3 },
      { name: 'axb', n: 4 },
      { name: 'back\\slash', n: 5 },
    ]);
    return db;
  }
  type Db = Awaited<ReturnType<typeof items>>;
  const names = async (db: Db, ...filters: Filter<'name' | 'n' | 'id'>[]) =>
    (
      await db
        .query(Item)
        .filter(filters[0]!, ...filters.slice(1))
        .orderBy('n')
        .all()
    ).map((i) => i.name);

  describe('Like', () => {
    it('escapeLike() makes % and _ literal', async () => {
      const db = await items();
      expect(await names(db, Like('name', '50%'))).toEqual(['50% off', '500 offers']);
      expect(await names(db, Like('name', `${escapeLike('50%')}%`))).toEqual(['50% off']);
      expect(await names(db, Like('name', 'a_b'))).toEqual(['a_b', 'axb']);
      expect(await names(db, Like('name', escapeLike('a_b')))).toEqual(['a_b']);
      expect(await names(db, Like('name', escapeLike('back\\slash')))).toEqual(['back\\slash']);
    });

    it('Like ignores case (ASCII) on every engine; a pattern ending in a lone escape matches nothing', async () => {
      const db = await items();
      expect(await names(db, Like('name', 'A_B'))).toEqual(['a_b', 'axb']);
      expect(await names(db, Like('name', 'BACK%'))).toEqual(['back\\slash']);
      expect(await names(db, Like('name', 'back\\'))).toEqual([]);
      expect(await names(db, Like('name', 'back\\\\slash'))).toEqual(['back\\slash']);
    });
  });

  describe('limits with clear, short errors', () => {
    it('an In over more values than fit is refused, naming the limit, without SQL in the message', async () => {
      const db = await items();
      const many = Array.from({ length: 40_000 }, (_, i) => i);
      let error: Error | null = null;
      try {
        db.query(Item).filter(In('n', many));
      } catch (err) {
        error = err as Error;
      }
      expect(error).toBeInstanceOf(QueryError);
      expect(error!.message).toMatch(/40000 values, at most 10000 in one In/);
      expect(error!.message.length).toBeLessThan(300);
    });

    it('several In lists together beyond the parameter limit are refused before reaching SQLite', async () => {
      const db = await items();
      const chunk = Array.from({ length: 9_000 }, (_, i) => i);
      const q = db.query(Item).filter(In('n', chunk), In('n', chunk), In('n', chunk));
      expect(() => q.filter(In('n', chunk))).toThrow(/would bind 36000 values; at most 32000/);
      expect(await q.count()).toBe(5); // the query is still usable as it was
    });

    it('filter(Object.create(null)) works like {} and odd arguments get a readable error', async () => {
      const db = await items();
      const where = Object.create(null) as Record<string, unknown>;
      expect(await db.query(Item).filter(where).count()).toBe(5);
      where.n = 3;
      expect(await db.query(Item).filter(where).count()).toBe(1);
      expect(() => db.query(Item).filter(new Map() as never)).toThrow(/got a Map/);
      expect(() => db.query(Item).filter(Symbol('x') as never)).toThrow(QueryError);
    });

    it('5000 nested Ands (and a 5000-term Or) run, as a shallow expression', async () => {
      const db = await items();
      let deep: Filter<'n'> = Eq('n', 3);
      for (let i = 0; i < 5000; i++) deep = And(Not(Eq('n', 99)), deep);
      expect(await names(db, deep)).toEqual(['a_b']);
      const wide = Or(...Array.from({ length: 5000 }, (_, i) => Eq('n', i + 3)));
      expect(await names(db, wide)).toEqual(['a_b', 'axb', 'back\\slash']);
    });

    it('filters alternating And/Or/Not 5000 levels deep are refused with a clear error', async () => {
      const db = await items();
      let deep: Filter<'n'> = Eq('n', 3);
      for (let i = 0; i < 5000; i++) deep = i % 2 ? And(Eq('n', 3), deep) : Or(Eq('n', 4), deep);
      expect(() => db.query(Item).filter(deep)).toThrow(/nested more than 64 levels deep/);
      let nots: Filter<'n'> = Eq('n', 3);
      for (let i = 0; i < 5000; i++) nots = Not(nots);
      expect(() => db.query(Item).filter(nots)).toThrow(QueryError);
    });
  });

  describe('lone surrogates', () => {
    it('are refused by validation instead of being stored as U+FFFD', async () => {
      const db = await items();
      const item = await db.new(Item);
      item.name = 'bad \ud800 text';
      item.n = 9;
      await expect(item.save()).rejects.toThrow(ValidationError);
      await expect(item.save()).rejects.toThrow(/lone surrogate/);
      await expect(db.insertMany(Item, [{ name: '\udc00', n: 1 }])).rejects.toThrow(/lone surrogate/);
      expect(() => db.query(Item).filter({ name: 'x\ud83d' })).toThrow(/lone surrogate/);
      item.name = 'fine 😀';
      await item.save();
      expect((await db.query(Item).filter({ n: 9 }).first())!.name).toBe('fine 😀');
      expect(await db.query(Item).count()).toBe(6);
    });
  });
});
