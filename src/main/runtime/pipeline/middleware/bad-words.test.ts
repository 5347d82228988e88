import { describe, expect, it } from 'vitest';
import { compileBadWords, filterBadWords } from './bad-words';

describe('bad-word filter', () => {
  const regex = compileBadWords(['darn', 'heck', 'schei\u00DFe']);

  it('masks whole words only, case-insensitively', () => {
    expect(filterBadWords('Darn it, darned heck!', regex, 'mask')).toEqual({
      value: '**** it, darned ****!',
    });
  });

  it('knows Unicode word boundaries', () => {
    expect(filterBadWords('so scheiße', regex, 'mask')).toEqual({ value: 'so *******' });
    expect(filterBadWords('échecks hecké', regex, 'mask')).toEqual({ value: 'échecks hecké' });
  });

  it('removes words and collapses the gap', () => {
    expect(filterBadWords('echo darn it', regex, 'remove')).toEqual({ value: 'echo it' });
    expect(filterBadWords('darn', regex, 'remove')).toMatchObject({ abort: expect.any(String) });
  });

  it('aborts the message in abort mode', () => {
    expect(filterBadWords('echo heck', regex, 'abort')).toEqual({ abort: 'contains a blocked word' });
  });

  it('does nothing without words', () => {
    expect(compileBadWords([])).toBeNull();
    expect(filterBadWords('anything', null, 'abort')).toEqual({ value: 'anything' });
  });

  it('escapes regex characters in words', () => {
    const r = compileBadWords(['a.b', '(x)']);
    expect(filterBadWords('acb a.b', r, 'mask')).toEqual({ value: 'acb ***' });
  });
});
