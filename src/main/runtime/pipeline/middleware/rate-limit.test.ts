import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../adapters/types';
import { ModuleRateLimiter, RateLimiter, type RateLimitSettings } from './rate-limit';

const settings = (over: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  user: { burst: 3, perSecond: 1 },
  channel: { burst: 100, perSecond: 100 },
  global: { burst: 1000, perSecond: 1000 },
  maxInFlight: 100,
  flood: { strikes: 3, windowMs: 10_000, ignoreMs: 60_000 },
  exemptRank: 1,
  ...over,
});

const msg = (author = 'u1', channel = '#c', rank = 10): IncomingMessage => ({
  id: 'm',
  network: 'irc',
  adapterId: 'irc',
  text: 'x',
  author: { id: author, name: author, displayName: author, mention: null },
  channel: { id: channel, name: channel },
  guild: null,
  isPrivate: false,
  mentionsBot: false,
  rank,
  attachments: [],
  receivedAt: 0,
  native: null,
});

const ok = (r: ReturnType<RateLimiter['check']>): boolean => 'value' in r;

describe('RateLimiter (fake clock)', () => {
  it('allows a burst, then refills at the steady rate', () => {
    const limiter = new RateLimiter(
      () => settings(),
      () => 0,
    );
    let t = 0;
    expect([1, 2, 3, 4].map(() => ok(limiter.check(msg(), t)))).toEqual([true, true, true, false]);
    t += 999;
    expect(ok(limiter.check(msg(), t))).toBe(false);
    t += 1;
    expect(ok(limiter.check(msg(), t))).toBe(true);
    t += 10_000;
    expect([1, 2, 3, 4].map(() => ok(limiter.check(msg(), t)))).toEqual([true, true, true, false]);
  });

  it('keeps users apart and limits a channel as a whole', () => {
    const limiter = new RateLimiter(
      () => settings({ user: { burst: 10, perSecond: 1 }, channel: { burst: 4, perSecond: 1 } }),
      () => 0,
    );
    const results = ['a', 'b', 'c', 'd', 'e'].map((u) => ok(limiter.check(msg(u, '#c'), 0)));
    expect(results).toEqual([true, true, true, true, false]);
    expect(ok(limiter.check(msg('e', '#other'), 0))).toBe(true);
  });

  it('applies a bot-wide bucket', () => {
    const limiter = new RateLimiter(
      () => settings({ user: { burst: 10, perSecond: 1 }, global: { burst: 2, perSecond: 1 } }),
      () => 0,
    );
    expect(['a', 'b', 'c'].map((u) => ok(limiter.check(msg(u, u), 0)))).toEqual([true, true, false]);
  });

  it('counts in-flight invocations against the bot-wide cap', () => {
    let running = 0;
    const limiter = new RateLimiter(
      () => settings({ maxInFlight: 2 }),
      () => running,
    );
    expect(ok(limiter.check(msg('a'), 0))).toBe(true);
    running = 2;
    const refused = limiter.check(msg('b'), 0);
    expect(refused).toMatchObject({ abort: expect.stringMatching(/2 commands in flight/) });
    running = 1;
    expect(ok(limiter.check(msg('b'), 0))).toBe(true);
  });

  it('does not spend a user token when a later bucket refuses', () => {
    let running = 5;
    const limiter = new RateLimiter(
      () => settings({ maxInFlight: 1 }),
      () => running,
    );
    for (let i = 0; i < 10; i++) limiter.check(msg('a'), 0);
    running = 0;
    expect([1, 2, 3, 4].map(() => ok(limiter.check(msg('a'), 0)))).toEqual([true, true, true, false]);
  });

  it('flood guard: ignores a flooder for ignoreMs and tells them once', () => {
    const limiter = new RateLimiter(
      () => settings(),
      () => 0,
    );
    const replies: string[] = [];
    let t = 0;
    for (let i = 0; i < 20; i++) {
      const r = limiter.check(msg('spammer'), t);
      if ('abort' in r && r.reply) replies.push(r.reply);
      t += 10;
    }
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/ignore you for 60 seconds/);
    // still ignored later, even though the bucket has refilled
    t += 30_000;
    expect(limiter.check(msg('spammer'), t)).toEqual({ abort: 'ignored: flood guard' });
    // others are unaffected
    expect(ok(limiter.check(msg('polite'), t))).toBe(true);
    t += 31_000;
    expect(ok(limiter.check(msg('spammer'), t))).toBe(true);
  });

  it('strikes expire outside the window', () => {
    const limiter = new RateLimiter(
      () => settings({ flood: { strikes: 2, windowMs: 1000, ignoreMs: 5000 } }),
      () => 0,
    );
    let t = 0;
    for (let i = 0; i < 3; i++) limiter.check(msg(), t); // burst used
    expect(limiter.check(msg(), t)).toEqual({ abort: 'user rate limit' }); // strike 1
    t += 5000; // window passed, bucket refilled
    for (let i = 0; i < 3; i++) expect(ok(limiter.check(msg(), t))).toBe(true);
    expect(limiter.check(msg(), t)).toEqual({ abort: 'user rate limit' }); // strike 1 again, not 2
  });

  it('exempts ranks at or above exemptRank', () => {
    const limiter = new RateLimiter(
      () => settings({ user: { burst: 1, perSecond: 0.001 }, exemptRank: 2 }),
      () => 0,
    );
    for (let i = 0; i < 50; i++) expect(ok(limiter.check(msg('op', '#c', 2), 0))).toBe(true);
  });
});

describe('ModuleRateLimiter', () => {
  it('limits one command per user', () => {
    const limiter = new ModuleRateLimiter(
      () => ({ quiz: { burst: 1, perSecond: 0.1 } }),
      () => 1,
    );
    expect(limiter.check(['quiz'], msg('a'), 0)).toEqual({ value: ['quiz'] });
    expect(limiter.check(['QUIZ'], msg('a'), 0)).toMatchObject({ abort: 'rate limit for "quiz"' });
    expect(limiter.check(['quiz'], msg('b'), 0)).toEqual({ value: ['quiz'] });
    expect(limiter.check(['echo'], msg('a'), 0)).toEqual({ value: ['echo'] });
    expect(limiter.check(['quiz'], msg('a'), 10_000)).toEqual({ value: ['quiz'] });
  });

  it('follows the configured limits when they change (a reload gives a new object)', () => {
    let limits: Record<string, { burst: number; perSecond: number }> = {};
    const limiter = new ModuleRateLimiter(
      () => limits,
      () => 1,
    );
    expect(limiter.check(['Quiz'], msg('a'), 0)).toEqual({ value: ['Quiz'] });
    expect(limiter.check(['Quiz'], msg('a'), 0)).toEqual({ value: ['Quiz'] });
    limits = { QUIZ: { burst: 1, perSecond: 0.1 } };
    expect(limiter.check(['quiz'], msg('a'), 0)).toEqual({ value: ['quiz'] });
    expect(limiter.check(['quiz'], msg('a'), 0)).toMatchObject({ abort: 'rate limit for "QUIZ"' });
    limits = {};
    expect(limiter.check(['quiz'], msg('a'), 0)).toEqual({ value: ['quiz'] });
    // names that differ only in case: the first one configured counts, as it always did
    limits = { Quiz: { burst: 1, perSecond: 0.1 }, QUIZ: { burst: 5, perSecond: 1 } };
    expect(limiter.check(['quiz'], msg('b'), 0)).toEqual({ value: ['quiz'] });
    expect(limiter.check(['quiz'], msg('b'), 0)).toMatchObject({ abort: 'rate limit for "Quiz"' });
  });
});
