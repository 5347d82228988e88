import type { LogEntry, LogLevel } from '../../../shared/dto/log';

const LEVEL_BY_NUMBER: Record<number, LogLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

const RESERVED = new Set(['level', 'time', 'msg', 'name', 'err', 'pid', 'hostname', 'v']);

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

/** Turns one serialized pino line into a ring entry (without seq). Never throws. */
export function entryFromPinoLine(line: string): Omit<LogEntry, 'seq'> {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { time: Date.now(), level: 'info', name: 'runtime', msg: line.trimEnd() };
  }
  const entry: Omit<LogEntry, 'seq'> = {
    time: typeof obj.time === 'number' ? obj.time : Date.now(),
    level: levelOf(obj.level),
    name: typeof obj.name === 'string' ? obj.name : 'runtime',
    msg: typeof obj.msg === 'string' ? obj.msg : '',
  };
  const err = obj.err;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    entry.err = {
      type: typeof e.type === 'string' ? e.type : 'Error',
      message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
      ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    };
    if (!entry.msg) entry.msg = entry.err.message;
  }
  let fields: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    if (RESERVED.has(key)) continue;
    (fields ??= {})[key] = obj[key];
  }
  if (fields) entry.fields = fields;
  return entry;
}
