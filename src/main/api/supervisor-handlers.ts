import type { Handlers } from './router';

/**
 * `supervisor.status` when the runtime runs without a supervisor (in-process tests, tools):
 * the supervisor answers this method itself, so the runtime's router only sees it unsupervised.
 */
export function supervisorHandlers(): Pick<Handlers, 'supervisor.status'> {
  return {
    'supervisor.status': () => ({
      state: 'running',
      runtimePid: process.pid,
      restarts: 0,
      lastRestart: null,
      message: null,
    }),
  };
}
