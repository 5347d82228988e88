import { type ReactNode } from 'react';
import { useSettingsForm } from './SettingsContext';

/** One section of the Settings view: title, problem count, description, and its rows. */
export function Section({
  id,
  title,
  keys = [id],
  description,
  children,
}: {
  id: string;
  title: string;
  /** Top-level config keys whose problems the section counts (default: its id). */
  keys?: readonly string[];
  description: ReactNode;
  children: ReactNode;
}) {
  const { issues } = useSettingsForm();
  const count = issues.filter((i) => keys.includes(String(i.path[0]))).length;
  return (
    <section className="set-section" id={`settings-${id}`} aria-labelledby={`settings-${id}-title`}>
      <header className="set-section-head">
        <h2 id={`settings-${id}-title`}>{title}</h2>
        {count > 0 && (
          <span className="badge tone-err">
            {count} {count === 1 ? 'problem' : 'problems'}
          </span>
        )}
        <p>{description}</p>
      </header>
      <div className="set-rows">{children}</div>
    </section>
  );
}
