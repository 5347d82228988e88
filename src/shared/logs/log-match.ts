import { LOG_LEVEL_VALUES, type LogEntry, type LogLevel } from '../dto/log';

/**
 * What an operator filters log lines by. The same predicate runs in the panel (live lines) and in
 * the runtime (older history, export), so a line matches the same way wherever it is read.
 */
export interface LogMatch {
  /** Entries below this level are left out. */
  minLevel: LogLevel;
  /** Whitespace-separated words; every word must appear (case-insensitive). */
  text: string;
  /** Only entries at or after this time (ms since the epoch). */
  from?: number | null;
  /** Only entries at or before this time (ms since the epoch). */
  to?: number | null;
}

const haystacks = new WeakMap<LogEntry, string>();

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** What the text filter searches: message, logger name, fields and error, lower-cased once per entry. */
export function searchTextOf(entry: LogEntry): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    const parts = [entry.msg, entry.name];
    if (entry.fields) {
      for (const [key, value] of Object.entries(entry.fields)) {
        parts.push(`${key}=${typeof value === 'string' ? value : safeJson(value)}`);
      }
    }
    if (entry.err) parts.push(entry.err.type, entry.err.message);
    text = parts.join('\n').toLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

/** Compiles a match into a predicate (words split and lower-cased once, not per entry). */
export function compileLogMatch(match: LogMatch): (entry: LogEntry) => boolean {
  const min = LOG_LEVEL_VALUES[match.minLevel];
  const from = match.from ?? Number.NEGATIVE_INFINITY;
  const to = match.to ?? Number.POSITIVE_INFINITY;
  const words = match.text.toLowerCase().split(/\s+/).filter(Boolean);
  return (entry) => {
    if (LOG_LEVEL_VALUES[entry.level] < min || entry.time < from || entry.time > to) return false;
    if (words.length === 0) return true;
    const text = searchTextOf(entry);
    return words.every((word) => text.includes(word));
  };
}
