// Chat manners (seed 003 in a busy channel): what only looks like a command gets no error,
// columns count from what the user typed, errors name what the user typed, and did-you-mean
// prefers command names to aliases of unrelated commands.
import { describe, expect, it } from 'vitest';
import { CommandRegistry } from '../../src/main/runtime/cmdsys/registry/command-registry';
import { suggestCommands } from '../../src/main/runtime/cmdsys/registry/did-you-mean';
import { Command } from '../../src/main/runtime/cmdsys/api/command';
import { useHarnesses } from '../support/cmdsys-harness';
import { seedHarness } from '../support/pipeline-harness';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
const start = useHarnesses();

describe('parse errors in channels', () => {
  it('"bot, what\'s up?" in a channel gets no reply (its first word names no command)', async () => {
    const h = await seedHarness(tmp());
    const { trace } = await h.run("bot, what's up?");
    expect(h.sent).toEqual([]);
    expect(trace.outcome).toBe('ignored');
    expect(trace.stages.at(-1)).toMatchObject({ stage: 'tokenize' });
    await h.run("&it's fine");
    expect(h.sent).toEqual([]);
  });

  it('follows pipeline.unknownCommandReply: answered in private, or everywhere with "always"', async () => {
    const h = await seedHarness(tmp());
    await h.run("what's up?", { isPrivate: true });
    expect(h.sent.pop()?.text).toBe("Unclosed ' quote at column 5");
    await h.config.set('pipeline.unknownCommandReply', 'always');
    await h.run("bot, what's up?");
    // the column counts from the start of what the user typed, not from after "bot, "
    expect(h.sent.pop()?.text).toBe("Unclosed ' quote at column 10");
    await h.config.set('pipeline.unknownCommandReply', 'never');
    await h.run("what's up?", { isPrivate: true });
    expect(h.sent).toEqual([]);
  });

  it('a known command (or module, or a subcommand the fixer completes) gets the quote error', async () => {
    const h = await seedHarness(tmp());
    await h.run('&games "x');
    expect(h.sent.pop()?.text).toBe('Unclosed " quote at column 8');
    await h.run("bot: 8ball 'will it rain");
    expect(h.sent.pop()?.text).toBe("Unclosed ' quote at column 12");
    await h.run("games 'x", { isPrivate: true });
    expect(h.sent.pop()?.text).toBe("Unclosed ' quote at column 7");
  });
});

describe('error wording names what the user typed', () => {
  it('"games invalid" blames "invalid", not the inserted "default"', async () => {
    const h = await seedHarness(tmp());
    await h.run('games invalid', { isPrivate: true });
    expect(h.sent.pop()?.text).toBe('"games" has no subcommand "invalid".');
    await h.run('games 8bal', { isPrivate: true });
    expect(h.sent.pop()?.text).toBe('"games" has no subcommand "8bal". Did you mean "games 8ball"?');
    await h.run('games', { isPrivate: true });
    expect(h.sent.pop()?.text).toMatch(/^"games" needs a subcommand/);
  });
});

describe('did-you-mean prefers command names', () => {
  const named = (name: string, aliases: string[] = []): Command => {
    const c = new Command();
    c.name = name;
    c.aliases = aliases;
    return c;
  };

  it('an alias two edits away from an unrelated word is not offered; a close alias still is', () => {
    const registry = new CommandRegistry();
    registry.add([named('cancel', ['term', 'stop']), named('help'), named('tent')], null, true);
    const suggestions = (word: string): string[] => {
      try {
        registry.resolve([word]);
        return ['(resolved)'];
      } catch (err) {
        return (err as { suggestions: string[] }).suggestions;
      }
    };
    expect(suggestions('test')).toEqual(['tent']);
    expect(suggestions('tesst')).toEqual(['tent']);
    expect(suggestions('sotp')).toEqual(['stop']);
    expect(suggestions('cancle')).toEqual(['cancel']);
    expect(suggestCommands('test', ['help'], ['term'])).toEqual([]);
    expect(suggestCommands('tem', ['help'], ['term'])).toEqual(['term']);
  });

  it('the real "help test" does not suggest "term" (the alias of cancel)', async () => {
    const h = await start();
    const replies = await h.run('help test').catch((err: Error) => [err.message]);
    expect(replies.join('\n')).toMatch(/Unknown command "test"/);
    expect(replies.join('\n')).not.toMatch(/term/);
  });
});
