import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedHarness } from '../support/pipeline-harness';
import { startTestBot } from '../support/test-bot';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();

describe('pipeline traces', () => {
  it('records why a channel message was not a command', async () => {
    const h = await seedHarness(tmp());
    const { trace } = await h.run('just chatting');
    expect(trace.outcome).toBe('ignored');
    expect(trace.stages).toEqual([
      expect.objectContaining({ stage: 'detection', abort: 'not addressed to the bot' }),
    ]);
    expect(h.pipeline.recentTraces().at(-1)?.id).toBe(trace.id);
  });

  it('records every stage of a command', async () => {
    const h = await seedHarness(tmp());
    const { trace } = await h.run('&8ball');
    expect(trace.outcome).toBe('invoked');
    expect(trace.command).toBe('games 8ball');
    expect(trace.stages.map((s) => `${s.stage}${s.step ? `:${s.step}` : ''}`)).toEqual([
      'detection:trigger',
      'preprocess',
      'string-middleware:aliases',
      'string-middleware:badwords',
      'string-middleware:ratelimit',
      'tokenize',
      'message-middleware:fixer',
      'message-middleware:security',
      'message-middleware:moduleRateLimit',
      'invoke:games 8ball',
    ]);
    const fixer = trace.stages.find((s) => s.step === 'fixer');
    expect(fixer).toMatchObject({ input: ['8ball'], output: ['games', '8ball'] });
    const dto = h.pipeline
      .recentTraces()
      .at(-1)!
      .stages.find((s) => s.step === 'fixer');
    expect(dto).toMatchObject({ input: '["8ball"]', output: '["games","8ball"]' });
    expect(trace.stages.every((s) => s.micros >= 0)).toBe(true);
  });

  it('records a rejection by middleware, with the reason, and does not answer', async () => {
    const h = await seedHarness(tmp(), { badWords: { words: ['heck'], mode: 'abort' } });
    const { trace } = await h.run('&8ball heck');
    expect(trace.outcome).toBe('rejected');
    expect(trace.stages.at(-1)).toMatchObject({
      stage: 'string-middleware',
      step: 'badwords',
      abort: 'contains a blocked word',
    });
    expect(h.sent).toEqual([]);
    expect(h.calls).toEqual([]);
    expect(
      h.logs().some((l) => l.msg === 'message rejected' && l.fields?.reason === 'contains a blocked word'),
    ).toBe(true);
  });

  it('drops an over-long message with a logged reason and no reply', async () => {
    const h = await seedHarness(tmp(), { pipeline: { maxLength: 50 } });
    const { trace } = await h.run(`&8ball ${'x'.repeat(100)}`);
    expect(trace.outcome).toBe('rejected');
    expect(trace.stages.at(-1)?.abort).toMatch(/too long/);
    expect(h.sent).toEqual([]);
  });

  it('reports an unclosed quote with its column', async () => {
    const h = await seedHarness(tmp());
    await h.run('8ball "oops', { isPrivate: true });
    expect(h.sent.pop()?.text).toMatch(/column 7/);
  });

  it('denies by rank before the command runs (security middleware)', async () => {
    const h = await seedHarness(tmp());
    h.registry
      .list()
      .find((e) => e.command.module === 'help' && e.command.name === 'default')!.command.minRank = 2;
    const { trace } = await h.run('help default x', { isPrivate: true, rank: 5 });
    expect(trace.stages.at(-1)).toMatchObject({ step: 'security', abort: 'rank 5 below required 2' });
    expect(h.sent.pop()?.text).toMatch(/Not allowed/);
    expect(h.calls).toEqual([]);
  });

  it('answers unknown commands as configured: not in channels by default, optionally never or always', async () => {
    const h = await seedHarness(tmp());
    await h.run('&nonsense');
    expect(h.sent).toHaveLength(0);
    await h.config.set('pipeline.unknownCommandReply', 'always');
    await h.run('&nonsense');
    expect(h.sent).toHaveLength(1);
    await h.config.set('pipeline.unknownCommandReply', 'never');
    await h.run('nonsense', { isPrivate: true });
    expect(h.sent).toHaveLength(1);
  });

  it('suggests close command names', async () => {
    const h = await seedHarness(tmp());
    await h.run('gmaes 8ball', { isPrivate: true });
    expect(h.sent.pop()?.text).toMatch(/Did you mean "games"\?/);
  });

  it('rate-limits with the configured buckets and tells a flooder once', async () => {
    const h = await seedHarness(tmp(), {
      rateLimit: {
        user: { burst: 2, perSecond: 0.5 },
        flood: { strikes: 2, windowMs: 5000, ignoreMs: 30_000 },
      },
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push((await h.run('&8ball')).trace.outcome);
    expect(outcomes).toEqual(['invoked', 'invoked', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(h.sent.map((s) => s.text)).toEqual([
      'You are sending commands too fast; I will ignore you for 30 seconds.',
    ]);
    h.clock.now += 31_000;
    expect((await h.run('&8ball')).trace.outcome).toBe('invoked');
  });

  it('keeps the last N traces only', async () => {
    const h = await seedHarness(tmp(), { pipeline: { traceSize: 10 } });
    for (let i = 0; i < 25; i++) await h.run(`chat ${i}`);
    const traces = h.pipeline.recentTraces();
    expect(traces).toHaveLength(10);
    expect(traces.at(-1)?.text).toBe('chat 24');
  });

  it('routes an answer to a waiting ask() instead of running it as a command', async () => {
    const h = await seedHarness(tmp());
    const waiting = h.executor.waitForInput(
      await h.executor.start(h.msg('&8ball', { isPrivate: false }), ['games', '8ball']),
      1000,
    );
    const { trace } = await h.run('&help');
    expect(trace.outcome).toBe('input');
    await expect(waiting).resolves.toBe('&help');
  });
});

describe('asynchronous stages', () => {
  it('runs async middleware in order and invokes the command exactly once', async () => {
    const h = await seedHarness(tmp());
    const order: string[] = [];
    const middleware = h.middleware;
    middleware.add('string', 'slowString', async (text) => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('string');
      return { value: text };
    });
    middleware.add('message', 'slowMessage', async (words) => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('message');
      return { value: words };
    });
    const { trace } = await h.run('&8ball');
    expect(order).toEqual(['string', 'message']);
    expect(h.calls).toHaveLength(1);
    expect(trace.outcome).toBe('invoked');
    expect(trace.stages.map((s) => s.step)).toContain('slowMessage');
  });

  it('an async middleware that rejects drops the message with a logged reason', async () => {
    const h = await seedHarness(tmp());
    const middleware = h.middleware;
    middleware.add('string', 'broken', async () => {
      throw new Error('middleware bug');
    });
    const { trace } = await h.run('&8ball');
    expect(trace.outcome).toBe('rejected');
    expect(trace.stages.at(-1)?.abort).toMatch(/middleware "broken" failed: middleware bug/);
    expect(h.calls).toHaveLength(0);
  });

  it('a middleware that throws synchronously drops the message with a logged reason', async () => {
    const h = await seedHarness(tmp());
    h.middleware.add('message', 'throws', () => {
      throw new Error('sync bug');
    });
    const { trace } = await h.run('&8ball');
    expect(trace.outcome).toBe('rejected');
    expect(trace.stages.at(-1)).toMatchObject({ stage: 'message-middleware', step: 'throws' });
    expect(trace.stages.at(-1)?.abort).toMatch(/middleware "throws" failed: sync bug/);
    expect(h.calls).toHaveLength(0);
  });
});

describe('pipeline fuzz', () => {
  it('survives 100k hostile messages: never throws, bounded time per message', async () => {
    const h = await seedHarness(tmp(), { rateLimit: { exemptRank: 10 } });
    const hostile = fc.oneof(
      { weight: 30, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      {
        weight: 20,
        arbitrary: fc.string({
          unit: fc.constantFrom(
            '"',
            "'",
            '\\',
            ' ',
            'a',
            '&',
            '\x00',
            '\x03',
            '\u202E',
            '👍',
            '\u200D',
            '\uD800',
          ),
          maxLength: 100,
        }),
      },
      {
        weight: 20,
        arbitrary: fc
          .tuple(
            fc.constantFrom('&', 'bot, ', 'bot: ', '', 'bot '),
            fc.string({ unit: 'grapheme', maxLength: 80 }),
          )
          .map(([a, b]) => a + b),
      },
      {
        weight: 10,
        arbitrary: fc.constantFrom(
          '&8ball',
          '&help default x',
          'games 8ball',
          '&factoid add a "b',
          "remember x is y'z",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'x'.repeat(1_000_000),
          `&${'"'.repeat(1_000_000)}`,
          `&8ball ${'\x02'.repeat(1_000_000)}`,
        ),
      },
    );
    const samples = fc.sample(fc.tuple(hostile, fc.boolean()), { numRuns: 100_000, seed: 42 });
    let slowest = 0;
    for (const [text, isPrivate] of samples) {
      const started = performance.now();
      const result = await h.pipeline.process(h.msg(text, { isPrivate }));
      if (result.invocation) await result.invocation.settled;
      slowest = Math.max(slowest, performance.now() - started);
    }
    // A hang detector, not a performance claim (that lives in bench/pipeline.bench.ts).
    expect(slowest).toBeLessThan(5_000);
  }, 600_000);
});

describe('middleware contributed by a command file', () => {
  it('runs where the config puts it and is released when the file goes', async () => {
    const dir = tmp();
    const commandsDir = path.join(dir, 'commands');
    mkdirSync(commandsDir);
    const file = path.join(commandsDir, 'shout.ts');
    writeFileSync(
      file,
      `import { Command } from 'cmdsys';
export class Shout extends Command {
  setup() {
    this.name = 'shoutmw';
    this.env.pipeline.addStringMiddleware('shout', (text) => ({ value: text.replace(/^whisper$/, 'ping') }));
  }
  async call() { await this.respond('hi'); }
}`,
    );
    const bot = await startTestBot(dir, { commandsDir });
    const out: string[] = [];
    bot.console.onOutput((o) => o.kind === 'response' && out.push(o.text));
    const run = async (line: string): Promise<void> => {
      await bot.console.exec('panel', line);
    };
    await run('whisper');
    expect(out.at(-1)).toBe('pong');
    unlinkSync(file);
    await bot.commands.reload();
    out.length = 0;
    await run('whisper');
    expect(out).toEqual([]);
    await bot.stop();
  });
});
