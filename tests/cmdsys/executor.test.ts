// The executor: invocations with ids and states, cancel (by id, newest/Ctrl-C, timeout),
// onTerm, abandonment of commands that ignore their signal, loop mode, ask(), rank checks and
// how failures are shown (showCommandErrors).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { commandFile, useHarnesses, waitFor, within, type CmdHarness } from '../support/cmdsys-harness';
import { useTmpDirs } from '../support/tmp-dir';
import { RUNTIME_ENTRY } from '../support/run-cli';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const start = useHarnesses();
const tmp = useTmpDirs();

const g = globalThis as unknown as { terms: string[] };

const COMMANDS = commandFile(
  `const g = globalThis as unknown as { terms: string[] };

/** Cooperative: sleeps (cancellable) and notes its onTerm. */
export class Wait extends Command {
  setup() {
    this.name = 'wait';
    return this.addArgument(new DurationArgument('time', true));
  }
  async call({ time }: ArgsOf<Wait>) {
    await this.respond('waiting');
    await this.sleep(time ?? 60_000);
    await this.respond('waited');
  }
  onTerm(reason: string) { g.terms.push('wait: ' + reason); }
}

/** Buffers a line, then waits to be cancelled. */
export class Buffering extends Command {
  setup() { this.name = 'buffering'; }
  async call() {
    await this.respond('partial', { flush: false });
    await this.sleep(60_000);
  }
}

/** Waits on its AbortSignal the way fetch() would. */
export class OnSignal extends Command {
  setup() { this.name = 'onSignal'; }
  async call() {
    await this.respond('listening');
    await new Promise((_, reject) =>
      this.signal.addEventListener('abort', () => reject(new Error('aborted: ' + String(this.signal.reason)))),
    );
  }
}

/** Ignores cancellation altogether. */
export class Stubborn extends Command {
  setup() { this.name = 'stubborn'; }
  async call() {
    await this.respond('not listening');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await this.respond('too late');
  }
  onTerm(reason: string) { g.terms.push('stubborn: ' + reason); }
}

export class Slow extends Command {
  setup() { this.name = 'slow'; this.timeoutMs = 150; }
  async call() { await this.sleep(10_000); }
  onTerm(reason: string) { g.terms.push('slow: ' + reason); }
}

/** Loop mode, countdown-like, with small sleeps. */
export class Count extends Command {
  private left = 0;
  setup() {
    this.name = 'count';
    return this.addArgument(new IntegerArgument('from', false, { min: 1 })).addArgument(new IntegerArgument('pause', true));
  }
  async call({ from, pause }: ArgsOf<Count>) {
    this.left = from;
    this.state.pause = pause ?? 10;
    this.enableLoop(true);
  }
  async loop() {
    await this.respond(String(this.left));
    this.left--;
    if (this.left <= 0) {
      this.enableLoop(false);
      await this.respond('liftoff');
      return;
    }
    await this.sleep(Number(this.state.pause));
  }
}

/** A synchronous loop() that never sleeps: the executor must still yield between calls. */
export class Spin extends Command {
  private n = 0;
  setup() { this.name = 'spin'; }
  call() { this.enableLoop(true); }
  loop() { this.n++; (globalThis as unknown as { spins: number }).spins = this.n; }
  onTerm() { g.terms.push('spin: ' + String(this.n > 10)); }
}

export class NoLoop extends Command {
  setup() { this.name = 'noLoop'; }
  call() { this.enableLoop(true); }
}

/** More-input mode. */
export class Greet extends Command {
  setup() {
    this.name = 'greet';
    return this.addArgument(new IntegerArgument('timeout', true));
  }
  async call({ timeout }: ArgsOf<Greet>) {
    const name = await this.ask('Your name?', { timeoutMs: timeout ?? 5_000 });
    const color = await this.ask('Favourite colour?', { timeoutMs: timeout ?? 5_000 });
    await this.respond('Hello ' + name + ' who likes ' + color);
  }
}

export class Owners extends Command {
  setup() { this.name = 'owners'; this.minRank = 2; }
  async call() { await this.respond('welcome, rank ' + String(this.msg.rank)); }
}

export class Boom extends Command {
  setup() { this.name = 'boom'; }
  async call() { throw new Error('kaboom'); }
}

export class CommandsRun extends Command {
  setup() { this.name = 'runs'; }
  async call() { await this.respond(String(this.env.stats.commandsRun)); }
}

export class Info extends Command {
  setup() { this.name = 'info'; }
  async call() {
    const i = this.invocationId;
    await this.respond(JSON.stringify({ id: typeof i, aborted: this.signal.aborted, author: this.msg.author.displayName, channel: this.msg.channel.name }));
  }
}`,
  'Command, DurationArgument, IntegerArgument, type ArgsOf',
);

