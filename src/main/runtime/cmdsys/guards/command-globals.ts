import { promisify } from 'node:util';
import type { GenerationScope } from '../loader/generation-scope';
import { guardedProcess } from './guarded-process';

/**
 * Names a command file's code sees as parameters of its compiled function, shadowing the
 * globals of the same name (documented in the README under "What a command file sees").
 */
export const COMMAND_GLOBAL_NAMES = [
  'process',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
] as const;

export type CommandGlobals = Record<(typeof COMMAND_GLOBAL_NAMES)[number], unknown>;

type AnyFn = (...args: never[]) => unknown;

/**
 * A command file's own `process` and timer functions. The timers behave like Node's, but are
 * tracked to the file's generation (cleared on reload) and a throwing callback is reported as
 * that file's fault instead of reaching the process.
 */
export function commandGlobals(file: string, scope: GenerationScope): CommandGlobals {
  const withPromisified = <F extends object>(fn: F, original: object): F => {
    const custom = (original as Record<symbol, unknown>)[promisify.custom];
    if (custom) Object.defineProperty(fn, promisify.custom, { value: custom });
    return fn;
  };
  // not a function: Node's own timer throws its usual TypeError
  const fnOrThrow = <T>(fn: unknown, native: (fn: never) => T): fn is AnyFn => {
    if (typeof fn !== 'function') native(fn as never);
    return true;
  };
  return {
    process: guardedProcess(file, scope),
    setTimeout: withPromisified(
      (fn: unknown, ms?: number, ...args: unknown[]) =>
        fnOrThrow(fn, setTimeout) && scope.setTimeout(fn, ms, ...args),
      setTimeout,
    ),
    setInterval: (fn: unknown, ms?: number, ...args: unknown[]) =>
      fnOrThrow(fn, setInterval) && scope.setInterval(fn, ms, ...args),
    setImmediate: withPromisified(
      (fn: unknown, ...args: unknown[]) => fnOrThrow(fn, setImmediate) && scope.setImmediate(fn, ...args),
      setImmediate,
    ),
    clearTimeout: (timer?: NodeJS.Timeout | string | number | null) => scope.clearTimer(timer),
    clearInterval: (timer?: NodeJS.Timeout | string | number | null) => scope.clearTimer(timer),
    clearImmediate: (immediate?: NodeJS.Immediate | null) => scope.clearImmediate(immediate),
  };
}
