import { describe, expect, it } from 'vitest';
import { logEntry } from '../../test-support/fake-client';
import { compileFilter, isFilterActive, NO_FILTER } from './log-filter';

describe('compileFilter', () => {
  const lines = [
    logEntry(1, { level: 'trace', msg: 'tokens split' }),
    logEntry(2, { level: 'debug', name: 'adapter:irc', msg: 'ping' }),
    logEntry(3, { level: 'info', msg: 'command ran', fields: { guild: 'Ops Room', ms: 12 } }),
    logEntry(4, { level: 'warn', name: 'cmd:roll', msg: 'slow' }),
    logEntry(5, {
      level: 'error',
      msg: 'failed',
      err: { type: 'RangeError', message: 'dice out of range', stack: 'RangeError: …' },
    }),
    logEntry(6, { level: 'fatal', msg: 'bye' }),
  ];
  const run = (filter: Parameters<typeof compileFilter>[0]) =>
    lines.filter(compileFilter(filter)).map((e) => e.seq);

  it('hides entries below the minimum level', () => {
    expect(run(NO_FILTER)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(run({ minLevel: 'info', text: '' })).toEqual([3, 4, 5, 6]);
    expect(run({ minLevel: 'error', text: '' })).toEqual([5, 6]);
    expect(run({ minLevel: 'fatal', text: '' })).toEqual([6]);
  });

  it('matches the message, the logger name, fields and errors, case-insensitively', () => {
    expect(run({ minLevel: 'trace', text: 'SLOW' })).toEqual([4]);
    expect(run({ minLevel: 'trace', text: 'adapter:irc' })).toEqual([2]);
    expect(run({ minLevel: 'trace', text: 'ops room' })).toEqual([3]);
    expect(run({ minLevel: 'trace', text: 'guild=ops' })).toEqual([3]);
    expect(run({ minLevel: 'trace', text: 'rangeerror' })).toEqual([5]);
  });

  it('needs every word, and combines with the level', () => {
    expect(run({ minLevel: 'trace', text: 'command  12' })).toEqual([3]);
    expect(run({ minLevel: 'trace', text: 'command nothing' })).toEqual([]);
    expect(run({ minLevel: 'warn', text: 'command' })).toEqual([]);
  });

  it('isFilterActive is false only for the no-op filter', () => {
    expect(isFilterActive(NO_FILTER)).toBe(false);
    expect(isFilterActive({ minLevel: 'trace', text: '  ' })).toBe(false);
    expect(isFilterActive({ minLevel: 'debug', text: '' })).toBe(true);
    expect(isFilterActive({ minLevel: 'trace', text: 'x' })).toBe(true);
  });
});
