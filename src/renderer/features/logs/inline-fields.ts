import type { LogEntry } from '../../../shared/dto/log';
import { formatInlineValue } from '../../lib/format';

const MAX_INLINE = 240;

/** `key=value key2=value2`, cut to a line's worth, shown dimmed after the message. */
export function inlineFields(entry: LogEntry): string {
  if (!entry.fields) return '';
  let out = '';
  for (const [key, value] of Object.entries(entry.fields)) {
    const part = `${key}=${formatInlineValue(value)}`;
    out = out ? `${out}  ${part}` : part;
    if (out.length > MAX_INLINE) return `${out.slice(0, MAX_INLINE)}…`;
  }
  return out;
}
