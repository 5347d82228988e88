/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Chat syntax that a message split must not cut through, because either half renders as
 * literal garbage: Discord user/role/channel mentions (`<@1>`, `<@!1>`, `<@&1>`, `<#1>`),
 * custom emoji (`<:name:1>`, `<a:name:1>`), timestamps (`<t:1700000000:R>`) and `:shortcode:`
 * emoji. Every repetition is bounded, so the scan stays linear on hostile input.
 */
const PROTECTED =
  /<(?:@[!&]?\d{1,20}|#\d{1,20}|a?:[A-Za-z0-9_~]{1,32}:\d{1,20}|t:-?\d{1,20}(?::[tTdDfFR])?)>|:[a-z0-9_+-]{1,32}:/g;

/** The protected tokens of `text`, left to right, non-overlapping (leftmost match wins). */
export function findProtectedTokens(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PROTECTED)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/**
 * Sorted, disjoint spans with a lookup for the span strictly containing an offset. Built from
 * several sorted span lists; overlapping or touching-inside spans are merged.
 */
export class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(...lists: Span[][]) {
    const all = lists.flat().sort((a, b) => a.start - b.start);
    for (const { start, end } of all) {
      const last = this.ends.length - 1;
      if (last >= 0 && start < this.ends[last]!) {
        this.ends[last] = Math.max(this.ends[last]!, end);
      } else {
        this.starts.push(start);
        this.ends.push(end);
      }
    }
  }

  /** The span with `start < offset < end`, if any: a cut at `offset` would split it. */
  containing(offset: number): Span | null {
    let lo = 0;
    let hi = this.starts.length; // find the last span starting before `offset`
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return null;
    const end = this.ends[lo - 1]!;
    return offset < end ? { start: this.starts[lo - 1]!, end } : null;
  }
}
