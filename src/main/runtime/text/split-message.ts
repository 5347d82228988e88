import { FenceIndex } from './fences';
import { findProtectedTokens, SpanIndex } from './protected-tokens';
import { codePointLength, GraphemeBoundaries, splitsSurrogatePair, utf8Length } from './unicode';
import { isBlankRange, isWhitespaceCode } from './whitespace';

/**
 * Per-network message limits. `maxChars` counts UTF-16 code units (what Discord's 2000 limit
 * is checked against, and never less than the user-perceived length); `maxBytes` counts UTF-8
 * bytes per line (IRC). `null` means unlimited.
 */
export interface SplitLimits {
  maxChars: number | null;
  maxBytes: number | null;
}

/**
 * One chunk of a split message with where it came from: `text` is exactly
 * `reopen + source.slice(start, end) + close`. `reopen` is a fence line plus "\n" when the chunk
 * continues a code block cut by the previous chunk; `close` is "\n```" when this chunk's code
 * block continues in the next one. Everything of the source between two pieces (and before the
 * first, after the last) is whitespace: the break that was consumed.
 */
export interface SplitPiece {
  text: string;
  start: number;
  end: number;
  reopen: string;
  close: string;
}

/** What a chunk that ends inside a code block gets appended. */
export const FENCE_CLOSE = '\n```';

/** Room a code block needs beyond twice its fence line: newline, close, and a code point. */
const FENCE_SLACK = 10;

/** Cut rules from strictest to loosest; a chunk uses the strictest rule set that yields a cut. */
const enum Rule {
  /** Keep grapheme clusters, protected tokens and fence lines whole. */
  Strict,
  /** Cut between code points of an oversized grapheme cluster. */
  CodePoints,
  /** Also let a chunk start with backticks from mid-line (a run of them longer than a chunk). */
  FakeFence,
  /** Also cut through protected tokens. */
  Anything,
}

interface Cut {
  /** Content of the chunk: source[start, end). */
  start: number;
  end: number;
  /** Where the next chunk may begin; source[end, next) is the consumed whitespace. */
  next: number;
}

/**
 * Splits `text` into messages that each fit `limits`; see {@link splitMessagePieces} for the
 * rules. An empty text gives no message.
 */
export function splitMessage(text: string, limits: SplitLimits): string[] {
  return splitMessagePieces(text, limits).map((piece) => piece.text);
}

/**
 * Splits `text` into chunks for a network's message limits, with each chunk's source range.
 *
 * - No limits: the text as one chunk (none if it is empty).
 * - `maxChars` only (Discord): markdown-aware. Each chunk takes as much as fits. It ends at the
 *   last line break that fits, else the last space, else at the last offset that splits no
 *   grapheme cluster, protected token ({@link findProtectedTokens}) or fence line; the whitespace
 *   run at a soft break is consumed (indentation after the last newline of the run is kept). A
 *   chunk that ends inside a fenced code block is closed with "\n```" and the next one reopens it
 *   with the same fence line, both counted against the limit. Limits too small for that
 *   (under twice the longest fence line plus 10) turn fence handling off.
 * - `maxBytes` set (IRC, optionally with `maxChars` too): plain text, one message per line.
 *   Lines are split at newlines, blank lines dropped, and long lines cut as above (without
 *   markdown) so that every chunk fits every limit given.
 *
 * When nothing fits (a limit below one code point's size, or a non-positive limit, which counts
 * as 1) the chunk is that single code point; it is the only chunk that may exceed a limit.
 * Whitespace-only input gives no chunk. Runs in time linear in the text for a fixed limit.
 */
