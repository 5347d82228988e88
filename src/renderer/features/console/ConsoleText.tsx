import { memo, useMemo } from 'react';
import { errorLogHref, splitErrorIds } from '../../lib/log-links';
import { parseMessage, type Segment } from './message-format';

const MENTION_PREFIX: Record<Extract<Segment, { kind: 'mention' }>['type'], string> = {
  user: '@',
  role: '@&',
  channel: '#',
};

/** Plain text; an `error id …` becomes a link to the log line that holds the details. */
function TextWithErrorLinks({ text }: { text: string }) {
  if (!text.includes('error id ')) return <>{text}</>;
  return (
    <>
      {splitErrorIds(text).map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={i} className="error-id-link" href={errorLogHref(part.errorId)} title="Show the log entry">
            error id {part.errorId}
          </a>
        ),
      )}
    </>
  );
}

function SegmentView({ seg }: { seg: Segment }) {
  switch (seg.kind) {
    case 'text':
      return <TextWithErrorLinks text={seg.text} />;
    case 'code':
      return <code className="cinline-code">{seg.text}</code>;
    case 'code-block':
      return (
        <pre className="ccode-block" data-lang={seg.lang || undefined}>
          {seg.lang && <span className="ccode-lang">{seg.lang}</span>}
          <code>{seg.text}</code>
        </pre>
      );
    case 'mention':
      return (
        <span className={`mention-chip mention-${seg.type}`} title={`${seg.type} mention ${seg.raw}`}>
          {MENTION_PREFIX[seg.type]}
          {seg.id}
        </span>
      );
    case 'emoji':
      return (
        <span className="emoji-chip" title={seg.raw}>
          :{seg.name}:
        </span>
      );
  }
}

/**
 * A response rendered safely: React text nodes only (never innerHTML), with fenced code blocks
 * as monospace blocks and mentions as chips.
 */
export const ConsoleText = memo(function ConsoleText({ text }: { text: string }) {
  const segments = useMemo(() => parseMessage(text), [text]);
  return (
    <div className="ctext">
      {segments.map((seg, i) => (
        <SegmentView key={i} seg={seg} />
      ))}
    </div>
  );
});
