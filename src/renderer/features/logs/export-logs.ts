import type { PanelClient } from '../../api/panel-client';
import type { LogExport } from '../../../shared/dto/log-history';
import type { LogFilter } from './log-filter';

export type ExportFormat = 'ndjson' | 'log';

/** Offers text as a file download (browser mode and Electron alike: a blob link with `download`). */
export function saveAsFile(filename: string, mime: string, content: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // the download has its own reference once started
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Asks the runtime for every held line matching the filter (ring and files) and saves it. */
export async function exportLogs(
  client: PanelClient,
  filter: LogFilter,
  format: ExportFormat,
  save: (file: LogExport) => void = (f) => saveAsFile(f.filename, f.mime, f.content),
): Promise<LogExport> {
  const file = await client.call('logs.export', {
    format,
    match: { minLevel: filter.minLevel, text: filter.text, from: filter.from ?? null, to: filter.to ?? null },
  });
  save(file);
  return file;
}
