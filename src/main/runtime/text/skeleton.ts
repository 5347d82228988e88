import { confusablesMap } from 'confusables';

/**
 * A matching form of text that sees through the usual evasions of a word filter: invisible
 * characters (zero-width joiners, soft hyphens and every other default-ignorable or format
 * character) are dropped, compatibility forms are unfolded (NFKD: fullwidth and mathematical
 * letters become plain ones), combining marks are dropped (`fück` → `fuck`), letters that look
 * like Latin ones are mapped to them (the `confusables` package's table, in the spirit of
 * Unicode TR39's skeletons: Cyrillic `а` → `a`), and everything is lower-cased.
 *
 * The fold is done one code point at a time and memoised, so it is linear in the text, and
 * each folded character remembers the range of the original text it came from: matches found
 * in the skeleton map back to the exact original characters to mask or remove.
 */
export interface Skeleton {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the original offset where its code point starts. */
  starts: Uint32Array;
  /** For each UTF-16 unit of `text`, the original offset just past its code point. */
  ends: Uint32Array;
}

const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const MARK = /^\p{M}$/u;
/** Where the confusables table's choice would hurt real words. */
const OVERRIDES: Record<string, string> = { ß: 'ss', ẞ: 'ss' };

const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/** The folded form of one code point ('' for an invisible one). */
export function foldCodePoint(cp: string): string {
  const known = memo.get(cp);
  if (known !== undefined) return known;
  let out = '';
  if (!IGNORABLE.test(cp)) {
    for (const c of cp.normalize('NFKD')) {
      if (MARK.test(c)) continue;
      const code = c.charCodeAt(0);
      // ASCII stays itself: the table would map some plain letters onto others
      const mapped = code < 0x80 ? c : (OVERRIDES[c] ?? confusablesMap.get(c) ?? c);
      for (const m of mapped.toLowerCase().normalize('NFKD')) if (!MARK.test(m)) out += m;
    }
  }
  if (memo.size < MEMO_LIMIT) memo.set(cp, out);
  return out;
}

/** Folds a whole string (used for the word list). */
export function foldText(text: string): string {
  let out = '';
  for (const cp of text) out += foldCodePoint(cp);
  return out;
}

/** Folds `text`, keeping for every folded unit the original range it came from. */
export function skeletonOf(text: string): Skeleton {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const cp of text) {
    const end = i + cp.length;
    const f = foldCodePoint(cp);
    folded += f;
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(end);
    }
    i = end;
  }
  return { text: folded, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}
