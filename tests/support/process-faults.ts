import { afterEach, beforeEach } from 'vitest';

type Listener = (...args: unknown[]) => void;
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * For tests that make command code throw where nothing catches it: the test runner's own
 * process-level listeners are taken off during each test (they would fail the run for a fault
 * the bot is meant to survive) and put back afterwards. With them off, a fault the bot's guards
 * do NOT take ends the test process: such a test cannot pass by accident.
 */
export function detachRunnerFaultHandlers(): void {
  const saved = new Map<string, Listener[]>();
  beforeEach(() => {
    for (const event of EVENTS) {
      const listeners = process.rawListeners(event as 'uncaughtException') as Listener[];
      saved.set(event, listeners);
      for (const l of listeners) process.off(event, l);
    }
  });
  afterEach(() => {
    for (const event of EVENTS) for (const l of saved.get(event) ?? []) process.on(event, l);
    saved.clear();
  });
}
