/** What reached the process without a handler. */
export type ProcessFaultKind = 'uncaughtException' | 'unhandledRejection';

/**
 * Takes process-level faults: `claim` returns true when the fault belongs to it (a command file
 * of its bot) and it dealt with it; `unclaimed` is told about faults nobody claimed.
 */
export interface FaultSink {
  claim(err: unknown, kind: ProcessFaultKind): boolean;
  unclaimed(err: unknown, kind: ProcessFaultKind): void;
}

const sinks: FaultSink[] = [];

function dispatch(err: unknown, kind: ProcessFaultKind): void {
  for (const sink of [...sinks]) {
    try {
      if (sink.claim(err, kind)) return;
    } catch {
      // a sink that fails to claim must not hide the fault from the others
    }
  }
  try {
    sinks[0]?.unclaimed(err, kind);
  } catch {
    // last resort: there is nowhere left to report to
  }
}

const onException = (err: unknown): void => dispatch(err, 'uncaughtException');
const onRejection = (reason: unknown): void => dispatch(reason, 'unhandledRejection');

/**
 * Installs the runtime's process-level guards: an exception nobody caught or a rejection nobody
 * handled is handed to the sinks (the bot attributes it to the command file whose code threw)
 * and the process goes on instead of exiting. One pair of process listeners serves every
 * installed sink; the returned function uninstalls this one (the last removes the listeners).
 */
export function installProcessGuards(sink: FaultSink): () => void {
  if (sinks.length === 0) {
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  }
  sinks.push(sink);
  let installed = true;
  return () => {
    if (!installed) return;
    installed = false;
    const at = sinks.indexOf(sink);
    if (at >= 0) sinks.splice(at, 1);
    if (sinks.length === 0) {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    }
  };
}