export function splitMessagePieces(text: string, limits: SplitLimits): SplitPiece[] {
  if (text === '') return [];
  if (limits.maxChars === null && limits.maxBytes === null) {
    return [{ text, start: 0, end: text.length, reopen: '', close: '' }];
  }
  const maxChars = normalizeLimit(limits.maxChars);
  const maxBytes = normalizeLimit(limits.maxBytes);
  const lineMode = limits.maxBytes !== null;
  // the common short answer: one line that fits as it is needs none of the indexes below
  if (fitsWhole(text, maxChars, maxBytes, lineMode))
    return [{ text, start: 0, end: text.length, reopen: '', close: '' }];
  let fences: FenceIndex | null = null;
  if (!lineMode) {
    const index = new FenceIndex(text);
    if (2 * index.longest + FENCE_SLACK <= maxChars) fences = index;
  }
  const spans = new SpanIndex(findProtectedTokens(text), fences?.spans ?? []);
  const splitter = new Splitter(text, maxChars, maxBytes, fences, spans, new GraphemeBoundaries(text));
  if (!lineMode) {
    splitter.splitRange(0, text.length);
    return splitter.pieces;
  }
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code !== 10 && code !== 13) continue;
    splitter.splitRange(lineStart, i);
    lineStart = i + 1;
  }
  return splitter.pieces;
}

/** Whether `text` is one chunk as it is: not blank, within both limits, one line in line mode. */
function fitsWhole(text: string, maxChars: number, maxBytes: number, lineMode: boolean): boolean {
  if (text.length > maxChars) return false;
  // a UTF-16 code unit is at most 3 UTF-8 bytes: a short text needs no byte count
  if (text.length * 3 > maxBytes && utf8Length(text) > maxBytes) return false;
  if (lineMode && (text.includes('\n') || text.includes('\r'))) return false;
  return !isBlankRange(text, 0, text.length);
}

/** Maps a limit to a positive integer or Infinity: null is unlimited; nonsense (≤ 0, NaN) is 1. */
function normalizeLimit(limit: number | null): number {
  if (limit === null || limit === Infinity) return Infinity;
  return limit >= 1 ? Math.floor(limit) : 1;
}

const isNewlineCode = (code: number): boolean => code === 10 || code === 13;

/** Whitespace a soft break may consume: spaces, tabs and line breaks (not NBSP and the like). */
const isBreakCode = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

class Splitter {
  readonly pieces: SplitPiece[] = [];

  constructor(
    private readonly text: string,
    private readonly maxChars: number,
    private readonly maxBytes: number,
    private readonly fences: FenceIndex | null,
    private readonly spans: SpanIndex,
    private readonly graphemes: GraphemeBoundaries,
  ) {}

  /** Appends the chunks of `text[from, to)`, which starts outside any code block. */
  splitRange(from: number, to: number): void {
    if (isBlankRange(this.text, from, to)) return;
    if (this.fitEnd(from, to, this.maxChars, this.maxBytes) === to) {
      this.push(from, to, '', '');
      return;
    }
    let end = to;
    while (isWhitespaceCode(this.text.charCodeAt(end - 1))) end--;
    let pos = from;
    for (;;) {
      let first = pos;
      while (first < end && isWhitespaceCode(this.text.charCodeAt(first))) first++;
      if (first >= end) return;
      const reopen = this.fences?.openLineAt(pos) ?? null;
      const prefix = reopen === null ? '' : `${reopen}\n`;
      let cut = this.findCut(pos, first, end, prefix, '');
      let close = '';
      if (this.fences && cut.end < end && this.fences.insideAt(cut.end)) {
        cut = this.findCut(pos, first, end, prefix, FENCE_CLOSE);
        if (this.fences.insideAt(cut.end)) close = FENCE_CLOSE;
      }
      this.push(cut.start, cut.end, prefix, close);
      pos = cut.next;
    }
  }

  private push(start: number, end: number, reopen: string, close: string): void {
    this.pieces.push({ text: reopen + this.text.slice(start, end) + close, start, end, reopen, close });
  }

