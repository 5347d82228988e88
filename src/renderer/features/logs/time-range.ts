/** `datetime-local` value (local time, to the second) for a time in ms; '' for none. */
export function toLocalInput(time: number | null | undefined): string {
  if (time == null || !Number.isFinite(time)) return '';
  const d = new Date(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A `datetime-local` value as ms (local time); null for an empty field. `end` makes a value
 * without seconds cover its whole minute (a "to" of 10:15 includes 10:15:59.999).
 */
export function fromLocalInput(value: string, end = false): number | null {
  if (value.trim() === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const seconds = match[6] === undefined ? null : s!;
  const time = new Date(y!, mo! - 1, d!, h!, mi!, seconds ?? 0).getTime();
  if (!Number.isFinite(time)) return null;
  if (!end) return time;
  return time + (seconds === null ? 59_999 : 999);
}