async function harness(options: Parameters<typeof start>[0] = {}): Promise<CmdHarness> {
  g.terms = [];
  return start({ ...options, files: { 'exec.ts': COMMANDS, ...options.files } });
}

const runningIds = (h: CmdHarness): number[] => h.bot.commands.executor.list().map((i) => i.id);

describe('invocations', () => {
  it('have an id, a state, an author, a channel and a start time, listed by `running`', async () => {
    const h = await harness();
    const before = Date.now();
    const waiting = h.console('wait', 'panel');
    const id = await waiting.id();
    await waitFor('waiting', () => waiting.replies.includes('waiting'));
    expect(h.bot.commands.executor.list()).toEqual([
      expect.objectContaining({
        id,
        command: 'wait',
        state: 'running',
        author: 'Console',
        channel: 'panel',
        adapterId: 'console',
        text: 'wait',
      }),
    ]);
    expect(h.bot.commands.executor.list()[0]!.startedAt).toBeGreaterThanOrEqual(before);
    const [listing] = await h.run('running', 'other');
    expect(listing).toMatch(new RegExp(`^#${id} wait — running, Console in panel, \\d+ ms$`));
    expect(await h.run('info', 'other')).toEqual([
      JSON.stringify({ id: 'number', aborted: false, author: 'Console', channel: 'other' }),
    ]);
    expect(await h.run(`cancel ${id}`, 'other')).toEqual([`Cancelling #${id} (wait).`]);
    expect(await waiting.done()).toEqual(['waiting', 'Stopped "wait" (cancelled by Console).']);
    expect(await h.run('running', 'other')).toEqual(['Nothing is running.']);
    expect(g.terms).toEqual(['wait: cancelled by Console']);
  });

  it('are counted for env.stats.commandsRun as they start (this one included)', async () => {
    const h = await harness();
    const [first] = await h.run('runs', 'panel');
    expect(Number(first)).toBeGreaterThanOrEqual(1);
    await h.run('info', 'panel');
    expect(await h.run('runs', 'panel')).toEqual([String(Number(first) + 2)]);
    expect(h.bot.commands.executor.startedCount).toBe(Number(first) + 2);
  });

  it('cancel of an unknown id says so', async () => {
    const h = await harness();
    expect(await h.run('cancel 999')).toEqual(['No running invocation #999.']);
    expect(await h.run('cancel zero')).toEqual([
      'Id must be a whole number, got "zero"\nUsage: cancel <id:int>',
    ]);
  });

  it('aborts this.signal when cancelled', async () => {
    const h = await harness();
    const listening = h.console('onSignal');
    const id = await listening.id();
    await waitFor('listening', () => listening.replies.includes('listening'));
    h.bot.commands.executor.cancel(id, 'from the panel');
    expect(await listening.done()).toEqual(['listening', 'Stopped "onSignal" (from the panel).']);
  });

  it('flushes what a cancelled command buffered, as output, before the stop notice', async () => {
    const h = await harness();
    const buffering = h.console('buffering');
    const id = await buffering.id();
    await waitFor('it to sleep', () => h.bot.commands.executor.list().length === 1);
    expect(buffering.replies).toEqual([]);
    h.bot.commands.executor.cancel(id, 'panel');
    await buffering.done();
    expect(buffering.outputs).toEqual([
      { text: 'partial', isError: false },
      { text: 'Stopped "buffering" (panel).', isError: true },
    ]);
  });

  it('cancelNewest (Ctrl-C) cancels the newest invocation only', async () => {
    const h = await harness();
    const older = h.console('wait', 'one');
    const olderId = await older.id();
    const newer = h.console('wait', 'two');
    const newerId = await newer.id();
    expect(newerId).toBeGreaterThan(olderId);
    expect(h.bot.commands.executor.cancelNewest('Ctrl-C')).toBe(true);
    expect(await newer.done()).toEqual(['waiting', 'Stopped "wait" (Ctrl-C).']);
    expect(runningIds(h)).toEqual([olderId]);
    expect(h.bot.commands.executor.cancelNewest('Ctrl-C')).toBe(true);
    expect(await older.done()).toEqual(['waiting', 'Stopped "wait" (Ctrl-C).']);
    expect(h.bot.commands.executor.cancelNewest('Ctrl-C')).toBe(false);
  });

  it('times out after the command timeout, calling onTerm', async () => {
    const h = await harness();
    const started = Date.now();
    expect(await h.run('slow')).toEqual(['Stopped "slow" (took longer than 150 ms).']);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(g.terms).toEqual(['slow: took longer than 150 ms']);
  });

  it('abandons a command that ignores its signal, reports it, and never blocks other commands', async () => {
    const h = await harness();
    const stubborn = h.console('stubborn', 'one');
    const id = await stubborn.id();
    await waitFor('it to start', () => stubborn.replies.includes('not listening'));
    const cancelledAt = Date.now();
    expect(await h.run(`cancel ${id}`, 'two')).toEqual([`Cancelling #${id} (stubborn).`]);
    // still in its grace period: listed as cancelling, and the rest of the bot answers
    expect(h.bot.commands.executor.list()).toEqual([expect.objectContaining({ id, state: 'cancelling' })]);
    expect(await h.run('ping', 'two')).toEqual(['pong']);

    expect(await stubborn.done(4_000)).toEqual([
      'not listening',
      `Stopped "stubborn" (cancelled by Console).`,
    ]);
    expect(Date.now() - cancelledAt).toBeGreaterThanOrEqual(1_900);
    expect(runningIds(h)).toEqual([]);
    expect(await h.run('running', 'two')).toEqual(['Nothing is running.']);
    expect(g.terms).toEqual(['stubborn: cancelled by Console']);
    expect(h.logs('warn')).toContainEqual(
      expect.objectContaining({
        msg: 'command ignored its cancel signal; abandoned',
        fields: expect.objectContaining({ id, command: 'stubborn' }),
      }),
    );
    // when it finally carries on, what it says is dropped, never sent late
    await waitFor(
      'the late response to be dropped',
      () => h.logs('warn').some((e) => e.msg === 'response after the invocation ended was dropped'),
      3_000,
    );
    expect(stubborn.replies).not.toContain('too late');
  });
});

