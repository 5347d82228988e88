import './console.css';
import { useCallback, useRef, useState } from 'react';
import { useApi, useConnection } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { useRunningStore } from '../running/running-store';
import { AnsweringNote } from './AnsweringNote';
import { answeringIn, PANEL_CONSOLE_SESSION } from './answering';
import { ConsoleInput } from './ConsoleInput';
import { ConsoleLog } from './ConsoleLog';
import { useConsoleStore } from './console-store';

const EXAMPLES = ['help', 'echo hello <@123>', 'countdown 5', 'running'];

/** The panel's console session: commands run exactly as on the terminal console (rank 1). */
export function ConsoleView() {
  const api = useApi();
  const connection = useConnection();
  const groups = useConsoleStore((s) => s.groups);
  const history = useConsoleStore((s) => s.history);
  const remember = useConsoleStore((s) => s.remember);
  const clear = useConsoleStore((s) => s.clear);
  const addLocal = useConsoleStore((s) => s.addLocal);
  const stick = useRef(true);
  const [injected, setInjected] = useState<{ text: string; key: number } | null>(null);

  const waiting = useRunningStore((s) => answeringIn(s.invocations, PANEL_CONSOLE_SESSION));
  const run = useCallback(
    (line: string, asCommand: boolean): void => {
      remember(line);
      stick.current = true;
      api.call(asCommand ? 'console.execCommand' : 'console.exec', { line }).catch((err: unknown) => {
        addLocal('error', `Could not run "${line}": ${describeError(err)}`);
      });
    },
    [api, remember, addLocal],
  );
  const complete = useCallback((line: string) => api.call('console.complete', { line }), [api]);
  const reuse = useCallback(
    (text: string) => setInjected((prev) => ({ text, key: (prev?.key ?? 0) + 1 })),
    [],
  );

  const live = connection.state === 'connected';
  return (
    <section className="view" aria-label="Console">
      <ViewHeader
        title="Console"
        subtitle="Session “panel” · rank 1 (owner) · no trigger needed, as on the terminal"
      >
        <button
          type="button"
          className="button"
          onClick={clear}
          disabled={groups.length === 0}
          title="Clear the output (Ctrl+L)"
        >
          <Icon name="clear" size={13} />
          Clear
        </button>
      </ViewHeader>
      <div className="console-pane">
        {groups.length > 0 ? (
          <ConsoleLog groups={groups} stickRef={stick} onReuse={reuse} />
        ) : (
          <div className="console-empty">
            <Icon name="terminal" size={22} />
            <div className="console-empty-title">Run a command</div>
            <p>Output of this panel’s console session appears here, grouped per command. Try one of these:</p>
            <div className="console-examples">
              {EXAMPLES.map((ex) => (
                <button key={ex} type="button" className="button small" onClick={() => reuse(ex)}>
                  <code>{ex}</code>
                </button>
              ))}
            </div>
          </div>
        )}
        {!live && (
          <div className="console-offline" role="status">
            Not connected: responses arrive once the event stream is back.
          </div>
        )}
      </div>
      <AnsweringNote />
      <ConsoleInput
        history={history}
        onRun={run}
        onClear={clear}
        complete={complete}
        answering={waiting}
        injected={injected}
      />
    </section>
  );
}
