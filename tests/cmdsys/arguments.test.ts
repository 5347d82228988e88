// Typed arguments end to end: conversion of every kind, the error (with the usage line) when a
// conversion fails or a required argument is missing, shell-like quoting and the merge of
// excess words into the last argument.
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses, type CmdHarness } from '../support/cmdsys-harness';

const start = useHarnesses();

const KINDS = commandFile(
  `
const show = (v: unknown) => JSON.stringify(v);

export class Int extends Command {
  setup() {
    this.name = 'int';
    return this.addArgument(new IntegerArgument('n', false, { min: -10, max: 100 }));
  }
  async call(args: ArgsOf<Int>) { await this.respond(show(args)); }
}
export class Num extends Command {
  setup() {
    this.name = 'num';
    return this.addArgument(new NumberArgument('x', false, { min: 0 }));
  }
  async call(args: ArgsOf<Num>) { await this.respond(show(args)); }
}
export class Bool extends Command {
  setup() {
    this.name = 'bool';
    return this.addArgument(new BooleanArgument('on'));
  }
  async call(args: ArgsOf<Bool>) { await this.respond(show(args)); }
}
export class Choice extends Command {
  setup() {
    this.name = 'choice';
    return this.addArgument(new ChoiceArgument('color', ['red', 'Green'] as const));
  }
  async call(args: ArgsOf<Choice>) { await this.respond(show(args)); }
}
export class Dur extends Command {
  setup() {
    this.name = 'dur';
    return this.addArgument(new DurationArgument('d', false, { max: 86_400_000 }));
  }
  async call(args: ArgsOf<Dur>) { await this.respond(show(args)); }
}
export class Who extends Command {
  setup() {
    this.name = 'who';
    return this.addArgument(new UserArgument('user'));
  }
  async call({ user }: ArgsOf<Who>) { await this.respond(show(user)); }
}
export class Where extends Command {
  setup() {
    this.name = 'where';
    return this.addArgument(new ChannelArgument('channel'));
  }
  async call({ channel }: ArgsOf<Where>) { await this.respond(show(channel)); }
}
export class Two extends Command {
  setup() {
    this.name = 'two';
    return this.addArgument(new StringArgument('first')).addArgument(new StringArgument('rest', true));
  }
  async call(args: ArgsOf<Two>) { await this.respond(show(args)); }
}
export class Mixed extends Command {
  setup() {
    this.name = 'mixed';
    return this.addArgument(new IntegerArgument('count'))
      .addArgument(new BooleanArgument('loud', true))
      .addArgument(new StringArgument('text', true));
  }
  async call(args: ArgsOf<Mixed>) { await this.respond(show(args)); }
}
export class Plain extends Command {
  setup() { this.name = 'plain'; }
  async call(args: Record<string, unknown>) { await this.respond(show(args)); }
}`,
  'Command, IntegerArgument, NumberArgument, BooleanArgument, ChoiceArgument, DurationArgument, UserArgument, ChannelArgument, StringArgument, type ArgsOf',
);

async function kinds(): Promise<CmdHarness> {
  return start({ files: { 'kinds.ts': KINDS } });
}

/** Runs a line and returns its single answer (parsed as JSON when it is). */
async function one(h: CmdHarness, line: string): Promise<unknown> {
  const replies = await h.run(line);
  expect(replies, `replies to ${line}`).toHaveLength(1);
  try {
    return JSON.parse(replies[0]!);
  } catch {
    return replies[0];
  }
}

