import { describe, expect, it } from 'vitest';
import { trimLineEnd } from './irc-connection';

describe('trimLineEnd (the read path strips line endings without a regex)', () => {
  it('drops every trailing CR and LF, in any order', () => {
    expect(trimLineEnd(':a PRIVMSG #c :hi\r\n')).toBe(':a PRIVMSG #c :hi');
    expect(trimLineEnd(':a PRIVMSG #c :hi\n\r\n\r')).toBe(':a PRIVMSG #c :hi');
  });
  it('keeps CR/LF that are not at the end, and other trailing whitespace', () => {
    expect(trimLineEnd('a\rb\nc \t')).toBe('a\rb\nc \t');
  });
  it('returns the same string when there is nothing to trim, and empty for a bare line ending', () => {
    const line = 'PING :x';
    expect(trimLineEnd(line)).toBe(line);
    expect(trimLineEnd('\r\n')).toBe('');
    expect(trimLineEnd('')).toBe('');
  });
  it('agrees with the regex it replaces', () => {
    for (const s of ['', 'x', '\r', 'x\r\n', '\nx', 'x\n\n\r', 'é\r\n', 'a\r\nb\r\n'])
      expect(trimLineEnd(s)).toBe(s.replace(/[\r\n]+$/, ''));
  });
});
