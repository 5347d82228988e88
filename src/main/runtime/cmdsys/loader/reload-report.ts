import type { QuarantineReason } from '../../../../shared/dto/quarantine';
import type { Logger } from '../../logging/logging';
import type { LoadFailure } from './load-error';

/** A file the loader skipped because it is quarantined. */
export interface QuarantinedFile {
  file: string;
  reason: QuarantineReason;
  message: string;
}

export interface ReloadReport {
  /** Files loaded for the first time. */
  loaded: string[];
  /** Files whose new generation replaced the old one. */
  updated: string[];
  /** Files gone from the folder (their commands unregistered). */
  removed: string[];
  /** Files that failed (a previous version, if any, keeps running). */
  failed: LoadFailure[];
  /** Files not loaded because they are quarantined ("Load again" or a new version lifts it). */
  quarantined: QuarantinedFile[];
  unchanged: number;
  ms: number;
}

export const emptyReport = (): ReloadReport => ({
  loaded: [],
  updated: [],
  removed: [],
  failed: [],
  quarantined: [],
  unchanged: 0,
  ms: 0,
});

/** Logs a reload: each failure (error) and quarantined file (warn), then the counts. */
export function logReport(logger: Logger, report: ReloadReport): void {
  for (const f of report.failed) {
    logger.error(
      { file: f.file, line: f.line, column: f.column },
      `command file failed: ${f.file}${f.line ? `:${f.line}:${f.column}` : ''}: ${f.message}`,
    );
  }
  for (const q of report.quarantined)
    logger.warn({ file: q.file, reason: q.reason }, `command file quarantined: ${q.file}: ${q.message}`);
  logger.info(
    {
      loaded: report.loaded.length,
      updated: report.updated.length,
      removed: report.removed.length,
      failed: report.failed.length,
      quarantined: report.quarantined.length,
      unchanged: report.unchanged,
      ms: Math.round(report.ms),
    },
    'commands reloaded',
  );
}
