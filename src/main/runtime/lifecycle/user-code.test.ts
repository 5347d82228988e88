import { afterEach, describe, expect, it } from 'vitest';
import { endUserInvocation, enterUserCode, setUserCodeSink, type UserCodeEntry } from './user-code';

const reports: (UserCodeEntry | null)[] = [];
afterEach(() => {
  setUserCodeSink(null);
  reports.length = 0;
});
const last = () => reports.at(-1);

describe('user-code tracking', () => {
  it('reports an entry before the code runs and clears it when it returns', () => {
    setUserCodeSink((e) => reports.push(e));
    const leave = enterUserCode('a.ts', 'load');
    expect(last()).toEqual({ file: 'a.ts', command: null, invocationId: null, phase: 'load', certain: true });
    leave();
    expect(last()).toBeNull();
  });

  it('nests: leaving the inner entry restores the outer one', () => {
    setUserCodeSink((e) => reports.push(e));
    const outer = enterUserCode('a.ts', 'setup', 'A');
    const inner = enterUserCode('b.ts', 'load');
    expect(last()?.file).toBe('b.ts');
    inner();
    expect(last()).toMatchObject({ file: 'a.ts', phase: 'setup', command: 'A' });
    outer();
    expect(last()).toBeNull();
  });

  it('an invocation still in flight is the probable culprit while it is the only one', () => {
    setUserCodeSink((e) => reports.push(e));
    enterUserCode('a.ts', 'call', 'a', 1)();
    expect(last()).toEqual({ file: 'a.ts', command: 'a', invocationId: 1, phase: 'call', certain: false });
    enterUserCode('b.ts', 'call', 'b', 2)();
    expect(last()).toBeNull(); // two in flight: no guess
    endUserInvocation(2);
    expect(last()).toMatchObject({ invocationId: 1, certain: false });
    endUserInvocation(1);
    expect(last()).toBeNull();
  });

  it('costs nothing and reports nothing without a sink, or for internal commands', () => {
    const leave = enterUserCode('a.ts', 'call', 'a', 7);
    leave();
    endUserInvocation(7);
    setUserCodeSink((e) => reports.push(e));
    reports.length = 0;
    enterUserCode(null, 'call', 'ping', 8)();
    expect(reports).toEqual([]);
  });
});
