import { describe, expect, it } from 'vitest';
import { trace } from '../../test-support/fake-client';
import { countByOutcome, decisiveStage, explainTrace, filterTraces, NO_TRACE_FILTER } from './trace-filter';

const rejected = trace(3, {
  text: 'echo darn it',
  outcome: 'rejected',
  command: null,
  invocationId: null,
  author: 'alice',
  network: 'irc',
  channel: '#ops',
  stages: [
    {
      stage: 'detection',
      step: 'trigger',
      input: '+echo darn it',
      output: 'echo darn it',
      abort: null,
      micros: 5,
    },
    {
      stage: 'string-middleware',
      step: 'badwords',
      input: 'echo darn it',
      output: null,
      abort: 'contains a blocked word',
      micros: 9,
    },
  ],
});
const notFound = trace(4, {
  text: 'nosuch',
  outcome: 'rejected',
  command: null,
  invocationId: null,
  stages: [
    {
      stage: 'error',
      step: 'not-found',
      input: 'nosuch',
      output: 'Unknown command "nosuch".',
      abort: null,
      micros: 3,
    },
  ],
});
const ignored = trace(5, {
  text: 'hello all',
  outcome: 'ignored',
  command: null,
  invocationId: null,
  stages: [
    { stage: 'detection', step: null, input: 'hello all', output: null, abort: 'no trigger', micros: 2 },
  ],
});
const all = [trace(1), trace(2, { outcome: 'input', command: 'quiz' }), rejected, notFound, ignored];

describe('trace filter', () => {
  it('lists newest first and filters by outcome', () => {
    expect(filterTraces(all, NO_TRACE_FILTER).map((t) => t.id)).toEqual([5, 4, 3, 2, 1]);
    expect(filterTraces(all, { outcome: 'rejected', text: '' }).map((t) => t.id)).toEqual([4, 3]);
    expect(filterTraces(all, { outcome: 'failed', text: '' })).toEqual([]);
  });

  it('matches every word against text, author, channel, network and command', () => {
    expect(filterTraces(all, { outcome: null, text: 'ALICE darn' }).map((t) => t.id)).toEqual([3]);
    expect(filterTraces(all, { outcome: null, text: '#ops irc' }).map((t) => t.id)).toEqual([3]);
    expect(filterTraces(all, { outcome: null, text: 'quiz' }).map((t) => t.id)).toEqual([2]);
    expect(filterTraces(all, { outcome: 'invoked', text: 'darn' })).toEqual([]);
  });

  it('counts outcomes', () => {
    expect(countByOutcome(all)).toEqual({ ignored: 1, rejected: 2, input: 1, invoked: 1, failed: 0 });
  });

  it('explains where a message stopped and why', () => {
    expect(decisiveStage(rejected)?.step).toBe('badwords');
    expect(explainTrace(rejected)).toBe('Rejected at string-middleware › badwords: contains a blocked word.');
    expect(explainTrace(notFound)).toBe('Rejected at error › not-found: Unknown command "nosuch".');
    expect(explainTrace(ignored)).toBe('Ignored at detection: no trigger.');
    expect(explainTrace(trace(9))).toBe('Became the command “echo” (invocation #9).');
  });
});
