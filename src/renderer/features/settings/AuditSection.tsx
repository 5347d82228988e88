import { NumberField } from './fields';
import { Section } from './SettingsSection';

export function AuditSection() {
  return (
    <Section id="audit" title="Audit" description="Audit entries stored in each guild's database.">
      <NumberField
        path={['audit', 'retentionDays']}
        label="Keep entries for"
        hint="Older entries are deleted (checked about once an hour per guild)."
        unit="days"
      />
    </Section>
  );
}
