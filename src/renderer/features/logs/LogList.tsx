import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { LogEntry } from '../../../shared/dto/log';
import { lowerBoundSeq } from './log-buffer';
import { LOG_ROW_HEIGHT, LogRow } from './LogRow';
import { useLogsStore } from './logs-store';

/** Scroll input this recent (ms) counts as the operator's own scrolling. */
const INTENT_MS = 400;
const BOTTOM_SLACK = 6;

/**
 * The virtualised log list. Following keeps the newest line in view; scrolling up (wheel,
 * keys, scrollbar) pauses, scrolling back to the bottom resumes. While paused, lines that
 * fall off the front of the bounded buffer do not shift what the operator is reading.
 */
export function LogList({ entries }: { entries: LogEntry[] }) {
  const follow = useLogsStore((s) => s.follow);
  const expanded = useLogsStore((s) => s.expanded);
  const setFollow = useLogsStore((s) => s.setFollow);
  const toggleExpanded = useLogsStore((s) => s.toggleExpanded);
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  const intentUntil = useRef(0);
  const pointerHeld = useRef(false);
  const filter = useLogsStore((s) => s.filter);
  const previous = useRef({ entries, filter });

  // TanStack Virtual re-renders through its own state; this component is not meant to be memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    getItemKey: (index) => entries[index]?.seq ?? index,
    overscan: 24,
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = previous.current;
    previous.current = { entries, filter };
    if (!el) return;
    if (follow) {
      el.scrollTop = el.scrollHeight;
    } else if (before.filter === filter && entries.length && entries[0] !== before.entries[0]) {
      // Lines dropped off the front of the bounded buffer: move up by as much so the view stays put.
      const removed = lowerBoundSeq(before.entries, entries[0]!.seq);
      if (removed > 0 && before.entries[removed] === entries[0]) el.scrollTop -= removed * LOG_ROW_HEIGHT;
    }
    lastTop.current = el.scrollTop;
  }, [entries, filter, follow]);

  const markIntent = useCallback(() => {
    intentUntil.current = performance.now() + INTENT_MS;
  }, []);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const byOperator = pointerHeld.current || performance.now() < intentUntil.current;
    if (byOperator) {
      const atBottom = el.scrollHeight - top - el.clientHeight <= BOTTOM_SLACK;
      if (atBottom) setFollow(true);
      else if (top < lastTop.current) setFollow(false);
    }
    lastTop.current = top;
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'End') {
      setFollow(true);
    } else if (['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', ' '].includes(e.key)) {
      markIntent();
    }
  };

  return (
    <div
      ref={scrollRef}
      className="log-scroll"
      role="log"
      aria-label="Log lines"
      aria-live="off"
      tabIndex={-1}
      onScroll={onScroll}
      onWheel={markIntent}
      onKeyDown={onKeyDown}
      onPointerDown={() => {
        pointerHeld.current = true;
      }}
      onPointerUp={() => {
        pointerHeld.current = false;
        markIntent();
      }}
      onPointerCancel={() => {
        pointerHeld.current = false;
      }}
    >
      <div className="log-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          return (
            <div
              key={item.key}
              className="log-item"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <LogRow entry={entry} expanded={expanded.has(entry.seq)} onToggle={toggleExpanded} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