describe('argument conversion', () => {
  it('Integer: whole numbers with sign, range checked', async () => {
    const h = await kinds();
    expect(await one(h, 'int 42')).toEqual({ n: 42 });
    expect(await one(h, 'int -7')).toEqual({ n: -7 });
    expect(await one(h, 'int +3')).toEqual({ n: 3 });
    expect(await one(h, 'int 4.5')).toBe('N must be a whole number, got "4.5"\nUsage: int <n:int>');
    expect(await one(h, 'int abc')).toBe('N must be a whole number, got "abc"\nUsage: int <n:int>');
    expect(await one(h, 'int 101')).toBe('N must be at most 100\nUsage: int <n:int>');
    expect(await one(h, 'int -11')).toBe('N must be at least -10\nUsage: int <n:int>');
    expect(await one(h, 'int 99999999999999999999')).toMatch(/^N is out of range/);
  });

  it('Number: finite numbers', async () => {
    const h = await kinds();
    expect(await one(h, 'num 2.5')).toEqual({ x: 2.5 });
    expect(await one(h, 'num 1e3')).toEqual({ x: 1000 });
    expect(await one(h, 'num Infinity')).toBe('X must be a number, got "Infinity"\nUsage: num <x:number>');
    expect(await one(h, 'num nope')).toBe('X must be a number, got "nope"\nUsage: num <x:number>');
    expect(await one(h, 'num -1')).toBe('X must be at least 0\nUsage: num <x:number>');
  });

  it('Boolean: yes/no words', async () => {
    const h = await kinds();
    for (const word of ['yes', 'TRUE', 'on', '1', 'enable'])
      expect(await one(h, `bool ${word}`)).toEqual({ on: true });
    for (const word of ['no', 'False', 'off', '0', 'disabled'])
      expect(await one(h, `bool ${word}`)).toEqual({ on: false });
    expect(await one(h, 'bool maybe')).toBe('On must be yes or no, got "maybe"\nUsage: bool <on:yes|no>');
  });

  it('Choice: case-insensitive, answers the declared spelling', async () => {
    const h = await kinds();
    expect(await one(h, 'choice RED')).toEqual({ color: 'red' });
    expect(await one(h, 'choice green')).toEqual({ color: 'Green' });
    expect(await one(h, 'choice blue')).toBe(
      'Color must be one of red, Green; got "blue"\nUsage: choice <color:red|Green>',
    );
  });

  it('Duration: plain seconds or units, in milliseconds', async () => {
    const h = await kinds();
    expect(await one(h, 'dur 90')).toEqual({ d: 90_000 });
    expect(await one(h, 'dur 1h30m')).toEqual({ d: 5_400_000 });
    expect(await one(h, 'dur 500ms')).toEqual({ d: 500 });
    expect(await one(h, 'dur 1.5s')).toEqual({ d: 1_500 });
    expect(await one(h, 'dur "1d 2h"')).toBe('D must be at most 1d\nUsage: dur <d:duration>');
    expect(await one(h, 'dur soon')).toBe(
      'D must be a duration like 90, 2m or 1h30m; got "soon"\nUsage: dur <d:duration>',
    );
  });

  it('User and Channel: resolved by the network the message came from', async () => {
    const h = await kinds();
    const bob = { id: '43', name: 'bob', displayName: 'bob', mention: '<@43>' };
    expect(await h.chat('who <@43>').done()).toEqual([JSON.stringify(bob)]);
    expect(await h.chat('who @bob').done()).toEqual([JSON.stringify(bob)]);
    expect(await h.chat('who zed').done()).toEqual(['User: no user "zed" here\nUsage: who <user:user>']);
    expect(await h.chat('where #general').done()).toEqual([JSON.stringify({ id: 'c1', name: 'general' })]);
    expect(await h.chat('where #nowhere').done()).toEqual([
      'Channel: no channel "#nowhere" here\nUsage: where <channel:channel>',
    ]);
    // the console has no member list: any word is a user or channel of that name
    expect(await one(h, 'who zed')).toEqual({ id: 'zed', name: 'zed', displayName: 'zed', mention: null });
    expect(await one(h, 'where #ops')).toEqual({ id: 'ops', name: '#ops' });
  });

  it('String: taken as written; a command without arguments ignores words', async () => {
    const h = await kinds();
    expect(await one(h, 'two "  spaced  "')).toEqual({ first: '  spaced  ' });
    expect(await one(h, "two ''")).toEqual({ first: '' });
    expect(await one(h, 'plain anything at all')).toEqual({});
  });
});

describe('argument parsing', () => {
  it('merges excess words into the last argument', async () => {
    const h = await kinds();
    expect(await one(h, 'two a b c d')).toEqual({ first: 'a', rest: 'b c d' });
    expect(await one(h, 'mixed 3 yes hello big world')).toEqual({
      count: 3,
      loud: true,
      text: 'hello big world',
    });
    expect(await one(h, 'int 1 2')).toBe('N must be a whole number, got "1 2"\nUsage: int <n:int>');
  });

  it('splits shell-like: quotes group, backslashes escape', async () => {
    const h = await kinds();
    expect(await one(h, `two "a b" 'c d'`)).toEqual({ first: 'a b', rest: 'c d' });
    expect(await one(h, 'two a\\ b c')).toEqual({ first: 'a b', rest: 'c' });
    expect(await one(h, 'two "say \\"hi\\"" x')).toEqual({ first: 'say "hi"', rest: 'x' });
    expect(await one(h, 'two pre"fix suf"fix')).toEqual({ first: 'prefix suffix' });
    expect(await one(h, 'two "unclosed')).toBe('Unclosed " quote at column 5');
  });

  it('a missing required argument is an IllegalArgument with the usage line; optional ones may be omitted', async () => {
    const h = await kinds();
    expect(await one(h, 'two')).toBe('Missing argument <first>\nUsage: two <first> [rest]');
    expect(await one(h, 'mixed')).toBe(
      'Missing argument <count>\nUsage: mixed <count:int> [loud:yes|no] [text]',
    );
    expect(await one(h, 'mixed 2')).toEqual({ count: 2 });
    // IllegalArgument thrown by call() shows the usage line as well
    const h2 = await start({
      files: {
        'strict.ts': commandFile(
          `export class Strict extends Command {
  setup() { this.name = 'strict'; return this.addArgument(new StringArgument('key')); }
  async call({ key }: ArgsOf<Strict>) {
    if (key !== 'ok') throw new IllegalArgument('the key must be "ok"');
    await this.respond('fine');
  }
}`,
          'Command, IllegalArgument, StringArgument, type ArgsOf',
        ),
      },
    });
    expect(await h2.run('strict nope')).toEqual(['The key must be "ok"\nUsage: strict <key>']);
    expect(await h2.run('strict ok')).toEqual(['fine']);
  });
});
