import { BadWordMatcher, type WordHit } from './bad-word-matcher';
import type { MiddlewareResult } from './types';

export type BadWordMode = 'mask' | 'remove' | 'abort';

/** Compiles a word list (null when it is empty). Cost grows with the list: call it off the message path. */
export function compileBadWords(words: readonly string[]): BadWordMatcher | null {
  const matcher = new BadWordMatcher(words);
  return matcher.size > 0 ? matcher : null;
}

function rebuild(text: string, hits: WordHit[], piece: (word: string) => string): string {
  let out = '';
  let at = 0;
  for (const { start, end } of hits) {
    out += text.slice(at, start) + piece(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

/** Bad-word filter: mask (asterisks), remove (drop the word) or abort (drop the message). */
export function filterBadWords(
  text: string,
  matcher: BadWordMatcher | null,
  mode: BadWordMode,
): MiddlewareResult<string> {
  if (!matcher) return { value: text };
  const hits = matcher.find(text);
  if (hits.length === 0) return { value: text };
  if (mode === 'abort') return { abort: 'contains a blocked word' };
  if (mode === 'mask') return { value: rebuild(text, hits, (w) => '*'.repeat([...w].length)) };
  const removed = rebuild(text, hits, () => '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return removed === '' ? { abort: 'nothing left after removing blocked words' } : { value: removed };
}

/** Lists up to this many words are compiled at once; longer ones on the next turn of the event loop. */
export const SYNC_COMPILE_LIMIT = 5_000;

/**
 * The live word list of the pipeline. `update` is called with the config's list on every
 * message but compiles only when the list changed. A long list is compiled on a later turn of
 * the event loop, outside any message; until then messages use the previous list.
 */
export class BadWordList {
  private words: readonly string[] | null = null;
  private key = '';
  private current: BadWordMatcher | null = null;
  private pending: NodeJS.Immediate | null = null;
  private building: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  get matcher(): BadWordMatcher | null {
    return this.current;
  }

  /** Resolves once the most recent list is compiled (tests, benches). */
  ready(): Promise<void> {
    return this.building;
  }

  /** Takes the config's list; `now` compiles even a long list right away (at start-up). */
  update(words: readonly string[], options: { now?: boolean } = {}): void {
    if (words === this.words) return;
    this.words = words;
    const key = words.join('\u0000');
    if (key === this.key) return;
    this.key = key;
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    if (options.now || words.length <= SYNC_COMPILE_LIMIT) {
      this.current = this.compile(words);
      this.building = Promise.resolve();
      return;
    }
    this.building = new Promise((resolve) => {
      this.pending = setImmediate(() => {
        this.pending = null;
        if (this.words === words) this.current = this.compile(words);
        resolve();
      });
      this.pending.unref();
    });
  }

  dispose(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
  }

  private compile(words: readonly string[]): BadWordMatcher | null {
    try {
      return compileBadWords(words);
    } catch (err) {
      this.onError(err);
      return this.current;
    }
  }
}
