import { NumberField, TagListField } from './fields';
import { Section } from './SettingsSection';

export function RanksSection() {
  return (
    <Section id="ranks" title="Ranks" description="Who may run what: 1 is the highest rank.">
      <NumberField
        path={['ranks', 'default']}
        label="Default rank"
        hint="Rank of a chat user no other rule matches."
      />
      <TagListField
        path={['ranks', 'owners']}
        label="Owners"
        hint="Rank 1: Discord user ids, IRC nick!user@host masks."
        placeholder="add an owner…"
      />
    </Section>
  );
}
