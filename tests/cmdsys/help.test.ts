// Help metadata (desc, generated usage, longDesc, lib truncated to 64, numeric ids) as `help`,
// `help <command>` and `help <module>` render it, and internal commands run from an external
// command through this.internal(name, args) at the caller's rank.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses, type CmdHarness } from '../support/cmdsys-harness';
import { REPO_ROOT } from '../support/run-cli';

const start = useHarnesses();

const LONG_LIB = `documented-module ${'x'.repeat(80)}`;

const DOCUMENTED = commandFile(
  `export class Documented extends Command {
  setup() {
    this.name = 'documented';
    this.aliases = ['doc', 'docs'];
    this.desc = 'Shows off the help metadata.';
    this.longDesc = 'A longer text.\\nOn two lines.';
    this.lib = '${LONG_LIB}';
    this.minRank = 5;
    return this.addArgument(new IntegerArgument('count', false, { description: 'how many' }))
      .addArgument(new ChoiceArgument('mode', ['fast', 'slow'] as const, true))
      .addArgument(new StringArgument('rest', true, { description: 'anything else' }));
  }
  async call() {}
}

export class Asker extends Command {
  setup() {
    this.name = 'asker';
    this.desc = 'Runs internal commands.';
    return this.addArgument(new StringArgument('line'));
  }
  async call({ line }: ArgsOf<Asker>) {
    const [name = '', ...args] = line.split(' ');
    await this.respond('before', { flush: false });
    await this.internal(name, args);
    await this.respond('after');
  }
}`,
  'Command, ChoiceArgument, IntegerArgument, StringArgument, type ArgsOf',
);

const example = (file: string): string => readFileSync(path.join(REPO_ROOT, 'commands', file), 'utf8');

async function harness(): Promise<CmdHarness> {
  return start({
    files: {
      'documented.ts': DOCUMENTED,
      'echo.ts': example('echo.ts'),
      'factoid.ts': example('factoid.ts'),
    },
  });
}

const idOf = (help: string): number => Number(/\(id (\d+),/.exec(help)?.[1]);

describe('help', () => {
  it('lists built-ins and commands, one line each, modules folded into one line', async () => {
    const h = await harness();
    const [text] = await h.run('help');
    const lines = text!.split('\n');
    expect(lines[0]).toBe('Built-in:');
    for (const name of ['cancel', 'help', 'ping', 'reloadCommands', 'running'])
      expect(lines.some((l) => l.startsWith(`  ${name} — `))).toBe(true);
    const commands = lines.slice(lines.indexOf('Commands:'));
    expect(commands).toEqual([
      'Commands:',
      '  asker — Runs internal commands.',
      '  documented — Shows off the help metadata.',
      '  echo — Repeats what you say.',
      '  factoid add|default|get — factoid 1.0',
      '',
      'Type "help <command>" for details.',
    ]);
  });

  it('help <command> renders desc, generated usage, aliases, arguments, longDesc, id, file, lib (64) and rank', async () => {
    const h = await harness();
    const [text] = await h.run('help documented');
    const id = idOf(text!);
    expect(text).toBe(
      [
        'documented — Shows off the help metadata.',
        'Usage: documented <count:int> [mode:fast|slow] [rest]',
        'Aliases: doc, docs',
        'Arguments:',
        '  <count:int>  how many',
        '  [mode:fast|slow]',
        '  [rest]  anything else',
        '',
        'A longer text.\nOn two lines.',
        `(id ${id}, file documented.ts, lib ${LONG_LIB.slice(0, 64)}, rank ≤ 5)`,
      ].join('\n'),
    );
    expect(LONG_LIB.slice(0, 64)).toHaveLength(64);
    // by alias, case-insensitively: the same command
    expect(await h.run('help DOC')).toEqual([text]);
    // a built-in
    const [ping] = await h.run('help ping');
    expect(ping).toMatch(
      /^ping — Answers pong: is the bot alive\?\nUsage: ping\n\(id \d+, built-in, lib protos-panel built-ins\)$/,
    );
  });

  it('help <module> lists its subcommands; help <module> <sub> explains one', async () => {
    const h = await harness();
    expect(await h.run('help factoid')).toEqual([
      [
        'factoid — subcommands:',
        '  factoid add <key> <text> — Remembers a fact.',
        '  factoid default [key] — Tells a fact (short for "factoid get").',
        '  factoid get <key> — Tells a fact.',
      ].join('\n'),
    ]);
    const [add] = await h.run('help factoid set');
    expect(add).toMatch(
      /^factoid add — Remembers a fact\.\nUsage: factoid add <key> <text>\nAliases: set\n\(id \d+, file factoid\.ts, lib factoid 1\.0\)$/,
    );
  });

  it('help for an unknown command says so, with suggestions', async () => {
    const h = await harness();
    expect(await h.run('help ecko')).toEqual(['Unknown command "ecko". Did you mean "echo"?']);
    expect(await h.run('help factoid nope')).toEqual(['Unknown command "factoid nope".']);
    // words after a top-level command are ignored
    expect(await h.run('help echo extra words')).toEqual(await h.run('help echo'));
  });

  it('command ids are unique and stable within a load generation', async () => {
    const h = await harness();
    const ids = async (): Promise<number[]> =>
      Promise.all(
        ['documented', 'echo', 'asker', 'factoid add'].map(async (c) => idOf((await h.run(`help ${c}`))[0]!)),
      );
    const first = await ids();
    expect(new Set(first).size).toBe(4);
    expect(first.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(await ids()).toEqual(first);
    // another file reloading leaves them alone
    h.write('other.ts', commandFile(`export class O extends Command { setup() { this.name = 'other'; } }`));
    await h.reload();
    expect(await ids()).toEqual(first);
    // the commands of a file that reloads are a new generation: ids stay unique
    await h.reload(true);
    const after = await ids();
    expect(new Set([...after, idOf((await h.run('help other'))[0]!)]).size).toBe(5);
    expect(await ids()).toEqual(after);
  });
});

describe('this.internal(name, args)', () => {
  it('runs an internal command inside the calling invocation, answering through it', async () => {
    const h = await harness();
    const [help] = await h.run('help echo');
    expect(await h.run('asker "help echo"')).toEqual([`before\n${help}`, 'after']);
    expect(await h.run('asker ping')).toEqual(['before\npong', 'after']);
  });

  it('runs at the caller\u2019s rank', async () => {
    const h = await harness();
    const [report] = await h.run('asker reloadCommands');
    expect(report).toMatch(
      /^before\nReloaded commands in \d+ ms: 0 loaded, 0 updated, 0 removed, 0 failed\.$/,
    );
    expect(await h.chat('asker reloadCommands', { rank: 10 }).done()).toEqual([
      'before',
      'Not allowed: "reloadCommands" needs rank 2 or higher; yours is 10.',
    ]);
  });

  it('refuses names that are not internal commands', async () => {
    const h = await harness();
    expect(await h.run('asker echo hi')).toEqual(['before', '"echo" is not an internal command.']);
    expect(await h.run('asker nothing')).toEqual([
      'before',
      expect.stringMatching(/^Unknown command "nothing"/),
    ]);
  });
});
