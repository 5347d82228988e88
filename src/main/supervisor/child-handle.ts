import type { ToRuntime } from '../../shared/process/runtime-messages';

/**
 * The supervisor's grip on one runtime process, whatever started it: `child_process.fork`
 * headless, Electron's `utilityProcess.fork` in the desktop app, a fake in unit tests.
 */
export interface ChildProcessHandle {
  readonly pid: number | null;
  send(message: ToRuntime): void;
  /** Raw messages from the runtime (the supervisor validates them). */
  onMessage(listener: (raw: unknown) => void): void;
  /** Once, when the process has ended. `signal` is null where the platform does not tell. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the process now (SIGKILL: a blocked event loop handles nothing else). */
  kill(): void;
}

/** Starts one runtime process with these extra environment variables. */
export type ChildLauncher = (env: Record<string, string>) => ChildProcessHandle;
