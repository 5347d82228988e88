import { Icon } from '../../ui/Icon';
import { getIn } from './config-paths';
import { IssueList } from './fields';
import { issuesAt, useSettingsForm } from './SettingsContext';
import { useSettingsStore } from './settings-store';
import { Section } from './SettingsSection';

export function AliasesSection() {
  const { issues } = useSettingsForm();
  const aliases = useSettingsStore((s) => getIn(s.draft, ['aliases']));
  const setField = useSettingsStore((s) => s.setField);
  const list = Array.isArray(aliases) ? (aliases as { pattern?: unknown; replacement?: unknown }[]) : [];
  const all = issuesAt(issues, 'aliases', true);
  return (
    <Section
      id="aliases"
      title="Aliases"
      description={
        <>
          A message matching a pattern runs the replacement instead. <code>{'{name}'}</code> captures one
          word; the last placeholder captures the rest.
        </>
      }
    >
      <div className="set-row wide" data-path="aliases">
        <table className="set-table" aria-label="Aliases">
          <thead>
            <tr>
              <th>Pattern</th>
              <th aria-hidden="true" />
              <th>Replacement</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((alias, i) => {
              const pIssues = issuesAt(issues, `aliases.${i}.pattern`);
              const rIssues = issuesAt(issues, `aliases.${i}.replacement`);
              return (
                <tr key={i} data-path={`aliases.${i}`}>
                  <td>
                    <input
                      type="text"
                      className={`mono${pIssues.length ? ' invalid' : ''}`}
                      aria-label={`Alias ${i + 1} pattern`}
                      value={typeof alias.pattern === 'string' ? alias.pattern : ''}
                      placeholder="remember {key} is {rest}"
                      spellCheck={false}
                      onChange={(e) => setField(['aliases', i, 'pattern'], e.target.value)}
                    />
                    <IssueList issues={pIssues} />
                  </td>
                  <td className="set-table-arrow" aria-hidden="true">
                    →
                  </td>
                  <td>
                    <input
                      type="text"
                      className={`mono${rIssues.length ? ' invalid' : ''}`}
                      aria-label={`Alias ${i + 1} replacement`}
                      value={typeof alias.replacement === 'string' ? alias.replacement : ''}
                      placeholder="factoid add {key} '{key} is {rest}'"
                      spellCheck={false}
                      onChange={(e) => setField(['aliases', i, 'replacement'], e.target.value)}
                    />
                    <IssueList issues={rIssues} />
                  </td>
                  <td className="set-table-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove alias ${i + 1}`}
                      onClick={() =>
                        setField(
                          ['aliases'],
                          list.filter((_, n) => n !== i),
                        )
                      }
                    >
                      <Icon name="trash" size={13} />
                    </button>
                  </td>
                </tr>
              );
            })}
            {list.length === 0 && (
              <tr>
                <td colSpan={4} className="dim">
                  No aliases.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <IssueList issues={all.filter((i) => i.path.length <= 2)} />
        <button
          type="button"
          className="button small"
          onClick={() => setField(['aliases'], [...list, { pattern: '', replacement: '' }])}
        >
          <Icon name="plus" size={11} />
          Add alias
        </button>
      </div>
    </Section>
  );
}
