// Tab completion and "send as a new command" against a real bot loading real command files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsoleOutput } from '../../shared/dto/console';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { startTestBot, testApi } from '../../../tests/support/test-bot';
import { waitFor } from '../../../tests/support/wait';

const tmp = useTmpDirs();
const ctx = { transport: 'test' } as const;

const FILE = `
import { BooleanArgument, ChoiceArgument, Command, StringArgument } from 'cmdsys';

export class Mode extends Command {
  setup() {
    this.name = 'mode';
    this.aliases = ['modus'];
    this.desc = 'Sets a mode.';
    return this.addArgument(new ChoiceArgument('level', ['low', 'medium', 'high', 'lower']))
      .addArgument(new BooleanArgument('loud', true));
  }
  async call() {}
}

export class Pick extends Command {
  setup() {
    this.name = 'pick';
    this.desc = 'Picks a fruit.';
    return this.addArgument(new StringArgument('fruit', false, { autocomplete: (t) => ['apple', 'apricot', 'banana'].filter((f) => f.startsWith(t)) }));
  }
  async call() {}
}

export class Broken extends Command {
  setup() {
    this.name = 'broken';
    this.desc = 'Its suggestions throw.';
    return this.addArgument(new StringArgument('x', false, { autocomplete: () => { throw new Error('nope'); } }));
  }
  async call() {}
}

export class Place extends Command {
  setup() {
    this.name = 'place';
    this.desc = 'Puts a thing in a room.';
    return this.addArgument(new StringArgument('thing'))
      .addArgument(new ChoiceArgument('room', ['living room', 'hall', 'kitchen']));
  }
  async call() {}
}

export class ZooAdd extends Command {
  setup() {
    this.module = 'zoo';
    this.name = 'add';
    this.desc = 'Adds an animal.';
    return this.addArgument(new ChoiceArgument('kind', ['cat', 'cow']));
  }
  async call() {}
}

export class ZooFeed extends Command {
  setup() {
    this.module = 'zoo';
    this.name = 'feed';
    this.desc = 'Feeds them.';
  }
  async call() {}
}

export class Ask extends Command {
  setup() {
    this.name = 'asker';
    this.desc = 'Waits for an answer.';
  }
  async call() {
    const answer = await this.ask('your answer?', { timeoutMs: 10_000 });
    await this.respond('got ' + answer);
  }
}
`;

async function botWithCommands() {
  const dir = tmp();
  const commandsDir = path.join(dir, 'commands');
  mkdirSync(commandsDir, { recursive: true });
  writeFileSync(path.join(commandsDir, 'tools.ts'), FILE);
  const bot = await startTestBot(dir, { commandsDir });
  expect(bot.commands.loader.files().find((f) => f.file === 'tools.ts')).toMatchObject({ state: 'loaded' });
  return { bot, api: testApi(bot) };
}

async function complete(api: ReturnType<typeof testApi>, line: string) {
  const result = await api.router.call('console.complete', { line }, ctx);
  if (!result.ok) throw new Error(result.error.message);
  const data = result.data as { from: number; kind: string; items: { value: string; detail: string }[] };
  return { ...data, values: data.items.map((i) => i.value) };
}

