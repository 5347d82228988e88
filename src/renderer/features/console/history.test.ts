import { describe, expect, it } from 'vitest';
import {
  CURSOR_START,
  HISTORY_KEY,
  HISTORY_MAX,
  loadHistory,
  pushHistory,
  saveHistory,
  stepHistory,
  type HistoryCursor,
} from './history';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('console history', () => {
  it('keeps the last 100 lines, skips blanks and an immediate repeat', () => {
    let h: string[] = [];
    for (const line of ['a', 'a', '  ', 'b', 'a']) h = pushHistory(h, line);
    expect(h).toEqual(['a', 'b', 'a']);
    for (let i = 0; i < 150; i++) h = pushHistory(h, `cmd ${i}`);
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h[0]).toBe('cmd 50');
    expect(h.at(-1)).toBe('cmd 149');
  });

  it('persists to and loads from storage, ignoring junk', () => {
    const storage = memoryStorage();
    saveHistory(storage, ['echo 1', 'help']);
    expect(JSON.parse(storage.data.get(HISTORY_KEY)!)).toEqual(['echo 1', 'help']);
    expect(loadHistory(storage)).toEqual(['echo 1', 'help']);
    expect(loadHistory(memoryStorage({ [HISTORY_KEY]: '{oops' }))).toEqual([]);
    expect(loadHistory(memoryStorage({ [HISTORY_KEY]: '[1,"ok",null]' }))).toEqual(['ok']);
    expect(loadHistory(null)).toEqual([]);
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(() => saveHistory(full, ['x'])).not.toThrow();
  });

  it('walks up and down like a shell, bringing the draft back below the newest entry', () => {
    const h = ['one', 'two', 'three'];
    const steps: string[] = [];
    let cursor: HistoryCursor = CURSOR_START;
    let text = 'draft';
    const go = (dir: -1 | 1) => {
      const r = stepHistory(h, cursor, dir, text);
      if (r) {
        cursor = r.cursor;
        text = r.text;
      }
      steps.push(r ? text : '(stay)');
    };
    go(-1);
    go(-1);
    go(-1);
    go(-1);
    go(1);
    go(1);
    go(1);
    go(1);
    expect(steps).toEqual(['three', 'two', 'one', '(stay)', 'two', 'three', 'draft', '(stay)']);
    expect(stepHistory([], CURSOR_START, -1, 'x')).toBeNull();
  });
});
