import { describe, expect, it } from 'vitest';
import type { FileStatusDto } from '../../../shared/dto/commands';
import type { QuarantineEntry } from '../../../shared/dto/quarantine';
import { auditQuarantines } from './quarantine-audit';
import type { AuditRecordInput } from './types';

function quarantined(file: string, at: number, reason: QuarantineEntry['reason'] = 'faults'): FileStatusDto {
  return {
    file,
    state: 'quarantined',
    generation: null,
    commands: [],
    error: null,
    quarantine: {
      reason,
      message: 'why',
      stack: null,
      at: new Date(at).toISOString(),
      invocation: null,
      sha256: 'a'.repeat(64),
    },
    faults: { count: 0, last: null },
  };
}

function setup(startedAt: number) {
  let files: FileStatusDto[] = [];
  let listener: () => void = () => undefined;
  const records: AuditRecordInput[] = [];
  auditQuarantines(
    { onReload: (l) => ((listener = l), () => undefined), files: () => files },
    { record: async (input) => (records.push(input), null) },
    startedAt,
  );
  return { records, reload: (next: FileStatusDto[]) => ((files = next), listener()) };
}

describe('auditQuarantines', () => {
  it('records each quarantine once, as the runtime, however many reloads list it', () => {
    const now = Date.now();
    const s = setup(now);
    s.reload([quarantined('loop.ts', now + 10)]);
    s.reload([quarantined('loop.ts', now + 10)]);
    expect(s.records).toEqual([
      expect.objectContaining({ command: 'quarantine', actor: { id: 'runtime', name: 'runtime' } }),
    ]);
    expect(s.records[0]!.message).toBe('loop.ts quarantined (faults): why');
  });

  it('records one the supervisor wrote just before this runtime started, not an old one', () => {
    const now = Date.now();
    const s = setup(now);
    s.reload([
      quarantined('stall.ts', now - 3_000, 'stall'),
      quarantined('old.ts', now - 86_400_000, 'crash'),
    ]);
    expect(s.records.map((r) => r.message)).toEqual(['stall.ts quarantined (stall): why']);
  });

  it('a file quarantined again later (a new entry) is recorded again', () => {
    const now = Date.now();
    const s = setup(now);
    s.reload([quarantined('loop.ts', now + 10)]);
    s.reload([]);
    s.reload([quarantined('loop.ts', now + 20_000)]);
    expect(s.records).toHaveLength(2);
  });
});
