// Optional arguments: a word an optional argument cannot convert moves on to the next argument
// (akairo/Sapphire behaviour), and arguments accept a `default`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChoiceArgument,
  DurationArgument,
  IntegerArgument,
  StringArgument,
  UserArgument,
} from '../../src/main/runtime/cmdsys/api/arguments';
import { IllegalArgument } from '../../src/main/runtime/cmdsys/api/errors';
import type { ArgumentResolver } from '../../src/main/runtime/cmdsys/api/refs';
import { parseArguments } from '../../src/main/runtime/cmdsys/executor/parse-arguments';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';

const resolver: ArgumentResolver = {
  resolveUser: async (text) =>
    text.startsWith('@')
      ? { id: text.slice(1), name: text.slice(1), displayName: text, mention: text }
      : null,
  resolveChannel: async () => null,
};

describe('optional arguments that do not convert', () => {
  it('leave their word to the next argument', () => {
    const defs = [new IntegerArgument('count', true), new StringArgument('text')];
    expect(parseArguments(defs, ['hello', 'world'], resolver)).toEqual({ text: 'hello world' });
    expect(parseArguments(defs, ['3', 'hello'], resolver)).toEqual({ count: 3, text: 'hello' });
  });

  it('take their default when the word moves on, or when omitted', () => {
    const defs = [
      new IntegerArgument('count', true, { default: 1 }),
      new ChoiceArgument('mode', ['fast', 'slow'] as const, true, { default: 'slow' }),
      new StringArgument('text', true, { default: '(nothing)' }),
    ];
    expect(parseArguments(defs, ['fast', 'go'], resolver)).toEqual({ count: 1, mode: 'fast', text: 'go' });
    expect(parseArguments(defs, ['go', 'now'], resolver)).toEqual({ count: 1, mode: 'slow', text: 'go now' });
    expect(parseArguments(defs, [], resolver)).toEqual({ count: 1, mode: 'slow', text: '(nothing)' });
    expect(parseArguments(defs, ['7'], resolver)).toEqual({ count: 7, mode: 'slow', text: '(nothing)' });
  });

  it('skip through several optional arguments, also across asynchronous conversions', async () => {
    const defs = [
      new UserArgument('who', true),
      new IntegerArgument('times', true, { default: 2 }),
      new StringArgument('text'),
    ];
    expect(await parseArguments(defs, ['hi', 'there'], resolver)).toEqual({ times: 2, text: 'hi there' });
    expect(await parseArguments(defs, ['@bob', 'hi'], resolver)).toEqual({
      who: { id: 'bob', name: 'bob', displayName: '@bob', mention: '@bob' },
      times: 2,
      text: 'hi',
    });
    expect(await parseArguments(defs, ['5', 'hi'], resolver)).toEqual({ times: 5, text: 'hi' });
  });

  it('still fail when nothing can take the word: the last argument, or a required one', async () => {
    expect(() =>
      parseArguments([new StringArgument('a'), new IntegerArgument('n', true)], ['x', 'y'], resolver),
    ).toThrow(new IllegalArgument('n must be a whole number, got "y"'));
    expect(() =>
      parseArguments([new IntegerArgument('n', true), new IntegerArgument('m')], ['x'], resolver),
    ).toThrow(new IllegalArgument('m must be a whole number, got "x"'));
    expect(() =>
      parseArguments([new IntegerArgument('n'), new StringArgument('s')], ['x', 'y'], resolver),
    ).toThrow(new IllegalArgument('n must be a whole number, got "x"'));
    // out of range is a conversion failure like any other: the word moves on
    const ranged = [new IntegerArgument('n', true, { max: 5 }), new StringArgument('s')];
    expect(parseArguments(ranged, ['9', 'x'], resolver)).toEqual({ s: '9 x' });
  });

  it('never lose a word: every word ends up in some argument (property)', () => {
    // (two words at least: a lone number is taken by the count, and then <s> is missing)
    const defs = [new IntegerArgument('n', true), new StringArgument('s')];
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { minLength: 2, maxLength: 6 }), (words) => {
        const parsed = parseArguments(defs, words, resolver) as { n?: number; s: string };
        const rebuilt = [...(parsed.n !== undefined ? [String(parsed.n)] : []), parsed.s].join(' ');
        expect(rebuilt.replace(/\b0+(\d)/g, '$1')).toBe(words.join(' ').replace(/\b0+(\d)/g, '$1'));
      }),
    );
  });

  it('a default makes an argument optional and shows in the usage line', () => {
    const arg = new IntegerArgument('times', false, { default: 3 });
    expect(arg.optional).toBe(true);
    expect(arg.usage()).toBe('[times:int=3]');
    expect(new DurationArgument('in', true, { default: 90_000 }).usage()).toBe('[in:duration=1m30s]');
    expect(parseArguments([arg], [], resolver)).toEqual({ times: 3 });
  });
});

const start = useHarnesses();

describe('through the bot', () => {
  it('a command with an optional number before its text reads a plain word as text', async () => {
    const h = await start({
      files: {
        'say.ts': commandFile(
          `export class Say extends Command {
  setup() {
    this.name = 'say';
    return this.addArgument(new IntegerArgument('times', true, { default: 1, min: 1, max: 3 }))
      .addArgument(new StringArgument('text'));
  }
  async call({ times, text }: ArgsOf<Say>) {
    await this.respond(Array.from({ length: times }, () => text).join(' | '));
  }
}`,
          'Command, IntegerArgument, StringArgument, type ArgsOf',
        ),
      },
    });
    expect(await h.run('say hello there')).toEqual(['hello there']);
    expect(await h.run('say 2 hello')).toEqual(['hello | hello']);
    expect(await h.run('help say')).toEqual([expect.stringContaining('say [times:int=1] <text>')]);
    expect((await h.run('say')).join('\n')).toMatch(/missing argument <text>/i);
  });
});
