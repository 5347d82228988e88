import { describe, expect, it } from 'vitest';
import { preprocess } from './preprocess';

describe('preprocess', () => {
  it('strips IRC formatting, including colour and hex colour parameters', () => {
    expect(
      preprocess(
        '\x0304,12red\x03 \x04FF00AAhex\x04 \x02b\x02\x1Di\x1D\x1Fu\x1F\x16r\x16\x1Es\x1E\x11m\x11\x0F',
        100,
      ),
    ).toEqual({
      ok: true,
      text: 'red hex biursm',
    });
  });

  it('drops NULs, other controls, bidi overrides and zero-width spaces but keeps emoji joiners', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(preprocess(`he\u0000llo\u202Ewor\u200Bld ${family}\u2066x\u2069`, 100)).toEqual({
      ok: true,
      text: `helloworld ${family}x`,
    });
  });

  it('turns other whitespace into spaces and trims', () => {
    expect(preprocess('\t echo\u00A0a\u3000b\n', 100)).toEqual({ ok: true, text: 'echo a b' });
  });

  it('passes printable ASCII through trimmed, and still cleans a line with one control or non-ASCII character', () => {
    expect(preprocess('  &echo it works!  ', 100)).toEqual({ ok: true, text: '&echo it works!' });
    expect(preprocess('   ', 100)).toEqual({ ok: false, reason: 'empty after cleaning' });
    expect(preprocess('&echo a\tb', 100)).toEqual({ ok: true, text: '&echo a b' });
    expect(preprocess('&echo \x02bold\x02', 100)).toEqual({ ok: true, text: '&echo bold' });
    expect(preprocess('&echo cafe\u0301', 100)).toEqual({ ok: true, text: '&echo caf\u00e9' });
    expect(preprocess(`x${'a'.repeat(20)}`, 20)).toMatchObject({ ok: false });
  });

  it('normalises to NFC', () => {
    expect(preprocess('cafe\u0301', 100)).toEqual({ ok: true, text: 'café' });
  });

  it('rejects messages over the limit with a reason', () => {
    const result = preprocess('x'.repeat(101), 100);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/too long \(101 characters, limit 100\)/);
    const huge = preprocess('y'.repeat(1_000_000), 100);
    expect(huge.ok).toBe(false);
  });

  it('rejects what is empty after cleaning', () => {
    expect(preprocess('\x02\x0F \u200B', 100)).toEqual({ ok: false, reason: 'empty after cleaning' });
  });
});
