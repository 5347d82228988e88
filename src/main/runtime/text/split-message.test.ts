import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FENCE_CLOSE,
  splitMessage,
  splitMessagePieces,
  type SplitLimits,
  type SplitPiece,
} from './split-message';

// Helpers below re-derive the rules from the spec independently of the implementation.

/** The spec's protected tokens: mentions, channel/role refs, custom emoji, timestamps, :shortcodes:. */
const TOKEN =
  /<(?:@[!&]?\d{1,20}|#\d{1,20}|a?:[A-Za-z0-9_~]{1,32}:\d{1,20}|t:-?\d{1,20}(?::[tTdDfFR])?)>|:[a-z0-9_+-]{1,32}:/g;

const discord = (maxChars: number): SplitLimits => ({ maxChars, maxBytes: null });
const irc = (maxBytes: number): SplitLimits => ({ maxChars: null, maxBytes });

const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const splitsPair = (text: string, i: number) =>
  i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/** No lone surrogate (String.prototype.isWellFormed, which ES2023 typings lack). */
function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHigh(code) && isLow(text.charCodeAt(i + 1))) i++;
    else if (isHigh(code) || isLow(code)) return false;
  }
  return true;
}

const effective = (limit: number | null): number =>
  limit === null || limit === Infinity ? Infinity : limit >= 1 ? Math.floor(limit) : 1;

/** Lines (split on LF) that start with three backticks. */
const fenceLines = (text: string): string[] =>
  text.split('\n').flatMap((line) => (line.startsWith('```') ? [line.replace(/\r$/, '')] : []));

/** The opening fence line of the code block `offset` is inside (toggle model), or null. */
function openFenceAt(text: string, offset: number): string | null {
  let open: string | null = null;
  let lineStart = 0;
  while (lineStart < offset) {
    const newline = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, '');
    if (line.startsWith('```')) open = open === null ? line : null;
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return open;
}

/** Whether the splitter is expected to handle fences: markdown mode and room for a reopen. */
function fencesEnabled(text: string, limits: SplitLimits): boolean {
  if (limits.maxBytes !== null) return false;
  const longest = Math.max(0, ...fenceLines(text).map((line) => line.length));
  return 2 * longest + 10 <= effective(limits.maxChars);
}

/**
 * Splits and checks every invariant; returns the pieces. With source = `text`:
 *
 * 1. Reconstruction: each piece's text is exactly `reopen + source.slice(start, end) + close`;
 *    pieces are non-empty, in order, disjoint; everything of the source outside them (before,
 *    between, after) is whitespace. So: source = g0 + c0 + g1 + … + c(k-1) + gk with every gi
 *    whitespace (the consumed breaks; empty at a hard cut) and ci a chunk minus its reopen/close.
 *    `reopen` is '' or the opening fence line of the block the piece starts in, plus '\n';
 *    `close` is '' or '\n```'. In IRC mode both are '' and no chunk holds CR or LF.
 * 2. Limits: every chunk has ≤ maxChars code units and ≤ maxBytes UTF-8 bytes, unless it is a
 *    single code point that alone exceeds a limit.
 * 3. No chunk is blank; no cut falls between the halves of a surrogate pair.
 * 4. Protected tokens that fit (in the budget left after a fence reopen + close) lie whole
 *    inside exactly one piece.
 * 5. Fences (when enabled and no mid-line run of 8+ backticks makes a fake fence unavoidable):
 *    every chunk but the last has an even number of fence lines, the last as many modulo 2 as
 *    the source; a chunk is closed exactly when its cut falls inside a code block.
 */
