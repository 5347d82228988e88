import type { MiddlewareResult } from './types';

export type BadWordMode = 'mask' | 'remove' | 'abort';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex for the whole list: whole words, case-insensitive, Unicode-aware. */
export function compileBadWords(words: readonly string[]): RegExp | null {
  const list = words.map((w) => w.trim()).filter(Boolean);
  if (list.length === 0) return null;
  const alternatives = [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
}

/** Bad-word filter: mask (asterisks), remove (drop the word) or abort (drop the message). */
export function filterBadWords(
  text: string,
  regex: RegExp | null,
  mode: BadWordMode,
): MiddlewareResult<string> {
  if (!regex) return { value: text };
  regex.lastIndex = 0;
  if (!regex.test(text)) return { value: text };
  regex.lastIndex = 0;
  if (mode === 'abort') return { abort: 'contains a blocked word' };
  if (mode === 'mask') return { value: text.replace(regex, (w) => '*'.repeat([...w].length)) };
  const removed = text.replace(regex, '').replace(/ {2,}/g, ' ').trim();
  return removed === '' ? { abort: 'nothing left after removing blocked words' } : { value: removed };
}