describe('console.complete', () => {
  it('completes command names, aliases and modules from the registry', async () => {
    const { bot, api } = await botWithCommands();
    const mo = await complete(api, 'mo');
    expect(mo).toMatchObject({ from: 0, kind: 'command' });
    expect(mo.values).toEqual(expect.arrayContaining(['mode', 'modus']));
    expect(mo.items.find((i) => i.value === 'mode')!.detail).toBe('Sets a mode.');
    expect(mo.items.find((i) => i.value === 'modus')!.detail).toBe('alias of mode');
    expect((await complete(api, 'MODU')).values).toEqual(['modus']);
    expect((await complete(api, '  zo')).values).toEqual(['zoo']);
    expect((await complete(api, '')).values).toEqual(expect.arrayContaining(['help', 'mode', 'pick', 'zoo']));
    expect((await complete(api, 'xyz')).values).toEqual([]);
    api.dispose();
    await bot.stop();
  });

  it('completes subcommands, choices, yes/no and the argument hook, with the argument named', async () => {
    const { bot, api } = await botWithCommands();
    expect(await complete(api, 'zoo ')).toMatchObject({
      from: 4,
      kind: 'subcommand',
      values: ['add', 'feed'],
    });
    expect(await complete(api, 'zoo add c')).toMatchObject({
      from: 8,
      values: ['cat', 'cow'],
      kind: '<kind:cat|cow>',
    });
    expect(await complete(api, 'MODE lo')).toMatchObject({ from: 5, values: ['low', 'lower'] });
    expect(await complete(api, 'mode low ')).toMatchObject({ values: ['yes', 'no'], kind: '[loud:yes|no]' });
    expect((await complete(api, 'pick ap')).values).toEqual(['apple', 'apricot']);
    api.dispose();
    await bot.stop();
  });

  it('splits the line as the pipeline does: a quoted argument is one word, and can be completed', async () => {
    const { bot, api } = await botWithCommands();
    // the quoted first argument counts as one word: the next one is the room
    expect(await complete(api, 'place "red box" ')).toMatchObject({
      from: 16,
      kind: '<room:living room|hall|kitchen>',
      values: ['"living room"', 'hall', 'kitchen'],
    });
    // a value with a space is offered quoted, whether the user opened the quote or not
    expect(await complete(api, 'place lamp "liv')).toMatchObject({ from: 11, values: ['"living room"'] });
    expect(await complete(api, 'place lamp liv')).toMatchObject({ from: 11, values: ['"living room"'] });
    expect(await complete(api, 'place lamp "living r')).toMatchObject({
      from: 11,
      values: ['"living room"'],
    });
    expect(await complete(api, "place 'red box' k")).toMatchObject({ from: 16, values: ['kitchen'] });
    // an open quote in the first argument: that argument is being typed (no suggestions for it)
    expect(await complete(api, 'place "red bo')).toMatchObject({ from: 6, values: [], kind: '<thing>' });
    // a word that runs into an open quote starts where the word does
    expect(await complete(api, 'place lamp k"it')).toMatchObject({ from: 11, values: ['kitchen'] });
    api.dispose();
    await bot.stop();
  });

  it('gives nothing (and no error) past the last argument, for unknown commands and throwing hooks', async () => {
    const { bot, api } = await botWithCommands();
    expect(await complete(api, 'mode low yes ')).toMatchObject({ values: [], kind: 'no more arguments' });
    expect(await complete(api, 'nosuch a')).toMatchObject({ values: [], kind: 'unknown command' });
    expect(await complete(api, 'broken ')).toMatchObject({ values: [], kind: '<x>' });
    expect(bot.state).toBe('running');
    api.dispose();
    await bot.stop();
  });
});

describe('console.execCommand', () => {
  it('runs the line as a new command while another waits for an answer; console.exec answers it', async () => {
    const { bot, api } = await botWithCommands();
    const out: ConsoleOutput[] = [];
    bot.console.onOutput((o) => out.push(o));
    await api.router.call('console.exec', { line: 'asker' }, ctx);
    await waitFor('the question', () => out.some((o) => o.text === 'your answer?'));
    // sent as a new command: `mode` runs (its usage error), the quiz still waits
    await api.router.call('console.execCommand', { line: 'mode' }, ctx);
    await waitFor('mode to answer', () => out.some((o) => o.kind === 'error' && /level/.test(o.text)));
    expect(bot.commands.executor.list().map((i) => [i.command, i.state])).toEqual([
      ['asker', 'awaiting_input'],
    ]);
    // a plain line still answers the waiting command
    await api.router.call('console.exec', { line: 'mode' }, ctx);
    await waitFor('the answer to arrive', () => out.some((o) => o.text === 'got mode'));
    api.dispose();
    await bot.stop();
  });
});
