import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideInterrupt, InterruptPolicy } from './interrupt-policy';

describe('decideInterrupt', () => {
  it('does not quit on a first press with nothing running', () => {
    expect(decideInterrupt({ running: 0, lastPressAt: null, now: 10_000 })).toBe('confirm-quit');
  });

  it('cancels the newest command when something runs', () => {
    expect(decideInterrupt({ running: 2, lastPressAt: null, now: 10_000 })).toBe('cancel-newest');
  });

  it('quits on a second press within the window, running or not; not after it', () => {
    for (const running of [0, 1, 5]) {
      expect(decideInterrupt({ running, lastPressAt: 10_000, now: 11_999 })).toBe('quit');
      expect(decideInterrupt({ running, lastPressAt: 10_000, now: 12_000 })).toBe('quit');
      expect(decideInterrupt({ running, lastPressAt: 10_000, now: 12_001 })).not.toBe('quit');
    }
  });

  it('a clock that went backwards is not a double press', () => {
    expect(decideInterrupt({ running: 0, lastPressAt: 10_000, now: 9_000 })).toBe('confirm-quit');
  });

  it('never quits on a lone press (property)', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(), (running, now) => {
        expect(decideInterrupt({ running, lastPressAt: null, now })).not.toBe('quit');
      }),
    );
  });
});

describe('InterruptPolicy', () => {
  it('remembers the previous press', () => {
    let now = 1_000;
    const policy = new InterruptPolicy(2_000, () => now);
    expect(policy.press(0)).toBe('confirm-quit');
    now += 500;
    expect(policy.press(0)).toBe('quit');
    now += 10_000;
    expect(policy.press(1)).toBe('cancel-newest');
    now += 3_000;
    expect(policy.press(0)).toBe('confirm-quit');
    now += 1_999;
    expect(policy.press(3)).toBe('quit');
  });
});