describe('loop mode', () => {
  it('calls loop() until the command disables it', async () => {
    const h = await harness();
    expect(await h.run('count 3')).toEqual(['3', '2', '1', 'liftoff']);
  });

  it('shows the invocation as looping; cancel stops it between or during calls', async () => {
    const h = await harness();
    const counting = h.console('count 1000 20');
    const id = await counting.id();
    // handleMessage resolves once the invocation loops: the console may read on
    await within(counting.accepted, 2_000, 'the looping command to let the console go');
    await waitFor('a few rounds', () => counting.replies.length >= 3);
    expect(h.bot.commands.executor.list()).toEqual([expect.objectContaining({ id, state: 'looping' })]);
    expect(await h.run('ping', 'other')).toEqual(['pong']);
    h.bot.commands.executor.cancel(id, 'enough');
    const replies = await counting.done();
    expect(replies.at(-1)).toBe('Stopped "count" (enough).');
    expect(replies).not.toContain('liftoff');
    expect(replies.slice(0, 3)).toEqual(['1000', '999', '998']);
  });

  it('yields between loop() calls, even when loop() never awaits', async () => {
    const h = await harness();
    const spinning = h.console('spin');
    const id = await spinning.id();
    await within(spinning.accepted, 2_000, 'spin to loop');
    const spins = (): number => (globalThis as unknown as { spins: number }).spins;
    await waitFor('a few rounds', () => spins() > 10);
    expect(await h.run('ping', 'other')).toEqual(['pong']);
    const before = spins();
    await waitFor('more rounds', () => spins() > before);
    expect(await h.run(`cancel ${id}`, 'other')).toEqual([`Cancelling #${id} (spin).`]);
    expect(await spinning.done()).toEqual(['Stopped "spin" (cancelled by Console).']);
    expect(g.terms).toEqual(['spin: true']);
  });

  it('enableLoop(true) without a loop() method is an error', async () => {
    const h = await harness();
    const [text] = await h.run('noLoop');
    expect(text).toMatch(/^Something went wrong running "noLoop" \(error id [0-9a-f]+\)\.$/);
  });
});