function splitChecked(text: string, limits: SplitLimits): SplitPiece[] {
  const pieces = splitMessagePieces(text, limits);
  const problems: string[] = [];
  const check = (ok: boolean, problem: () => string) => {
    if (!ok && problems.length < 5) problems.push(problem());
  };
  const maxChars = effective(limits.maxChars);
  const maxBytes = effective(limits.maxBytes);
  const lineMode = limits.maxBytes !== null;
  const fences = fencesEnabled(text, limits);
  const blank = (from: number, to: number) => /^\s*$/.test(text.slice(from, to));

  let previousEnd = 0;
  pieces.forEach(({ text: chunk, start, end, reopen, close }, i) => {
    const at = () => `chunk ${i} ${JSON.stringify(chunk)}`;
    // 1
    check(chunk === reopen + text.slice(start, end) + close, () => `${at()} is not reopen + source + close`);
    check(start >= previousEnd && end > start, () => `${at()} range [${start}, ${end}) out of order`);
    check(blank(previousEnd, start), () => `${at()}: non-blank text dropped before it`);
    check(close === '' || close === FENCE_CLOSE, () => `${at()} close ${JSON.stringify(close)}`);
    check(reopen === '' || reopen === `${openFenceAt(text, start)}\n`, () => `${at()} wrong reopen`);
    check(!lineMode || (reopen + close === '' && !/[\r\n]/.test(chunk)), () => `${at()}: not one IRC line`);
    previousEnd = end;
    // 2
    const oneCodePoint = [...chunk].length === 1;
    check(oneCodePoint || chunk.length <= maxChars, () => `${at()} over ${maxChars} chars`);
    check(oneCodePoint || bytesOf(chunk) <= maxBytes, () => `${at()} over ${maxBytes} bytes`);
    // 3
    check(/\S/.test(chunk), () => `${at()} is blank`);
    check(!splitsPair(text, start) && !splitsPair(text, end), () => `${at()} cuts a surrogate pair`);
  });
  check(blank(previousEnd, text.length), () => 'non-blank text dropped at the end');

  // 4
  const longestFence = Math.max(0, ...fenceLines(text).map((line) => line.length));
  const overhead = fences ? longestFence + 1 + FENCE_CLOSE.length : 0;
  for (const match of text.matchAll(TOKEN)) {
    const a = match.index;
    const b = a + match[0].length;
    if (b - a > maxChars - overhead || bytesOf(match[0]) > maxBytes) continue;
    const holders = pieces.filter((p) => p.start <= a && b <= p.end).length;
    check(holders === 1, () => `token ${match[0]} at ${a} is in ${holders} chunks whole`);
  }

  // 5
  if (fences && !/`{8,}/.test(text)) {
    const sourceParity = fenceLines(text).length % 2;
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      const parity = fenceLines(piece.text).length % 2;
      check(
        parity === (last ? sourceParity : 0),
        () => `unbalanced fences in chunk ${i} ${JSON.stringify(piece.text)}`,
      );
      const inside = openFenceAt(text, piece.end) !== null;
      check(last || piece.close === (inside ? FENCE_CLOSE : ''), () => `chunk ${i} closed wrongly`);
    });
  }
  expect(problems, JSON.stringify({ text: text.slice(0, 300), limits })).toEqual([]);
  expect(splitMessage(text, limits)).toEqual(pieces.map((p) => p.text));
  return pieces;
}

// ---- generators ------------------------------------------------------------------------------

const SPECIAL_WORDS = [
  '👍',
  '👨‍👩‍👧‍👦',
  '🇫🇷🇩🇪',
  '🏳️‍🌈',
  'e\u0301',
  'Z\u0324\u0354\u0367\u0311\u0313',
  '漢字かな交じり',
  '한국어',
  'مرحبا',
  '\u202eevil',
  '\u200d',
  '<@123456789012345678>',
  '<@!42>',
  '<@&7>',
  '<#99>',
  '<:blob:1234>',
  '<a:party_parrot:5678>',
  '<t:1700000000:R>',
  '<t:1700000000>',
  ':smile:',
  ':+1:',
  ':thumbsup::skin-tone-2:',
  '<@1><@2><@3>',
  '`code`',
  '**bold**',
  '||spoiler||',
  'a:b:c',
  'x\u00a0y',
  '```',
  '```js',
  'x```y',
];

const plainWord = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
  minLength: 1,
  maxLength: 12,
});
const longWord = fc.integer({ min: 15, max: 400 }).map((n) => 'Lorem'.repeat(n).slice(0, n));
const randomWord = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 6 })
  .map((word) => word.replace(/`/g, "'"));
const word = fc.oneof(
  { weight: 6, arbitrary: plainWord },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
  { weight: 1, arbitrary: longWord },
  { weight: 2, arbitrary: randomWord },
);
const indent = fc.constantFrom('', '', '', '  ', '    ', '\t');
// Backticks may appear mid-line; a line that would start with them is not meant as a fence line.
const line = fc
  .tuple(indent, fc.array(word, { maxLength: 25 }))
  .map(([pad, words]) => (pad + words.join(' ')).replace(/^`/, '>`'));
