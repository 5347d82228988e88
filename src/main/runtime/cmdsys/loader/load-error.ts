/** Where and why a command file failed to load. */
export interface LoadFailure {
  /** File relative to the commands dir. */
  file: string;
  /** 1-based line and column in that file, when known. */
  line: number | null;
  column: number | null;
  message: string;
}

export class CommandLoadError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = 'CommandLoadError';
  }
}

/**
 * Finds the first stack frame in `absFile` (source-mapped, so these are positions in the
 * original TypeScript) and returns its line and column.
 */
export function locateInStack(err: unknown, absFile: string): { line: number; column: number } | null {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(absFile);
    if (at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(frame.slice(at + absFile.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return null;
}

/** Maps a position in the evaluated bundle to its original source (see `originalPosition`). */
export type PositionMapper = (
  line: number,
  column: number,
) => { source: string; line: number; column: number } | null;

export function failureFrom(
  file: string,
  absFile: string,
  err: unknown,
  mapPosition?: PositionMapper,
): LoadFailure {
  if (err instanceof CommandLoadError)
    return { file, line: err.line, column: err.column, message: err.message };
  let where = locateInStack(err, absFile);
  let elsewhere = '';
  if (where && mapPosition) {
    const original = mapPosition(where.line, where.column);
    if (original && original.source !== file) {
      // thrown in a helper the file imports: name the helper, not a line of the command file
      elsewhere = ` (in ${original.source}:${original.line}:${original.column})`;
      where = null;
    } else {
      where = original;
    }
  }
  const text = err instanceof Error ? `${err.name}: ${firstLine(err.message)}` : `thrown: ${String(err)}`;
  return { file, line: where?.line ?? null, column: where?.column ?? null, message: `${text}${elsewhere}` };
}

/** Node's "Cannot find module" carries a multi-line require stack; the first line says it all. */
const firstLine = (message: string): string => message.split('\n', 1)[0]!;
