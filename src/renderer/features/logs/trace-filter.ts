import { TRACE_OUTCOMES, type TraceDto } from '../../../shared/dto/trace';

export type TraceOutcome = TraceDto['outcome'];

export interface TraceFilter {
  /** Only this outcome; null for all. */
  outcome: TraceOutcome | null;
  /** Whitespace-separated words matched against text, author, channel, network and command. */
  text: string;
}

export const NO_TRACE_FILTER: TraceFilter = { outcome: null, text: '' };

function haystack(t: TraceDto): string {
  return [t.text, t.author, t.channel, t.network, t.adapterId, t.command ?? '', t.outcome]
    .join('\n')
    .toLowerCase();
}

/** The traces that pass the filter, newest first (the table's order). */
export function filterTraces(traces: readonly TraceDto[], filter: TraceFilter): TraceDto[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const out: TraceDto[] = [];
  for (let i = traces.length - 1; i >= 0; i--) {
    const t = traces[i]!;
    if (filter.outcome !== null && t.outcome !== filter.outcome) continue;
    if (words.length > 0) {
      const text = haystack(t);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(t);
  }
  return out;
}

/** How many traces have each outcome. */
export function countByOutcome(traces: readonly TraceDto[]): Record<TraceOutcome, number> {
  const counts = Object.fromEntries(TRACE_OUTCOMES.map((o) => [o, 0])) as Record<TraceOutcome, number>;
  for (const t of traces) counts[t.outcome]++;
  return counts;
}

/** Where the message stopped, if it did: the first stage with an abort reason, else the error stage. */
export function decisiveStage(trace: TraceDto): TraceDto['stages'][number] | null {
  return trace.stages.find((s) => s.abort !== null) ?? trace.stages.find((s) => s.stage === 'error') ?? null;
}

/** One sentence for the operator: why this message did or did not become a command. */
export function explainTrace(trace: TraceDto): string {
  const stage = decisiveStage(trace);
  const where = stage ? `${stage.stage}${stage.step ? ` › ${stage.step}` : ''}` : '';
  switch (trace.outcome) {
    case 'invoked':
      return `Became the command “${trace.command ?? '?'}”${trace.invocationId !== null ? ` (invocation #${trace.invocationId})` : ''}.`;
    case 'input':
      return `Taken as input by a command waiting for an answer${trace.invocationId !== null ? ` (#${trace.invocationId})` : ''}.`;
    case 'ignored':
      return stage?.abort ? `Ignored at ${where}: ${stage.abort}.` : 'Ignored: not addressed to the bot.';
    case 'rejected':
      if (stage?.abort) return `Rejected at ${where}: ${stage.abort}.`;
      if (stage) return `Rejected at ${where}${stage.output ? `: ${stage.output}` : ''}`;
      return 'Rejected.';
    case 'failed':
      if (stage?.abort) return `Failed at ${where}: ${stage.abort}.`;
      if (stage) return `Failed at ${where}${stage.output ? `: ${stage.output}` : ''}`;
      return 'The command failed.';
  }
}
