import type { AdapterStatus } from '../../../shared/dto/status';

/**
 * Discord rate limits under the adapter's label: requests discord.js held back before sending
 * (routine) and real 429 answers (worth a look). Nothing while both are zero.
 */
export function RateLimitNote({ rateLimits }: { rateLimits: AdapterStatus['rateLimits'] }) {
  if (!rateLimits || rateLimits.waits + rateLimits.hits === 0) return null;
  const { waits, hits } = rateLimits;
  return (
    <div
      className={`rate-limit-note ${hits > 0 ? 'tone-text-warn' : 'dim'}`}
      title="Rate limits: waits are discord.js holding a request until its bucket refills; 429s are requests Discord refused and that were retried."
    >
      Rate limits: {waits} {waits === 1 ? 'wait' : 'waits'}, {hits} × 429
    </div>
  );
}
