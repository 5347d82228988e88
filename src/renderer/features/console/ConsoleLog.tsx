import { memo, useLayoutEffect, useRef, type RefObject } from 'react';
import { formatClock } from '../../lib/format';
import { ConsoleCard } from './ConsoleCard';
import { ConsoleImage } from './ConsoleImage';
import { ConsoleText } from './ConsoleText';
import type { ConsoleGroup } from './console-store';

const BOTTOM_SLACK = 24;

const GroupView = memo(function GroupView({
  group,
  onReuse,
}: {
  group: ConsoleGroup;
  onReuse: (line: string) => void;
}) {
  const system = group.input === null && group.outputs.every((o) => o.kind === 'system');
  if (system) {
    return (
      <div className="cgroup cgroup-system" role="note">
        {group.outputs.map((o, i) => (
          <div key={i} className="cnote">
            <span className="ctime">{formatClock(o.time).slice(0, 8)}</span>
            <ConsoleText text={o.text} />
          </div>
        ))}
      </div>
    );
  }
  const failed = group.outputs.some((o) => o.kind === 'error');
  return (
    <article
      className={failed ? 'cgroup failed' : 'cgroup'}
      data-request={group.requestId ?? undefined}
      aria-label={group.input ?? 'output'}
    >
      {group.input !== null ? (
        <div className="cinput">
          <span className="cprompt" aria-hidden="true">
            ›
          </span>
          <button
            type="button"
            className="cinput-text"
            title="Put this command back in the input"
            onClick={() => onReuse(group.input!)}
          >
            {group.input}
          </button>
          <span className="ctime">{formatClock(group.time).slice(0, 8)}</span>
        </div>
      ) : (
        <div className="cinput cinput-missing">
          <span className="cprompt" aria-hidden="true">
            ›
          </span>
          <span className="dim">output of an earlier command</span>
          <span className="ctime">{formatClock(group.time).slice(0, 8)}</span>
        </div>
      )}
      {group.outputs.length > 0 && (
        <div className="coutputs">
          {group.outputs.map((o, i) => (
            <div key={i} className={`cout kind-${o.kind}`} data-kind={o.kind}>
              {o.card !== undefined ? <ConsoleCard card={o.card} /> : <ConsoleText text={o.text} />}
              {o.image !== undefined && <ConsoleImage file={o.image} />}
            </div>
          ))}
        </div>
      )}
    </article>
  );
});

/**
 * The conversation with the console, one group per request. Stays scrolled to the newest
 * output while the operator is at the bottom; scrolling up to read holds the position.
 */
export function ConsoleLog({
  groups,
  stickRef,
  onReuse,
}: {
  groups: ConsoleGroup[];
  /** Whether to keep the newest output in view; the view sets it when a command is sent. */
  stickRef: RefObject<boolean>;
  onReuse: (line: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickRef.current) el.scrollTop = el.scrollHeight;
  }, [groups, stickRef]);
  return (
    <div
      ref={scroller}
      className="console-scroll"
      role="log"
      aria-label="Console output"
      aria-live="polite"
      tabIndex={-1}
      onScroll={(e) => {
        const el = e.currentTarget;
        stickRef.current = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
      }}
    >
      {groups.map((group) => (
        <GroupView key={group.key} group={group} onReuse={onReuse} />
      ))}
    </div>
  );
}
