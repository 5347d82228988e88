import type { IncomingMessage } from '../../adapters/types';
import type { Resolution } from '../../cmdsys/registry/command-registry';

export interface MiddlewareContext {
  msg: IncomingMessage;
  /** Clock of the pipeline (injectable for tests). */
  now: number;
  /** The command the security middleware resolved for these words (reused by the invoke stage). */
  resolved?: { words: readonly string[]; resolution: Resolution };
}

/** Continue with (possibly rewritten) data, or stop the message with a logged reason. */
export type MiddlewareResult<T> =
  { value: T } | { abort: string; /** told to the user, if anything */ reply?: string };

/** Runs on the text after pre-processing (aliases, bad words, rate limits). */
export type StringMiddleware = (
  text: string,
  ctx: MiddlewareContext,
) => MiddlewareResult<string> | Promise<MiddlewareResult<string>>;

/** Runs on the words after tokenising (command fixer, security, per-module rate limit). */
export type MessageMiddleware = (
  words: string[],
  ctx: MiddlewareContext,
) => MiddlewareResult<string[]> | Promise<MiddlewareResult<string[]>>;

export type MiddlewareKind = 'string' | 'message';

/** The registry questions the command fixer and security middleware ask. */
export interface CommandLookup {
  hasTopLevel(name: string): boolean;
  isModule(name: string): boolean;
  hasSubcommand(module: string, name: string): boolean;
  modulesWithSubcommand(name: string): string[];
}
