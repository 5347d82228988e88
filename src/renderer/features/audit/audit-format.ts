import type { AuditEntry } from '../../../shared/dto/audit';

/** What the operator typed into the filter bar (empty strings: no filter). */
export interface AuditFilters {
  actor: string;
  command: string;
  text: string;
  /** `datetime-local` values (local time), or ''. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', command: '', text: '', from: '', to: '' };

/** A `datetime-local` value as epoch ms, or undefined when empty or invalid. */
export function parseLocalDateTime(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** The filters as `audit.search` input fields (only the ones set). */
export function searchFields(filters: AuditFilters): {
  actor?: string;
  command?: string;
  text?: string;
  from?: number;
  to?: number;
} {
  const out: ReturnType<typeof searchFields> = {};
  if (filters.actor.trim()) out.actor = filters.actor.trim();
  if (filters.command.trim()) out.command = filters.command.trim();
  if (filters.text.trim()) out.text = filters.text.trim();
  const from = parseLocalDateTime(filters.from);
  const to = parseLocalDateTime(filters.to);
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  return out;
}

const has = (value: string, needle: string): boolean => value.toLowerCase().includes(needle.toLowerCase());

/** Whether a live entry belongs in the table under the current filters (same rules as the search). */
export function matchesFilters(entry: AuditEntry, filters: AuditFilters): boolean {
  const f = searchFields(filters);
  if (f.actor && !has(entry.actorName, f.actor) && !has(entry.actorId, f.actor)) return false;
  if (f.command && !has(entry.command, f.command)) return false;
  if (f.text && !has(entry.message, f.text)) return false;
  if (f.from !== undefined && entry.time < f.from) return false;
  if (f.to !== undefined && entry.time >= f.to) return false;
  return true;
}

const CSV_COLUMNS = [
  'id',
  'time',
  'guild',
  'guildName',
  'channel',
  'actorId',
  'actorName',
  'command',
  'message',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading `= + - @` (or tab/CR) neutralised with an
 * apostrophe so a spreadsheet never runs an entry's text as a formula.
 */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Entries as CSV (RFC 4180, CRLF line ends, ISO-8601 UTC times). */
export function toCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((e) =>
    CSV_COLUMNS.map((c) => csvCell(c === 'time' ? new Date(e.time).toISOString() : e[c])).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Entries as pretty JSON with ISO times next to the epoch ms. */
export function toJson(entries: readonly AuditEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({ ...e, isoTime: new Date(e.time).toISOString() })),
    null,
    2,
  );
}
