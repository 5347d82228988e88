import './settings.css';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { formatClock } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ViewHeader } from '../../ui/ViewHeader';
import { RestartHint } from './RestartHint';
import { SECTIONS } from './sections';
import { loadSettings, saveSettings, watchConfigFile } from './settings-actions';
import { SettingsFormContext, type SettingsForm } from './SettingsContext';
import { isDirty, useSettingsStore } from './settings-store';
import { friendlyMessage, mergeIssues, validateDraft, type Issue } from './validation';

/**
 * Scrolls the settings pane (only it: `scrollIntoView` would also shift the app shell) so that
 * `el` sits `offset` px below its top.
 */
function scrollPaneTo(el: HTMLElement, offset: number): void {
  const pane = el.closest<HTMLElement>('.set-scroll');
  if (!pane) return;
  const top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
  pane.scrollTo({ top: Math.max(0, top - offset) });
}

function scrollToPath(key: string): void {
  const parts = key.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.querySelector<HTMLElement>(
      `[data-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`,
    );
    if (el) {
      scrollPaneTo(el, 120);
      el.querySelector<HTMLElement>('input, select, button')?.focus({ preventScroll: true });
      return;
    }
  }
}

function ProblemList({ issues }: { issues: readonly Issue[] }) {
  return (
    <div className="set-problems" role="alert" data-testid="settings-problems">
      <div className="set-problems-title">
        <Icon name="alert" size={13} />
        {issues.length} {issues.length === 1 ? 'problem' : 'problems'} — fix{' '}
        {issues.length === 1 ? 'it' : 'them'} to save
      </div>
      <ul>
        {issues.slice(0, 8).map((i, n) => (
          <li key={n}>
            <button type="button" className="link-button mono" onClick={() => scrollToPath(i.key)}>
              {i.key || '(config)'}
            </button>{' '}
            {friendlyMessage(i.message)}
            {i.server && <span className="dim"> (runtime)</span>}
          </li>
        ))}
        {issues.length > 8 && <li className="dim">…and {issues.length - 8} more</li>}
      </ul>
    </div>
  );
}

function RawJson({ config, secrets }: { config: unknown; secrets: Record<string, boolean> }) {
  const entries = Object.entries(secrets);
  return (
    <div className="raw-json">
      <p className="raw-note">
        The effective config of this run (the file plus command-line overrides), read-only. Secrets are never
        sent to the panel and show as <code>null</code>
        {entries.length > 0 && (
          <>
            ; set here:{' '}
            {entries.map(([path, set]) => (
              <span key={path} className="mono raw-secret">
                {path} {set ? '✓' : '—'}
              </span>
            ))}
          </>
        )}
        .
      </p>
      <pre className="raw-pre" aria-label="Effective config as JSON">
        {JSON.stringify(config, null, 2)}
      </pre>
    </div>
  );
}

