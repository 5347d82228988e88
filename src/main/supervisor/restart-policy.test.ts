import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy';

describe('RestartPolicy', () => {
  it('restarts after one culprit-less failure, refuses the second within the window', () => {
    const policy = new RestartPolicy(60_000);
    expect(policy.record(0, null)).toBeNull();
    expect(policy.record(59_000, null)).toMatch(/failed twice within 60 s without a known culprit/);
  });

  it('forgets failures older than the window', () => {
    const policy = new RestartPolicy(60_000);
    expect(policy.record(0, null)).toBeNull();
    expect(policy.record(60_001, null)).toBeNull();
  });

  it('different culprits each get their restart; the same one twice means its quarantine failed', () => {
    const policy = new RestartPolicy(60_000);
    expect(policy.record(0, 'a.ts')).toBeNull();
    expect(policy.record(1, 'b.ts')).toBeNull();
    expect(policy.record(2, null)).toBeNull();
    expect(policy.record(3, 'a.ts')).toMatch(
      /a\.ts brought the runtime down twice .* despite its quarantine/,
    );
  });
});
