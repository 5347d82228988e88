import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteArgument, tokenize, TokenizeError } from './tokenizer';
import { isWhitespaceCode } from './whitespace';

const values = (input: string): string[] => tokenize(input).map((t) => t.value);

/** Characters that stress a tokenizer: quotes, escapes, blanks, controls, bidi marks, surrogates. */
const HOSTILE_UNITS = [
  '"',
  "'",
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\0',
  '\x07',
  '\x1b',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u200f',
  '\ud800',
  '\udfff',
  '👍',
  '👨‍👩‍👧',
  'é',
  '漢',
  'a',
  'Z',
];
const hostileString = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS), maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
  );

/** Runs `tokenize` and fails the property if it throws anything but a TokenizeError. */
function tokenizeOrTokenizeError(input: string): void {
  try {
    tokenize(input);
  } catch (error) {
    if (!(error instanceof TokenizeError)) throw error;
  }
}

describe('tokenize', () => {
  it.each([
    // the seed spec
    ['help test', ['help', 'test']],
    ["factoid add test 'test is test message'", ['factoid', 'add', 'test', 'test is test message']],
    // whitespace
    ['', []],
    ['   ', []],
    ['  a   b  ', ['a', 'b']],
    ['a\tb\nc\r\nd', ['a', 'b', 'c', 'd']],
    ['a\u3000b\u00a0c\u2028d\ufeffe', ['a', 'b', 'c', 'd', 'e']],
    ['a\u200bb', ['a\u200bb']], // zero-width space is not \s
    // quotes
    ['"double quoted" \'single quoted\'', ['double quoted', 'single quoted']],
    [`"it's" 'say "hi"'`, ["it's", 'say "hi"']],
    ['"  padded  "', ['  padded  ']],
    ['"multi\nline"', ['multi\nline']],
    // adjacency
    ['a"b c"d', ['ab cd']],
    [`'a'"b"c`, ['abc']],
    ['--name="John Smith" x', ['--name=John Smith', 'x']],
    // empty quotes
    ["''", ['']],
    ['""', ['']],
    [`a '' b "" c`, ['a', '', 'b', '', 'c']],
    ['x""', ['x']],
    // escapes
    ['\\"', ['"']],
    ["\\'", ["'"]],
    ['\\\\', ['\\']],
    ['a\\ b', ['a b']],
    ['\\a\\b', ['ab']],
    ['"a \\" b"', ['a " b']],
    ["'a \\' b'", ["a ' b"]],
    ['"a \\\\"', ['a \\']],
    ["'\\\\'", ['\\']],
    ['"\\x"', ['x']],
    ['\\"not quoted', ['"not', 'quoted']],
    // trailing lone backslash
    ['\\', ['\\']],
    ['end\\', ['end\\']],
    ['a \\', ['a', '\\']],
    ['\\\\\\', ['\\\\']],
    // non-ASCII
    ['👍 "👨‍👩‍👧 family" 漢字', ['👍', '👨‍👩‍👧 family', '漢字']],
  ])('%j → %j', (input, expected) => {
    expect(values(input)).toEqual(expected);
  });

  it('reports raw positions and whether a token was quoted', () => {
    expect(tokenize(`  say "hi there"x \\'y' z'`)).toEqual([
      { value: 'say', start: 2, end: 5, quoted: false },
      { value: 'hi therex', start: 6, end: 17, quoted: true },
      { value: "'y z", start: 18, end: 25, quoted: true },
    ]);
    expect(tokenize('👍 b')).toEqual([
      { value: '👍', start: 0, end: 2, quoted: false },
      { value: 'b', start: 3, end: 4, quoted: false },
    ]);
    expect(tokenize('"" x')[0]).toEqual({ value: '', start: 0, end: 2, quoted: true });
  });

  it.each([
    ['"', '"', 1],
    ["'", "'", 1],
    ['say "hello', '"', 5],
    ["a 'b", "'", 3],
    ["'it\\'s", "'", 1], // the escaped quote does not close
    ['"abc\\', '"', 1], // a backslash before the end escapes nothing
    ['x "ok" \'ok\' "bad', '"', 13],
    ['a"b c', '"', 2],
    [`"it's`, '"', 1],
    ['👍 "x', '"', 4], // columns count UTF-16 code units
  ])('%j: unclosed %s quote at column %i', (input, quote, column) => {
    let caught: unknown;
    try {
      tokenize(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TokenizeError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as TokenizeError;
    expect(error.column).toBe(column);
    expect(error.reason).toBe('unclosed-quote');
    expect(error.name).toBe('TokenizeError');
    expect(error.message).toBe(`unclosed ${quote} quote at column ${column}`);
  });

  it('names the column in the message, e.g. column 12', () => {
    expect(() => tokenize('echo hello "world')).toThrow('unclosed " quote at column 12');
  });

  it('matches \\s exactly for every UTF-16 code unit', () => {
    const mismatches: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhitespaceCode(code) !== /\s/.test(String.fromCharCode(code))) mismatches.push(code.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  it('tokens are ordered, disjoint, separated by whitespace, and re-tokenize alone to themselves', () => {
    fc.assert(
      fc.property(hostileString(60), (input) => {
        let tokens;
        try {
          tokens = tokenize(input);
        } catch (error) {
          if (error instanceof TokenizeError) return;
          throw error;
        }
        let previousEnd = 0;
        for (const token of tokens) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(input.slice(previousEnd, token.start)).toMatch(/^\s*$/);
          const raw = input.slice(token.start, token.end);
          expect(tokenize(raw)).toEqual([{ ...token, start: 0, end: raw.length }]);
          previousEnd = token.end;
        }
        expect(input.slice(previousEnd)).toMatch(/^\s*$/);
      }),
      { numRuns: 500 },
    );
  });

  it('fuzz: hostile input only ever throws TokenizeError', () => {
    fc.assert(fc.property(hostileString(200), tokenizeOrTokenizeError), { numRuns: 2000 });
  });

  it('fuzz: 100 KB hostile lines only ever throw TokenizeError', () => {
    const line = hostileString(40)
      .filter((unit) => unit.length > 0)
      .map((unit) => unit.repeat(Math.ceil(100_000 / unit.length)));
    fc.assert(fc.property(line, tokenizeOrTokenizeError), { numRuns: 40 });
  });

  // Linear by construction (one pass, values assembled from slices); a quadratic tokenizer would
  // not finish these 1 MB inputs within the test timeout.
  it.each([
    ['many words', 'ab '.repeat(350_000), 350_000],
    ['one long word', 'x'.repeat(1_000_000), 1],
    ['escapes', '\\a'.repeat(500_000), 1],
    ['adjacent quotes', `'a'"b"`.repeat(170_000), 1],
    ['one long quoted token', `"${'y '.repeat(500_000)}"`, 1],
    ['many quoted tokens', `"a b" `.repeat(170_000), 170_000],
  ])('tokenizes 1 MB of %s', (_name, input, count) => {
    const tokens = tokenize(input);
    expect(tokens).toHaveLength(count);
    expect(tokens.at(-1)?.end).toBe(input.trimEnd().length);
  });

  it('rejects a 1 MB unclosed quote with the opening column', () => {
    expect(() => tokenize(`ok "${'z'.repeat(1_000_000)}`)).toThrow(
      expect.objectContaining({ column: 4, reason: 'unclosed-quote' }),
    );
  });
});

describe('quoteArgument', () => {
  it.each([
    ['word', 'word'],
    ['', '""'],
    ['two words', '"two words"'],
    ['say "hi"', `'say "hi"'`],
    [`it's`, `"it's"`],
    [`a'b"c`, `"a'b\\"c"`],
    ['back\\slash', '"back\\\\slash"'],
    ['👍', '👍'],
    ['\t', '"\t"'],
  ])('%j → %s', (text, quoted) => {
    expect(quoteArgument(text)).toBe(quoted);
    expect(values(quoteArgument(text))).toEqual([text]);
  });

  it('round trip: tokenize(xs.map(quoteArgument).join(" ")) gives back xs', () => {
    const item = fc.oneof(
      fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS) }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(item), (xs) => {
        expect(values(xs.map(quoteArgument).join(' '))).toEqual(xs);
      }),
      { numRuns: 1000 },
    );
  });
});
