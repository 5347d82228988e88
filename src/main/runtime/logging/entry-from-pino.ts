import type { LogEntry, LogLevel } from '../../../shared/dto/log';

const LEVEL_BY_NUMBER: Record<number, LogLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** Key of the ring seq written into each log file line (not a field of the entry). */
export const FILE_SEQ_KEY = '_seq';

const RESERVED = new Set(['level', 'time', 'msg', 'name', 'err', 'pid', 'hostname', 'v', FILE_SEQ_KEY]);

function levelOf(value: unknown): LogLevel {
  if (typeof value === 'number') {
    const exact = LEVEL_BY_NUMBER[value];
    if (exact) return exact;
    if (value >= 60) return 'fatal';
    if (value >= 50) return 'error';
    if (value >= 40) return 'warn';
    if (value >= 30) return 'info';
    if (value >= 20) return 'debug';
    return 'trace';
  }
  return 'info';
}

/** Past these sizes (characters) a message, a stack or the fields of one entry are clipped. */
export const ENTRY_LIMITS = { msg: 8_192, stack: 16_384, fields: 8_192 } as const;

/** Cuts `text` to `max` characters with a marker saying how much was dropped. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [clipped ${text.length - max} characters]`;
}

/**
 * Turns one serialized pino line into a ring entry (without seq). Never throws. An oversized
 * message, stack or set of fields is clipped with a marker, so one huge line cannot take the
 * ring's memory (the full line still reaches the console/file log).
 */
export function entryFromPinoLine(line: string): Omit<LogEntry, 'seq'> {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    obj = null;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    return { time: Date.now(), level: 'info', name: 'runtime', msg: clip(line.trimEnd(), ENTRY_LIMITS.msg) };
  return entryFromPinoRecord(obj as Record<string, unknown>);
}

/** Like entryFromPinoLine, for a line already parsed into an object. */
export function entryFromPinoRecord(obj: Record<string, unknown>): Omit<LogEntry, 'seq'> {
  const entry: Omit<LogEntry, 'seq'> = {
    time: typeof obj.time === 'number' ? obj.time : Date.now(),
    level: levelOf(obj.level),
    name: typeof obj.name === 'string' ? obj.name : 'runtime',
    msg: typeof obj.msg === 'string' ? clip(obj.msg, ENTRY_LIMITS.msg) : '',
  };
  const err = obj.err;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    entry.err = {
      type: typeof e.type === 'string' ? e.type : 'Error',
      message: clip(typeof e.message === 'string' ? e.message : String(e.message ?? ''), ENTRY_LIMITS.msg),
      ...(typeof e.stack === 'string' ? { stack: clip(e.stack, ENTRY_LIMITS.stack) } : {}),
    };
    if (!entry.msg) entry.msg = entry.err.message;
  }
  let fields: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    if (RESERVED.has(key)) continue;
    (fields ??= {})[key] = obj[key];
  }
  if (fields) entry.fields = clipFields(fields);
  return entry;
}

/** Fields whose JSON is too long are replaced by a clipped preview of that JSON, marked as such. */
function clipFields(fields: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.stringify(fields);
  if (json.length <= ENTRY_LIMITS.fields) return fields;
  return { clipped: true, preview: clip(json, ENTRY_LIMITS.fields) };
}
