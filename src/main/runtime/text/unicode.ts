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
 * Grapheme cluster boundaries of one text, computed once with `Intl.Segmenter`. Text made only
 * of code units below U+0300 other than CR (no combining marks, surrogates, ZWJ or CR LF pairs)
 * has a boundary at every offset, so it skips the segmenter entirely.
 */
export class GraphemeBoundaries {
  private constructor(private readonly marks: Uint8Array | null) {}

  static of(text: string): GraphemeBoundaries {
    let simple = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x300 || code === 13) {
        simple = false;
        break;
      }
    }
    if (simple) return new GraphemeBoundaries(null);
    const marks = new Uint8Array(text.length + 1);
    segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
    for (const { index } of segmenter.segment(text)) marks[index] = 1;
    marks[text.length] = 1;
    return new GraphemeBoundaries(marks);
  }

  /** Whether a cut at offset `i` keeps every grapheme cluster whole. */
  isBoundary(i: number): boolean {
    return this.marks === null || this.marks[i] === 1;
  }
}
