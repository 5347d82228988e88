// Lost updates (issue 18): save() writes only the fields changed since the record was loaded,
// an optional version field turns a stale save into a ConflictError, and query.update() /
// query.increment() change rows atomically without loading them.
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  Default,
  Gt,
  IntegerField,
  ModelDefinitionError,
  QueryError,
  StaleRecordError,
  TextField,
  ValidationError,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases } from './support';

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  const Account = defineModel('Account', {
    name: TextField(),
    balance: IntegerField(),
    note: TextField({ null: true }),
  });

  const Versioned = defineModel(
    'Versioned',
    { name: TextField(), balance: IntegerField(), rev: IntegerField({ constraints: [Default(0)] }) },
    { versionField: 'rev' },
  );

  async function accounts() {
    const db = engine();
    await db.register(Account);
    await db.register(Versioned);
    await db.insertMany(Account, [
      { name: 'alice', balance: 100 },
      { name: 'bob', balance: 0 },
    ]);
    await db.insertMany(Versioned, [{ name: 'alice', balance: 100 }]);
    return db;
  }

  type Db = Awaited<ReturnType<typeof accounts>>;
  const alice = async (db: Db) => (await db.query(Account).filter({ name: 'alice' }).first())!;

  describe('save() writes only changed fields', () => {
    it('two handlers changing different fields of one row keep both changes', async () => {
      const db = await accounts();
      const a = await alice(db);
      const b = await alice(db);
      a.balance -= 30;
      b.note = 'vip';
      await a.save();
      await b.save();
      const stored = await alice(db);
      expect([stored.balance, stored.note]).toEqual([70, 'vip']);
    });

    it('the UPDATE names only the changed column; an unchanged record is not written at all', async () => {
      const db = await accounts();
      const a = await alice(db);
      const before = db.sql().length;
      await a.save();
      expect(db.sql().length).toBe(before);
      a.note = 'x';
      await a.save();
      const updates = db
        .sql()
        .slice(before)
        .filter((s) => s.sql.startsWith('UPDATE'));
      expect(updates.map((s) => s.sql)).toEqual(['UPDATE "Account" SET "note" = ? WHERE "id" = ?']);
    });

    it('after a rolled-back transaction the record writes its change again', async () => {
      const db = await accounts();
      const a = await alice(db);
      await expect(
        db.transaction(async (t) => {
          t.attach(a);
          a.balance = 1;
          await a.save();
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      db.attach(a);
      await a.save(); // still balance = 1 in memory: it must reach the file
      expect((await alice(db)).balance).toBe(1);
    });

    it('a record saved twice writes only the second change the second time', async () => {
      const db = await accounts();
      const a = await alice(db);
      a.balance = 5;
      await a.save();
      const other = await alice(db);
      other.note = 'kept';
      await other.save();
      a.balance = 6;
      await a.save();
      const stored = await alice(db);
      expect([stored.balance, stored.note]).toEqual([6, 'kept']);
    });

    it('a changed record whose row was deleted meanwhile is a StaleRecordError', async () => {
      const db = await accounts();
      const a = await alice(db);
      await db.query(Account).filter({ name: 'alice' }).delete();
      a.balance = 1;
      await expect(a.save()).rejects.toThrow(StaleRecordError);
    });
  });

  describe('optimistic concurrency with a version field', () => {
    it('a stale save is a ConflictError and changes nothing; reload and retry works', async () => {
      const db = await accounts();
      const one = (await db.query(Versioned).first())!;
      const two = (await db.query(Versioned).first())!;
      one.balance -= 30;
      await one.save();
      expect(one.rev).toBe(1);
      two.balance -= 50;
      await expect(two.save()).rejects.toThrow(ConflictError);
      await expect(two.save()).rejects.toThrow(/saved by someone else since it was loaded/);
      const fresh = (await db.query(Versioned).first())!;
      expect([fresh.balance, fresh.rev]).toEqual([70, 1]);
      fresh.balance -= 50;
      await fresh.save();
      expect([(await db.query(Versioned).first())!.balance, fresh.rev]).toEqual([20, 2]);
    });

    it('a version field on a new record starts at its default; bulk updates bump it', async () => {
      const db = await accounts();
      const v = await db.new(Versioned);
      v.name = 'new';
      v.balance = 1;
      await v.save();
      expect(v.rev).toBe(0);
      await db.query(Versioned).filter({ name: 'new' }).increment('balance', 1);
      v.balance = 10;
      await expect(v.save()).rejects.toThrow(ConflictError);
    });

    it('a rolled-back save restores the version, so the next save does not conflict', async () => {
      const db = await accounts();
      const one = (await db.query(Versioned).first())!;
      await expect(
        db.transaction(async (t) => {
          t.attach(one);
          one.balance = 1;
          await one.save();
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(one.rev).toBe(0);
      db.attach(one);
      await one.save();
      expect((await db.query(Versioned).first())!.balance).toBe(1);
    });

    it('bad version fields are refused when the model is defined', () => {
      expect(() => defineModel('V1', { n: IntegerField() }, { versionField: 'nope' })).toThrow(
        ModelDefinitionError,
      );
      expect(() => defineModel('V2', { n: IntegerField() }, { versionField: 'n' })).toThrow(/with a Default/);
      expect(() =>
        defineModel('V3', { n: TextField({ constraints: [Default('0')] }) }, { versionField: 'n' }),
      ).toThrow(/must be an IntegerField/);
    });
  });

  describe('atomic update() and increment()', () => {
    it('ten concurrent read-modify-write commands through increment lose nothing', async () => {
      const db = await accounts();
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          await db.query(Account).filter({ name: 'alice' }).increment('balance', -3);
        }),
      );
      expect((await alice(db)).balance).toBe(70);
    });

    it('ten concurrent transfers in transactions through increment keep the total', async () => {
      const db = await accounts();
      await Promise.all(
        Array.from({ length: 10 }, () =>
          db.transaction(async (t) => {
            await new Promise((r) => setTimeout(r, 1));
            await t.query(Account).filter({ name: 'alice' }).increment('balance', -10);
            await t.query(Account).filter({ name: 'bob' }).increment('balance', 10);
          }),
        ),
      );
      const rows = await db.query(Account).orderBy('name').all();
      expect(rows.map((r) => r.balance)).toEqual([0, 100]);
    });

    it('update() sets fields on every match and says how many; limit/order restrict it', async () => {
      const db = await accounts();
      expect(await db.query(Account).filter(Gt('balance', -1)).update({ note: 'all' })).toBe(2);
      expect(await db.query(Account).orderBy('balance').limit(1).update({ note: 'poorest' })).toBe(1);
      const rows = await db.query(Account).orderBy('name').all();
      expect(rows.map((r) => r.note)).toEqual(['all', 'poorest']);
      expect(await db.query(Account).filter({ name: 'nobody' }).update({ note: 'x' })).toBe(0);
    });

    it('bad updates are refused with clear errors and change nothing', async () => {
      const db = await accounts();
      const q = () => db.query(Account).filter({ name: 'alice' });
      await expect(q().update({ balance: 'x' as unknown as number })).rejects.toThrow(ValidationError);
      await expect(q().update({ balance: null as unknown as number })).rejects.toThrow(/must not be null/);
      await expect(q().update({ nope: 1 } as never)).rejects.toThrow(/no field "nope"/);
      await expect(q().update({ id: 5 })).rejects.toThrow(/primary key/);
      await expect(q().update({})).rejects.toThrow(/no field values/);
      await expect(q().increment('name', 1)).rejects.toThrow(/only integer and float fields/);
      await expect(q().increment('balance', 1.5)).rejects.toThrow(/safe integer/);
      await expect(q().increment('balance', NaN)).rejects.toThrow(QueryError);
      await expect(db.query(Versioned).update({ rev: 3 })).rejects.toThrow(/version field/);
      expect((await alice(db)).balance).toBe(100);
    });
  });
});
