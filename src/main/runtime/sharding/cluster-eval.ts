import type { ClusterEvalResult } from '../../../shared/process/sharding-messages';
import type { ClusterScope } from '../cmdsys/api/shards';

type Compiled = (scope: ClusterScope, context: unknown) => unknown;

/**
 * Compiles a function's source text (an arrow function or a `function` expression). Throws a
 * TypeError saying why when it is not one, so the caller hears of it before anything is sent.
 */
export function compileEvalSource(source: string): Compiled {
  let fn: unknown;
  try {
    fn = new Function(`"use strict"; return (${source});`)();
  } catch (err) {
    throw new TypeError(
      `broadcastEval needs a self-contained arrow or function expression (${(err as Error).message})`,
    );
  }
  if (typeof fn !== 'function') throw new TypeError('broadcastEval needs a function');
  return fn as Compiled;
}

/** Its JSON copy, or a TypeError saying what is wrong (functions, cycles, bigint…). */
export function jsonCopy(value: unknown, what: string): unknown {
  if (value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`${what} must be JSON (${(err as Error).message})`);
  }
  if (text === undefined) throw new TypeError(`${what} must be JSON (got a ${typeof value})`);
  return JSON.parse(text) as unknown;
}

/**
 * Runs a broadcastEval function in this cluster; whatever happens comes back as a value:
 * the JSON result, or the error (a throw, a rejection, a non-JSON result, the time limit).
 */
export async function evaluateHere(
  source: string,
  context: unknown,
  scope: ClusterScope,
  timeoutMs: number,
): Promise<ClusterEvalResult> {
  const clusterId = scope.clusterId;
  let timer: NodeJS.Timeout | undefined;
  try {
    const fn = compileEvalSource(source);
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const value = await Promise.race([Promise.resolve().then(() => fn(scope, context)), late]);
    return { clusterId, ok: true, value: jsonCopy(value, 'the result') };
  } catch (err) {
    const e = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { clusterId, ok: false, error: e };
  } finally {
    clearTimeout(timer);
  }
}
