import type { IncomingMessage } from '../adapters/types';
import type { StageName, TraceOutcome, TraceRecord } from './trace';

/** Thrown to leave the pipeline early. Not an Error: rejections are routine and need no stack. */
export class Stop {
  constructor(
    readonly outcome: TraceOutcome,
    readonly reason: string,
    readonly reply: string | null,
  ) {}
}

/** performance.timeOrigin, read once (a getter every message would read it again and again). */
const TIME_ORIGIN = performance.timeOrigin;

/** Records the stages of one message; each stage is timed from the end of the previous one. */
export class TraceBuilder {
  readonly trace: TraceRecord;
  private readonly started = performance.now();
  private last = this.started;

  constructor(id: number, msg: IncomingMessage) {
    this.trace = {
      id,
      time: Math.round(TIME_ORIGIN + this.started),
      network: msg.network,
      adapterId: msg.adapterId,
      channel: msg.channel.name,
      author: msg.author.displayName,
      private: msg.isPrivate,
      text: msg.text,
      outcome: 'ignored',
      command: null,
      invocationId: null,
      stages: [],
      totalMicros: 0,
    };
  }

  stage(
    stage: StageName,
    step: string | null,
    input: string | readonly string[],
    output: string | readonly string[] | null,
    abort: string | null = null,
  ): void {
    const now = performance.now();
    this.trace.stages.push({
      stage,
      step,
      input,
      output,
      abort,
      micros: Math.round((now - this.last) * 1000),
    });
    this.last = now;
  }

  /** Records a stage that stopped the message and returns the Stop to throw. */
  stop(
    stage: StageName,
    step: string | null,
    input: string | readonly string[],
    reason: string,
    reply: string | null,
  ): Stop {
    this.stage(stage, step, input, null, reason);
    return new Stop('rejected', reason, reply);
  }

  finish(outcome: TraceOutcome): TraceRecord {
    this.trace.outcome = outcome;
    this.trace.totalMicros = Math.round((performance.now() - this.started) * 1000);
    return this.trace;
  }
}
