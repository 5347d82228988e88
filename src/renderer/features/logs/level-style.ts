import type { LogLevel } from '../../../shared/dto/log';

export const LEVEL_LABEL: Record<LogLevel, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'FATAL',
};

const NAME_COLOURS = 6;
const nameClasses = new Map<string, string>();

/** A stable colour class per logger name, so lines of one logger are easy to follow by eye. */
export function loggerColourClass(name: string): string {
  let cls = nameClasses.get(name);
  if (cls === undefined) {
    const base = name.split(':')[0] ?? name;
    let hash = 0;
    for (let i = 0; i < base.length; i++) hash = (hash * 31 + base.charCodeAt(i)) | 0;
    cls = `name-c${Math.abs(hash) % NAME_COLOURS}`;
    nameClasses.set(name, cls);
  }
  return cls;
}
