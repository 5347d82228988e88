import { LOG_LEVELS } from '../../../shared/dto/log';
import { NumberField, SelectField } from './fields';
import { Section } from './SettingsSection';

export function LoggingSection() {
  return (
    <Section id="logging" title="Logging" description="What the runtime records.">
      <SelectField
        path={['logging', 'level']}
        label="Level"
        hint="Lines below it are not written."
        options={LOG_LEVELS.map((l) => ({ value: l, label: l }))}
      />
      <NumberField
        path={['logging', 'ringSize']}
        label="Ring size"
        hint="Entries kept in memory for the Logs view."
        unit="entries"
      />
      <NumberField
        path={['logging', 'ringBytes']}
        label="Ring memory"
        hint="Bytes the Logs view's ring may hold (64 MB = 67108864); the oldest entries go first."
        unit="bytes"
      />
    </Section>
  );
}
