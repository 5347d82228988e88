import { TextField } from './fields';
import { Section } from './SettingsSection';

export function BotSection() {
  return (
    <Section id="bot" title="Bot" description="How the bot is called in channels.">
      <TextField
        path={['bot', 'name']}
        label="Name"
        hint="Used for addressing (“bot, help”). Adapters may report the real nick."
      />
    </Section>
  );
}
