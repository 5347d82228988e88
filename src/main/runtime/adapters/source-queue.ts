import { settleWithin } from '../util/settle-within';

/**
 * Keeps the messages of one source (a user in a channel) in order without letting one slow
 * command block that user: a message waits for the previous one from the same source to be
 * handled (the runtime resolves `deliver` when the command ended, loops or asks for input),
 * but never longer than `maxWaitMs`, so a cancel still gets through while a command runs.
 * Different sources never wait for each other. Both network adapters hand their messages on
 * through one of these.
 */
export class SourceQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** `onError` hears what a task threw or rejected with; the queue goes on either way. */
  constructor(
    private readonly maxWaitMs: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /**
   * Runs `task` once the source's previous task is done (or waited for long enough). With
   * nothing ahead of it, it starts now, not a microtask later (reply latency), and a task that
   * finishes synchronously leaves nothing behind: no promise, nothing to wait for. Returns a
   * promise (never rejecting) only while something is pending.
   */
  run(source: string, task: () => void | Promise<void>): void | Promise<void> {
    const previous = this.tails.get(source);
    let started: Promise<void>;
    if (previous) {
      started = settleWithin(previous, this.maxWaitMs, true).then(task);
    } else {
      let result: void | Promise<void>;
      try {
        result = task();
      } catch (err) {
        this.onError(err);
        return;
      }
      if (!(result instanceof Promise)) return;
      started = result;
    }
    // one promise per pending message: it reports a failure and forgets the source once done
    const forget = (): void => {
      if (this.tails.get(source) === done) this.tails.delete(source);
    };
    const done: Promise<void> = started.then(forget, (err: unknown) => {
      this.onError(err);
      forget();
    });
    this.tails.set(source, done);
    return done;
  }

  get size(): number {
    return this.tails.size;
  }
}
