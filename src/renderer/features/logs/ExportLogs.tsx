import { Download } from 'lucide-react';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { formatCount } from '../../lib/format';
import { describeError } from '../../lib/errors';
import { exportLogs, type ExportFormat } from './export-logs';
import { useLogsStore } from './logs-store';

/** Saves every held line matching the current filter (ring and log files) as .ndjson or .log. */
export function ExportLogs() {
  const client = useApi();
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (): Promise<void> => {
    setBusy(true);
    setNote(null);
    try {
      const file = await exportLogs(client, useLogsStore.getState().filter, format);
      setNote({
        text: `${formatCount(file.lines)} lines saved${file.truncated ? ' (limit reached: oldest left out)' : ''}`,
        error: false,
      });
    } catch (err) {
      setNote({ text: `Export failed: ${describeError(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="log-export">
      <select
        aria-label="Export format"
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        <option value="ndjson">.ndjson</option>
        <option value="log">.log</option>
      </select>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run()}
        title="Save every line matching the filter, including older ones from the log files"
      >
        <Download size={13} aria-hidden="true" />
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {note && (
        <span role="status" className={note.error ? 'tone-text-err' : 'dim'}>
          {note.text}
        </span>
      )}
    </div>
  );
}
