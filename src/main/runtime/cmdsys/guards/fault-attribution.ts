import type { ChunkPositions } from '../loader/evaluate';

/** A loaded command file as attribution needs it. */
export interface AttributableFile {
  /** Relative to the commands dir. */
  file: string;
  /** The path its compiled code runs under (stack frames name it). */
  absFile: string;
  positions: ChunkPositions;
}

export interface Attribution {
  file: string;
  /** `source:line:column` in the original TypeScript (a helper the file imports, possibly). */
  location: string | null;
}

const FRAME_POSITION = /([^\s()]+):(\d+):(\d+)/g;

/** The stack of a thrown value, when it has one. */
export function stackOf(err: unknown): string | null {
  if (err !== null && typeof err === 'object') {
    const stack = (err as { stack?: unknown }).stack;
    if (typeof stack === 'string') return stack;
  }
  return null;
}

/** A short description of a thrown value (`TypeError: x is not a function`, `thrown: 42`). */
export function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.split('\n', 1)[0]}`;
  if (err !== null && typeof err === 'object') {
    const { name, message } = err as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return `${typeof name === 'string' ? name : 'Error'}: ${message}`;
  }
  try {
    return `thrown: ${String(err)}`;
  } catch {
    return 'thrown: (a value that cannot be shown)';
  }
}

/**
 * The command file whose code threw: the first stack frame (innermost first) that lies in a
 * loaded command file's compiled code, with its position mapped back to the original source.
 * Null when no frame belongs to a command file.
 */
export function attributeFault(err: unknown, files: Iterable<AttributableFile>): Attribution | null {
  const stack = stackOf(err);
  if (!stack) return null;
  const byPath = new Map<string, AttributableFile>();
  for (const f of files) if (!byPath.has(f.absFile)) byPath.set(f.absFile, f); // the first listed wins
  if (byPath.size === 0) return null;
  for (const match of stack.matchAll(FRAME_POSITION)) {
    const owner = byPath.get(match[1]!);
    if (!owner) continue;
    const original = owner.positions.original(Number(match[2]), Number(match[3]));
    return {
      file: owner.file,
      location: original ? `${original.source}:${original.line}:${original.column}` : null,
    };
  }
  return null;
}
