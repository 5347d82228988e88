import { NumberField, SelectField, TagListField, Toggle, OrderListField } from './fields';
import { Section } from './SettingsSection';

const STRING_MIDDLEWARE = ['aliases', 'badwords', 'ratelimit'];
const MESSAGE_MIDDLEWARE = ['fixer', 'security', 'moduleRateLimit'];

export function PipelineSection() {
  return (
    <Section id="pipeline" title="Pipeline" description="How a chat message becomes a command.">
      <TagListField
        path={['pipeline', 'triggers']}
        label="Triggers"
        hint="Prefixes that address the bot in a channel (+help). At least one."
        placeholder="add a trigger…"
      />
      <Toggle
        path={['pipeline', 'nameAddressing']}
        label="Name addressing"
        hint="Also accept “botname, help”, “botname: help” and a mention of the bot."
      />
      <Toggle
        path={['pipeline', 'stripTriggerInPrivate']}
        label="Strip trigger in private"
        hint="Remove a trigger from private messages too."
      />
      <NumberField
        path={['pipeline', 'maxLength']}
        label="Max message length"
        hint="Longer messages are dropped (logged, no reply)."
        unit="chars"
      />
      <OrderListField
        path={['pipeline', 'stringMiddleware']}
        label="String middleware"
        hint="Runs on the raw text, in this order."
        builtins={STRING_MIDDLEWARE}
      />
      <OrderListField
        path={['pipeline', 'messageMiddleware']}
        label="Message middleware"
        hint="Runs on the tokens, in this order."
        builtins={MESSAGE_MIDDLEWARE}
      />
      <SelectField
        path={['pipeline', 'unknownCommandReply']}
        label="Unknown-command reply"
        hint="Whether “unknown command” is answered."
        options={[
          { value: 'always', label: 'always' },
          { value: 'private', label: 'in private only' },
          { value: 'never', label: 'never' },
        ]}
      />
      <NumberField
        path={['pipeline', 'traceSize']}
        label="Traces kept"
        hint="Pipeline traces the runtime keeps for the Logs › Pipeline tab."
      />
    </Section>
  );
}
