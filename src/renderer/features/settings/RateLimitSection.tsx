import { NumberField } from './fields';
import { Section } from './SettingsSection';
import { BucketRow } from './BucketRow';
import { ModuleLimits } from './ModuleLimits';

export function RateLimitSection() {
  return (
    <Section
      id="rateLimit"
      title="Rate limits"
      description="Token buckets: a burst of messages at once, refilled at a rate per second."
    >
      <BucketRow path={['rateLimit', 'user']} label="Per user" hint="Each user’s own bucket." />
      <BucketRow
        path={['rateLimit', 'channel']}
        label="Per channel"
        hint="Shared by everyone in a channel."
      />
      <BucketRow path={['rateLimit', 'global']} label="Global" hint="Everything the bot handles." />
      <NumberField
        path={['rateLimit', 'maxInFlight']}
        label="Max in flight"
        hint="Commands running at once across the bot; more are refused."
      />
      <NumberField
        path={['rateLimit', 'flood', 'strikes']}
        label="Flood guard: strikes"
        hint="Refusals within the window before a user is ignored."
      />
      <NumberField path={['rateLimit', 'flood', 'windowMs']} label="Flood guard: window" unit="ms" />
      <NumberField
        path={['rateLimit', 'flood', 'ignoreMs']}
        label="Flood guard: ignore for"
        hint="The user is told once."
        unit="ms"
      />
      <NumberField
        path={['rateLimit', 'exemptRank']}
        label="Exempt rank"
        hint="Users of this rank or better are never limited (1 = owners only, 0 = nobody)."
      />
      <ModuleLimits />
    </Section>
  );
}
