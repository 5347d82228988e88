import type { CompletionState } from './completion';

/** The candidates under the console input while completing (Tab / Shift+Tab cycle, click picks). */
export function CompletionList({
  id,
  state,
  onPick,
}: {
  id: string;
  state: CompletionState;
  onPick: (index: number) => void;
}) {
  const { items, kind } = state.result;
  return (
    <div className="console-completions" data-testid="console-completions">
      <span className="console-completions-kind">
        {items.length === 0 ? `no suggestions · ${kind}` : kind}
      </span>
      {items.length > 0 && (
        <ul id={id} role="listbox" aria-label="Completions">
          {items.map((item, i) => (
            <li
              key={item.value}
              id={`${id}-${i}`}
              role="option"
              aria-selected={state.selected === i}
              title={item.detail}
              onMouseDown={(e) => {
                e.preventDefault(); // keep the focus in the input
                onPick(i);
              }}
            >
              <code>{item.value}</code>
              {item.detail && <span className="console-completion-detail">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
