import { SelectField, TagListField } from './fields';
import { Section } from './SettingsSection';

export function BadWordsSection() {
  return (
    <Section
      id="badWords"
      title="Bad words"
      description="Words filtered out of messages before they become commands."
    >
      <TagListField
        path={['badWords', 'words']}
        label="Words"
        hint="Matched case-insensitively as whole words."
        placeholder="add a word…"
      />
      <SelectField
        path={['badWords', 'mode']}
        label="Mode"
        hint="What happens to a message that contains one."
        options={[
          { value: 'mask', label: 'mask — replace with asterisks' },
          { value: 'remove', label: 'remove — drop the word' },
          { value: 'abort', label: 'abort — drop the message' },
        ]}
      />
    </Section>
  );
}
