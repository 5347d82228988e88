import { NumberField, SecretField, SelectField, TagListField, TextField, Toggle } from './fields';
import { Section } from './SettingsSection';

export function DiscordSection() {
  return (
    <Section id="discord" title="Discord" description="The Discord adapter.">
      <SecretField
        path="discord.token"
        label="Bot token"
        hint="Never shown and never sent to the panel. Also DISCORD_TOKEN or --discord-token."
      />
      <TextField
        path={['discord', 'api']}
        label="API URL"
        hint="REST base URL override (a REST proxy or a test server). Empty: Discord’s own."
        placeholder="https://discord.com/api"
        nullable
        mono
      />
      <Toggle
        path={['discord', 'membersIntent']}
        label="Members intent"
        hint="Request the privileged Guild Members intent (complete member lists)."
      />
      <Toggle
        path={['discord', 'messageContentIntent']}
        label="Message Content intent"
        hint="Request the privileged Message Content intent (prefix commands in guilds need it; slash commands, mentions and DMs do not)."
      />
      <NumberField
        path={['discord', 'globalRequestsPerSecond']}
        label="Global request limit"
        hint="Requests per second across all of Discord's REST API: 50 unless Discord raised it for this bot."
        unit="/s"
      />
      <NumberField
        path={['discord', 'adminRank']}
        label="Administrator rank"
        hint="Members with Administrator."
      />
      <NumberField
        path={['discord', 'manageGuildRank']}
        label="Manage Guild rank"
        hint="Members with Manage Guild."
      />
      <Toggle
        path={['discord', 'commands', 'enabled']}
        label="Slash commands"
        hint="Offer every command as a Discord slash command (registered on connect and after reloads)."
      />
      <SelectField
        path={['discord', 'commands', 'scope']}
        label="Slash command scope"
        hint="Global, or registered per guild (changes show at once)."
        options={[
          { value: 'global', label: 'Global' },
          { value: 'guilds', label: 'Per guild' },
        ]}
      />
      <TagListField
        path={['discord', 'commands', 'guilds']}
        label="Slash command guilds"
        hint="Guild ids for the per-guild scope; none means every guild the bot is in."
        placeholder="guild id"
      />
      <NumberField
        path={['discord', 'commands', 'deferAfterMs']}
        label="Defer slash commands after"
        hint="A slash command still silent after this long shows “thinking…” (Discord allows 3 s)."
        unit="ms"
      />
      <SelectField
        path={['discord', 'presence', 'status']}
        label="Status"
        hint="What the bot shows in member lists (the activity is set with the presence command)."
        options={[
          { value: 'online', label: 'Online' },
          { value: 'idle', label: 'Idle' },
          { value: 'dnd', label: 'Do not disturb' },
          { value: 'invisible', label: 'Invisible' },
        ]}
      />
    </Section>
  );
}
