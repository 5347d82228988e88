import * as Comlink from 'comlink';
import { createContext, useContext } from 'react';
import type { TypeErrorInfo } from './type-errors';
import type { CommandsWorkerApi } from './ts.worker';

/** The editor's TypeScript service (in a worker), as the editor extensions and the save check use it. */
export type TypeChecker = Comlink.Remote<CommandsWorkerApi>;

/** Resolves with the ready type checker, or null where none can run. */
export type TypeCheckerSource = () => Promise<TypeChecker | null>;

// boxed: awaiting a worker proxy itself would ask the worker for `then`
let shared: Promise<{ checker: TypeChecker } | null> | null = null;

/**
 * The one TypeScript worker of the page, started on first use (opening a command file) and
 * kept: it holds the loaded type pack, which takes a moment to parse. Null where Workers are
 * not available or the worker failed to start (the editor then works without type checking).
 */
export const workerTypeChecker: TypeCheckerSource = () => {
  if (typeof Worker === 'undefined') return Promise.resolve(null);
  shared ??= (async () => {
    const worker = new Worker(new URL('./ts.worker.ts', import.meta.url), {
      type: 'module',
      name: 'commands-typescript',
    });
    // a worker that fails to load or start reports it here (a Comlink call would wait forever)
    const failed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e) => reject(new Error(e.message || 'the worker did not start')), {
        once: true,
      }),
    );
    const remote = Comlink.wrap<CommandsWorkerApi>(worker);
    await Promise.race([remote.initialize(), failed]);
    return { checker: remote };
  })().catch((err: unknown) => {
    console.warn('the commands editor runs without type checking:', err);
    return null;
  });
  return shared.then((box) => box?.checker ?? null);
};

export const TypeCheckerContext = createContext<TypeCheckerSource>(workerTypeChecker);

export const useTypeCheckerSource = (): TypeCheckerSource => useContext(TypeCheckerContext);

/**
 * The type errors of `code` as command file `path`, or null when they cannot be known in time
 * (no checker, or it is still starting after `waitMs`): the save goes ahead then, with the
 * syntax check of the reload as before.
 */
export async function typeErrorsBeforeSave(
  source: TypeCheckerSource,
  path: string,
  code: string,
  waitMs = 5_000,
): Promise<TypeErrorInfo[] | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const checker = await source();
        return checker ? await checker.typeErrors({ path, code }) : null;
      })().catch(() => null),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