const paragraph = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));
const codeBlock = fc
  .tuple(
    fc.constantFrom('', 'ts', 'js', 'python', 'diff', 'ansi', 'ts title="some file name.ts"', 'sh   '),
    fc.array(line, { maxLength: 12 }),
    fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  )
  .map(([lang, lines, closed]) => ['```' + lang, ...lines, ...(closed ? ['```'] : [])].join('\n'));
const markdown = fc
  .tuple(
    fc.array(fc.oneof(paragraph, codeBlock), { maxLength: 8 }),
    fc.constantFrom('\n', '\n\n', '\r\n', '\n\n\n', ' \n'),
  )
  .map(([blocks, separator]) => blocks.join(separator));

const size = fc.oneof(
  fc.constantFrom(1, 2, 3, 5),
  fc.integer({ min: 1, max: 40 }),
  fc.integer({ min: 40, max: 400 }),
  fc.constant(2000),
);
const limits: fc.Arbitrary<SplitLimits> = fc.oneof(
  size.map(discord),
  size.map(irc),
  fc.tuple(size, size).map(([maxChars, maxBytes]) => ({ maxChars, maxBytes })),
);

const ODD_UNITS = [
  '`',
  '\n',
  '\r',
  ' ',
  '\t',
  'a',
  '<',
  '@',
  '1',
  '>',
  ':',
  '\ud83d',
  '\ude00',
  '\u0301',
  '\u200d',
];
/** Short lines dense in fences, mid-line backticks, spaces and tokens, for the fence rules. */
const fenceTorture = fc.string({
  unit: fc.constantFrom('```', '```ts', '``', '`', 'a', 'bb', 'ccc', ' ', ' ', '\n', '\n', '<@1>', ':x:'),
  maxLength: 80,
});

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...ODD_UNITS), maxLength: 300 }),
);

// ---- properties ------------------------------------------------------------------------------

