import { fork } from 'node:child_process';
import type { ChildLauncher } from './child-handle';

export interface NodeChildOptions {
  /** The runtime-host entry: built `runtime-host.js`, or `main.ts` in development (run through tsx). */
  entry: string;
  /** Extra node flags; a `.ts` entry gets tsx's loader added. */
  execArgv?: string[];
  /** Where the child's stdout and stderr go (its logs); the inherited stderr when absent. */
  output?: NodeJS.WritableStream;
}

/** Node flags that load tsx, resolved to absolute URLs so any working directory works. */
export function tsxExecArgv(): string[] {
  return ['--import', import.meta.resolve('tsx')];
}

/**
 * `child_process.fork` behind the supervisor's handle. The child's stdout goes with its stderr:
 * console responses arrive over IPC, so nothing a command file prints can reach the real stdout.
 */
export function nodeChildLauncher(options: NodeChildOptions): ChildLauncher {
  const execArgv = [...(options.execArgv ?? []), ...(options.entry.endsWith('.ts') ? tsxExecArgv() : [])];
  return (env) => {
    const child = fork(options.entry, [], {
      env: { ...process.env, ...env },
      execArgv,
      stdio: options.output ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 2, 2, 'ipc'],
      serialization: 'json',
    });
    if (options.output) {
      child.stdout?.pipe(options.output, { end: false });
      child.stderr?.pipe(options.output, { end: false });
    }
    return {
      get pid() {
        return child.pid ?? null;
      },
      send: (message) => {
        if (child.connected) child.send(message, (error) => void error /* the exit handler reports */);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        // 'error' without a process (spawn failed) also ends it; exit fires at most once after it
        let ended = false;
        child.once('exit', (code, signal) => {
          if (!ended) listener(code, signal);
          ended = true;
        });
        child.once('error', () => {
          if (child.pid === undefined && !ended) {
            ended = true;
            listener(null, null);
          }
        });
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
