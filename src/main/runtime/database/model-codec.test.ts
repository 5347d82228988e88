import { describe, expect, it } from 'vitest';
import { AutoIncrement, Default, PK } from './constraints';
import { BooleanField, DateTimeField, IntegerField, JsonField, TextField } from './fields/builtin';
import { defineModel } from './model';
import { compileCodec } from './model-codec';

const M = defineModel('M', {
  name: TextField({ maxLength: 3 }),
  n: IntegerField({ null: true }),
  on: BooleanField({ constraints: [Default(true)] }),
  at: DateTimeField(),
  data: JsonField({ null: true }),
});

describe('model codecs', () => {
  const generated = compileCodec(M.schema);
  const interpreted = compileCodec(M.schema, false);
  const at = new Date('2024-05-01T00:00:00Z');

  it('generated code and plain loops give the same results', () => {
    for (const codec of [generated, interpreted]) {
      const o: Record<string, unknown> = {};
      codec.init(o);
      expect(o).toEqual({ id: undefined, name: undefined, n: null, on: true, at: undefined, data: null });
      expect(codec.encode({ name: 'abc', n: 1, on: false, at, data: [1] }, false)).toEqual([
        'abc',
        1,
        0,
        '2024-05-01T00:00:00.000Z',
        '[1]',
      ]);
      expect(codec.encode({ name: 'abc', n: null, on: true, at, data: null, id: 7 }, true)).toEqual([
        'abc',
        null,
        1,
        '2024-05-01T00:00:00.000Z',
        null,
        7,
      ]);
      // anything the fast path cannot take → null (the caller reports the details)
      expect(codec.encode({ name: 'abcd', n: 1, on: true, at }, false)).toBeNull();
      expect(codec.encode({ name: 'a', n: 1.5, on: true, at }, false)).toBeNull();
      expect(codec.encode({ name: 'a', on: true, at, id: 3 }, false)).toBeNull();
      expect(codec.unknownField({ name: 'a', nope: 1 })).toBe('nope');
      expect(codec.unknownField({ name: 'a' })).toBeUndefined();
      const out: object[] = [];
      const keys: unknown[] = [];
      codec.hydrate(
        [[5, 'abc', null, 1, '2024-05-01T00:00:00.000Z', '{"a":1}']],
        () => ({}),
        (_, key) => keys.push(key),
        out,
      );
      expect(out).toEqual([{ id: 5, name: 'abc', n: null, on: true, at, data: { a: 1 } }]);
      expect(keys).toEqual([5]);
    }
  });
});

describe('model codecs for unusual shapes', () => {
  it('compile for a model of only an auto key, and for a composite key of custom-serialised fields', () => {
    const OnlyKey = defineModel('OnlyKey', { n: IntegerField({ constraints: [PK(), AutoIncrement()] }) });
    const ran: unknown[][] = [];
    const stmt = { run: (...args: unknown[]) => ran.push(args) };
    expect(OnlyKey.schema.codec.insertAuto({ n: undefined }, stmt)).toBe(1);
    expect(ran).toEqual([[]]);
    const Pair = defineModel('Pair', {
      day: DateTimeField({ constraints: [PK()] }),
      flag: BooleanField({ constraints: [PK()] }),
    });
    const out: object[] = [];
    const keys: unknown[] = [];
    Pair.schema.codec.hydrate(
      [['2024-01-01T00:00:00.000Z', 1]],
      () => ({}),
      (_, k) => keys.push(k),
      out,
    );
    expect(keys).toEqual([['2024-01-01T00:00:00.000Z', 1]]);
    expect(out).toEqual([{ day: new Date('2024-01-01T00:00:00.000Z'), flag: true }]);
    expect(Pair.schema.codec.encode({ day: new Date(0), flag: false }, false)).toEqual([
      '1970-01-01T00:00:00.000Z',
      0,
    ]);
  });
});
