import type { FileStatusDto } from '../../../shared/dto/commands';
import { RUNTIME_ACTOR, type AuditApi } from './types';

/** A quarantine older than this when the runtime starts was already audited by the runtime that saw it. */
const FRESH_AT_START_MS = 120_000;

interface QuarantineSource {
  onReload(listener: () => void): () => void;
  files(): FileStatusDto[];
}

/**
 * Puts every quarantine in the console guild's audit log once: one the guards decided while the
 * runtime ran (too many faults), and one the supervisor decided while the runtime was down (a
 * stall or crash), which this runtime first sees in its start-up reload.
 */
export function auditQuarantines(
  source: QuarantineSource,
  audit: AuditApi,
  startedAt = Date.now(),
): () => void {
  const seen = new Set<string>();
  return source.onReload(() => {
    for (const { file, quarantine } of source.files()) {
      if (!quarantine) continue;
      const key = `${file}\u0000${quarantine.at}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (Date.parse(quarantine.at) < startedAt - FRESH_AT_START_MS) continue;
      void audit.record({
        actor: RUNTIME_ACTOR,
        channel: 'runtime',
        command: 'quarantine',
        message: `${file} quarantined (${quarantine.reason}): ${quarantine.message}`,
      });
    }
  });
}
