// The examples of the command API tutorial (seed 000), as tests: the seed's commands, written
// the TypeScript way, answer as the tutorial says they do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';
import { REPO_ROOT, runBot } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';

const start = useHarnesses();
const tmp = useTmpDirs();

/** The example command files shipped in commands/ (they are the seed's examples). */
const example = (file: string): string => readFileSync(path.join(REPO_ROOT, 'commands', file), 'utf8');

describe('the command structure', () => {
  it('coolCommand answers by its name and by its alias coolCmd; the class name means nothing', async () => {
    const h = await start({ files: { 'cool-command.ts': example('cool-command.ts') } });
    expect(await h.run('coolCommand')).toEqual(['Hello World!']);
    expect(await h.run('coolCmd')).toEqual(['Hello World!']);
    expect(await h.run('COOLCMD')).toEqual(['Hello World!']);
    const byClass = await h.run('MyCommand');
    expect(byClass).toHaveLength(1);
    expect(byClass[0]).toMatch(/^Unknown command "MyCommand"/);
  });

  it('a subclass without a name is not a command; several commands may share a file', async () => {
    const h = await start({
      files: {
        'many.ts': commandFile(`
export class Unnamed extends Command {}
export class First extends Command {
  setup() { this.name = 'first'; }
  async call() { await this.respond('one'); }
}
export class Second extends Command {
  setup() { this.name = 'second'; this.desc = 'the second'; }
  async call() { await this.respond('two'); }
}`),
      },
    });
    expect(h.bot.commands.loader.files()).toEqual([
      expect.objectContaining({ file: 'many.ts', state: 'loaded', commands: ['first', 'second'] }),
    ]);
    expect(await h.run('first')).toEqual(['one']);
    expect(await h.run('second')).toEqual(['two']);
    expect(h.logs('error')).toEqual([]);
  });
});

describe('echo (arguments)', () => {
  it('repeats its optional message, and complains without one', async () => {
    const h = await start({ files: { 'echo.ts': example('echo.ts') } });
    expect(await h.run('echo hi')).toEqual(['hi']);
    expect(await h.run('echo')).toEqual(["You didn't say anything :("]);
  });

  it('splits shell-like and merges excess words into the last argument', async () => {
    const h = await start({ files: { 'echo.ts': example('echo.ts') } });
    expect(await h.run('echo "hello world" extra')).toEqual(['hello world extra']);
    expect(await h.run("echo 'single  quoted'   and   more")).toEqual(['single  quoted and more']);
    expect(await h.run('echo escaped\\ space "and \\"quotes\\""')).toEqual(['escaped space and "quotes"']);
  });
});

describe('listUsers (environment: this.msg)', () => {
  const guild = {
    members: {
      cache: new Map([
        ['1', { displayName: 'zoe', user: { username: 'zoe' } }],
        ['2', { user: { username: 'adam' } }],
        ['3', { displayName: 'helper bot', user: { username: 'bot', bot: true } }],
        ['4', { displayName: 'mia', user: { username: 'mia' } }],
      ]),
    },
  };

  it("lists the native guild's members in one buffered message", async () => {
    const h = await start({ files: { 'list-users.ts': example('list-users.ts') } });
    const exchange = h.chat('listUsers', { native: { guild } });
    expect(await exchange.done()).toEqual(['adam\nmia\nzoe\n3 member(s) known to the bot.']);
    expect(h.fake.sent).toHaveLength(1);
  });

  it('on the console, lists just the console user', async () => {
    const h = await start({ files: { 'list-users.ts': example('list-users.ts') } });
    expect(await h.run('listUsers')).toEqual(['Console']);
    expect(await h.run('users')).toEqual(['Console']);
  });
});

