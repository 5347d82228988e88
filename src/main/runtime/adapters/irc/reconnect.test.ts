import { describe, expect, it } from 'vitest';
import { backoffDelay, fallbackNick } from './reconnect';

describe('backoffDelay', () => {
  const opts = { initialMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.2 };
  it('doubles per attempt, capped, with bounded jitter', () => {
    expect(backoffDelay(1, opts, () => 0.5)).toBe(1_000);
    expect(backoffDelay(2, opts, () => 0.5)).toBe(2_000);
    expect(backoffDelay(4, opts, () => 0.5)).toBe(8_000);
    expect(backoffDelay(50, opts, () => 0.5)).toBe(30_000);
    expect(backoffDelay(1, opts, () => 0)).toBe(800);
    expect(backoffDelay(1, opts, () => 1)).toBe(1_200);
    expect(backoffDelay(50, opts, () => 1)).toBe(30_000);
  });
});

describe('fallbackNick', () => {
  it('tries nick_, nick__, then a random number', () => {
    expect(fallbackNick('bot', 'bot', null)).toBe('bot_');
    expect(fallbackNick('bot', 'bot_', null)).toBe('bot__');
    expect(fallbackNick('bot', 'bot__', null, () => 0.5)).toBe('bot5500');
    expect(fallbackNick('bot', 'bot5500', null, () => 0)).toBe('bot1000');
  });

  it('keeps the suffix within NICKLEN', () => {
    expect(fallbackNick('protosbot', 'protosbot', 9)).toBe('protosbo_');
    expect(fallbackNick('protosbot', 'protosbo_', 9)).toBe('protosb__');
    expect(fallbackNick('protosbot', 'protosb__', 9, () => 0)).toBe('proto1000');
  });
});