/** Settings: the config file, edited in a form validated with the runtime's own schema. */
export function SettingsView() {
  const api = useApi();
  const snapshot = useSettingsStore((s) => s.snapshot);
  const loadError = useSettingsStore((s) => s.loadError);
  const draft = useSettingsStore((s) => s.draft);
  const secretChanges = useSettingsStore((s) => s.secretChanges);
  const serverOrigins = useSettingsStore((s) => s.serverOrigins);
  const serverIssues = useSettingsStore((s) => s.serverIssues);
  const saving = useSettingsStore((s) => s.saving);
  const saveError = useSettingsStore((s) => s.saveError);
  const savedAt = useSettingsStore((s) => s.savedAt);
  const tab = useSettingsStore((s) => s.tab);
  const generation = useSettingsStore((s) => s.generation);
  const setTab = useSettingsStore((s) => s.setTab);
  const dirty = useSettingsStore(isDirty);
  const [active, setActive] = useState('bot');

  // Fresh config whenever the view opens, unless the operator has unsaved edits in it.
  useEffect(() => {
    const s = useSettingsStore.getState();
    if (!isDirty(s)) void loadSettings(api, useSettingsStore);
  }, [api]);
  // Hand edits of config.json while the view is open
  useEffect(() => watchConfigFile(api, useSettingsStore), [api]);
  const diskNotice = useSettingsStore((s) => s.diskNotice);
  const diskError = useSettingsStore((s) => s.diskError);

  const secrets = useMemo(
    () => ({
      secrets: snapshot?.secrets ?? {},
      changes: secretChanges,
      serverOrigins,
      draft,
      stored: snapshot?.stored,
    }),
    [snapshot, secretChanges, serverOrigins, draft],
  );
  const clientIssues = useMemo(() => (draft ? validateDraft(draft, secrets) : []), [draft, secrets]);
  const issues = useMemo(() => mergeIssues(clientIssues, serverIssues), [clientIssues, serverIssues]);
  const form = useMemo<SettingsForm>(
    () => ({ issues, overridden: snapshot?.overridden ?? [], effective: snapshot?.config, secrets }),
    [issues, snapshot, secrets],
  );
  const invalid = clientIssues.length > 0;

  const save = (): void => void saveSettings(api, useSettingsStore);

  const status = saving ? (
    <span className="set-status">Saving…</span>
  ) : invalid ? (
    <span className="set-status tone-text-err" data-testid="settings-status">
      {clientIssues.length} {clientIssues.length === 1 ? 'problem' : 'problems'}
    </span>
  ) : dirty ? (
    <span className="set-status tone-text-warn" data-testid="settings-status">
      Unsaved changes
    </span>
  ) : savedAt ? (
    <span className="set-status tone-text-ok" data-testid="settings-status">
      <Icon name="check" size={12} /> Saved {formatClock(savedAt).slice(0, 8)}
    </span>
  ) : null;

  return (
    <section className="view" aria-label="Settings">
      <ViewHeader
        title="Settings"
        subtitle={snapshot ? <span className="mono">{snapshot.file}</span> : undefined}
      >
        <nav className="segmented view-tabs" aria-label="Settings mode">
          <button type="button" aria-pressed={tab === 'form'} onClick={() => setTab('form')}>
            Form
          </button>
          <button type="button" aria-pressed={tab === 'raw'} onClick={() => setTab('raw')}>
            Raw JSON
          </button>
        </nav>
        {status}
        <button
          type="button"
          className="button"
          // Back to what the runtime has now (the console's `badword add` and the like change it too).
          onClick={() => void loadSettings(api, useSettingsStore)}
          disabled={!dirty || saving}
        >
          <Icon name="undo" size={13} />
          Discard
        </button>
        <button
          type="button"
          className="button primary"
          onClick={save}
          disabled={!dirty || invalid || saving}
          title={
            invalid ? 'Fix the problems first' : dirty ? 'Validate and write the config file' : 'No changes'
          }
        >
          <Icon name="save" size={13} />
          Save
        </button>
      </ViewHeader>
      {!snapshot || !draft ? (
        <div className={loadError ? 'view-message error' : 'view-message'}>
          {loadError ? `Could not load the config: ${loadError}` : 'Loading config…'}
        </div>
      ) : tab === 'raw' ? (
        <div className="view-body scroll">
          <RawJson config={snapshot.config} secrets={snapshot.secrets} />
        </div>
      ) : (
        <SettingsFormContext.Provider value={form}>
          <div className="settings-body">
            <nav className="set-toc" aria-label="Settings sections">
              {SECTIONS.map((s) => {
                const count = issues.filter((i) => s.keys.includes(String(i.path[0]))).length;
                return (
                  <a
                    key={s.id}
                    href={`#/settings`}
                    className={active === s.id ? 'active' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      setActive(s.id);
                      const section = document.getElementById(`settings-${s.id}`);
                      if (section) scrollPaneTo(section, 14);
                    }}
                  >
                    {s.title}
                    {count > 0 && <span className="toc-count">{count}</span>}
                  </a>
                );
              })}
            </nav>
            <div
              className="set-scroll"
              onScroll={(e) => {
                // The index follows the section at the top of the scroll area (the last one at the bottom).
                const el = e.currentTarget;
                const top = el.getBoundingClientRect().top;
                let current = SECTIONS[0]!.id;
                if (el.scrollHeight - el.scrollTop - el.clientHeight < 4) current = SECTIONS.at(-1)!.id;
                else
                  for (const s of SECTIONS) {
                    const section = document.getElementById(`settings-${s.id}`);
                    if (section && section.getBoundingClientRect().top - top <= 48) current = s.id;
                  }
                if (current !== active) setActive(current);
              }}
            >
              {diskError && (
                <div className="callout err" role="alert" data-testid="config-disk-error">
                  <Icon name="alert" size={14} />
                  <span>
                    config.json on disk is not valid, so the runtime keeps the last valid config and saving is
                    refused until the file is fixed: {diskError}
                  </span>
                </div>
              )}
              {diskNotice && (
                <div className="callout warn" data-testid="config-disk-notice">
                  <Icon name="alert" size={14} />
                  <span>{diskNotice}</span>
                </div>
              )}
              {saveError && !serverIssues.length && (
                <div className="callout err" role="alert">
                  <Icon name="alert" size={14} />
                  <span>Could not save: {saveError}</span>
                </div>
              )}
              {serverIssues.length > 0 && (
                <div className="callout err" role="alert">
                  <Icon name="alert" size={14} />
                  <span>The runtime refused the config: {saveError}. The problems are marked below.</span>
                </div>
              )}
              <RestartHint />
              {issues.length > 0 && <ProblemList issues={issues} />}
              {snapshot.overridden.length > 0 && (
                <div className="callout warn">
                  <Icon name="lock" size={13} />
                  <span>
                    Overridden for this run and read-only here:{' '}
                    {snapshot.overridden.map((k) => (
                      <code key={k}>{k}</code>
                    ))}
                  </span>
                </div>
              )}
              {/* Remounted by every load, so typed secrets and half-typed numbers do not outlive a save. */}
              <Fragment key={generation}>
                {SECTIONS.map((s) => (
                  <s.Component key={s.id} />
                ))}
              </Fragment>
            </div>
          </div>
        </SettingsFormContext.Provider>
      )}
    </section>
  );
}
