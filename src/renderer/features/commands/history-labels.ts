import type { HistoryEntry, HistorySource } from '../../../shared/dto/command-history';
import { formatBytes, formatDateTime } from '../../lib/format';

/** When a version was saved, to the second. */
export const savedAtText = (epochMs: number): string => formatDateTime(epochMs).slice(0, 19);

const SOURCE_LABEL: Record<HistorySource, string> = {
  'panel-browser': 'panel (browser)',
  'panel-desktop': 'panel (desktop app)',
  panel: 'panel',
  rollback: 'rollback',
  disk: 'outside the panel',
};

/** Who or what made a version, in words. */
export function sourceLabel(entry: HistoryEntry, all: readonly HistoryEntry[] = []): string {
  if (entry.source !== 'rollback' || !entry.restoredFrom) return SOURCE_LABEL[entry.source];
  const from = all.find((v) => v.id === entry.restoredFrom);
  return from ? `rollback to ${savedAtText(from.savedAt)}` : 'rollback to a version no longer kept';
}

/** One line describing a version: when, how big, who. */
export function describeVersion(entry: HistoryEntry, all: readonly HistoryEntry[] = []): string {
  return `${savedAtText(entry.savedAt)} · ${formatBytes(entry.bytes)} · ${sourceLabel(entry, all)}`;
}
