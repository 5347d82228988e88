import { describe, expect, it } from 'vitest';
import { cleanIncoming, lineProblems, privmsgBudget, toIrcText } from './irc-text';

describe('privmsgBudget', () => {
  it('leaves room for ":nick!user@host PRIVMSG target :" and CRLF', () => {
    const mask = { nick: 'bot', user: '~bot', host: '127.0.0.1' };
    const prefix = ':bot!~bot@127.0.0.1 PRIVMSG #test :';
    expect(privmsgBudget('#test', mask)).toBe(512 - prefix.length - 2);
  });

  it('estimates an unknown user/host on the safe side', () => {
    const known = privmsgBudget('#t', { nick: 'bot', user: 'u', host: 'h' });
    const unknown = privmsgBudget('#t', { nick: 'bot', user: null, host: null });
    expect(unknown).toBe(known - 9 - 62);
  });
});

describe('incoming text', () => {
  it('strips formatting and turns other control characters into spaces', () => {
    expect(cleanIncoming('\x02&help\x02 \x0304,01test\x03')).toEqual({
      text: '&help test',
      formatted: true,
      controls: false,
    });
    expect(cleanIncoming('a\x00b\x07c')).toEqual({ text: 'a b c', formatted: false, controls: true });
    expect(cleanIncoming('plain')).toEqual({ text: 'plain', formatted: false, controls: false });
  });

  it('reports oversized lines and invalid UTF-8', () => {
    expect(lineProblems(':a!b@c PRIVMSG #t :hi')).toEqual([]);
    expect(lineProblems(`:a!b@c PRIVMSG #t :${'x'.repeat(10_240)}`)[0]).toMatch(
      /over the 512-byte IRC limit/,
    );
    expect(lineProblems(':a!b@c PRIVMSG #t :bad \uFFFD')).toEqual(['invalid UTF-8']);
    // tags have their own 8191-byte allowance
    expect(lineProblems(`@${'k=v;'.repeat(200)} :a!b@c PRIVMSG #t :hi`)).toEqual([]);
  });
});

describe('toIrcText (outgoing markdown → IRC)', () => {
  it('drops code fence lines', () => {
    expect(toIrcText('```ts')).toBe('');
    expect(toIrcText('```')).toBe('');
    expect(toIrcText('const a = 1;')).toBe('const a = 1;');
  });

  it('maps bold, italic and links; leaves inline code and snake_case alone', () => {
    expect(toIrcText('**bold** and __also__')).toBe('\x02bold\x02 and \x02also\x02');
    expect(toIrcText('an *italic* word')).toBe('an \x1Ditalic\x1D word');
    expect(toIrcText('see [docs](https://example.org/x)')).toBe('see docs <https://example.org/x>');
    expect(toIrcText('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(toIrcText('`**kwargs` stays')).toBe('`**kwargs` stays');
  });

  it('leaves text that already has IRC formatting, and never grows', () => {
    expect(toIrcText('\x02already\x02 **x**')).toBe('\x02already\x02 **x**');
    for (const s of ['**a** *b* [c](https://d.e)', '__x__ y', '***z***']) {
      expect(Buffer.byteLength(toIrcText(s))).toBeLessThanOrEqual(Buffer.byteLength(s));
    }
  });
});
