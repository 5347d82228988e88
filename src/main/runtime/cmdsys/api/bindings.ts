import type { IncomingMessage, OutgoingFile } from '../../adapters/types';
import type { Logger } from '../../logging/logging';
import type { GenerationScope } from '../loader/generation-scope';
import type { Environment } from './environment';
import type { Card, ChooseOptions } from './rich';

/** Symbols under which the runtime attaches its wiring to command objects (hidden from authors). */
export const BINDING = Symbol('cmdsys.binding');
export const INVOCATION = Symbol('cmdsys.invocation');

export interface RespondOptions {
  /** Prefix the author's mention (where the network has mentions). */
  mention?: boolean;
  /** Send now (default) or keep in the buffer until `flush()` or the end of the invocation. */
  flush?: boolean;
  /** An error report rather than a normal answer (see `errorText`). */
  isError?: boolean;
}

export interface AskOptions {
  /** How long to wait for the answer (default 60 s). */
  timeoutMs?: number;
}

/** Per-load wiring of a command instance: set by the loader before `setup()` runs. */
export interface CommandBinding {
  env: Environment;
  scope: GenerationScope;
  /** Command file (relative to the commands dir), or null for internal commands. */
  file: string | null;
  logger(name: string): Logger;
  registerCleanup(fn: (...args: never[]) => unknown, args: unknown[], label: string): () => void;
}

/** What an invocation offers the command running in it. */
export interface InvocationControl {
  readonly id: number;
  readonly msg: IncomingMessage;
  readonly signal: AbortSignal;
  respond(text: string, options: RespondOptions): Promise<void>;
  respondFile(file: OutgoingFile, text: string | undefined): Promise<void>;
  flush(): Promise<void>;
  ask(prompt: string, options: AskOptions): Promise<string>;
  choose(prompt: string, options: readonly string[], settings: ChooseOptions): Promise<string>;
  respondCard(card: Card): Promise<void>;
  enableLoop(on: boolean): void;
  readonly loopEnabled: boolean;
  /** Runs an internal command inside this invocation, at the caller's rank. */
  runInternal(name: string, args: string[]): Promise<void>;
}
