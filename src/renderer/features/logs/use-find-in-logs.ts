import { useEffect } from 'react';
import { useHashParam } from '../../lib/hash-route';
import { useLogsStore } from './logs-store';

/**
 * `#/logs?find=<error id>` (see lib/log-links): filters the lines to that error id (all levels, any
 * time) and opens the entry that carries it, once it is there (it may arrive with the catch-up
 * after a reload).
 */
export function useFindInLogs(): void {
  const find = useHashParam('find');
  const match = useLogsStore((s) =>
    find ? (s.visible.find((e) => e.fields?.errorId === find)?.seq ?? null) : null,
  );
  useEffect(() => {
    if (!find) return;
    const { setMinLevel, setText, setRange } = useLogsStore.getState();
    setMinLevel('trace');
    setRange(null, null);
    setText(find);
  }, [find]);
  useEffect(() => {
    if (match === null) return;
    const { selected, select } = useLogsStore.getState();
    if (selected !== match) select(match);
  }, [match]);
}
