// Fields and constraints: every built-in type round-trips; fields are NOT NULL unless
// `null: true`; types, lengths, ranges and validators are checked at save(); PK, AutoIncrement,
// Unique and Default behave as declared; no PK gives the implicit integer `id`; PK on several
// fields makes a composite key; a custom Field subclass stores its own type.
import { describe, expect, it } from 'vitest';
import {
  AutoIncrement,
  BlobField,
  BooleanField,
  ConstraintError,
  DateTimeField,
  Default,
  Field,
  FloatField,
  IntegerField,
  JsonField,
  ModelDefinitionError,
  PK,
  QueryError,
  TextField,
  Unique,
  ValidationError,
  defineModel,
  type StorageValue,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases } from './support';

describe.each(engineKinds())('%s engine', (kind) => {
  const { engine } = useDatabases(kind);

  const Everything = defineModel('Everything', {
    text: TextField(),
    count: IntegerField(),
    real: FloatField(),
    flag: BooleanField(),
    when: DateTimeField(),
    data: JsonField<{ tags: string[]; nested: { n: number | null } }>(),
    bytes: BlobField(),
  });

  const Optional = defineModel('Optional', {
    text: TextField({ null: true }),
    count: IntegerField({ null: true }),
    real: FloatField({ null: true }),
    flag: BooleanField({ null: true }),
    when: DateTimeField({ null: true }),
    data: JsonField().nullable(),
    bytes: BlobField({ null: true }),
  });

  async function validationOf(promise: Promise<unknown>): Promise<ValidationError> {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }

  describe('built-in fields', () => {
    it('round-trip every type through the database', async () => {
      const db = engine();
      await db.register(Everything);
      const e = await db.new(Everything);
      e.text = 'héllo ✓ 𝄞 \n\t "quoted" \'single\'';
      e.count = -(2 ** 53 - 1);
      e.real = -1.5e-10;
      e.flag = true;
      e.when = new Date('2024-02-29T23:59:59.123Z');
      e.data = { tags: ['a', 'b'], nested: { n: null } };
      e.bytes = new Uint8Array([0, 1, 2, 255]);
      await e.save();
      const [back] = await db.query(Everything).all();
      expect(back!.toJSON()).toEqual({ ...e.toJSON(), bytes: Buffer.from([0, 1, 2, 255]) });
      expect(back!.when).toBeInstanceOf(Date);
      expect(back!.when.getTime()).toBe(e.when.getTime());
      expect(back!.bytes).toBeInstanceOf(Uint8Array);
      expect(back!.flag).toBe(true);
      e.flag = false;
      e.text = '';
      e.count = 0;
      await e.save();
      const again = (await db.query(Everything).first())!;
      expect([again.flag, again.text, again.count]).toEqual([false, '', 0]);
    });

    it('are NOT NULL by default: missing or null values are refused, every problem named', async () => {
      const db = engine();
      await db.register(Everything);
      const e = await db.new(Everything);
      e.text = 'only this';
      const err = await validationOf(e.save());
      expect(err.model).toBe('Everything');
      expect(err.problems.map((p) => p.field)).toEqual(['count', 'real', 'flag', 'when', 'data', 'bytes']);
      expect(err.message).toMatch(/^invalid Everything: count: is required/);
      (e as unknown as { text: null }).text = null;
      expect((await validationOf(e.save())).problems[0]).toEqual({
        field: 'text',
        message: 'must not be null',
      });
      expect(e.isBound).toBe(false);
      expect(await db.query(Everything).count()).toBe(0);
    });

    it('take null with `null: true` (and start out null)', async () => {
      const db = engine();
      await db.register(Optional);
      const o = await db.new(Optional);
      expect(o.toJSON()).toEqual({
        id: undefined,
        text: null,
        count: null,
        real: null,
        flag: null,
        when: null,
        data: null,
        bytes: null,
      });
      await o.save();
      const back = (await db.query(Optional).first())!;
      expect(back.toJSON()).toEqual({
        id: 1,
        text: null,
        count: null,
        real: null,
        flag: null,
        when: null,
        data: null,
        bytes: null,
      });
    });

    it('check types at save()', async () => {
      const db = engine();
      await db.register(Optional);
      const cases: [keyof typeof badValues, unknown, RegExp][] = [];
      const badValues = {
        text: [42, /expected text, got the number 42/],
        count: [1.5, /expected an integer/],
        real: [Number.NaN, /expected a number/],
        flag: [1, /expected a boolean/],
        when: ['2024-01-01', /expected a Date, got text/],
        data: [10n, /not serialisable as JSON/],
        bytes: ['abc', /expected bytes/],
      } as const;
      for (const [field, [value, message]] of Object.entries(badValues))
        cases.push([field as keyof typeof badValues, value, message]);
      for (const [field, value, message] of cases) {
        const o = await db.new(Optional);
        (o as unknown as Record<string, unknown>)[field] = value;
        const err = await validationOf(o.save());
        expect(err.problems).toHaveLength(1);
        expect(err.problems[0]!.field).toBe(field);
        expect(err.problems[0]!.message).toMatch(message);
      }
      const o = await db.new(Optional);
      o.count = 2 ** 60;
      expect((await validationOf(o.save())).problems[0]!.message).toMatch(/outside the safe integer range/);
      o.count = null;
      o.when = new Date('not a date');
      expect((await validationOf(o.save())).problems[0]!.message).toMatch(/invalid/);
      expect(await db.query(Optional).count()).toBe(0);
    });

    it('enforce length limits, ranges and custom validators', async () => {
      const Limited = defineModel('Limited', {
        name: TextField({ maxLength: 5 }),
        blob: BlobField({ maxLength: 3, null: true }),
        json: JsonField({ maxLength: 10, null: true }),
        age: IntegerField({ min: 0, max: 150 }),
        score: FloatField({ min: -1, max: 1, null: true }),
        even: IntegerField({
          null: true,
          validators: [(v) => (v % 2 === 0 ? undefined : 'must be even')],
        }),
        word: TextField({
          null: true,
          validators: [
            (v) => {
              if (/\s/.test(v)) throw new Error('no spaces please');
            },
          ],
        }),
      });
      const db = engine();
      await db.register(Limited);
      const l = await db.new(Limited);
      Object.assign(l, {
        name: 'toolong',
        blob: Buffer.from('abcd'),
        json: { a: 'xxxxxxx' },
        age: 151,
        score: 2,
        even: 3,
        word: 'a b',
      });
      const err = await validationOf(l.save());
      expect(err.problems).toEqual([
        { field: 'name', message: 'is longer than 5 (7)' },
        { field: 'blob', message: 'is longer than 3 (4)' },
        { field: 'json', message: 'is longer than 10 (15)' },
        { field: 'age', message: '151 is above the maximum 150' },
        { field: 'score', message: '2 is above the maximum 1' },
        { field: 'even', message: 'must be even' },
        { field: 'word', message: 'no spaces please' },
      ]);
      Object.assign(l, { name: 'okay', blob: null, json: [1], age: 0, score: -1, even: 4, word: 'fine' });
      await l.save();
      expect(l.isBound).toBe(true);
    });
  });

  describe('constraints', () => {
    it('Default(value) fills new instances (a fresh copy each) and insertMany rows', async () => {
      const WithDefaults = defineModel('WithDefaults', {
        name: TextField({ constraints: [Default('anon')] }),
        level: IntegerField({ constraints: [Default(1)] }),
        active: BooleanField({ constraints: [Default(true)] }),
        prefs: JsonField<{ tags: string[] }>({ constraints: [Default({ tags: [] as string[] })] }),
      });
      const db = engine();
      await db.register(WithDefaults);
      const a = await db.new(WithDefaults);
      const b = await db.new(WithDefaults);
      expect(a.toJSON()).toEqual({
        id: undefined,
        name: 'anon',
        level: 1,
        active: true,
        prefs: { tags: [] },
      });
      a.prefs.tags.push('mine');
      expect(b.prefs.tags).toEqual([]);
      await a.save();
      await db.insertMany(WithDefaults, [{ name: 'bulk' }]);
      const rows = await db.query(WithDefaults).orderBy('id').all();
      expect(rows.map((r) => r.toJSON())).toEqual([
        { id: 1, name: 'anon', level: 1, active: true, prefs: { tags: ['mine'] } },
        { id: 2, name: 'bulk', level: 1, active: true, prefs: { tags: [] } },
      ]);
      expect(() => defineModel('BadDefault', { n: IntegerField({ constraints: [Default('x')] }) })).toThrow(
        /Default\(\) of n: expected an integer/,
      );
      expect(() => defineModel('NullDefault', { n: IntegerField({ constraints: [Default(null)] }) })).toThrow(
        /Default\(null\) on n, which is not nullable/,
      );
    });

    it('Unique and PK refuse duplicates with a ConstraintError; the record stays unbound', async () => {
      const User = defineModel('User', {
        handle: TextField({ constraints: [PK()] }),
        email: TextField({ constraints: [Unique()] }),
      });
      const db = engine();
      await db.register(User);
      const a = await db.new(User);
      Object.assign(a, { handle: 'alice', email: 'a@example.org' });
      await a.save();
      const dupEmail = await db.new(User);
      Object.assign(dupEmail, { handle: 'bob', email: 'a@example.org' });
      await expect(dupEmail.save()).rejects.toThrow(ConstraintError);
      // each engine's own words for it
      const unique = (column: string): RegExp =>
        kind === 'sqlite'
          ? new RegExp(`UNIQUE constraint failed: User\\.${column}`)
          : new RegExp(`unique constraint "User_${column === 'handle' ? 'pkey' : `${column}_key`}"`);
      await expect(dupEmail.save()).rejects.toThrow(unique('email'));
      expect(dupEmail.isBound).toBe(false);
      const dupHandle = await db.new(User);
      Object.assign(dupHandle, { handle: 'alice', email: 'other@example.org' });
      await expect(dupHandle.save()).rejects.toThrow(unique('handle'));
      expect(await db.query(User).count()).toBe(1);
    });

    it('AutoIncrement numbers new records and never reuses a number; an explicit value is kept', async () => {
      const Ticket = defineModel('Ticket', {
        no: IntegerField({ constraints: [PK(), AutoIncrement()] }),
        title: TextField(),
      });
      const db = engine();
      await db.register(Ticket);
      const make = async (title: string, no?: number) => {
        const t = await db.new(Ticket);
        t.title = title;
        if (no !== undefined) t.no = no;
        await t.save();
        return t;
      };
      expect((await make('a')).no).toBe(1);
      const b = await make('b');
      expect(b.no).toBe(2);
      await b.delete();
      expect((await make('c')).no).toBe(3);
      expect((await make('d', 100)).no).toBe(100);
      expect((await make('e')).no).toBe(101);
    });

    it('without a PK a model gets an implicit integer id', async () => {
      const Note = defineModel('Note', { text: TextField() });
      expect(Note.schema.implicitId).toBe(true);
      expect(Note.schema.columns.map((c) => c.name)).toEqual(['id', 'text']);
      const db = engine();
      await db.register(Note);
      const n = await db.new(Note);
      n.text = 'hi';
      await n.save();
      expect(n.id).toBe(1);
      n.text = 'hello';
      await n.save();
      expect((await db.query(Note).filter({ id: 1 }).first())?.text).toBe('hello');
    });

    it('PK on several fields makes a composite key: insert, update, re-key and delete by it', async () => {
      const Membership = defineModel('Membership', {
        guild: TextField({ constraints: [PK()] }),
        user: TextField({ constraints: [PK()] }),
        role: TextField(),
      });
      expect(Membership.schema.primaryKey.map((c) => c.name)).toEqual(['guild', 'user']);
      expect(Membership.schema.implicitId).toBe(false);
      const db = engine();
      await db.register(Membership);
      const m = await db.new(Membership);
      Object.assign(m, { guild: 'g1', user: 'u1', role: 'admin' });
      await m.save();
      const other = await db.new(Membership);
      Object.assign(other, { guild: 'g1', user: 'u2', role: 'member' });
      await other.save();
      const dup = await db.new(Membership);
      Object.assign(dup, { guild: 'g1', user: 'u1', role: 'x' });
      await expect(dup.save()).rejects.toThrow(ConstraintError);

      m.role = 'owner';
      await m.save();
      m.user = 'u9';
      await m.save();
      const rows = await db.query(Membership).orderBy('user').all();
      expect(rows.map((r) => `${r.guild}/${r.user}/${r.role}`)).toEqual(['g1/u2/member', 'g1/u9/owner']);
      await m.delete();
      expect((await db.query(Membership).all()).map((r) => r.user)).toEqual(['u2']);
    });

    it('definitions that cannot work are refused when the model is defined', () => {
      const bad: [() => unknown, RegExp][] = [
        [() => defineModel('Car; DROP TABLE x', { a: TextField() }), /invalid model name/],
        [() => defineModel('Car', { 'a b': TextField() }), /invalid field \(Car\.a b\) name/],
        [
          () => defineModel('Car', { a: TextField() }, { table: 'sqlite_master' }),
          /sqlite_ prefix is reserved/,
        ],
        [() => defineModel('Car', { save: TextField() }), /"save" cannot be a field name/],
        [() => defineModel('Car', { toString: TextField() }), /"toString" cannot be a field name/],
        [() => defineModel('Car', { id: TextField() }), /a field named "id" needs PK\(\)/],
        [
          () => defineModel('Car', { a: IntegerField({ constraints: [AutoIncrement()] }) }),
          /AutoIncrement\(\) needs PK\(\)/,
        ],
        [
          () =>
            defineModel('Car', {
              a: IntegerField({ constraints: [PK(), AutoIncrement()] }),
              b: IntegerField({ constraints: [PK()] }),
            }),
          /only primary key field/,
        ],
        [
          () => defineModel('Car', { a: TextField({ constraints: [PK(), AutoIncrement()] }) }),
          /needs an integer field/,
        ],
        [
          () => defineModel('Car', { a: TextField({ null: true, constraints: [PK()] }) }),
          /cannot be nullable/,
        ],
        [
          () => defineModel('Car', { a: 'text' as unknown as ReturnType<typeof TextField> }),
          /a is not a field/,
        ],
        [() => defineModel('Car', { a: TextField(), A: TextField() }), /two fields named "A"/],
      ];
      for (const [define, message] of bad) {
        expect(define).toThrow(ModelDefinitionError);
        expect(define).toThrow(message);
      }
    });
  });

  interface Point {
    x: number;
    y: number;
  }

  /** The FAQ's custom type: a Field subclass with its own storage, (de)serialisation and validation. */
  class PointField extends Field<Point> {
    readonly storage = 'TEXT';
    override readonly typeName = 'a point';
    override validate(v: unknown): string | undefined {
      if (typeof v !== 'object' || v === null) return 'expected a point';
      const p = v as Partial<Point>;
      return Number.isFinite(p.x) && Number.isFinite(p.y) ? undefined : 'expected finite x and y';
    }
    override serialize(v: Point): StorageValue {
      return `${v.x},${v.y}`;
    }
    override deserialize(raw: StorageValue): Point {
      const [x, y] = String(raw).split(',').map(Number);
      return { x: x!, y: y! };
    }
  }

  describe('custom fields', () => {
    const Place = defineModel('Place', {
      name: TextField(),
      at: new PointField(),
      last: new PointField().nullable(),
    });

    it('store, read back and filter by their own type', async () => {
      const db = engine();
      await db.register(Place);
      const p = await db.new(Place);
      Object.assign(p, { name: 'home', at: { x: 1.5, y: -2 } });
      await p.save();
      expect(p.last).toBeNull();
      const back = (await db
        .query(Place)
        .filter({ at: { x: 1.5, y: -2 } })
        .first())!;
      expect(back.at).toEqual({ x: 1.5, y: -2 });
      expect(back.last).toBeNull();
      expect(
        db
          .sql()
          .some(
            (s) =>
              s.sql ===
              (kind === 'sqlite'
                ? 'CREATE TABLE IF NOT EXISTS "Place" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "at" TEXT NOT NULL, "last" TEXT)'
                : 'CREATE TABLE IF NOT EXISTS "Place" ("id" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "at" TEXT NOT NULL, "last" TEXT)'),
          ),
      ).toBe(true);
    });

    it('validate at save() and in filters', async () => {
      const db = engine();
      await db.register(Place);
      const p = await db.new(Place);
      Object.assign(p, { name: 'nowhere', at: { x: Number.NaN, y: 0 } });
      expect((await validationOf(p.save())).problems).toEqual([
        { field: 'at', message: 'expected finite x and y' },
      ]);
      expect(() => db.query(Place).filter({ at: 'nope' as unknown as Point })).toThrow(QueryError);
    });
  });
});
