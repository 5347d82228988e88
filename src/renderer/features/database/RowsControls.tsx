import { useEffect, useState } from 'react';
import { SearchInput } from '../../ui/SearchInput';
import { REFRESH_INTERVALS, useDatabaseStore } from './database-store';

/** Waits this long after the last keystroke before searching (one request per pause, not per key). */
export const SEARCH_DEBOUNCE_MS = 250;

function intervalLabel(ms: number): string {
  return ms === 0 ? 'Off' : `every ${ms / 1000} s`;
}

/**
 * Search within the table (done by the runtime's database engine) and live refresh: the rows
 * shown are read again at the chosen interval while the view is open. Keyed by table by its parent,
 * so another table starts with its own (empty) search.
 */
export function RowsControls({
  onSearch,
  onReload,
}: {
  onSearch: (text: string) => void;
  onReload: () => void;
}) {
  const search = useDatabaseStore((s) => s.search);
  const refreshEvery = useDatabaseStore((s) => s.refreshEvery);
  const setRefreshEvery = useDatabaseStore((s) => s.setRefreshEvery);
  const [text, setText] = useState(search);

  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => onSearch(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, search, onSearch]);

  useEffect(() => {
    if (refreshEvery <= 0) return;
    const timer = setInterval(onReload, refreshEvery);
    return () => clearInterval(timer);
  }, [refreshEvery, onReload]);

  return (
    <div className="db-rows-controls">
      <SearchInput
        label="Search rows"
        placeholder="Search any column…"
        value={text}
        onChange={setText}
        clearable
        blurOnEscape
      />
      <label className="field">
        <span className="field-label">Live</span>
        <select
          aria-label="Live refresh"
          value={refreshEvery}
          onChange={(e) => setRefreshEvery(Number(e.target.value))}
        >
          {REFRESH_INTERVALS.map((ms) => (
            <option key={ms} value={ms}>
              {intervalLabel(ms)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
