import { Toggle } from './fields';
import { Section } from './SettingsSection';

export function DebugSection() {
  return (
    <Section id="debug" title="Debug" description="Help while developing commands.">
      <Toggle
        path={['debug', 'showCommandErrors']}
        label="Show command errors"
        hint="Send stack traces of failing commands to chat, to owner-rank users only."
      />
    </Section>
  );
}
