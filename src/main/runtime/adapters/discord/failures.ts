/** Why a Discord connection failed, in words for the panel and the log. */
export interface DiscordFailure {
  message: string;
  /**
   * Retrying cannot help (bad token, intents not enabled, …): the adapter stays in `error`
   * until someone fixes the cause and connects again.
   */
  fatal: boolean;
  /** The gateway close code or HTTP status behind it, when known. */
  code: number | null;
}

const TOKEN_SOURCES = '--discord-token, DISCORD_TOKEN or discord.token in the config';

function invalidToken(detail: string, code: number): DiscordFailure {
  return {
    message:
      `Discord rejected the bot token (${detail}). Copy a new one from the Discord Developer Portal ` +
      `(your application → Bot → Reset Token) and set it with ${TOKEN_SOURCES}.`,
    fatal: true,
    code,
  };
}

/** Gateway close codes after which discord.js does not reconnect, explained. */
export function describeCloseCode(code: number, options: { membersIntent: boolean }): DiscordFailure | null {
  switch (code) {
    case 4004:
      return invalidToken('gateway close code 4004, authentication failed', code);
    case 4014: {
      const switches = options.membersIntent
        ? '"Message Content Intent" and "Server Members Intent"'
        : '"Message Content Intent"';
      return {
        message:
          'Discord refused a privileged intent (gateway close code 4014, disallowed intents). ' +
          `Switch on ${switches} in the Discord Developer Portal (your application → Bot → ` +
          'Privileged Gateway Intents), then connect again' +
          (options.membersIntent ? ', or set discord.membersIntent to false.' : '.') +
          ' Without Message Content, set discord.messageContentIntent to false: slash commands, mentions' +
          ' of the bot and DMs work without it, prefix commands in guilds do not.',
        fatal: true,
        code,
      };
    }
    case 4013:
      return {
        message: 'Discord refused the requested intents as invalid (gateway close code 4013); this is a bug.',
        fatal: true,
        code,
      };
    case 4010:
      return {
        message:
          'Discord refused the shard (gateway close code 4010, invalid shard): the shard id or count ' +
          'is out of range; check discord.shards.',
        fatal: true,
        code,
      };
    case 4011:
      // the adapter re-shards (see sharding/); never a reason to stay offline
      return {
        message:
          'Discord requires more shards (gateway close code 4011): the bot is in too many servers ' +
          'for the current shard count.',
        fatal: false,
        code,
      };
    case 4012:
      return {
        message: 'Discord refused the gateway API version (gateway close code 4012); update discord.js.',
        fatal: true,
        code,
      };
    default:
      return null;
  }
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  name?: unknown;
}

/**
 * Explains why `client.login()` failed: a fatal gateway close (seen just before), an HTTP 401
 * from `GET /gateway/bot` (Discord's answer to a bad token), or a transient network problem.
 */
export function describeLoginError(
  err: unknown,
  lastCloseCode: number | null,
  options: { membersIntent: boolean },
): DiscordFailure {
  const closed = lastCloseCode === null ? null : describeCloseCode(lastCloseCode, options);
  if (closed) return closed;
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  // discord.js turns a 401 from GET /gateway/bot into DiscordjsError TokenInvalid
  if (e.code === 'TokenInvalid' || e.status === 401)
    return invalidToken('HTTP 401 Unauthorized from the REST API', 401);
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  if (e.code === 'DisallowedIntents' || /disallowed intents/i.test(message))
    return describeCloseCode(4014, options)!;
  if (/authentication failed/i.test(message)) return describeCloseCode(4004, options)!;
  const status = typeof e.status === 'number' ? e.status : null;
  return {
    message: `Could not connect to Discord: ${message}`,
    fatal: false,
    code: status,
  };
}
