/**
 * Which command-file code is running on the main thread right now. The runtime host reports
 * every change to the supervisor before the user code runs, so a file whose code never returns
 * (`while (true) {}`) or kills the process is known and can be quarantined.
 *
 * Process-wide on purpose: there is one main thread, and "what is it running" is a property of
 * the process, not of any one object. Without a sink (tests, tools) tracking costs a null check.
 */
export interface UserCodeEntry {
  /** Command file relative to the commands dir. */
  file: string;
  command: string | null;
  invocationId: number | null;
  phase: 'load' | 'setup' | 'call';
  /**
   * True when the code is running synchronously right now; false when it is the only command
   * file invocation in flight (an async continuation of it is the likely culprit).
   */
  certain: boolean;
}

export type UserCodeSink = (entry: UserCodeEntry | null) => void;

let sink: UserCodeSink | null = null;
let current: UserCodeEntry | null = null;
const running = new Map<number, UserCodeEntry>();
let reported: UserCodeEntry | null = null;

function report(): void {
  let next = current;
  if (!next && running.size === 1) next = { ...running.values().next().value!, certain: false };
  if (next === reported) return;
  reported = next;
  sink?.(next);
}

/** Installs the reporter (the runtime host); null removes it. */
export function setUserCodeSink(next: UserCodeSink | null): void {
  sink = next;
  reported = null;
  if (sink) report();
}

/**
 * Marks synchronous user code as running until the returned function is called (call it in a
 * `finally`). Calls nest: leaving restores the outer entry.
 */
export function enterUserCode(
  file: string | null,
  phase: UserCodeEntry['phase'],
  command: string | null = null,
  invocationId: number | null = null,
): () => void {
  if (!sink || file === null) return noop;
  const outer = current;
  const entry: UserCodeEntry = { file, command, invocationId, phase, certain: true };
  current = entry;
  if (invocationId !== null && phase === 'call') running.set(invocationId, entry);
  report();
  return () => {
    if (current === entry) current = outer;
    report();
  };
}

/** An invocation ended: it is no longer a candidate culprit. */
export function endUserInvocation(invocationId: number): void {
  if (!sink || !running.delete(invocationId)) return;
  report();
}

function noop(): void {}

/** Runs `work` inside an entry made by `enterUserCode`, leaving it however `work` ends. */
export function withUserCode<T>(leave: () => void, work: () => T): T {
  try {
    return work();
  } finally {
    leave();
  }
}
