import { useLogsStore } from './logs-store';
import { fromLocalInput, toLocalInput } from './time-range';

/** From/to fields of the log filter (local time); an empty field leaves that end open. */
export function TimeRangeFields() {
  const from = useLogsStore((s) => s.filter.from ?? null);
  const to = useLogsStore((s) => s.filter.to ?? null);
  const setRange = useLogsStore((s) => s.setRange);
  const invalid = from !== null && to !== null && from > to;
  return (
    <div className="log-range" role="group" aria-label="Time range">
      <label className="field">
        <span className="field-label">From</span>
        <input
          type="datetime-local"
          step={1}
          aria-label="From time"
          aria-invalid={invalid || undefined}
          value={toLocalInput(from)}
          onChange={(e) => setRange(fromLocalInput(e.target.value), to)}
        />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input
          type="datetime-local"
          step={1}
          aria-label="To time"
          aria-invalid={invalid || undefined}
          value={toLocalInput(to)}
          onChange={(e) => setRange(from, fromLocalInput(e.target.value, true))}
        />
      </label>
      {invalid && <span className="tone-text-err">“From” is after “To”</span>}
    </div>
  );
}
