/** Where the console's command history survives reloads. */
export const HISTORY_KEY = 'protos.console.history';
export const HISTORY_MAX = 100;

export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The stored history (oldest first); anything unreadable counts as empty. */
export function loadHistory(storage: HistoryStorage | null): string[] {
  try {
    const raw = storage?.getItem(HISTORY_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((x): x is string => typeof x === 'string').slice(-HISTORY_MAX);
  } catch {
    return [];
  }
}

export function saveHistory(storage: HistoryStorage | null, history: readonly string[]): void {
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(history.slice(-HISTORY_MAX)));
  } catch {
    // storage full or disabled: the history then lives for this page only
  }
}

/** Adds a line as the newest entry: blank lines are skipped, an immediate repeat is kept once. */
export function pushHistory(history: readonly string[], line: string): string[] {
  if (line.trim() === '') return [...history];
  const next = history[history.length - 1] === line ? [...history] : [...history, line];
  return next.length > HISTORY_MAX ? next.slice(next.length - HISTORY_MAX) : next;
}

/** Where ↑/↓ stand: `index` null means the operator's own (unsent) draft is shown. */
export interface HistoryCursor {
  index: number | null;
  /** What was typed before ↑ was first pressed; ↓ past the newest entry brings it back. */
  draft: string;
}

export const CURSOR_START: HistoryCursor = { index: null, draft: '' };

/**
 * One ↑ (`-1`) or ↓ (`+1`) step through the history, shell style. Returns the new cursor and
 * the text the input should show, or null when the step goes nowhere (top of the history, or
 * ↓ while already on the draft).
 */
export function stepHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  direction: -1 | 1,
  current: string,
): { cursor: HistoryCursor; text: string } | null {
  if (history.length === 0) return null;
  if (direction === -1) {
    if (cursor.index === null) {
      const index = history.length - 1;
      return { cursor: { index, draft: current }, text: history[index]! };
    }
    if (cursor.index === 0) return null;
    const index = cursor.index - 1;
    return { cursor: { ...cursor, index }, text: history[index]! };
  }
  if (cursor.index === null) return null;
  if (cursor.index >= history.length - 1) return { cursor: CURSOR_START, text: cursor.draft };
  const index = cursor.index + 1;
  return { cursor: { ...cursor, index }, text: history[index]! };
}
