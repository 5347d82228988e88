import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatInlineValue, formatMb, formatSince } from './format';

describe('format', () => {
  it('formats durations with a stable width and days', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(65_000)).toBe('00:01:05');
    expect(formatDuration(3 * 86_400_000 + 3_723_000)).toBe('3d 01:02:03');
    expect(formatDuration(-5)).toBe('00:00:00');
  });

  it('formats megabytes', () => {
    expect(formatMb(42.26)).toBe('42.3 MB');
    expect(formatMb(512.4)).toBe('512 MB');
    expect(formatMb(2048)).toBe('2.00 GB');
  });

  it('formats counts and inline values', () => {
    expect(formatCount(20000)).toBe('20,000');
    expect(formatInlineValue('plain')).toBe('plain');
    expect(formatInlineValue({ a: 1 })).toBe('{"a":1}');
    expect(formatInlineValue(null)).toBe('null');
  });

  it('formats file sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(45_328)).toBe('44.3 KB');
    expect(formatBytes(300 * 1024)).toBe('300 KB');
    expect(formatBytes(1.2 * 1024 * 1024)).toBe('1.20 MB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.00 TB');
  });

  it('shows only the time for something started today', () => {
    const now = new Date(2026, 10, 21, 15, 0, 0).getTime();
    expect(formatSince(new Date(2026, 10, 21, 9, 5, 7).getTime(), now)).toBe('09:05:07');
    expect(formatSince(new Date(2026, 10, 20, 9, 5, 7).getTime(), now)).toBe('2026-11-20 09:05');
  });
});
