import type { Config } from '../../config/schema';
import type { BackoffOptions } from './reconnect';

export type IrcServerConfig = Config['irc']['servers'][number];

export interface IrcAdapterOptions {
  /** Reconnect delays (exponential with jitter, capped). */
  backoff?: Partial<BackoffOptions>;
  /** We PING the server this often (s) to measure latency and notice a dead link. */
  pingIntervalSec?: number;
  /** No data from the server for this long (s) counts as a dead connection. */
  pingTimeoutSec?: number;
  /** `start()` resolves once ready, after the first failed attempt, or after this long (ms). */
  startTimeoutMs?: number;
  /** Join anyway when the server sends no end of MOTD within this long after registering (ms). */
  motdTimeoutMs?: number;
  /** `ready` fires when every channel was joined (or refused), or after this long (ms). */
  joinTimeoutMs?: number;
  /** A sender's next message waits at most this long for their previous one (ms). */
  sourceHoldMs?: number;
  /** A raw handler that hangs is given up on after this long (ms). */
  rawHandlerTimeoutMs?: number;
}

export const DEFAULTS = {
  pingIntervalSec: 30,
  pingTimeoutSec: 120,
  startTimeoutMs: 15_000,
  motdTimeoutMs: 10_000,
  joinTimeoutMs: 5_000,
  sourceHoldMs: 5_000,
  rawHandlerTimeoutMs: 5_000,
};

/** The options with every default filled in. */
export type IrcAdapterSettings = typeof DEFAULTS & { backoff: BackoffOptions };

/** IRC targets: no whitespace, commas or control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
export const TARGET = /^[^\s,\x00-\x1F]+$/;
// eslint-disable-next-line no-control-regex -- a raw line may not carry line breaks or NUL
export const LINE_BREAK = /[\r\n\x00]/;
export const WELCOME = /^(?:@\S+ )?:\S+ 001 (\S+) .*?(\S+)!(\S+)@(\S+)\s*$/;
export const QUIT_MESSAGE = 'ProtOS bot stopping';
/** Lines per second public networks tolerate (the config default); more is for private servers. */
export const PUBLIC_NETWORK_PER_SECOND = 1;
/** A connection registered for this long counts as good: the next failure starts the backoff over. */
export const STABLE_MS = 30_000;
