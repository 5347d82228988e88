import { useState } from 'react';
import { Icon } from '../../ui/Icon';
import { getIn } from './config-paths';
import { IssueList, NumberInput } from './fields';
import { issuesAt, useSettingsForm } from './SettingsContext';
import { useSettingsStore } from './settings-store';
import { RowFrame } from './RowFrame';

/** Settings › Rate limits: the per-command (or per-module) buckets, added and removed by name. */
export function ModuleLimits() {
  const { issues } = useSettingsForm();
  const modules = useSettingsStore((s) => getIn(s.draft, ['rateLimit', 'modules']));
  const setField = useSettingsStore((s) => s.setField);
  const [name, setName] = useState('');
  const entries = modules && typeof modules === 'object' ? Object.keys(modules as object) : [];
  const nameProblem = name.trim() !== '' && entries.includes(name.trim()) ? 'already listed' : null;
  const add = (): void => {
    const n = name.trim();
    if (!n || nameProblem) return;
    setField(['rateLimit', 'modules'], { ...(modules as object), [n]: { burst: 1, perSecond: 0.2 } });
    setName('');
  };
  return (
    <RowFrame
      pathKeyValue="rateLimit.modules"
      label="Per-command limits"
      hint="Per user, for a command or module (e.g. quiz: 1 at once, then 0.1 / s)."
      wide
    >
      <table className="set-table compact" aria-label="Per-command limits">
        <thead>
          <tr>
            <th>Command / module</th>
            <th>Burst</th>
            <th>Per second</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.map((m) => (
            <tr key={m} data-path={`rateLimit.modules.${m}`}>
              <td className="mono">{m}</td>
              <td>
                <NumberInput
                  path={['rateLimit', 'modules', m, 'burst']}
                  label={`${m} burst`}
                  invalid={issuesAt(issues, `rateLimit.modules.${m}.burst`).length > 0}
                />
              </td>
              <td>
                <NumberInput
                  path={['rateLimit', 'modules', m, 'perSecond']}
                  label={`${m} per second`}
                  invalid={issuesAt(issues, `rateLimit.modules.${m}.perSecond`).length > 0}
                />
              </td>
              <td className="set-table-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove the limit for ${m}`}
                  onClick={() => {
                    const next = { ...(modules as Record<string, unknown>) };
                    delete next[m];
                    setField(['rateLimit', 'modules'], next);
                  }}
                >
                  <Icon name="trash" size={13} />
                </button>
              </td>
            </tr>
          ))}
          {entries.length === 0 && (
            <tr>
              <td colSpan={4} className="dim">
                No per-command limits.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <IssueList issues={issuesAt(issues, 'rateLimit.modules', true)} base="rateLimit.modules" />
      <div className="inline-add">
        <input
          type="text"
          className="mono"
          placeholder="command or module"
          aria-label="Command or module to limit"
          value={name}
          spellCheck={false}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button small" onClick={add} disabled={!name.trim() || !!nameProblem}>
          <Icon name="plus" size={11} />
          Add limit
        </button>
        {nameProblem && <span className="form-error">{nameProblem}</span>}
      </div>
    </RowFrame>
  );
}
