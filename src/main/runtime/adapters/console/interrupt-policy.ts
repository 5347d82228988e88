/**
 * What Ctrl-C (SIGINT) does on the console, as a pure decision (the CLI and the supervisor
 * share it):
 *
 * - a second press within `windowMs` (default 2 s) of the previous one quits, whatever runs;
 * - otherwise, with commands running, it cancels the newest one;
 * - otherwise it quits nothing yet and tells the user to press again.
 */
export type InterruptAction = 'cancel-newest' | 'confirm-quit' | 'quit';

export const INTERRUPT_WINDOW_MS = 2_000;

/** The words the console prints for each action (on stderr: stdout carries only responses). */
export const INTERRUPT_NOTES: Readonly<Record<InterruptAction, string>> = Object.freeze({
  'cancel-newest': '(cancelling the newest command; press Ctrl-C again within 2 s to quit)',
  'confirm-quit': '(nothing is running: press Ctrl-C again within 2 s to quit)',
  quit: '(quitting)',
});

export function decideInterrupt(input: {
  /** Invocations running now. */
  running: number;
  /** When Ctrl-C was pressed before (ms), or null. */
  lastPressAt: number | null;
  now: number;
  windowMs?: number;
}): InterruptAction {
  const windowMs = input.windowMs ?? INTERRUPT_WINDOW_MS;
  const last = input.lastPressAt;
  if (last !== null && input.now - last >= 0 && input.now - last <= windowMs) return 'quit';
  return input.running > 0 ? 'cancel-newest' : 'confirm-quit';
}

/** Remembers the previous press: `press(running)` gives the action for a Ctrl-C now. */
export class InterruptPolicy {
  private lastPressAt: number | null = null;

  constructor(
    private readonly windowMs = INTERRUPT_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  press(running: number): InterruptAction {
    const now = this.now();
    const action = decideInterrupt({ running, lastPressAt: this.lastPressAt, now, windowMs: this.windowMs });
    this.lastPressAt = now;
    return action;
  }
}
