import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['1.5', 1_500],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['1d 2h', 93_600_000],
    ['500ms', 500],
    ['1.5s', 1_500],
    ['10 min', 600_000],
    ['1w', 604_800_000],
    ['  3S ', 3_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', ' ', 'soon', '2x', '1h30', 'm', '-5s', '1h-'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads back what formatDuration writes (whole seconds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
  });

  it('formats short durations in milliseconds', () => {
    expect(formatDuration(150)).toBe('150 ms');
    expect(formatDuration(90_000)).toBe('1m 30s');
  });
});
