import { PlannedView } from '../../ui/PlannedView';

export function AuditView() {
  return (
    <PlannedView
      title="Audit"
      icon="audit"
      summary="Audit-log channels and what they recorded."
      features={[
        'Configured audit-log channels per guild and the events each one receives',
        'Recent audit entries: who did what, where and when',
        'Filter by guild, event type and user',
      ]}
    />
  );
}
