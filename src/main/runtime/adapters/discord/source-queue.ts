/**
 * Keeps the messages of one source (a user in a channel) in order without letting one slow
 * command block that user: a message waits for the previous one from the same source to be
 * handled (the runtime resolves `deliver` when the command ended, loops or asks for input),
 * but never longer than `maxWaitMs`, so `+cancel` still gets through while a command runs.
 * Different sources never wait for each other.
 */
export class SourceQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly maxWaitMs: number) {}

  run(source: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(source);
    // nothing ahead of it: the task starts now, not a microtask later (reply latency)
    const started = previous ? boundedWait(previous, this.maxWaitMs).then(task) : startNow(task);
    const done = started.catch(() => undefined);
    this.tails.set(source, done);
    void done.then(() => {
      if (this.tails.get(source) === done) this.tails.delete(source);
    });
    return done;
  }

  get size(): number {
    return this.tails.size;
  }
}

function boundedWait(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs `task` now; a synchronous throw becomes a rejection, as inside `then`. */
function startNow(task: () => Promise<void>): Promise<void> {
  try {
    return task();
  } catch (err) {
    return Promise.reject(err as Error);
  }
}
