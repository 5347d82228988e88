// The seed's example tables (pircbotx "Command Processing Pipeline"), verbatim, as tests.
import { describe, expect, it } from 'vitest';
import { CommandNotFound, IllegalArgument } from '../../src/main/runtime/cmdsys/api/errors';
import { detect } from '../../src/main/runtime/pipeline/detection';
import { applyAliases, compileAlias } from '../../src/main/runtime/pipeline/middleware/aliases';
import { fixCommand } from '../../src/main/runtime/pipeline/middleware/command-fixer';
import { preprocess } from '../../src/main/runtime/pipeline/preprocess';
import { defaultConfig } from '../../src/main/runtime/config/schema';
import { tokenize } from '../../src/main/runtime/text/tokenizer';
import { seedHarness } from '../support/pipeline-harness';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();

describe('detection (seed table, bot called "bot", trigger "&")', () => {
  const options = { triggers: ['&'], names: ['bot'], mentions: [], stripTriggerInPrivate: false };
  // Input | Type | Matched | Resulting message
  const table: [string, 'Channel' | 'PM', boolean, string | null][] = [
    ['help test', 'Channel', false, null],
    ['&help test', 'Channel', true, 'help test'],
    ['bot, help test', 'Channel', true, 'help test'],
    ['bot: help test', 'Channel', true, 'help test'],
    ['bot help test', 'Channel', true, 'help test'],
    ['bottest help', 'Channel', false, null],
    ['help test', 'PM', true, 'help test'],
    ['&help', 'PM', true, '&help'],
    ['bot, help', 'PM', true, 'bot, help'],
  ];
  it.each(table)('%j in %s → matched %s, %j', (input, type, matched, result) => {
    const detection = detect(input, type === 'PM', options);
    expect(detection.matched).toBe(matched);
    if (matched) expect(detection.text).toBe(result);
  });

  it('the same table through the whole pipeline', async () => {
    const h = await seedHarness(tmp());
    for (const [input, type, matched, result] of table) {
      const { trace } = await h.run(input, { isPrivate: type === 'PM' });
      const stage = trace.stages.find((s) => s.stage === 'detection');
      expect(stage?.abort === null, input).toBe(matched);
      if (matched) expect(stage?.output, input).toBe(result);
    }
  });
});

describe('pre-processing and string middleware (seed table, default aliases)', () => {
  const aliases = defaultConfig().aliases.map(compileAlias);
  // Input | Result | Resulting message. The seed's second row has invisible formatting marks;
  // here they are IRC bold (\x02), colour (\x0304) and reset (\x0F).
  const table: [string, string, string][] = [
    ['help test', 'Nothing changed', 'help test'],
    ['\x02help\x0F \x0304test\x0F', 'strip formatting', 'help test'],
    ['remember test is test message', 'rewritten by alias', "factoid add test 'test is test message'"],
  ];
  it.each(table)('%j → %s → %j', (input, _result, expected) => {
    const pre = preprocess(input, 2000);
    expect(pre.ok).toBe(true);
    if (!pre.ok) return;
    const rewritten = applyAliases(pre.text, aliases);
    expect(rewritten).toEqual({ value: expected });
  });
});

describe('tokenisation (seed table)', () => {
  const table: [string, string[]][] = [
    ['help test', ['help', 'test']],
    ["factoid add test 'test is test message'", ['factoid', 'add', 'test', 'test is test message']],
  ];
  it.each(table)('%j → %j', (input, output) => {
    expect(tokenize(input).map((t) => t.value)).toEqual(output);
  });
});

describe('command fixer (seed table; modules help{default,commands}, games{8ball}, factoid{add})', () => {
  const lookup = {
    modules: { help: ['default', 'commands'], games: ['8ball'], factoid: ['add'] } as Record<
      string,
      string[]
    >,
    hasTopLevel: () => false,
    isModule(name: string) {
      return name in this.modules;
    },
    hasSubcommand(module: string, name: string) {
      return this.modules[module]?.includes(name) ?? false;
    },
    modulesWithSubcommand(name: string) {
      return Object.keys(this.modules).filter((m) => this.modules[m]!.includes(name));
    },
  };
  const table: [string[], string[]][] = [
    [['8ball'], ['games', '8ball']],
    [['help'], ['help', 'default']],
    [
      ['help', 'test'],
      ['help', 'default', 'test'],
    ],
    [
      ['factoid', 'add', 'test', 'test is test message'],
      ['factoid', 'add', 'test', 'test is test message'],
    ],
    // The seed's edge case: an invalid subcommand becomes an argument of `default`.
    [
      ['games', 'invalid'],
      ['games', 'default', 'invalid'],
    ],
  ];
  it.each(table)('%j → %j', (input, output) => {
    expect(fixCommand(input, lookup)).toEqual(output);
  });
});

describe('invoke and error handling (seed table)', () => {
  // Arguments (comma separated) | Matched | Result
  const table: [string, boolean, 'passed' | typeof CommandNotFound | typeof IllegalArgument][] = [
    ['help, default, test', true, 'passed'],
    ['games, 8ball', true, 'passed'],
    ['invalid, default', false, CommandNotFound],
    ['games, default', true, CommandNotFound],
    ['games, default, invalid', true, CommandNotFound],
    ['help, commands', true, IllegalArgument],
  ];
  it.each(table)('%s → matched %s', async (input, matched, result) => {
    const h = await seedHarness(tmp());
    const words = input.split(', ');
    expect(h.registry.isModule(words[0]!)).toBe(matched);
    const started = h.executor.start(h.msg(words.join(' '), { isPrivate: true }), words);
    if (result === 'passed') {
      const invocation = await started;
      await invocation.settled;
      expect(h.calls.map((c) => c.command)).toEqual([`${words[0]} ${words[1]}`]);
    } else {
      await expect(started).rejects.toBeInstanceOf(result);
      expect(h.calls).toEqual([]);
    }
  });

  it('reports each to the user the way the error mapping says', async () => {
    const h = await seedHarness(tmp());
    await h.run('&invalid default', { isPrivate: false });
    expect(h.sent).toEqual([]); // unknown commands are not answered in channels by default
    await h.run('invalid default', { isPrivate: true });
    expect(h.sent.pop()?.text).toMatch(/^Unknown command "invalid"/);
    await h.run('help commands', { isPrivate: true });
    expect(h.sent.pop()?.text).toBe('Missing argument <rest>\nUsage: help commands <rest>');
    await h.run('games default', { isPrivate: true });
    expect(h.sent.pop()?.text).toMatch(/"games" has no subcommand "default"/);
  });
});
