import vm from 'node:vm';

export class SyncTimeout extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms (an endless loop?)`);
    this.name = 'SyncTimeout';
  }
}

const SLOT = '__protosGuardedCall__';
let runner: vm.Script | undefined;

/**
 * Runs `fn` synchronously and interrupts it when it has run for `ms` (V8's watchdog, as vm's
 * `timeout`): an endless loop in command code becomes an error instead of a frozen bot. One
 * tiny script is compiled once and reused, so nothing accumulates per call (on Node 20 every
 * vm.Script is kept for good; see evaluate.ts). The function travels through a global slot that
 * exists only while it runs. Calls may nest (the inner limit applies inside).
 */
export function runWithTimeout<T>(fn: () => T, ms: number): T {
  runner ??= new vm.Script(`globalThis.${SLOT}()`, { filename: 'protos:guarded-call' });
  const slot = globalThis as unknown as Record<string, unknown>;
  const previous = Object.getOwnPropertyDescriptor(slot, SLOT);
  Object.defineProperty(slot, SLOT, { value: fn, configurable: true, enumerable: false, writable: false });
  try {
    return runner.runInThisContext({ timeout: ms }) as T;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new SyncTimeout(ms);
    throw err;
  } finally {
    if (previous) Object.defineProperty(slot, SLOT, previous);
    else delete slot[SLOT];
  }
}
