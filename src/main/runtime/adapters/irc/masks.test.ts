import { describe, expect, it } from 'vitest';
import { compileMask, ircLower, matchesAnyMask } from './masks';

describe('IRC masks', () => {
  it('folds case per the server mapping', () => {
    expect(ircLower('Nick[]\\^', 'rfc1459')).toBe('nick{}|~');
    expect(ircLower('Nick[]\\^', 'strict-rfc1459')).toBe('nick{}|^');
    expect(ircLower('Nick[]\\^', 'ascii')).toBe('nick[]\\^');
    // already folded, folded from the middle on, empty
    expect(ircLower('#chan{}|~', 'rfc1459')).toBe('#chan{}|~');
    expect(ircLower('alice[m]', 'rfc1459')).toBe('alice{m}');
    expect(ircLower('abcD', 'ascii')).toBe('abcd');
    expect(ircLower('', 'rfc1459')).toBe('');
  });

  it('matches nick!user@host with * and ?', () => {
    const owner = compileMask('Alice!*@*.example.org');
    expect(owner('alice!~al@host.example.org')).toBe(true);
    expect(owner('ALICE!x@a.b.example.org')).toBe(true);
    expect(owner('alice!x@example.org')).toBe(false);
    expect(owner('mallory!x@host.example.org')).toBe(false);
    expect(compileMask('b?b!*@*')('bob!u@h')).toBe(true);
    expect(compileMask('b?b!*@*')('boob!u@h')).toBe(false);
  });

  it('treats regex characters literally and completes partial masks', () => {
    expect(compileMask('a.c!*@*')('abc!u@h')).toBe(false);
    expect(compileMask('a.c!*@*')('a.c!u@h')).toBe(true);
    expect(compileMask('carol')('carol!~c@127.0.0.1')).toBe(true);
    expect(compileMask('*@10.0.0.1')('x!y@10.0.0.1')).toBe(true);
    expect(compileMask('dave!d')('dave!d@anything')).toBe(true);
  });

  it('matchesAnyMask skips blanks and caches', () => {
    expect(matchesAnyMask('eve!e@h', ['', '  ', 'x!*@*'])).toBe(false);
    expect(matchesAnyMask('eve!e@h', ['x!*@*', 'eve!*@h'])).toBe(true);
    expect(matchesAnyMask('eve!e@h', ['x!*@*', 'eve!*@h'])).toBe(true);
  });
});