describe('ask()', () => {
  it('takes the same author\u2019s next message in that channel as the answer, not as a command', async () => {
    const h = await harness();
    const greeting = h.console('greet', 'panel');
    await within(greeting.accepted, 2_000, 'greet to wait for input');
    expect(greeting.replies).toEqual(['Your name?']);
    expect(h.bot.commands.executor.list()).toEqual([expect.objectContaining({ state: 'awaiting_input' })]);

    // another channel is not the conversation: its messages are commands
    expect(await h.run('ping', 'other')).toEqual(['pong']);
    // the answer is not run as a command (there is no command "ping" answer here)
    const answer = h.console('ping', 'panel');
    await within(answer.accepted, 2_000, 'the answer');
    expect(answer.replies).toEqual([]);
    expect(answer.invocationIds).toEqual([]);
    // the answer was accepted only once the command asked again: a piped next line answers it
    expect(greeting.replies).toEqual(['Your name?', 'Favourite colour?']);
    await within(h.console('blue', 'panel').accepted, 2_000, 'the second answer');
    expect(await greeting.done()).toEqual(['Your name?', 'Favourite colour?', 'Hello ping who likes blue']);
  });

  it('on a chat network, only the asking author answers; others run commands', async () => {
    const h = await harness();
    const [alice, bob] = h.fake.users;
    const greeting = h.chat('greet', { author: alice });
    await within(greeting.accepted, 2_000, 'greet to wait for input');
    expect(await h.chat('ping', { author: bob }).done()).toEqual(['pong']);
    await h.chat('Alice', { author: alice }).accepted;
    await h.chat('green', { author: alice }).accepted;
    expect(await greeting.done()).toEqual(['Your name?', 'Favourite colour?', 'Hello Alice who likes green']);
  });

  it('listens before the prompt is sent: a quick answer on a slow network is not lost', async () => {
    const h = await harness();
    h.fake.sendDelayMs = 100;
    const greeting = h.chat('greet');
    // the prompt is on its way (the network has it) but send() has not resolved yet
    await waitFor('the prompt', () => greeting.replies.length === 1);
    const quick = h.chat('Quick');
    await within(quick.accepted, 2_000, 'the quick answer');
    expect(quick.invocationIds).toEqual([]);
    await waitFor('the second prompt', () => greeting.replies.length === 2);
    await h.chat('red').accepted;
    expect(await greeting.done()).toEqual(['Your name?', 'Favourite colour?', 'Hello Quick who likes red']);
  });

  it('throws on timeout; the next message is a command again', async () => {
    const h = await harness();
    const started = Date.now();
    expect(await h.run('greet 100')).toEqual(['Your name?', 'Stopped waiting: no answer within 100 ms.']);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.run('ping')).toEqual(['pong']);
  });

  it('throws when the invocation is cancelled while waiting', async () => {
    const h = await harness();
    const greeting = h.console('greet', 'panel');
    const id = await greeting.id();
    await within(greeting.accepted, 2_000, 'greet to wait for input');
    expect(await h.run(`cancel ${id}`, 'other')).toEqual([`Cancelling #${id} (greet).`]);
    expect(await greeting.done()).toEqual(['Your name?', 'Stopped "greet" (cancelled by Console).']);
    // nobody is waiting any more: the same channel's next message is a command
    expect(await h.run('ping', 'panel')).toEqual(['pong']);
  });
});

