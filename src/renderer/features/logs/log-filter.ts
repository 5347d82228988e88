import { LOG_LEVEL_VALUES, type LogEntry, type LogLevel } from '../../../shared/dto/log';

export interface LogFilter {
  /** Entries below this level are hidden. */
  minLevel: LogLevel;
  /** Whitespace-separated words; every word must appear (case-insensitive). */
  text: string;
}

export const NO_FILTER: LogFilter = { minLevel: 'trace', text: '' };

const haystacks = new WeakMap<LogEntry, string>();

/** What the text filter searches: message, logger name, fields and error, lower-cased once. */
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

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

export function isFilterActive(filter: LogFilter): boolean {
  return filter.minLevel !== 'trace' || filter.text.trim() !== '';
}

/** Compiles a filter into a predicate (words split and lower-cased once, not per entry). */
export function compileFilter(filter: LogFilter): (entry: LogEntry) => boolean {
  const min = LOG_LEVEL_VALUES[filter.minLevel];
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return (entry) => LOG_LEVEL_VALUES[entry.level] >= min;
  return (entry) => {
    if (LOG_LEVEL_VALUES[entry.level] < min) return false;
    const text = searchTextOf(entry);
    return words.every((word) => text.includes(word));
  };
}
