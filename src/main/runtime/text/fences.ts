import type { Span } from './protected-tokens';

const FENCE = '```';

/**
 * The fenced code blocks of a markdown text. A fence line is a line that starts with three
 * backticks at column 0; fence lines toggle "inside a code block", so the 1st, 3rd, … open a
 * block (their text, e.g. "```ts", is what a continuation chunk reopens with) and the 2nd, 4th,
 * … close it.
 */
export class FenceIndex {
  /** Offsets of each fence line's first backtick, ascending. */
  private readonly starts: number[] = [];
  /** Each fence line's text, without its line break (and without a CR before it). */
  private readonly lines: string[] = [];
  /** Each fence line as a span (line break excluded). */
  readonly spans: Span[] = [];
  /** Length of the longest fence line, 0 when there is none. */
  readonly longest: number = 0;

  constructor(private readonly text: string) {
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const next = newline === -1 ? text.length : newline;
      if (text.startsWith(FENCE, lineStart)) {
        const end = next > lineStart && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
        this.starts.push(lineStart);
        this.lines.push(text.slice(lineStart, end));
        this.spans.push({ start: lineStart, end });
        this.longest = Math.max(this.longest, end - lineStart);
      }
      if (newline === -1) break;
      lineStart = newline + 1;
    }
  }

  get count(): number {
    return this.starts.length;
  }

  /** Number of fence lines starting before `offset`. */
  private before(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether offset `offset` lies inside a code block (after an opening fence line's start). */
  insideAt(offset: number): boolean {
    return this.before(offset) % 2 === 1;
  }

  /** The opening fence line of the block `offset` lies inside, or null outside blocks. */
  openLineAt(offset: number): string | null {
    const n = this.before(offset);
    return n % 2 === 1 ? this.lines[n - 1]! : null;
  }

  /**
   * Whether text placed at the start of a chunk from `offset` would read as a fence line although
   * it is not one in the source (three backticks in the middle of a source line).
   */
  wouldFakeFence(offset: number): boolean {
    return this.text.startsWith(FENCE, offset) && offset > 0 && this.text.charCodeAt(offset - 1) !== 10;
  }
}
