import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../../ui/Icon';
import { CURSOR_START, stepHistory, type HistoryCursor } from './history';

export interface ConsoleInputProps {
  history: readonly string[];
  onRun: (line: string) => void;
  onClear: () => void;
  disabled?: boolean;
  /** Text put into the input from outside (clicking an earlier command), with a changing key. */
  injected?: { text: string; key: number } | null;
}

/**
 * The command line: Enter runs, ↑/↓ walk the history (the unsent draft comes back below the
 * newest entry), Ctrl+L clears the output, Escape empties the line.
 */
export function ConsoleInput({ history, onRun, onClear, disabled = false, injected }: ConsoleInputProps) {
  const [value, setValue] = useState('');
  const [cursor, setCursor] = useState<HistoryCursor>(CURSOR_START);
  const [lastInjected, setLastInjected] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Adopt text injected from outside once per key (state derived during render, not in an effect).
  if (injected && injected.key !== lastInjected) {
    setLastInjected(injected.key);
    setValue(injected.text);
    setCursor(CURSOR_START);
  }

  useEffect(() => {
    if (injected) input.current?.focus();
  }, [injected]);

  const run = (): void => {
    const line = value.trim();
    if (line === '') return;
    onRun(line);
    setValue('');
    setCursor(CURSOR_START);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      run();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const step = stepHistory(history, cursor, e.key === 'ArrowUp' ? -1 : 1, value);
      e.preventDefault();
      if (!step) return;
      setCursor(step.cursor);
      setValue(step.text);
      const el = e.currentTarget;
      requestAnimationFrame(() => el.setSelectionRange(step.text.length, step.text.length));
    } else if (e.key === 'Escape') {
      setValue('');
      setCursor(CURSOR_START);
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      onClear();
    }
  };

  return (
    <form
      className="console-input"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <span className="cprompt" aria-hidden="true">
        ›
      </span>
      <input
        ref={input}
        type="text"
        aria-label="Command"
        placeholder="Type a command, e.g. help — exactly as on the terminal console"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus
        value={value}
        disabled={disabled}
        onChange={(e) => {
          setValue(e.target.value);
          if (cursor.index !== null) setCursor({ index: null, draft: e.target.value });
        }}
        onKeyDown={onKeyDown}
      />
      <span className="console-hints" aria-hidden="true">
        <span className="kbd">↑</span>
        <span className="kbd">↓</span> history
      </span>
      <button type="submit" className="button primary" disabled={disabled || value.trim() === ''}>
        <Icon name="enter" size={13} />
        Run
      </button>
    </form>
  );
}
