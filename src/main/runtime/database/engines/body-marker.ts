import type { Transaction } from '../engine';

let serial = 0;

/**
 * Recognises code running inside an engine's transaction bodies without tracking async context
 * (which would tax every promise): bodies run through an async function with a name unique to
 * the engine, and V8 keeps that function in the stack trace of everything the body calls or
 * awaits. An engine looks at the stack only when an operation would have to wait for a
 * transaction, to tell its own body (a mistake that would wait for itself) from other commands.
 * Code a body starts without awaiting it (`.then` callbacks, timers) is not recognised: it waits.
 */
export interface BodyMarker {
  run<T>(fn: (t: Transaction) => T | Promise<T>, tx: Transaction): Promise<T>;
  /** True when the current stack (async frames included) passes through a body of this engine. */
  inStack(): boolean;
}

export function bodyMarker(): BodyMarker {
  const name = `protos_transaction_body_${++serial}$`;
  const run = new Function(
    `return async function ${name}(fn, tx) { return await fn(tx); }`,
  )() as BodyMarker['run'];
  return {
    run,
    inStack(): boolean {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 1000;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      return stack.includes(`${name} `) || stack.includes(`${name}(`);
    },
  };
}
