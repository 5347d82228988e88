import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Argument, IntegerArgument, StringArgument, UserArgument } from '../api/arguments';
import { IllegalArgument } from '../api/errors';
import type { ArgumentResolver } from '../api/refs';
import { parseArguments } from './parse-arguments';

const resolver: ArgumentResolver = {
  resolveUser: async (text) =>
    text === 'nobody' ? null : { id: text, name: text, displayName: text, mention: `<@${text}>` },
  resolveChannel: async (text) => ({ id: text, name: text }),
};

const strings = (n: number, optionalFrom = n): Argument[] =>
  Array.from({ length: n }, (_, i) => new StringArgument(`a${i}`, i >= optionalFrom));

const word = fc.string({ minLength: 1, maxLength: 8 });

describe('parseArguments', () => {
  it('maps words to arguments in order; excess words merge into the last one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(word, { maxLength: 10 }), (n, words) => {
        const parsed = parseArguments(strings(n, 0), words, resolver) as Record<string, string>;
        const expected: Record<string, string> = {};
        for (let i = 0; i < Math.min(n, words.length); i++) expected[`a${i}`] = words[i]!;
        if (words.length > n) expected[`a${n - 1}`] = words.slice(n - 1).join(' ');
        expect(parsed).toEqual(expected);
      }),
    );
  });

  it('is synchronous unless a conversion is not', async () => {
    const sync = parseArguments([new IntegerArgument('n')], ['4'], resolver);
    expect(sync).toEqual({ n: 4 });
    const async = parseArguments([new IntegerArgument('n'), new UserArgument('u')], ['4', 'bob'], resolver);
    expect(async).toBeInstanceOf(Promise);
    expect(await async).toEqual({
      n: 4,
      u: { id: 'bob', name: 'bob', displayName: 'bob', mention: '<@bob>' },
    });
  });

  it('throws IllegalArgument for a missing required argument and lets optional ones be absent', () => {
    expect(() => parseArguments(strings(2, 1), [], resolver)).toThrow(
      new IllegalArgument('missing argument <a0>'),
    );
    expect(parseArguments(strings(3, 1), ['x'], resolver)).toEqual({ a0: 'x' });
    expect(parseArguments([], ['ignored', 'words'], resolver)).toEqual({});
  });

  it('wraps any other conversion error into an IllegalArgument naming the argument', async () => {
    class Exploding extends Argument<'thing', never, false> {
      readonly hint = '';
      convert(): never {
        throw new RangeError('out of thin air');
      }
    }
    expect(() => parseArguments([new Exploding('thing')], ['x'], resolver)).toThrow(
      new IllegalArgument('thing: out of thin air'),
    );
    await expect(
      parseArguments([new UserArgument('who'), new Exploding('thing')], ['bob', 'x'], resolver),
    ).rejects.toThrow(new IllegalArgument('thing: out of thin air'));
    await expect(parseArguments([new UserArgument('who')], ['nobody'], resolver)).rejects.toThrow(
      new IllegalArgument('who: no user "nobody" here'),
    );
  });
});

describe('Argument', () => {
  it('refuses names that are not identifiers, and duplicate names on a command', () => {
    expect(() => new StringArgument('two words')).toThrow(TypeError);
    expect(() => new StringArgument('')).toThrow(TypeError);
    expect(new StringArgument('snake_and-dash').name).toBe('snake_and-dash');
  });

  it('renders its usage with a type hint, <required> and [optional]', () => {
    expect(new StringArgument('text').usage()).toBe('<text>');
    expect(new StringArgument('text', true).usage()).toBe('[text]');
    expect(new IntegerArgument('n', true).usage()).toBe('[n:int]');
  });
});