  /**
   * The cut for a chunk starting at `pos` (`first` is its first non-whitespace offset), with
   * `prefix` and `suffix` added around the content. Tries the start with its indentation, then
   * without, under each rule set from the strictest; gives up to one code point if nothing fits.
   */
  private findCut(pos: number, first: number, end: number, prefix: string, suffix: string): Cut {
    const chars = this.maxChars - prefix.length - suffix.length;
    const bytes = this.maxBytes === Infinity ? Infinity : this.maxBytes - utf8Length(prefix + suffix);
    // Dropping the indentation must not turn mid-line backticks into a chunk-opening fence line.
    const starts = first > pos && !this.fences?.wouldFakeFence(first) ? [pos, first] : [pos];
    const limitEnds = starts.map((start) => this.fitEnd(start, end, chars, bytes));
    for (let s = 0; s < starts.length; s++) {
      if (limitEnds[s] === end) return { start: starts[s]!, end, next: end };
    }
    for (let s = 0; s < starts.length; s++) {
      const cut = this.softCut(starts[s]!, first, limitEnds[s]!, end);
      if (cut) return cut;
    }
    for (const rule of [Rule.Strict, Rule.CodePoints, Rule.FakeFence, Rule.Anything]) {
      for (let s = 0; s < starts.length; s++) {
        const cutEnd = this.hardCut(starts[s]!, first, limitEnds[s]!, rule, chars, bytes);
        if (cutEnd > first) return { start: starts[s]!, end: cutEnd, next: cutEnd };
      }
    }
    const single = first + codePointLength(this.text, first);
    return { start: first, end: single, next: single };
  }

  /**
   * The largest `e` in `[start, to]` such that `text[start, e)` has at most `chars` code units
   * and `bytes` UTF-8 bytes and ends on a code point boundary. Stops scanning at the limit, so
   * the cost is bounded by the limit, not by the text.
   */
  private fitEnd(start: number, to: number, chars: number, bytes: number): number {
    const charEnd = Math.max(start, Math.min(to, start + chars));
    let e = charEnd;
    if (bytes !== Infinity) {
      e = start;
      let used = 0;
      while (e < charEnd) {
        const code = this.text.charCodeAt(e);
        const len = codePointLength(this.text, e);
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : len === 2 ? 4 : 3;
        if (used + size > bytes || e + len > charEnd) break;
        used += size;
        e += len;
      }
    }
    if (e > start && splitsSurrogatePair(this.text, e)) e--;
    return e;
  }

  /**
   * A break at whitespace within `(first, limitEnd]`: the last line break, else the last space or
   * tab. The whole whitespace run around it is consumed, except what follows its last line break
   * (the next line's indentation).
   */
  private softCut(start: number, first: number, limitEnd: number, end: number): Cut | null {
    for (const wanted of [isNewlineCode, isBreakCode]) {
      for (let b = limitEnd; b > first; b--) {
        if (!wanted(this.text.charCodeAt(b))) continue;
        const cut = this.gapAround(start, b, end);
        if (cut) return cut;
        while (b > first && isBreakCode(this.text.charCodeAt(b - 1))) b--; // same run, same answer
      }
    }
    return null;
  }

  private gapAround(start: number, b: number, end: number): Cut | null {
    let runStart = b;
    while (isBreakCode(this.text.charCodeAt(runStart - 1))) runStart--;
    let next = b;
    let afterNewline = -1;
    while (next < end && isBreakCode(this.text.charCodeAt(next))) {
      if (isNewlineCode(this.text.charCodeAt(next))) afterNewline = next + 1;
      next++;
    }
    if (afterNewline !== -1) next = afterNewline;
    if (!this.graphemes.isBoundary(runStart, start) || !this.graphemes.isBoundary(next, start)) return null;
    // Protected tokens hold no whitespace, but a fence line ("```ts title") may.
    if (this.spans.containing(b) || this.fences?.wouldFakeFence(next)) return null;
    return { start, end: runStart, next };
  }

  /** The last offset in `(first, limitEnd]` where `rule` allows a cut, or -1. */
  private hardCut(
    start: number,
    first: number,
    limitEnd: number,
    rule: Rule,
    chars: number,
    bytes: number,
  ): number {
    let e = limitEnd;
    while (e > first) {
      if (rule === Rule.Strict ? !this.graphemes.isBoundary(e, start) : splitsSurrogatePair(this.text, e)) {
        e--;
        continue;
      }
      if (rule < Rule.Anything) {
        const span = this.spans.containing(e);
        // Protect a token only if it starts in this chunk and could fit in a chunk on its own.
        if (span && span.start >= start && this.fitEnd(span.start, span.end, chars, bytes) === span.end) {
          e = span.start;
          continue;
        }
      }
      if (rule < Rule.FakeFence && this.fences?.wouldFakeFence(e)) {
        e--;
        continue;
      }
      return e;
    }
    return -1;
  }
}
