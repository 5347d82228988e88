import { Icon, type IconName } from './Icon';
import { ViewHeader } from './ViewHeader';

export interface PlannedViewProps {
  title: string;
  icon: IconName;
  /** What the view is for, one sentence. */
  summary: string;
  /** What will appear there once built. */
  features: readonly string[];
}

/** The tidy empty state of a view that is not built yet: says what will appear there. */
export function PlannedView({ title, icon, summary, features }: PlannedViewProps) {
  return (
    <section className="view" aria-label={title}>
      <ViewHeader title={title} subtitle="Not built yet" />
      <div className="planned">
        <div className="planned-card">
          <div className="planned-icon">
            <Icon name={icon} size={22} />
          </div>
          <h2>{summary}</h2>
          <ul>
            {features.map((feature) => (
              <li key={feature}>{feature}</li>
            ))}
          </ul>
          <p className="planned-note">This view is planned; the runtime contract does not expose it yet.</p>
        </div>
      </div>
    </section>
  );
}
