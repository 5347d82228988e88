import AhoCorasick from 'modern-ahocorasick';
import { foldText, skeletonOf } from '../../text/skeleton';

/** A range of the original text that holds a listed word. */
export interface WordHit {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

const isWordChar = (text: string, i: number): boolean => {
  if (i < 0 || i >= text.length) return false;
  const code = text.codePointAt(i)!;
  return WORD_CHAR.test(String.fromCodePoint(code));
};

/** The code unit just before `i` as the start of its code point (surrogate pairs kept whole). */
const before = (text: string, i: number): number =>
  i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]!) && /[\uD800-\uDBFF]/.test(text[i - 2]!) ? i - 2 : i - 1;

/**
 * The compiled bad-word list: an Aho–Corasick automaton (the `modern-ahocorasick` package) over
 * the folded words, matched against the folded message (see text/skeleton). Scanning is linear
 * in the message whatever the list size; only whole-word hits count (not `darn` in `darned`),
 * and overlapping hits are resolved leftmost-longest.
 */
export class BadWordMatcher {
  readonly size: number;
  private readonly automaton: AhoCorasick | null;

  constructor(words: readonly string[]) {
    const folded = [...new Set(words.map((w) => foldText(w.trim())).filter((w) => w !== ''))];
    this.size = folded.length;
    this.automaton = folded.length > 0 ? new AhoCorasick(folded) : null;
  }

  /** Non-overlapping whole-word hits in original-text offsets, left to right. */
  find(text: string): WordHit[] {
    if (!this.automaton || text === '') return [];
    const skeleton = skeletonOf(text);
    const folded = skeleton.text;
    const candidates: { start: number; end: number }[] = [];
    for (const hit of this.automaton.iterate(folded)) {
      if (isWordChar(folded, before(folded, hit.start)) || isWordChar(folded, hit.end)) continue;
      candidates.push({ start: hit.start, end: hit.end });
    }
    candidates.sort((a, b) => a.start - b.start || b.end - a.end);
    const hits: WordHit[] = [];
    let reached = -1;
    for (const c of candidates) {
      if (c.start < reached) continue;
      reached = c.end;
      hits.push({ start: skeleton.starts[c.start]!, end: skeleton.ends[c.end - 1]! });
    }
    return hits;
  }
}
