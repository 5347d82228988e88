import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { LogEntry } from '../../../shared/dto/log';
import { lowerBoundSeq } from './log-buffer';
import { LOG_ROW_HEIGHT, LogRow } from './LogRow';
import { useLogsStore } from './logs-store';

/** Scroll input this recent (ms) counts as the operator's own scrolling. */
const INTENT_MS = 400;
const BOTTOM_SLACK = 6;
/** Older history is asked for when the operator scrolls within this many rows of the top. */
const HISTORY_MARGIN_ROWS = 40;

/**
 * The virtualised log list: every row is LOG_ROW_HEIGHT tall, so nothing is measured, whatever
 * the rate. Following keeps the newest line in view; scrolling up (wheel, keys, scrollbar)
 * pauses, scrolling back to the bottom resumes. While paused, lines that fall off the front of
 * the bounded buffer, or older history prepended above, do not move what the operator reads.
 * Scrolling near the top asks for older history (`onNearTop`).
 */
export function LogList({ entries, onNearTop }: { entries: LogEntry[]; onNearTop?: () => void }) {
  const follow = useLogsStore((s) => s.follow);
  const selected = useLogsStore((s) => s.selected);
  const setFollow = useLogsStore((s) => s.setFollow);
  const select = useLogsStore((s) => s.select);
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
    overscan: 6,
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = previous.current;
    previous.current = { entries, filter };
    if (!el) return;
    if (follow) {
      // Past the end is clamped to the bottom; no layout is read for it.
      el.scrollTop = (entries.length + 1) * LOG_ROW_HEIGHT;
    } else if (
      before.filter === filter &&
      entries.length &&
      before.entries.length &&
      entries !== before.entries
    ) {
      // Keep the row at the top of the view where it is: lines may have fallen off the front
      // (bounded buffer) or older history may have been put above.
      const topIndex = Math.min(before.entries.length - 1, Math.floor(el.scrollTop / LOG_ROW_HEIGHT));
      const anchor = before.entries[topIndex]!;
      const now = lowerBoundSeq(entries, anchor.seq);
      if (now !== topIndex) el.scrollTop += (now - topIndex) * LOG_ROW_HEIGHT;
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
      if (top < lastTop.current && top <= HISTORY_MARGIN_ROWS * LOG_ROW_HEIGHT) onNearTop?.();
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

  const onToggle = useCallback(
    (seq: number) => select(useLogsStore.getState().selected === seq ? null : seq),
    [select],
  );

  return (
    <div
      ref={scrollRef}
      className="log-scroll"
      role="log"
      aria-label="Log lines"
      aria-live="off"
      tabIndex={-1}
      onScroll={onScroll}
      onWheel={(e) => {
        markIntent();
        // also when the list is too short to scroll: wheeling up at the top asks for more
        const el = scrollRef.current;
        if (e.deltaY < 0 && el && el.scrollTop <= HISTORY_MARGIN_ROWS * LOG_ROW_HEIGHT) onNearTop?.();
      }}
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
        {virtualizer.getVirtualItems().map((item, slot) => {
          const entry = entries[item.index]!;
          // Keyed by place in the window, not by line: while following a fast log every line
          // in view changes each update, and reusing the row elements beats re-creating them.
          return (
            <div
              key={slot}
              className="log-item"
              data-index={item.index}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <LogRow entry={entry} selected={selected === entry.seq} onToggle={onToggle} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
