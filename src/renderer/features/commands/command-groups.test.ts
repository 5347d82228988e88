import { describe, expect, it } from 'vitest';
import { SAMPLE_OVERVIEW } from '../../test-support/fake-client';
import { failureLocation, groupCommands } from './command-groups';

const summary = (filter: Parameters<typeof groupCommands>[1]) =>
  groupCommands(SAMPLE_OVERVIEW, filter).map((g) =>
    g.kind === 'builtin'
      ? `built-in: ${g.commands.map((c) => c.name).join(',')}`
      : `${g.file} (${g.status?.state}): ${g.commands.map((c) => c.name).join(',')}`,
  );

describe('groupCommands', () => {
  it('puts built-ins first, then every file (also one that never loaded) with its commands', () => {
    expect(summary({ text: '', source: 'all' })).toEqual([
      'built-in: cancel,help',
      'broken.ts (failed): ',
      'countdown.ts (loaded): countdown',
      'echo.ts (failed): echo',
    ]);
  });

  it('filters by source', () => {
    expect(summary({ text: '', source: 'builtin' })).toEqual(['built-in: cancel,help']);
    expect(summary({ text: '', source: 'files' })).toHaveLength(3);
    expect(summary({ text: '', source: 'failed' })).toEqual([
      'broken.ts (failed): ',
      'echo.ts (failed): echo',
    ]);
  });

  it('filters by text in names, aliases, descriptions and file names', () => {
    expect(summary({ text: 'stop', source: 'all' })).toEqual(['built-in: cancel']);
    expect(summary({ text: 'ECHO', source: 'all' })).toEqual(['echo.ts (failed): echo']);
    expect(summary({ text: 'broken', source: 'all' })).toEqual(['broken.ts (failed): ']);
    expect(summary({ text: 'nothing-like-this', source: 'all' })).toEqual([]);
  });

  it('names a failure as file:line:col as far as known', () => {
    expect(failureLocation({ file: 'a.ts', line: 5, column: 15 })).toBe('a.ts:5:15');
    expect(failureLocation({ file: 'a.ts', line: 5, column: null })).toBe('a.ts:5');
    expect(failureLocation({ file: 'a.ts', line: null, column: null })).toBe('a.ts');
  });
});
