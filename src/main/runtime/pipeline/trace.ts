import type { StageTraceSchema, TraceDto } from '../../../shared/dto/trace';
import type { z } from 'zod';

/** The path of one message through the pipeline (the panel shows these). */
export type Trace = TraceDto;
export type StageTrace = z.infer<typeof StageTraceSchema>;
export type StageName = StageTrace['stage'];
export type TraceOutcome = Trace['outcome'];

/** A stage as recorded on the hot path: word lists are kept as arrays and formatted only when read. */
export interface StageRecord {
  stage: StageName;
  step: string | null;
  input: string | readonly string[];
  output: string | readonly string[] | null;
  abort: string | null;
  micros: number;
}

/** A trace as recorded: turned into the contract's shape by `toTraceDto` when someone reads it. */
export interface TraceRecord extends Omit<Trace, 'stages'> {
  stages: StageRecord[];
}

const CLIP = 500;
export const clip = (text: string): string =>
  text.length > CLIP ? `${text.slice(0, CLIP)}… (${text.length} chars)` : text;

const show = (value: string | readonly string[]): string =>
  clip(typeof value === 'string' ? value : JSON.stringify(value));

export function toTraceDto(record: TraceRecord): Trace {
  return {
    ...record,
    text: clip(record.text),
    stages: record.stages.map((s) => ({
      ...s,
      input: show(s.input),
      output: s.output === null ? null : show(s.output),
    })),
  };
}

/** Bounded buffer of the newest traces (a circular array: pushing is O(1)). */
export class TraceRing {
  private items: (TraceRecord | undefined)[];
  private next = 0;
  private count = 0;

  constructor(private capacity: number) {
    this.items = new Array<TraceRecord | undefined>(capacity);
  }

  push(trace: TraceRecord): void {
    this.items[this.next] = trace;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  resize(capacity: number): void {
    const kept = this.list(capacity);
    this.capacity = capacity;
    this.items = new Array<TraceRecord | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    for (const trace of kept) this.push(trace);
  }

  /** The newest trace matching `test`, searching from the newest back. */
  findNewest(test: (trace: TraceRecord) => boolean): TraceRecord | null {
    for (let i = 1; i <= this.count; i++) {
      const trace = this.items[(this.next - i + this.capacity) % this.capacity]!;
      if (test(trace)) return trace;
    }
    return null;
  }

  /** Up to `limit` newest traces, oldest first. */
  list(limit = this.capacity): TraceRecord[] {
    const n = Math.min(limit, this.count);
    const out: TraceRecord[] = [];
    for (let i = n; i > 0; i--) out.push(this.items[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }
}
