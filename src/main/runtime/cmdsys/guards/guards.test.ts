// Unit tests of the guard pieces: the time limit, a command file's process, fault counting and
// the process-level sinks. (tests/cmdsys/guards-*.test.ts cover them together in a real bot.)
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../events/event-bus';
import { createLogging } from '../../logging/logging';
import { GenerationScope } from '../loader/generation-scope';
import { FaultTracker, type Fault } from './fault-tracker';
import { attributeFault, describeThrown } from './fault-attribution';
import { guardedProcess, ProcessMemberBlocked } from './guarded-process';
import { installProcessGuards, type FaultSink } from './process-guards';
import { runWithTimeout, SyncTimeout } from './sync-timeout';
import { detachRunnerFaultHandlers } from '../../../../../tests/support/process-faults';

const scopeOf = (label = 'a.ts') =>
  new GenerationScope(new EventBus(createLogging({ console: false }).child('x')), label);

describe('runWithTimeout', () => {
  it('returns the value, passes errors through and interrupts an endless loop', () => {
    expect(runWithTimeout(() => 42, 1_000)).toBe(42);
    expect(() =>
      runWithTimeout(() => {
        throw new RangeError('mine');
      }, 1_000),
    ).toThrow(RangeError);
    expect(() =>
      runWithTimeout(() => {
        for (;;) {
          // endless
        }
      }, 50),
    ).toThrow(SyncTimeout);
    // nothing is left in the global scope
    expect(Object.keys(globalThis).some((k) => k.includes('protos'))).toBe(false);
  });

  it('nests: the inner limit applies inside, the outer call still returns', () => {
    const outer = runWithTimeout(() => {
      const inner = (() => {
        try {
          return runWithTimeout(() => {
            for (;;) {
              // endless
            }
          }, 50);
        } catch (err) {
          return err instanceof SyncTimeout ? 'inner timed out' : 'other';
        }
      })();
      return `${inner}; outer done`;
    }, 2_000);
    expect(outer).toBe('inner timed out; outer done');
  });
});

describe('guardedProcess', () => {
  it('blocks the members that end or move the process and passes everything else through', () => {
    const proc = guardedProcess('loop.ts', scopeOf());
    expect(() => proc.exit(1)).toThrow(ProcessMemberBlocked);
    expect(() => proc.exit(1)).toThrow(
      'process.exit() is not available to command files (called from loop.ts)',
    );
    expect(() => proc.chdir('/')).toThrow(/process\.chdir\(\)/);
    expect(() => proc.abort()).toThrow(/process\.abort\(\)/);
    expect(() => {
      proc.exitCode = 2;
    }).toThrow(/process\.exitCode cannot be changed by a command file \(loop\.ts\)/);
    expect(() => {
      (proc as { exit: unknown }).exit = () => undefined;
    }).toThrow(TypeError);
    expect(process.exitCode).toBeUndefined();
    expect(proc.cwd()).toBe(process.cwd());
    expect(proc.pid).toBe(process.pid);
    expect(proc.env).toBe(process.env);
    expect(typeof proc.hrtime.bigint()).toBe('bigint');
    expect(proc.memoryUsage().rss).toBeGreaterThan(0);
  });

  it('removes the listeners a file added to process when its generation is released', () => {
    const scope = scopeOf();
    const proc = guardedProcess('a.ts', scope);
    const before = process.listenerCount('beforeExit');
    const chained = proc.on('beforeExit', () => undefined).once('beforeExit', () => undefined);
    expect(chained).toBe(proc);
    expect(process.listenerCount('beforeExit')).toBe(before + 2);
    scope.dispose();
    expect(process.listenerCount('beforeExit')).toBe(before);
  });
});

describe('FaultTracker', () => {
  const fault = (at: number, file = 'a.ts'): Fault => ({
    file,
    kind: 'uncaughtException',
    message: `Error: ${at}`,
    location: `${file}:1:1`,
    stack: null,
    at,
  });

  it('calls onLimit once when a file reaches the limit within the window, then starts afresh', () => {
    const hits: [string, number][] = [];
    const tracker = new FaultTracker(
      () => ({ limit: 3, windowMs: 1_000 }),
      (f, n) => hits.push([f.file, n]),
    );
    tracker.record(fault(0));
    tracker.record(fault(1_500)); // the first is out of the window
    tracker.record(fault(1_600, 'b.ts'));
    tracker.record(fault(1_700));
    expect(hits).toEqual([]);
    tracker.record(fault(1_800));
    expect(hits).toEqual([['a.ts', 3]]);
    tracker.record(fault(1_900));
    expect(hits).toHaveLength(1);
    expect(tracker.of('a.ts')).toEqual({
      count: 5,
      last: { message: 'Error: 1900', location: 'a.ts:1:1', kind: 'uncaughtException', at: 1_900 },
    });
    expect(tracker.of('b.ts').count).toBe(1);
    expect(tracker.of('c.ts')).toEqual({ count: 0, last: null });
  });
});

describe('fault attribution', () => {
  it('finds nothing without a stack or a command-file frame', () => {
    expect(attributeFault('a string', [])).toBeNull();
    expect(attributeFault(new Error('x'), [])).toBeNull();
  });

  it('describes any thrown value', () => {
    expect(describeThrown(new TypeError('bad\nmore'))).toBe('TypeError: bad');
    expect(describeThrown({ message: 'plain' })).toBe('Error: plain');
    expect(describeThrown(42)).toBe('thrown: 42');
    expect(describeThrown(Object.create(null))).toBe('thrown: (a value that cannot be shown)');
  });
});

describe('installProcessGuards', () => {
  detachRunnerFaultHandlers();
  const emit = process.emit.bind(process) as (event: string, ...args: unknown[]) => boolean;
  const off: (() => void)[] = [];
  afterEach(() => {
    for (const o of off.splice(0)) o();
  });

  it('hands a fault to the first sink that claims it, else tells the first sink; the last uninstall removes the listeners', () => {
    const before = process.listenerCount('uncaughtException'); // the runner's are detached
    const seen: string[] = [];
    const sink = (name: string, claims: boolean): FaultSink => ({
      claim: (err) => {
        seen.push(`${name} saw ${(err as Error).message}`);
        return claims;
      },
      unclaimed: (err, kind) => seen.push(`${name} unclaimed ${(err as Error).message} (${kind})`),
    });
    off.push(installProcessGuards(sink('one', false)), installProcessGuards(sink('two', true)));
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    emit('uncaughtException', new Error('e1'), 'uncaughtException');
    expect(seen).toEqual(['one saw e1', 'two saw e1']);
    off.pop()!();
    seen.length = 0;
    emit('unhandledRejection', new Error('e2'), Promise.resolve());
    expect(seen).toEqual(['one saw e2', 'one unclaimed e2 (unhandledRejection)']);
    off.pop()!();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });
});
