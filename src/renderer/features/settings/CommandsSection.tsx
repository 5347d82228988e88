import { NumberField, Toggle } from './fields';
import { Section } from './SettingsSection';

export function CommandsSection() {
  return (
    <Section id="commands" title="Commands" description="Loading and running command files.">
      <Toggle
        path={['commands', 'autoReload']}
        label="Auto reload"
        hint="Reload command files when they change on disk."
      />
      <NumberField
        path={['commands', 'timeoutMs']}
        label="Timeout"
        hint="Default per invocation; a command may declare its own."
        unit="ms"
      />
      <NumberField
        path={['commands', 'cleanupTimeoutMs']}
        label="Clean-up timeout"
        hint="How long each clean-up handler may take at shutdown."
        unit="ms"
      />
    </Section>
  );
}