describe('splitMessage properties', () => {
  it('markdown with fences, mentions, emoji, ZWJ, CJK and long words: all invariants', () => {
    fc.assert(
      fc.property(markdown, limits, (text, l) => {
        splitChecked(text, l);
      }),
      { numRuns: 500 },
    );
  });

  it('fence-dense text: chunks never gain or lose a fence line', () => {
    fc.assert(
      fc.property(fenceTorture, fc.integer({ min: 10, max: 80 }), (text, maxChars) => {
        splitChecked(text, discord(maxChars));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary text (lone surrogates, CR, backticks) and limits, including invalid ones', () => {
    const anyLimit = fc.oneof(size, fc.constantFrom(0, -1, 0.5, 2.7, NaN, Infinity));
    const anyLimits = fc.tuple(fc.option(anyLimit), fc.option(anyLimit)).map(([maxChars, maxBytes]) => ({
      maxChars,
      maxBytes,
    }));
    fc.assert(
      fc.property(anyText, anyLimits, (text, l) => {
        if (l.maxChars === null && l.maxBytes === null) {
          expect(splitMessage(text, l)).toEqual(text === '' ? [] : [text]);
        } else {
          splitChecked(text, l);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never cuts a surrogate pair: chunks of well-formed text are well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), limits, (text, l) => {
        for (const chunk of splitMessage(text, l)) expect(isWellFormed(chunk)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never cuts inside a grapheme cluster when every cluster fits', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...SPECIAL_WORDS)))
      .map((parts) => parts.join('').replace(/`/g, "'"));
    const roomy = fc.oneof(
      fc.integer({ min: 40, max: 300 }).map(discord),
      fc.integer({ min: 120, max: 600 }).map(irc),
    );
    fc.assert(
      fc.property(text, roomy, (source, l) => {
        const boundaries = new Set([...segmenter.segment(source)].map((s) => s.index));
        boundaries.add(source.length);
        const clusters = [...segmenter.segment(source)].map((s) => s.segment);
        fc.pre(clusters.every((c) => c.length <= 30 && bytesOf(c) <= 100));
        for (const piece of splitChecked(source, l)) {
          expect(boundaries.has(piece.start) && boundaries.has(piece.end), JSON.stringify(piece)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([1, 2, 3, 5])('terminates with every invariant for a limit of %i', (n) => {
    const modes = [discord(n), irc(n), { maxChars: n, maxBytes: n }];
    fc.assert(
      fc.property(fc.oneof(markdown, anyText), fc.constantFrom(...modes), (text, l) => {
        splitChecked(text, l);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- examples --------------------------------------------------------------------------------

describe('splitMessage', () => {
  it('passes text through when there is no limit (console)', () => {
    expect(splitMessage('hello\n\nworld', { maxChars: null, maxBytes: null })).toEqual(['hello\n\nworld']);
    expect(splitMessage('   ', { maxChars: null, maxBytes: null })).toEqual(['   ']);
    expect(splitMessage('', { maxChars: null, maxBytes: null })).toEqual([]);
  });

  it('gives nothing for empty or blank text under a limit', () => {
    expect(splitMessage('', discord(2000))).toEqual([]);
    expect(splitMessage(' \n\t ', discord(2000))).toEqual([]);
    expect(splitMessage('\n\n\n', irc(400))).toEqual([]);
  });

  it('keeps text that fits unchanged', () => {
    const text = `  ${'a'.repeat(1996)}\n`;
    expect(splitMessage(text, discord(2000))).toEqual([text]);
    expect(splitMessage('a'.repeat(2001), discord(2000)).map((c) => c.length)).toEqual([2000, 1]);
  });

  it('splits a 4500-character answer into 3 Discord messages, in order, at paragraph breaks', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog again.';
    const paragraphs = Array.from({ length: 10 }, (_, i) => `${i + 1}. ${Array(9).fill(sentence).join(' ')}`);
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(4500);
    const chunks = splitChecked(text, discord(2000)).map((p) => p.text);
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(chunks.join('\n\n')).toBe(text);
    expect(chunks[0]).toMatch(/^1\. /);
    expect(chunks[2]).toMatch(/^\d+\. .*again\.$/s);
  });

  it('prefers a line break to a later space, and consumes the break', () => {
    expect(splitMessage('aaa bbb\nccc ddd eee', discord(12))).toEqual(['aaa bbb', 'ccc ddd eee']);
    expect(splitMessage('hello world', discord(5))).toEqual(['hello', 'world']);
    expect(splitMessage('hello     world', discord(8))).toEqual(['hello', 'world']);
    expect(splitMessage('abcdefghij', discord(4))).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('closes a code block cut across chunks and reopens it with its language', () => {
    const code = Array.from({ length: 80 }, (_, i) => `const value${i} = compute(${i}); // step ${i}`);
    const text = ['Here is the file:', '```ts', ...code, '```', 'Done.'].join('\n');
    const pieces = splitChecked(text, discord(2000));
    const chunks = pieces.map((p) => p.text);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^Here is the file:\n```ts\nconst value0 /);
    expect(chunks[0]!.endsWith('\n```')).toBe(true);
    expect(chunks[1]!.startsWith('```ts\nconst value')).toBe(true);
    expect(chunks[1]!.endsWith('\n```\nDone.')).toBe(true);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(2000);
      expect(fenceLines(chunk).length % 2).toBe(0);
    }
    const inner = pieces.map((p) => p.text.slice(p.reopen.length, p.text.length - p.close.length));
    expect(inner.join('\n')).toBe(text);
  });

  it('keeps indentation after a line break inside a code block', () => {
    const text = '```py\ndef f():\n    return 1\n    return 2\n```';
    expect(splitMessage(text, discord(31))).toEqual([
      '```py\ndef f():\n    return 1\n```',
      '```py\n    return 2\n```',
    ]);
  });

  it('does not fake a fence when cutting before backticks in the middle of a line', () => {
    const text = `${'a'.repeat(15)}\`\`\`b`;
    expect(splitChecked(text, discord(15)).map((p) => p.text)).toEqual(['a'.repeat(14), 'a```b']);
  });

  it('turns fence handling off when the limit cannot hold a reopen, without looping', () => {
    const text = '```typescript\nlet x = 1;\nlet y = 2;\n```';
    for (const piece of splitChecked(text, discord(12))) expect(piece.text.length).toBeLessThanOrEqual(12);
  });

  it.each([
    ['a user mention', '<@123456789012345678>'],
    ['a nickname mention', '<@!123456789012345678>'],
    ['a role mention', '<@&123456789012345678>'],
    ['a channel reference', '<#123456789012345678>'],
    ['a custom emoji', '<:blobcat:123456789012345678>'],
    ['an animated emoji', '<a:partyblob:123456789012345678>'],
    ['a timestamp', '<t:1700000000:R>'],
    ['a shortcode emoji', ':thumbsup:'],
  ])('moves %s at a boundary whole to the next chunk', (_name, token) => {
    const hard = `${'x'.repeat(1995)}${token}yy`;
    expect(splitMessage(hard, discord(2000))).toEqual(['x'.repeat(1995), `${token}yy`]);
    const soft = `${'word '.repeat(398)}w ${token} tail`;
    const chunks = splitMessage(soft, discord(2000));
    expect(chunks).toHaveLength(2);
    expect(chunks[1]!.startsWith(token)).toBe(true);
  });

  it('breaks a token that cannot fit anyway', () => {
    expect(splitMessage('<@123456789012345678>', discord(10))).toEqual(['<@12345678', '9012345678', '>']);
  });

  it('keeps grapheme clusters whole, falling back to code points for an oversized one', () => {
    expect(splitMessage('e\u0301'.repeat(5), discord(5))).toEqual([
      'e\u0301e\u0301',
      'e\u0301e\u0301',
      'e\u0301',
    ]);
    const family = '👨‍👩‍👧‍👦';
    expect(splitMessage(family.repeat(3), discord(12))).toEqual([family, family, family]);
    const pieces = splitMessage(family, discord(3));
    expect(pieces.join('')).toBe(family);
    for (const piece of pieces) expect(isWellFormed(piece)).toBe(true);
    expect(splitMessage('🇫🇷🇩🇪🇮🇹', discord(5))).toEqual(['🇫🇷', '🇩🇪', '🇮🇹']);
  });

  it.each([
    ['regional indicator flags', '🇫🇷🇩🇪🇯🇵'.repeat(400)],
    ['Thai without spaces', 'สวัสดีครับผมชื่อ'.repeat(300)],
    ['Devanagari conjuncts', 'क्षत्रियस्त्री'.repeat(300)],
    ['emoji with skin tones', '👋🏽👩🏾‍💻🧑🏻‍🤝‍🧑🏿'.repeat(200)],
  ])('cuts long runs of %s only at cluster boundaries', (_name, text) => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const boundaries = new Set([...segmenter.segment(text)].map((s) => s.index));
    for (const l of [discord(2000), discord(97), irc(400), irc(61)]) {
      const pieces = splitChecked(text, l);
      expect(pieces.map((p) => p.text).join('')).toBe(text);
      for (const piece of pieces) expect(boundaries.has(piece.start)).toBe(true);
    }
  });

  it('degrades on invalid limits instead of looping or throwing', () => {
    expect(splitMessage('abc', discord(0))).toEqual(['a', 'b', 'c']);
    expect(splitMessage('abc', discord(-5))).toEqual(['a', 'b', 'c']);
    expect(splitMessage('abc', discord(NaN))).toEqual(['a', 'b', 'c']);
    expect(splitMessage('abc', irc(0))).toEqual(['a', 'b', 'c']);
    expect(splitMessage('abc', discord(Infinity))).toEqual(['abc']);
    expect(splitMessage('👍€', discord(1))).toEqual(['👍', '€']); // a code point alone may exceed
    expect(splitMessage('👍€', irc(2))).toEqual(['👍', '€']);
  });

  describe('IRC', () => {
    it('sends each line separately and drops blank lines', () => {
      expect(splitMessage('one\r\ntwo\n\n\nthree\r\n  \nfour', irc(400))).toEqual([
        'one',
        'two',
        'three',
        'four',
      ]);
    });

    it('splits a 10 KB line into valid UTF-8 chunks within the byte limit', () => {
      const unit = 'héllo wörld 漢字テキスト 👨‍👩‍👧‍👦 emoji🎉 naïve café ';
      const text = unit.repeat(Math.ceil(10_240 / bytesOf(unit))).trim();
      expect(bytesOf(text)).toBeGreaterThanOrEqual(10_000);
      const chunks = splitChecked(text, irc(400)).map((p) => p.text);
      const decoder = new TextDecoder('utf-8', { fatal: true });
      for (const chunk of chunks) {
        expect(bytesOf(chunk)).toBeLessThanOrEqual(400);
        expect(isWellFormed(chunk)).toBe(true);
        expect(decoder.decode(Buffer.from(chunk, 'utf8'))).toBe(chunk);
      }
      expect(chunks.join(' ')).toBe(text);
    });

    it('cuts text without spaces at character boundaries, filling each chunk', () => {
      const text = '漢字かな交じり文'.repeat(450); // 3 bytes per character, 10.8 KB
      const chunks = splitChecked(text, irc(400)).map((p) => p.text);
      expect(chunks.join('')).toBe(text);
      for (const chunk of chunks.slice(0, -1)) expect(bytesOf(chunk)).toBe(399);
      const families = '👨‍👩‍👧‍👦'.repeat(400); // 25 bytes per cluster
      const familyChunks = splitMessage(families, irc(400));
      expect(familyChunks.join('')).toBe(families);
      for (const chunk of familyChunks) expect(chunk).toBe('👨‍👩‍👧‍👦'.repeat(chunk.length / 11));
    });

    it('takes a one-line answer that fits as it is, counting bytes not characters', () => {
      // the short path for one fitting line must give what the full splitter gives
      expect(splitMessage('  hi there ', irc(400))).toEqual(['  hi there ']);
      expect(splitMessage('ééééé', irc(10))).toEqual(['ééééé']);
      expect(splitMessage('ééééé', irc(9))).toEqual(['éééé', 'é']);
      expect(splitMessage('🎉🎉', irc(8))).toEqual(['🎉🎉']);
      expect(splitMessage('🎉🎉', irc(7))).toEqual(['🎉', '🎉']);
      expect(splitMessage('one\rtwo', irc(400))).toEqual(['one', 'two']);
      expect(splitMessage(' \t ', irc(400))).toEqual([]);
      expect(splitMessage('abc', { maxChars: 2, maxBytes: 400 })).toEqual(['ab', 'c']);
    });

    it('satisfies both limits when both are set', () => {
      const text = 'ab€ '.repeat(100);
      for (const chunk of splitChecked(text, { maxChars: 10, maxBytes: 12 }).map((p) => p.text)) {
        expect(chunk.length).toBeLessThanOrEqual(10);
        expect(bytesOf(chunk)).toBeLessThanOrEqual(12);
      }
    });
  });

  it('handles a 1 MB reply in one pass', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `line ${i} <@${i}> 👍 ${'z'.repeat(i % 80)}`).join(
      '\n',
    );
    const chunks = splitChecked(text, discord(2000));
    expect(chunks.length).toBeGreaterThan(text.length / 2000);
  });
});
