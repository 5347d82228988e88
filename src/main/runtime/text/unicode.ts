/** Whether `code` is a UTF-16 high (leading) surrogate. */
export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Whether `code` is a UTF-16 low (trailing) surrogate. */
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether offset `i` falls between the two halves of a surrogate pair of `text`. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  return (
    i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i))
  );
}

/** Length in code units (1 or 2) of the code point that starts at offset `i`. */
export function codePointLength(text: string, i: number): 1 | 2 {
  return isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
}

/**
 * UTF-8 length of `text` as Node encodes it (`Buffer.byteLength`): a lone surrogate becomes
 * U+FFFD, three bytes.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * Code units that are a grapheme cluster of their own whatever surrounds them, provided the
 * neighbour is one too: ASCII and Latin-1 up to the combining marks (except CR, which pairs with
 * LF), basic Greek and Cyrillic, kana, CJK ideographs and precomposed Hangul syllables.
 */
function isPlain(code: number): boolean {
  return (
    (code < 0x300 && code !== 13) ||
    (code >= 0x370 && code <= 0x482) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7a3)
  );
}

/** How far around a queried offset one segmenter call looks, in code units. */
const BLOCK = 64;
/** Lookahead past a block: a boundary depends on the next code point (at most 2 units). */
const LOOKAHEAD = 8;

/**
 * Grapheme cluster boundaries of one text, answered locally. `Intl.Segmenter` is slow (about a
 * microsecond per code unit, and worse than linear on long strings in V8), so it only ever sees
 * short slices: between two plain code units (see `isPlain`) there is always a boundary, and
 * segmentation started at such a "safe" offset, or at an offset known to be a boundary, agrees
 * with segmenting the whole text. A query segments the slice from the nearest safe offset at
 * least {@link BLOCK} units back (but not before the caller's known boundary) to just past the
 * query, and caches that block for the backward scans that follow.
 */
export class GraphemeBoundaries {
  private blockStart = 0;
  private blockEnd = -1;
  private marks = new Uint8Array(0);

  constructor(private readonly text: string) {}

  /** Whether both code units around offset `i` are plain, which makes `i` a boundary. */
  private isSafe(i: number): boolean {
    return (
      i <= 0 ||
      i >= this.text.length ||
      (isPlain(this.text.charCodeAt(i - 1)) && isPlain(this.text.charCodeAt(i)))
    );
  }

  /**
   * Whether a cut at offset `i` keeps every grapheme cluster whole. `floor` is an offset at or
   * before `i` known to be a boundary (a chunk start); the answer is exact when it is one.
   */
  isBoundary(i: number, floor: number): boolean {
    if (this.isSafe(i)) return true;
    if (splitsSurrogatePair(this.text, i)) return false;
    if (i < this.blockStart || i > this.blockEnd) this.segmentAround(i, Math.min(floor, i));
    return this.marks[i - this.blockStart] === 1;
  }

  private segmentAround(i: number, floor: number): void {
    let start = Math.max(floor, i - BLOCK);
    while (start > floor && !this.isSafe(start)) start--;
    const end = Math.min(this.text.length, i + BLOCK);
    const sliceEnd = Math.min(this.text.length, end + LOOKAHEAD);
    const marks = new Uint8Array(end - start + 1);
    segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
    for (const { index } of segmenter.segment(this.text.slice(start, sliceEnd))) {
      if (index > end - start) break;
      marks[index] = 1;
    }
    if (sliceEnd === end) marks[end - start] = 1;
    this.blockStart = start;
    this.blockEnd = end;
    this.marks = marks;
  }
}
