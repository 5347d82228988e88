import { useRunningStore } from '../running/running-store';
import { answeringIn, PANEL_CONSOLE_SESSION } from './answering';

/** "answering #9 quiz": shown while a command of this session waits for the next line. */
export function AnsweringNote() {
  const waiting = useRunningStore((s) => answeringIn(s.invocations, PANEL_CONSOLE_SESSION));
  if (!waiting) return null;
  return (
    <div className="console-answering" role="status">
      answering #{waiting.id} {waiting.command} — your next line is its answer
    </div>
  );
}
