import { describe, expect, it } from 'vitest';
import { BadWordList, compileBadWords, filterBadWords, SYNC_COMPILE_LIMIT } from './bad-words';

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

describe('bad-word filter: evasions', () => {
  const m = compileBadWords(['darn', 'heck', 'bad phrase']);
  const mask = (text: string) => filterBadWords(text, m, 'mask');

  it('sees through zero-width joiners, zero-width spaces and soft hyphens', () => {
    expect(mask('d\u200Da\u200Brn it')).toEqual({ value: '****** it' });
    expect(mask('he\u00ADck')).toEqual({ value: '*****' });
    expect(mask('da\u2060rn\uFEFF')).toEqual({ value: '*****\uFEFF' });
  });

  it('sees through fullwidth and mathematical letters (NFKC/NFKD forms)', () => {
    expect(mask('ｄａｒｎ')).toEqual({ value: '****' });
    expect(mask('𝐝𝐚𝐫𝐧!')).toEqual({ value: '****!' });
    expect(mask('ＨＥＣＫ')).toEqual({ value: '****' });
  });

  it('sees through cross-script confusables and accents', () => {
    expect(mask('dаrn')).toEqual({ value: '****' }); // Cyrillic а
    expect(mask('hеск')).toEqual({ value: '****' }); // Cyrillic е, с, к
    expect(mask('dárn')).toEqual({ value: '****' });
    expect(mask('da\u0301rn')).toEqual({ value: '*****' }); // combining acute
  });

  it('still matches whole words only after folding', () => {
    expect(mask('dаrned')).toEqual({ value: 'dаrned' });
    expect(mask('x\u200Ddarn')).toEqual({ value: 'x\u200Ddarn' });
  });

  it('matches phrases and keeps the text around a hit intact', () => {
    expect(mask('a bad phrase here')).toEqual({ value: 'a ********** here' });
    expect(filterBadWords('say bad   phrase', m, 'mask')).toEqual({ value: 'say bad   phrase' });
  });

  it('masks by code point and removes the exact original characters', () => {
    expect(mask('😀 darn 😀')).toEqual({ value: '😀 **** 😀' });
    expect(filterBadWords('echo d\u200Darn now', m, 'remove')).toEqual({ value: 'echo now' });
  });

  it('prefers the longest of overlapping hits', () => {
    const both = compileBadWords(['bad', 'bad phrase']);
    expect(filterBadWords('bad phrase', both, 'mask')).toEqual({ value: '**********' });
  });

  it('a word list written with evasions matches the plain word too', () => {
    const fancy = compileBadWords(['ｄａｒｎ']);
    expect(filterBadWords('darn', fancy, 'mask')).toEqual({ value: '****' });
  });
});

describe('BadWordList', () => {
  it('compiles a short list at once and a long one on a later turn, keeping the old one meanwhile', async () => {
    const errors: unknown[] = [];
    const list = new BadWordList((err) => errors.push(err));
    list.update(['darn']);
    expect(filterBadWords('darn', list.matcher, 'mask')).toEqual({ value: '****' });
    const long = Array.from({ length: SYNC_COMPILE_LIMIT + 1 }, (_, i) => `word${i}`);
    list.update([...long, 'heck']);
    // not compiled yet: the previous list still applies
    expect(filterBadWords('darn heck', list.matcher, 'mask')).toEqual({ value: '**** heck' });
    await list.ready();
    expect(filterBadWords('darn heck word42', list.matcher, 'mask')).toEqual({ value: 'darn **** ******' });
    expect(errors).toEqual([]);
    list.dispose();
  });

  it('does not recompile for the same list', () => {
    const list = new BadWordList(() => undefined);
    list.update(['a']);
    const first = list.matcher;
    list.update(['a']);
    expect(list.matcher).toBe(first);
  });
});
