import { SourceMap } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export type RequireFn = (id: string) => unknown;

const PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * Evaluates a CommonJS chunk and returns its exports, without touching require.cache or the ESM
 * loader: nothing keeps the code alive but what the caller holds, so a dropped generation can be
 * garbage-collected (unlike `import(file?v=N)`, which leaks every version: nodejs/node#49442).
 * `vm.compileFunction`, as Node's own CommonJS loader uses, rather than `vm.Script`: on Node 20
 * every vm.Script stays in memory for good (about 3 KB per reload of a small file), a compiled
 * function is collected with its generation. The function gets the file's real path, so stack
 * frames name the command file; Node does not apply source maps to vm code, so positions in it
 * are the bundle's: see `originalPosition`.
 *
 * `globals` become further parameters of the function, shadowing the globals of those names for
 * the chunk's code (the command file's own `process` and tracked timers).
 */
export function evaluateCommonJs(
  code: string,
  absFile: string,
  requireFn: RequireFn,
  globals: Record<string, unknown> = {},
): unknown {
  return compileCommonJs(code, absFile, requireFn, globals)();
}

/**
 * The compiling half of `evaluateCommonJs`: returns a function that runs the chunk and returns
 * its exports, so a caller can time-limit running the code without counting its compilation.
 */
export function compileCommonJs(
  code: string,
  absFile: string,
  requireFn: RequireFn,
  globals: Record<string, unknown> = {},
): () => unknown {
  const names = Object.keys(globals);
  const fn = vm.compileFunction(code, [...PARAMS, ...names], { filename: absFile }) as (
    this: unknown,
    ...args: unknown[]
  ) => void;
  return () => {
    const module = { exports: {} as unknown };
    const args = [
      module.exports,
      requireFn,
      module,
      absFile,
      path.dirname(absFile),
      ...Object.values(globals),
    ];
    fn.apply(module.exports, args);
    return module.exports;
  };
}

export interface SourcePosition {
  /** Source file as the bundle's source map names it (relative to the commands dir). */
  source: string;
  /** 1-based. */
  line: number;
  column: number;
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Source positions of one evaluated chunk, through its inline source map (parsed on first use).
 * Node applies no source maps to vm code, so stack frames of command code point into the
 * bundle; this maps them back to the TypeScript the author wrote.
 */
export class ChunkPositions {
  private map: SourceMap | null | undefined;

  constructor(private readonly code: string) {}

  /** The original position of a 1-based position in the chunk, or null when unmapped. */
  original(line: number, column: number): SourcePosition | null {
    const map = this.sourceMap();
    if (!map) return null;
    const entry = map.findEntry(line - 1, Math.max(0, column - 1)) as Partial<{
      originalSource: string;
      originalLine: number;
      originalColumn: number;
    }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined) return null;
    return {
      source: entry.originalSource,
      line: entry.originalLine + 1,
      column: (entry.originalColumn ?? 0) + 1,
    };
  }

  private sourceMap(): SourceMap | null {
    if (this.map !== undefined) return this.map;
    const inline = INLINE_MAP.exec(this.code);
    try {
      this.map = inline
        ? new SourceMap(JSON.parse(Buffer.from(inline[1]!, 'base64').toString('utf8')) as never)
        : null;
    } catch {
      this.map = null;
    }
    return this.map;
  }
}

/** `new ChunkPositions(code).original(line, column)`, for a one-off lookup. */
export function originalPosition(code: string, line: number, column: number): SourcePosition | null {
  return new ChunkPositions(code).original(line, column);
}

const FRAME_POSITION = /([^\s()]+):(\d+):(\d+)/g;

/**
 * Rewrites the `file:line:column` positions of a stack trace that fall in evaluated chunks
 * (`chunks`: absolute file → its positions) to the original sources, resolved in `baseDir`.
 */
export function mapStackPositions(
  stack: string,
  chunks: ReadonlyMap<string, ChunkPositions>,
  baseDir: string,
): string {
  return stack.replace(FRAME_POSITION, (whole, file: string, line: string, column: string) => {
    const original = chunks.get(file)?.original(Number(line), Number(column));
    if (!original) return whole;
    return `${path.resolve(baseDir, original.source)}:${original.line}:${original.column}`;
  });
}
