import { useId, useState, type ReactNode } from 'react';
import { formatInlineValue } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { getIn, pathKey, type ConfigPath } from './config-paths';
import { secretState, type SecretState } from './secrets';
import { issuesAt, overrideOf, useSettingsForm } from './SettingsContext';
import { useSettingsStore } from './settings-store';
import { RowFrame } from './RowFrame';
import { friendlyMessage, type Issue } from './validation';

export interface FieldProps {
  path: ConfigPath;
  label: string;
  hint?: ReactNode;
}

/** The messages under a field: the panel's check and the runtime's (marked). */
export function IssueList({ issues, id, base }: { issues: readonly Issue[]; id?: string; base?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="set-issues" id={id}>
      {issues.map((i, n) => {
        const sub = base && i.key !== base ? i.key.slice(base.length + 1) : '';
        return (
          <li key={n} title={i.message} data-issue-path={i.key}>
            <Icon name="alert" size={11} />
            <span>
              {sub && (
                <span className="set-issue-at">{/^\d+$/.test(sub) ? `#${Number(sub) + 1}` : sub}: </span>
              )}
              {friendlyMessage(i.message)}
              {i.server && <span className="set-issue-src"> (runtime)</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A labelled row: name and explanation on the left, the control and its problems on the right. */
export function Row({
  pathKeyValue,
  label,
  hint,
  htmlFor,
  children,
  issues,
  issueBase,
  wide = false,
  overrideDisplay,
}: {
  pathKeyValue: string;
  /** What to show for an overridden value instead of the value itself (secrets). */
  overrideDisplay?: string;
  label: string;
  hint?: ReactNode;
  htmlFor?: string;
  children: ReactNode;
  issues: readonly Issue[];
  issueBase?: string;
  wide?: boolean;
}) {
  const { overridden, effective } = useSettingsForm();
  const override = overrideOf(overridden, pathKeyValue);
  const errorsId = useId();
  return (
    <RowFrame
      pathKeyValue={pathKeyValue}
      label={label}
      hint={hint}
      htmlFor={htmlFor}
      wide={wide}
      hasIssues={issues.length > 0}
    >
      {override ? (
        <div className="set-override">
          <span className="set-override-value mono">
            {overrideDisplay ?? formatInlineValue(getIn(effective, pathKeyValue.split('.')))}
          </span>
          <span className="set-override-note">
            <Icon name="lock" size={11} /> Overridden for this run (command-line flag or a live change);
            read-only here. Saving keeps the value stored in the file.
          </span>
        </div>
      ) : (
        children
      )}
      <IssueList issues={issues} id={errorsId} base={issueBase} />
    </RowFrame>
  );
}

function useField(path: ConfigPath, children = false) {
  const key = pathKey(path);
  const { issues, overridden } = useSettingsForm();
  const value = useSettingsStore((s) => getIn(s.draft, path));
  const setField = useSettingsStore((s) => s.setField);
  return {
    key,
    value,
    set: (v: unknown) => setField(path, v),
    issues: issuesAt(issues, key, children),
    readOnly: overrideOf(overridden, key) !== null,
  };
}

export function TextField({
  path,
  label,
  hint,
  placeholder,
  nullable = false,
  mono = false,
}: FieldProps & { placeholder?: string; nullable?: boolean; mono?: boolean }) {
  const f = useField(path);
  const id = useId();
  const text = typeof f.value === 'string' ? f.value : '';
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} htmlFor={id} issues={f.issues}>
      <input
        id={id}
        type="text"
        className={`${mono ? 'mono ' : ''}${f.issues.length ? 'invalid' : ''}`}
        value={text}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={f.issues.length > 0}
        onChange={(e) => f.set(nullable && e.target.value === '' ? null : e.target.value)}
      />
    </Row>
  );
}

/** A number typed as text: what does not parse stays text in the draft, so the schema reports it. */
export function parseNumberInput(text: string): number | string {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

/** A bare number input bound to a draft path (used in rows and in tables). */
export function NumberInput({
  path,
  label,
  id,
  invalid,
  unit,
}: {
  path: ConfigPath;
  label?: string;
  id?: string;
  invalid: boolean;
  unit?: string;
}) {
  const value = useSettingsStore((s) => getIn(s.draft, path));
  const setField = useSettingsStore((s) => s.setField);
  // While typing, the field shows the operator's text ("0." on the way to "0.5"), not the parsed number.
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined || value === null ? '' : String(value));
  return (
    <span className="num-field">
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className={`num-input${invalid ? ' invalid' : ''}`}
        value={shown}
        spellCheck={false}
        autoComplete="off"
        aria-label={label}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          setField(path, parseNumberInput(e.target.value));
        }}
        onBlur={() => setText(null)}
      />
      {unit && <span className="num-unit">{unit}</span>}
    </span>
  );
}

export function NumberField({ path, label, hint, unit }: FieldProps & { unit?: string }) {
  const f = useField(path);
  const id = useId();
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} htmlFor={id} issues={f.issues}>
      <NumberInput path={path} id={id} invalid={f.issues.length > 0} unit={unit} />
    </Row>
  );
}

export function Toggle({ path, label, hint }: FieldProps) {
  const f = useField(path);
  const id = useId();
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} htmlFor={id} issues={f.issues}>
      <label className="switch">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={f.value === true}
          onChange={(e) => f.set(e.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-text">{f.value === true ? 'on' : 'off'}</span>
      </label>
    </Row>
  );
}

export function SelectField({
  path,
  label,
  hint,
  options,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const f = useField(path);
  const id = useId();
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} htmlFor={id} issues={f.issues}>
      <select
        id={id}
        value={typeof f.value === 'string' ? f.value : ''}
        className={f.issues.length ? 'invalid' : undefined}
        onChange={(e) => f.set(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}

/** A list of short strings as removable chips, with an input to add one (Enter or comma). */
export function TagListField({
  path,
  label,
  hint,
  placeholder,
  mono = true,
}: FieldProps & { placeholder: string; mono?: boolean }) {
  const f = useField(path, true);
  const id = useId();
  const [text, setText] = useState('');
  const items = Array.isArray(f.value) ? (f.value as unknown[]).map((v) => String(v)) : [];
  const add = (): void => {
    const v = text.trim();
    if (v === '') return;
    f.set([...items, v]);
    setText('');
  };
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} htmlFor={id} issues={f.issues} issueBase={f.key}>
      <div className={`tag-list${f.issues.length ? ' invalid' : ''}`}>
        {items.map((item, i) => {
          const bad = f.issues.some((x) => x.key === `${f.key}.${i}`);
          return (
            <span key={`${i}:${item}`} className={`tag${mono ? ' mono' : ''}${bad ? ' bad' : ''}`}>
              {item === '' ? <span className="dim">(empty)</span> : item}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${item}`}
                onClick={() => f.set(items.filter((_, n) => n !== i))}
              >
                <Icon name="close" size={10} />
              </button>
            </span>
          );
        })}
        <input
          id={id}
          type="text"
          className={mono ? 'tag-input mono' : 'tag-input'}
          placeholder={placeholder}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-label={`Add to ${label}`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Escape') {
              setText('');
            }
          }}
          onBlur={add}
        />
      </div>
    </Row>
  );
}

/** An ordered list of middleware names: move up/down, remove, add back a built-in or a name. */
export function OrderListField({
  path,
  label,
  hint,
  builtins,
}: FieldProps & { builtins: readonly string[] }) {
  const f = useField(path, true);
  const [name, setName] = useState('');
  const items = Array.isArray(f.value) ? (f.value as unknown[]).map((v) => String(v)) : [];
  const missing = builtins.filter((b) => !items.includes(b));
  const move = (from: number, to: number): void => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    f.set(next);
  };
  const addName = (n: string): void => {
    const v = n.trim();
    if (v === '' || items.includes(v)) return;
    f.set([...items, v]);
    setName('');
  };
  return (
    <Row pathKeyValue={f.key} label={label} hint={hint} issues={f.issues} issueBase={f.key}>
      <div className="order-list" role="group" aria-label={label}>
        {/* only list items inside the list role (ARIA); the empty note and the adder follow it */}
        <div className="order-items" role="list" aria-label={`${label} order`}>
          {items.map((item, i) => (
            <div key={item + i} className="order-item" role="listitem" data-item={item}>
              <span className="order-index">{i + 1}</span>
              <code className="order-name">{item}</code>
              {builtins.includes(item) ? (
                <span className="order-kind">built-in</span>
              ) : (
                <span className="order-kind custom">from a command file</span>
              )}
              <span className="order-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${item} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <Icon name="up" size={13} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${item} down`}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <Icon name="down" size={13} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${item}`}
                  onClick={() => f.set(items.filter((_, n) => n !== i))}
                >
                  <Icon name="close" size={12} />
                </button>
              </span>
            </div>
          ))}
        </div>
        {items.length === 0 && <div className="order-empty">None: this stage is skipped.</div>}
        <div className="order-add">
          {missing.map((b) => (
            <button key={b} type="button" className="button small quiet" onClick={() => addName(b)}>
              <Icon name="plus" size={11} />
              {b}
            </button>
          ))}
          <input
            type="text"
            className="mono"
            placeholder="middleware name"
            aria-label={`Add a middleware to ${label}`}
            value={name}
            spellCheck={false}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addName(name);
              }
            }}
          />
        </div>
        {missing.length > 0 && <div className="set-hint">Built-ins left out of the list do not run.</div>}
      </div>
    </Row>
  );
}

const SECRET_LABEL: Record<SecretState, string> = {
  set: 'set',
  unset: 'not set',
  replace: 'new value on save',
  clear: 'cleared on save',
  lost: 'must be entered again',
};

/**
 * A secret (token, password). Its value is never shown, never sent by the runtime and never
 * put back into the page: the field says whether one is set, and takes a new one (a password
 * input that React does not control, so the value stays out of the DOM's attributes) or a clear.
 */
export function SecretField({
  path,
  label,
  hint,
  clearable = true,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  clearable?: boolean;
}) {
  const { secrets, issues } = useSettingsForm();
  const setSecret = useSettingsStore((s) => s.setSecret);
  const [editing, setEditing] = useState(false);
  const id = useId();
  const state = secretState(path, secrets);
  const held = secretState(path, { ...secrets, changes: {} });
  const showInput = editing || state === 'replace';
  const fieldIssues = issuesAt(issues, path);
  return (
    <Row
      pathKeyValue={path}
      label={label}
      hint={hint}
      htmlFor={showInput ? id : undefined}
      issues={fieldIssues}
      overrideDisplay="set for this run by a command-line flag or the environment"
    >
      <div className="secret-field">
        <span className={`secret-status st-${state}`} data-testid={`secret-${path}`}>
          <Icon name="key" size={12} />
          {SECRET_LABEL[state]}
        </span>
        {showInput && (
          <input
            id={id}
            type="password"
            className="secret-input"
            autoComplete="new-password"
            placeholder={state === 'lost' ? 'enter it again' : 'new value (never shown again)'}
            aria-label={`New ${label}`}
            autoFocus
            onChange={(e) => setSecret(path, e.target.value === '' ? undefined : e.target.value)}
          />
        )}
        {!showInput && state !== 'clear' && (
          <button type="button" className="button small" onClick={() => setEditing(true)}>
            {state === 'set' ? 'Replace' : 'Set'}
          </button>
        )}
        {clearable && state === 'set' && !showInput && (
          <button type="button" className="button small quiet" onClick={() => setSecret(path, null)}>
            Clear
          </button>
        )}
        {(showInput || state === 'clear') && (
          <button
            type="button"
            className="button small quiet"
            onClick={() => {
              setEditing(false);
              setSecret(path, undefined);
            }}
          >
            <Icon name="undo" size={11} />
            {held === 'set' ? 'Keep current' : 'Cancel'}
          </button>
        )}
      </div>
    </Row>
  );
}
