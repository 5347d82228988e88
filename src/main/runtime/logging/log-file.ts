import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pinoRoll from 'pino-roll';

export interface LogFileOptions {
  dataDir: string;
  /** Files kept besides the current one; a new file starts each day and past `maxMb`. */
  filesKept: number;
  maxMb: number;
}

/** Where the log files are: `<dataDir>/logs/bot.<date>.<n>.log`, `current.log` links the newest. */
export const logDirOf = (dataDir: string): string => path.join(dataDir, 'logs');

export interface LogFile {
  stream: NodeJS.WritableStream;
  /** Writes out what is buffered (at stop: nothing logged before it is lost when the process ends). */
  flush(): Promise<void>;
  /** Flushes and closes the file; nothing may be logged to it afterwards. */
  close(): Promise<void>;
}

/**
 * The rolling JSON-lines log file (pino-roll): yesterday's errors stay searchable after a
 * restart. Written asynchronously (never blocks the event loop on disk) and flushed at stop.
 */
export async function openLogFile(options: LogFileOptions): Promise<LogFile> {
  await mkdir(logDirOf(options.dataDir), { recursive: true });
  const stream = await pinoRoll({
    file: path.join(logDirOf(options.dataDir), 'bot'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: `${options.maxMb}m`,
    limit: { count: options.filesKept },
    mkdir: true,
    symlink: true,
  });
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', reject);
  });
  let closed = false;
  return {
    stream: stream as unknown as NodeJS.WritableStream,
    flush: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        stream.flush(() => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}
