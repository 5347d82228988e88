import type { ForkOptions } from 'electron';
import type { ChildLauncher } from '../supervisor/child-handle';

/** What of Electron's UtilityProcess the adapter uses (type-only: tests pass a fake). */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  kill(): boolean;
}

export type UtilityFork = (modulePath: string, args: string[], options: ForkOptions) => UtilityProcessLike;

export interface UtilityChildOptions {
  /** out/main/runtime-host.js */
  entry: string;
  /** `utilityProcess.fork` (only callable after app 'ready'). */
  fork: UtilityFork;
  /** Where the runtime's stdout/stderr go (its logs). */
  output: NodeJS.WritableStream;
  /** Sends SIGKILL (UtilityProcess.kill() sends SIGTERM, which a blocked loop never handles). */
  killPid?: (pid: number) => void;
}

/**
 * The runtime as an Electron utility process, behind the supervisor's ChildProcessHandle. The
 * Electron main process stays responsive whatever the runtime does; messages use the utility
 * process's own port (`process.parentPort` in the child).
 */
export function utilityChildLauncher(options: UtilityChildOptions): ChildLauncher {
  const killPid = options.killPid ?? ((pid: number) => process.kill(pid, 'SIGKILL'));
  return (env) => {
    const child = options.fork(options.entry, [], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
      serviceName: 'ProtOS runtime',
    });
    child.stdout?.pipe(options.output, { end: false });
    child.stderr?.pipe(options.output, { end: false });
    let exited = false;
    child.on('exit', () => (exited = true));
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', (code) => listener(code, null)),
      kill: () => {
        if (exited) return;
        if (child.pid === undefined) child.kill();
        else {
          try {
            killPid(child.pid);
          } catch {
            child.kill(); // already gone, or not ours to signal: let Electron end it
          }
        }
      },
    };
  };
}
