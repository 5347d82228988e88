import { compileLogMatch, type LogMatch } from '../../../shared/logs/log-match';
import type { LogEntry } from '../../../shared/dto/log';

export { searchTextOf } from '../../../shared/logs/log-match';

/** The Logs view's filter: level, words and an optional time range (the runtime matches the same way). */
export type LogFilter = LogMatch;

export const NO_FILTER: LogFilter = { minLevel: 'trace', text: '', from: null, to: null };

export function isFilterActive(filter: LogFilter): boolean {
  return filter.minLevel !== 'trace' || filter.text.trim() !== '' || filter.from != null || filter.to != null;
}

/** Compiles a filter into a predicate (words split and lower-cased once, not per entry). */
export function compileFilter(filter: LogFilter): (entry: LogEntry) => boolean {
  return compileLogMatch(filter);
}
