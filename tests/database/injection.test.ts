// SQL injection corpus, through every door: values (saved, filtered on, LIKE/IN lists, JSON),
// filter keys, order fields, insertMany keys, model/table/field names and database ids. Values
// are always bound (no logged statement ever contains them), names never reach SQL unless they
// match the identifier pattern, and the schema is unchanged at the end.
import { describe, expect, it } from 'vitest';
import {
  Eq,
  In,
  IntegerField,
  JsonField,
  Like,
  ModelDefinitionError,
  Ne,
  QueryError,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { engineKinds, useDatabases, type EngineKind } from './support';

const { manager: openManager } = useDatabases();

const CORPUS = [
  "'; DROP TABLE Item; --",
  '"; DROP TABLE "Item"; --',
  "Robert'); DROP TABLE Students;--",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM Item',
  '1 OR 1=1',
  "x' UNION SELECT name, sql, 1 FROM sqlite_schema --",
  "'; ATTACH DATABASE '/tmp/pwned.db' AS pwned; --",
  ') ; PRAGMA writable_schema = 1; --',
  "\\'; DROP TABLE Item; --",
  '/* comment */ 1',
  '-- comment',
  '%',
  '_',
  '%_%',
  '\\',
  '?',
  '?1',
  ':name',
  '@p',
  '$1',
  'nul \u0000 inside',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e override',
  '',
  ' ',
  'x'.repeat(10_000),
];

/** Corpus entries distinctive enough that seeing one in a logged statement would mean it was spliced. */
const DISTINCTIVE = CORPUS.filter((c) => c.length >= 5);

const Item = defineModel('Item', { text: TextField(), n: IntegerField(), data: JsonField({ null: true }) });

describe.each(engineKinds())('SQL injection, %s engine', (kind: EngineKind) => {
  const { engine } = useDatabases(kind);

  async function prepared() {
    const db = engine();
    await db.register(Item);
    return db;
  }

  const schemaOf = (db: Awaited<ReturnType<typeof prepared>>) => db.inspectTables();

  function noValueInSql(db: Awaited<ReturnType<typeof prepared>>): void {
    for (const { sql } of db.sql())
      for (const value of DISTINCTIVE)
        expect(sql.includes(value), `"${value}" spliced into: ${sql}`).toBe(false);
  }

  it('values are stored and matched verbatim, always as bound parameters', async () => {
    // PostgreSQL text cannot hold NUL characters: that value gets its own test below
    const corpus = kind === 'postgres' ? CORPUS.filter((c) => !c.includes('\0')) : CORPUS;
    const db = await prepared();
    const before = await schemaOf(db);
    for (const [i, text] of corpus.entries()) {
      const item = await db.new(Item);
      Object.assign(item, { text, n: i, data: { text, list: [text] } });
      await item.save();
    }
    await db.insertMany(
      Item,
      corpus.map((text, i) => ({ text, n: 1000 + i, data: null })),
    );
    for (const [i, text] of corpus.entries()) {
      const found = await db.query(Item).filter({ text }).orderBy('n').all();
      expect(found.map((f) => f.n)).toEqual([i, 1000 + i]);
      expect(found[0]!.text).toBe(text);
      expect(found[0]!.data).toEqual({ text, list: [text] });
      expect(await db.query(Item).filter(Eq('text', text), Ne('n', -1)).count()).toBe(2);
      // a pattern is a value too: bound, never SQL (its % and _ are LIKE wildcards by design)
      await db.query(Item).filter(Like('text', text)).count();
    }
    expect(await db.query(Item).filter(In('text', corpus)).count()).toBe(corpus.length * 2);
    expect(await db.query(Item).count()).toBe(corpus.length * 2);
    expect(await schemaOf(db)).toEqual(before.map((t) => ({ ...t, rows: corpus.length * 2 })));
    noValueInSql(db);
    // updates and bulk deletes bind their values too
    const first = (await db.query(Item).filter({ n: 0 }).first())!;
    first.text = corpus[1]!;
    await first.save();
    expect(
      await db
        .query(Item)
        .filter(In('text', corpus.slice(0, 3)))
        .delete(),
    ).toBe(6);
    noValueInSql(db);
  });

  it.runIf(kind === 'postgres')(
    'PostgreSQL: text with NUL is refused clearly; nothing is stored',
    async () => {
      const db = await prepared();
      const item = await db.new(Item);
      Object.assign(item, { text: 'nul \u0000 inside', n: 1 });
      await expect(item.save()).rejects.toThrow(/NUL characters are not allowed in text/);
      expect(item.isBound).toBe(false);
      await expect(
        db.insertMany(Item, [
          { text: 'ok', n: 2 },
          { text: 'a\u0000b', n: 3 },
        ]),
      ).rejects.toThrow(/NUL/);
      expect(await db.query(Item).count()).toBe(0);
    },
  );

  it('filter keys, order fields and insertMany keys are checked against the model, never SQL', async () => {
    const db = await prepared();
    const before = db.sql().length;
    const keys = [
      ...CORPUS,
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'text"',
      '"text"',
      'text; --',
      'TEXT',
    ];
    for (const key of keys) {
      const where = JSON.parse(`{${JSON.stringify(key)}: "x"}`) as { text: string };
      expect(() => db.query(Item).filter(where), key).toThrow(QueryError);
      expect(() => db.query(Item).filter(Eq(key as 'text', 'x')), key).toThrow(QueryError);
      expect(() => db.query(Item).orderBy(key as 'text'), key).toThrow(QueryError);
      await expect(db.insertMany(Item, [{ n: 1, ...(where as object) } as never]), key).rejects.toThrow(
        QueryError,
      );
    }
    expect(
      db
        .sql()
        .slice(before)
        .filter((s) => !/^(BEGIN|ROLLBACK)/.test(s.sql)),
    ).toEqual([]);
    expect(await db.query(Item).count()).toBe(0);
  });
});

describe('SQL injection', () => {
  it('model, table and field names must be identifiers', () => {
    const notIdentifiers = CORPUS.filter((c) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c));
    for (const name of [...notIdentifiers, 'Item"', 'a-b', '1abc', 'sqlite_x', 'é', 'x'.repeat(65)]) {
      expect(() => defineModel(name, { a: TextField() }), name).toThrow(ModelDefinitionError);
      expect(() => defineModel('Ok', { a: TextField() }, { table: name }), name).toThrow(
        ModelDefinitionError,
      );
      expect(() => defineModel('Ok', { [name]: TextField() }), name).toThrow(ModelDefinitionError);
    }
  });

  it('database ids from anywhere are checked before any file is touched', async () => {
    const { manager } = openManager();
    for (const id of [...CORPUS.filter((c) => c !== ''), '../../x', 'a/../../b', '/etc/passwd', 'C:\\x'])
      await expect(manager.getDb(id), id).rejects.toThrow(/invalid database id/);
    expect(await manager.list()).toEqual([]);
  });
});
