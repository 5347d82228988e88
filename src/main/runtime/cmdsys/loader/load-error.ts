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

export function failureFrom(file: string, absFile: string, err: unknown): LoadFailure {
  if (err instanceof CommandLoadError)
    return { file, line: err.line, column: err.column, message: err.message };
  const where = locateInStack(err, absFile);
  const message = err instanceof Error ? `${err.name}: ${err.message}` : `thrown: ${String(err)}`;
  return { file, line: where?.line ?? null, column: where?.column ?? null, message };
}