describe('ranks', () => {
  it('denies a command to a rank below its minRank with a clear message, and logs it', async () => {
    const h = await harness();
    expect(await h.chat('owners', { rank: 10 }).done()).toEqual([
      'Not allowed: "owners" needs rank 2 or higher; yours is 10.',
    ]);
    expect(await h.chat('reloadCommands', { rank: 10 }).done()).toEqual([
      'Not allowed: "reloadCommands" needs rank 2 or higher; yours is 10.',
    ]);
    expect(h.logs().filter((e) => JSON.stringify(e).includes('rank 10'))).toHaveLength(2);
    expect(await h.chat('owners', { rank: 2, author: h.fake.users[1] }).done()).toEqual(['welcome, rank 2']);
    // the console is rank 1
    expect(await h.run('owners')).toEqual(['welcome, rank 1']);
  });
});

describe('showCommandErrors', () => {
  const cases = [
    { flag: false, rank: 1, stack: false },
    { flag: false, rank: 10, stack: false },
    { flag: true, rank: 1, stack: true },
    { flag: true, rank: 10, stack: false },
  ] as const;

  for (const { flag, rank, stack } of cases) {
    it(`${flag ? 'on' : 'off'}, rank ${rank}: ${stack ? 'the stack trace' : 'an error id only'}`, async () => {
      const h = await harness({ configOverrides: { 'debug.showCommandErrors': flag } });
      const [text, ...more] = await h.chat('boom', { rank }).done();
      expect(more).toEqual([]);
      const errorId = /\(error id ([0-9a-f]+)\)/.exec(text!)?.[1];
      expect(errorId, text).toBeDefined();
      expect(text!.startsWith(`Something went wrong running "boom" (error id ${errorId}).`)).toBe(true);
      // frames point at the line of the command file that threw, not into its bundle
      const before = COMMANDS.slice(0, COMMANDS.indexOf("new Error('kaboom')")).split('\n');
      const where = `${path.join(h.commandsDir, 'exec.ts')}:${before.length}:${before.at(-1)!.length + 1}`;
      if (stack) {
        expect(text).toContain('Error: kaboom');
        expect(text).toMatch(/```\nError: kaboom\n\s+at /);
        expect(text).toContain(`at Boom.call (${where})`);
      } else {
        expect(text).not.toContain('kaboom');
      }
      // the log entry with that id holds the stack
      const entry = h.logs('error').find((e) => e.fields?.errorId === errorId);
      expect(entry).toMatchObject({ name: 'cmd:boom', err: { message: 'kaboom' } });
      expect(entry?.err?.stack).toContain('kaboom');
      expect(entry?.err?.stack).toContain(where);
    });
  }

  it('the console (rank 1) sees the stack when the flag is turned on at run time', async () => {
    const h = await harness();
    expect((await h.run('boom'))[0]).not.toContain('kaboom');
    h.bot.config.setOverride('debug.showCommandErrors', true);
    expect((await h.run('boom'))[0]).toContain('Error: kaboom');
  });
});

describe('Ctrl-C on --console', () => {
  it('cancels the newest invocation; the next line runs; EOF shuts down cleanly', async () => {
    const dataDir = tmp();
    const commandsDir = path.join(dataDir, 'commands');
    mkdirSync(commandsDir, { recursive: true });
    writeFileSync(path.join(commandsDir, 'exec.ts'), COMMANDS);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.resume();
    let interrupt: ((signal: string) => void) | null = null;
    const exit = runCli(
      ['--console', '--data-dir', dataDir, '--commands-dir', commandsDir],
      {
        stdin,
        stdout,
        stderr,
        cwd: dataDir,
        onSignal: (handler) => {
          interrupt = handler;
          return () => (interrupt = null);
        },
      },
      { appName: 'test', appVersion: '0', rendererDir: dataDir, runtimeEntry: RUNTIME_ENTRY },
    );
    stdin.write('wait\n');
    // the runtime process starts first (from source through tsx: seconds on a busy machine)
    await waitFor('the command to start', () => out.includes('waiting'), 20_000);
    interrupt!('SIGINT');
    stdin.end('ping\n');
    expect(await within(exit, 10_000, 'the CLI')).toBe(0);
    expect(out).toBe('waiting\nStopped "wait" (Ctrl-C).\npong\n');
  }, 40_000);
});
