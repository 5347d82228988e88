import { CornerDownLeft, SquarePlus } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Completion } from '../../../shared/dto/console-tools';
import { Icon } from '../../ui/Icon';
import { CompletionList } from './CompletionList';
import { applyCompletion, cycle, firstTab, type CompletionState } from './completion';
import { CURSOR_START, stepHistory, type HistoryCursor } from './history';

export interface ConsoleInputProps {
  history: readonly string[];
  /** `asCommand`: run as a new command even though a command waits for this session's answer. */
  onRun: (line: string, asCommand: boolean) => void;
  onClear: () => void;
  /** Completions for the line's last word (Tab); rejects when the runtime cannot answer. */
  complete?: (line: string) => Promise<Completion>;
  /** The command the next line answers, when one waits ("answering #9 quiz"). */
  answering?: { id: number; command: string } | null;
  disabled?: boolean;
  /** Text put into the input from outside (clicking an earlier command), with a changing key. */
  injected?: { text: string; key: number } | null;
}

/**
 * The command line: Enter runs (answering a waiting command, if one waits), Ctrl/Cmd+Enter runs
 * it as a new command instead, Tab completes, ↑/↓ walk the history (the unsent draft comes back
 * below the newest entry), Ctrl+L clears the output, Escape closes the completions or empties
 * the line.
 */
export function ConsoleInput({
  history,
  onRun,
  onClear,
  complete,
  answering = null,
  disabled = false,
  injected,
}: ConsoleInputProps) {
  const [value, setValue] = useState('');
  const [cursor, setCursor] = useState<HistoryCursor>(CURSOR_START);
  const [lastInjected, setLastInjected] = useState<number | null>(null);
  const [completion, setCompletion] = useState<CompletionState | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);
  const listId = useId();

  // Adopt text injected from outside once per key (state derived during render, not in an effect).
  if (injected && injected.key !== lastInjected) {
    setLastInjected(injected.key);
    setValue(injected.text);
    setCursor(CURSOR_START);
    setCompletion(null);
  }

  useEffect(() => {
    if (injected) input.current?.focus();
  }, [injected]);

  const run = (asCommand: boolean): void => {
    const line = value.trim();
    if (line === '') return;
    onRun(line, asCommand);
    setValue('');
    setCursor(CURSOR_START);
    setCompletion(null);
  };

  const show = (line: string, state: CompletionState | null): void => {
    setValue(line);
    setCompletion(state);
    setCursor(CURSOR_START);
    const el = input.current;
    if (el) requestAnimationFrame(() => el.setSelectionRange(line.length, line.length));
  };

  const tab = async (back: boolean): Promise<void> => {
    if (completion && completion.result.items.length > 1) {
      const next = cycle(completion, back);
      return show(next.line, next.state);
    }
    if (!complete) return;
    const line = value;
    const ticket = ++asked.current;
    let result: Completion;
    try {
      result = await complete(line);
    } catch {
      return; // no completions while the runtime cannot answer; the line stays as typed
    }
    if (ticket !== asked.current) return; // the operator typed on meanwhile
    const next = firstTab(line, result);
    show(next.line, next.state);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      run(e.ctrlKey || e.metaKey);
    } else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey && complete) {
      // Tab with an empty line keeps moving the focus (keyboard users leave the input that way)
      if (value === '' && !completion) return;
      e.preventDefault();
      void tab(e.shiftKey);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const step = stepHistory(history, cursor, e.key === 'ArrowUp' ? -1 : 1, value);
      e.preventDefault();
      if (!step) return;
      setCursor(step.cursor);
      setValue(step.text);
      setCompletion(null);
      const el = e.currentTarget;
      requestAnimationFrame(() => el.setSelectionRange(step.text.length, step.text.length));
    } else if (e.key === 'Escape') {
      if (completion) setCompletion(null);
      else {
        setValue('');
        setCursor(CURSOR_START);
      }
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      onClear();
    }
  };

  const pick = (index: number): void => {
    if (!completion) return;
    const item = completion.result.items[index];
    if (item) show(applyCompletion(completion.line, completion.result.from, item.value, true), null);
    input.current?.focus();
  };

  const listOpen = completion !== null && completion.result.items.length > 0;
  return (
    <>
      {completion && <CompletionList id={listId} state={completion} onPick={pick} />}
      <form
        className="console-input"
        onSubmit={(e) => {
          e.preventDefault();
          run(false);
        }}
      >
        <span className="cprompt" aria-hidden="true">
          ›
        </span>
        <input
          ref={input}
          type="text"
          aria-label="Command"
          placeholder="Type a command, e.g. help — Tab completes"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          // stays a textbox (its name and role are what scripts and tests find); the list is tied to it
          aria-autocomplete="list"
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={
            listOpen && completion.selected !== null ? `${listId}-${completion.selected}` : undefined
          }
          value={value}
          disabled={disabled}
          onChange={(e) => {
            ++asked.current;
            setValue(e.target.value);
            setCompletion(null);
            if (cursor.index !== null) setCursor({ index: null, draft: e.target.value });
          }}
          onKeyDown={onKeyDown}
        />
        <span className="console-hints" aria-hidden="true">
          <span className="kbd">Tab</span> complete <span className="kbd">↑</span>
          <span className="kbd">↓</span> history
        </span>
        {answering && (
          <button
            type="button"
            className="button as-new"
            disabled={disabled || value.trim() === ''}
            title={`Run this line as a new command instead of answering #${answering.id} ${answering.command} (Ctrl+Enter)`}
            onClick={() => run(true)}
          >
            <SquarePlus size={13} aria-hidden="true" />
            Run as new command
          </button>
        )}
        <button type="submit" className="button primary" disabled={disabled || value.trim() === ''}>
          {answering ? <CornerDownLeft size={13} aria-hidden="true" /> : <Icon name="enter" size={13} />}
          {answering ? 'Answer' : 'Run'}
        </button>
      </form>
    </>
  );
}
