import pino from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../../../shared/dto/log';
import { DEFAULT_RING_BYTES, estimateEntryBytes, LogRing } from './log-ring';
import { entryFromPinoLine, FILE_SEQ_KEY } from './entry-from-pino';

export type Logger = pino.Logger;

export interface LoggingOptions {
  level?: LogLevel;
  /** Ring buffer size in entries (default 50 000). */
  ringCapacity?: number;
  /** Ring buffer size in (estimated) bytes (default 64 MB). */
  ringBytes?: number;
  /** Human-readable output (stderr by default); `false` for none. Never stdout: that carries responses. */
  console?: NodeJS.WritableStream | false;
  /** Pretty (coloured when a TTY) instead of JSON lines on the console stream. */
  pretty?: boolean;
  /** JSON lines for the log files (see `openLogFile`); each line also carries its ring seq. */
  file?: NodeJS.WritableStream;
}

export interface Logging {
  readonly root: Logger;
  readonly ring: LogRing;
  child(name: string, bindings?: Record<string, unknown>): Logger;
  level(): LogLevel;
  setLevel(level: LogLevel): void;
}

/** Field names whose values are never written to any log destination. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
];

/**
 * Structured logging: pino writes every line to the bounded ring (what the panel reads and
 * streams live) and, optionally, to a human console stream.
 */
export function createLogging(options: LoggingOptions = {}): Logging {
  const ring = new LogRing(options.ringCapacity ?? 50_000, options.ringBytes ?? DEFAULT_RING_BYTES);
  const file = options.file;
  const write = (line: string): void => {
    const entry = entryFromPinoLine(line);
    const { seq } = ring.push(entry, estimateEntryBytes(entry));
    // The file line carries the ring's seq, so history read back from the files joins the ring
    // exactly (see log-history.ts). Pino lines always start with `{`.
    if (file) file.write(line.startsWith('{') ? `{"${FILE_SEQ_KEY}":${seq},${line.slice(1)}` : line);
  };
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: { write } }];
  const out = options.console === undefined ? process.stderr : options.console;
  if (out) {
    const isTty = Boolean((out as { isTTY?: boolean }).isTTY);
    const usePretty = options.pretty ?? true;
    streams.push({
      level: 'trace',
      stream: usePretty
        ? pretty({ destination: out, sync: true, colorize: isTty, ignore: 'pid,hostname', messageKey: 'msg' })
        : out,
    });
  }
  // pino children copy the level when created; track them so a live level change reaches all.
  const children = new Set<WeakRef<Logger>>();
  const root = pino(
    {
      level: options.level ?? 'info',
      onChild: (child) => void children.add(new WeakRef(child)),
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[secret]' },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(streams),
  );
  return {
    root,
    ring,
    child: (name, bindings) => root.child({ ...bindings, name }),
    level: () => root.level as LogLevel,
    setLevel: (level) => {
      root.level = level;
      for (const ref of children) {
        const child = ref.deref();
        if (child) child.level = level;
        else children.delete(ref);
      }
    },
  };
}