describe('environment attributes', () => {
  const ENV = commandFile(`export class Env extends Command {
  setup() { this.name = 'env'; }
  async call() {
    const env = this.env;
    this.logger.info({ author: this.msg.author.id }, 'env was asked');
    await this.respond(JSON.stringify({
      clients: [...env.clients.keys()].sort(),
      discord: env.client('discord')?.id ?? null,
      botName: env.config.get('bot.name'),
      database: env.database.available,
      audio: env.audio.available,
      rpc: env.rpc.available,
      events: typeof env.events.on,
      logger: typeof env.logger.info,
      msg: { network: this.msg.network, text: this.msg.text, rank: this.msg.rank, guild: this.msg.guild?.id ?? null },
    }));
  }
}`);

  it('this.env exposes clients, database, config, audio, events, logger, rpc; this.msg is the neutral message', async () => {
    const h = await start({ files: { 'env.ts': ENV } });
    expect(JSON.parse((await h.run('env'))[0]!)).toEqual({
      clients: ['console', 'fake'],
      discord: 'fake',
      botName: 'bot',
      database: true,
      audio: true, // ffmpeg is installed (the audio subsystem)
      rpc: false,
      events: 'function',
      logger: 'function',
      msg: { network: 'console', text: 'env', rank: 1, guild: 'console' },
    });
    const [chat] = await h.chat('env', { rank: 7 }).done();
    expect(JSON.parse(chat!).msg).toEqual({ network: 'discord', text: 'env', rank: 7, guild: 'g1' });
    // this.logger is a child logger named after the command, bound to its file
    expect(h.logs('info').filter((e) => e.msg === 'env was asked')).toEqual([
      expect.objectContaining({
        name: 'cmd:env',
        fields: expect.objectContaining({ file: 'env.ts', author: 'console' }),
      }),
      expect.objectContaining({ name: 'cmd:env', fields: expect.objectContaining({ author: '42' }) }),
    ]);
  });
});

describe('respond', () => {
  const buffered = commandFile(`
export class Buffered extends Command {
  setup() { this.name = 'buffered'; }
  async call() {
    await this.respond('a', { flush: false });
    await this.respond('b', { flush: false });
    await this.flush();
    await this.respond('c', { flush: false });
    await this.respond('d');
    await this.respond('e', { flush: false });
    await this.respond('f', { flush: false });
    // no flush: the end of the invocation flushes
  }
}
export class Mention extends Command {
  setup() { this.name = 'mention'; }
  async call() {
    await this.respond('Hi there');
    await this.respond('Hi there', true);
    await this.respond('buffered', { mention: true, flush: false });
  }
}
export class Failing extends Command {
  setup() { this.name = 'failing'; }
  async call() {
    await this.respond('partial result', { flush: false });
    throw new Error('kaputt');
  }
}`);

  it('buffers with flush:false until flush(), a flushing respond, or the end of the invocation', async () => {
    const h = await start({ files: { 'respond.ts': buffered } });
    expect(await h.run('buffered')).toEqual(['a\nb', 'c\nd', 'e\nf']);
    const exchange = h.chat('buffered');
    expect(await exchange.done()).toEqual(['a\nb', 'c\nd', 'e\nf']);
  });

  it('prefixes the author mention where the network has mentions, and not on the console', async () => {
    const h = await start({ files: { 'respond.ts': buffered } });
    expect(await h.chat('mention').done()).toEqual(['Hi there', '<@42>, Hi there', '<@42>, buffered']);
    expect(await h.run('mention')).toEqual(['Hi there', 'Hi there', 'buffered']);
  });

  it("flushes a failing command's buffered output as output, then reports the error", async () => {
    const h = await start({ files: { 'respond.ts': buffered } });
    const exchange = h.console('failing');
    await exchange.done();
    expect(exchange.outputs).toEqual([
      { text: 'partial result', isError: false },
      {
        text: expect.stringMatching(/^Something went wrong running "failing" \(error id [0-9a-f]+\)\.$/),
        isError: true,
      },
    ]);
  });
});

describe('npm run bot -- --console (the acceptance example)', () => {
  it('prints "hello world extra" and the echo help', async () => {
    const dataDir = tmp();
    const result = await runBot(
      ['--console', '--data-dir', dataDir],
      'echo "hello world" extra\nhelp echo\n',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('hello world extra');
    expect(lines[1]).toBe('echo — Repeats what you say.');
    expect(lines[2]).toBe('Usage: echo [message]');
    expect(result.stdout).toMatch(/\(id \d+, file echo\.ts, lib examples 1\.0\)\n$/);
  });

  it('feeds piped lines to a command asking questions, one answer per question', async () => {
    const dataDir = tmp();
    const result = await runBot(['--console', '--data-dir', dataDir], 'quiz\n42\nmars\nseven\nping\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'What is 6 × 7?',
        'Correct!',
        'Which planet is known as the red planet?',
        'Correct!',
        'How many sides does a hexagon have?',
        'Not quite: 6.',
        'Score: 2/3 (best so far: 2).',
        'pong',
        '',
      ].join('\n'),
    );
  });

  it('runs a countdown to the end before shutting down at end of input', async () => {
    const dataDir = tmp();
    const result = await runBot(['--console', '--data-dir', dataDir], 'countdown 2\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('2\n1\nLiftoff!\n');
  });
});
