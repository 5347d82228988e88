import type { IncomingMessage, OutgoingFile } from '../../adapters/types';
import { Image } from '../../imagelib/image';
import type { Logger } from '../../logging/logging';
import { tokenize } from '../../text/tokenizer';
import { ArgumentChain, type Argument } from './arguments';
import {
  BINDING,
  INVOCATION,
  type AskOptions,
  type CommandBinding,
  type InvocationControl,
  type RespondOptions,
} from './bindings';
import type { Environment, SoundLike } from './environment';
import { withConverters, type RpcHandlerBody, type RpcParams } from '../../rpc/converters';
import { CommandCancelled } from './errors';
import type { Card, ChooseOptions } from './rich';
import type { ChannelAddress, ChannelRef } from './refs';
import { channelAddressOf, replyHandleFor, type ReplyHandle } from './send';

const LIB_MAX = 64;

/**
 * Base class of every command. Subclass it, set the metadata in `setup()`, do the work in
 * `call(args)`. Each invocation runs on its own view of the instance (so `this.msg` is always
 * the message that invoked it, even when invocations overlap); keep cross-invocation state in
 * `this.state` or at module scope.
 *
 * ```ts
 * export class Echo extends Command {
 *   setup() {
 *     this.name = 'echo';
 *     this.desc = 'Repeats what you say.';
 *     return this.addArgument(new StringArgument('message', true));
 *   }
 *   async call({ message }: ArgsOf<Echo>) {
 *     await this.respond(message ?? "You didn't say anything :(");
 *   }
 * }
 * ```
 */
export class Command {
  /** Name used to invoke the command (`+name` in chat, `name` on the console). */
  name = '';
  /** Other names for the same command. */
  aliases: string[] = [];
  /** One-line description (MRCI short text). */
  desc = '';
  /**
   * What the command reads and what it writes, beyond the generated usage line (MRCI io text),
   * e.g. `[text]/[the text, reversed]` or `[-all]/[one line per file]`.
   */
  io = '';
  /** Detailed help shown by `help <command>` (MRCI long text). */
  longDesc = '';
  /** Module/library name and version (at most 64 characters; longer is truncated). */
  lib = '';
  /** Makes this a subcommand: `module name` (e.g. `factoid add`); `default` runs when no subcommand matches. */
  module: string | null = null;
  /** Highest rank number allowed to run it (1 = owner only); null = everyone. */
  minRank: number | null = null;
  /** Per-invocation timeout; null = the config default (`commands.timeoutMs`), 0 = none. */
  timeoutMs: number | null = null;
  /** Shared across invocations of this instance; `onReload` may copy it from the previous generation. */
  state: Record<string, unknown> = {};
  /** Declared arguments, in order. Use `addArgument`. */
  readonly arguments: Argument[] = [];

  declare [BINDING]?: CommandBinding;
  declare [INVOCATION]?: InvocationControl;

  /** Set metadata and arguments here. Return the `addArgument(...)` chain to get typed `call` args. */
  setup(): unknown {
    return undefined;
  }

  /** The command's work. `args` holds the converted arguments by name. */
  call(_args: Record<string, unknown>): unknown {
    throw new Error(`command "${this.name}" has no call() method`);
  }

  /** In loop mode (`enableLoop(true)`) the executor calls this repeatedly until disabled or cancelled. */
  loop?(): unknown;
  /** Called when the invocation is cancelled (cancel command, panel, Ctrl-C, timeout). */
  onTerm?(reason: string): unknown;
  /** Called on the new instance after a reload, with the instance it replaces. */
  onReload?(previous: Command): unknown;
  /** Called when this instance's generation is dropped (reload or file removed). */
  onUnload?(): unknown;
  /**
   * MRCI aboutToDelete: called before the command is removed (reload or file removed), while
   * its listeners, timers and handlers are still in place; `onUnload` follows once they are released.
   */
  aboutToDelete?(): unknown;

  /** MRCI errSent: set by `errorText()`; the executor resets it before each invocation. */
  errSent = false;

  /**
   * MRCI errState: whether the command is in an error state after a run. The executor reports
   * such an invocation as failed (event `command_failed`, the log, the panel). Default: `errSent`.
   */
  errState(): boolean {
    return this.errSent;
  }

  /** MRCI errTxt: sends `text` as an error answer and marks this run as failed (`errSent`). */
  errorText(text: string): Promise<void> {
    this.errSent = true;
    return this.control.respond(String(text), { isError: true });
  }

  addArgument<N extends string, V, O extends boolean, D extends V | undefined>(arg: Argument<N, V, O, D>) {
    return new ArgumentChain<Record<never, never>>((a) => this.pushArgument(a)).addArgument(arg);
  }

  private pushArgument(arg: Argument): void {
    if (this.arguments.some((a) => a.name === arg.name))
      throw new TypeError(`duplicate argument name "${arg.name}"`);
    this.arguments.push(arg);
  }

  /** `lib` as shown in help: truncated to 64 characters. */
  get libText(): string {
    return this.lib.length > LIB_MAX ? this.lib.slice(0, LIB_MAX) : this.lib;
  }

  /** The usage line generated from the arguments: `echo [message]`. */
  get usage(): string {
    const head = this.module ? `${this.module} ${this.name}` : this.name;
    return [head, ...this.arguments.map((a) => a.usage())].join(' ');
  }

  // ---- environment ----------------------------------------------------------------------

  private get binding(): CommandBinding {
    const binding = this[BINDING];
    if (!binding) throw new Error('this command is not loaded by the command system');
    return binding;
  }

  private get control(): InvocationControl {
    const control = this[INVOCATION];
    if (!control) throw new Error(`"${this.name}": this.msg, respond() and friends only work inside call()`);
    return control;
  }

  /** Clients, database, config, audio, events, logger, rpc. */
  get env(): Environment {
    return this.binding.env;
  }

  /** Logger named after the command (`cmd:<name>`). */
  get logger(): Logger {
    return this.binding.logger(`cmd:${this.module ? `${this.module}.` : ''}${this.name || 'unnamed'}`);
  }

  /** The message that invoked this command (network-neutral; `.native` is the library's object). */
  get msg(): IncomingMessage {
    return this.control.msg;
  }

  /** Aborted when the invocation is cancelled or times out; pass it to fetch() and friends. */
  get signal(): AbortSignal {
    return this.control.signal;
  }

  /** Id of the running invocation (`cancel <id>`). */
  get invocationId(): number {
    return this.control.id;
  }

  // ---- output ---------------------------------------------------------------------------

  /**
   * Sends text to where the command was invoked. `respond(text, true)` prefixes the author's
   * mention; `respond(text, { flush: false })` buffers until `flush()` (every buffer is flushed
   * when the invocation ends). Long text is split for the network's limits.
   */
  respond(text: string, mentionOrOptions: boolean | RespondOptions = {}): Promise<void> {
    const options = typeof mentionOrOptions === 'boolean' ? { mention: mentionOrOptions } : mentionOrOptions;
    return this.control.respond(String(text), options);
  }

  /** Sends a file (e.g. a PNG) as an attachment, with optional text. */
  respondFile(file: OutgoingFile, text?: string): Promise<void> {
    return this.control.respondFile(file, text);
  }

  /** The channel this invocation was started from, as plain data for `this.env.send`. */
  get channelAddress(): ChannelAddress {
    return channelAddressOf(this.msg);
  }

  /**
   * A handle that answers in this invocation's channel after `call()` returned (a reminder,
   * a timer): `const r = this.replyHandle(); this.setTimeout(() => void r.send('time!'), 60_000)`.
   * Unlike `respond()`, it never belongs to the invocation: no buffering, no timeout, not
   * stopped by cancel. Sending fails with ChannelUnavailable once the network's adapter stops.
   */
  replyHandle(): ReplyHandle {
    return replyHandleFor(this.msg, this.env.send);
  }

  /**
   * Sends an imagelib Image as a PNG: an attachment on Discord; the console and IRC save it in
   * the data dir's `images` folder and say where (the panel's Console view shows it inline).
   */
  async respondImage(image: Image, name = 'image.png', caption?: string): Promise<void> {
    if (!(image instanceof Image)) throw new TypeError('respondImage: expected an imagelib Image');
    const file = /\.png$/i.test(name) ? name : `${name}.png`;
    await this.respondFile({ name: file, data: await image.toPNG(), contentType: 'image/png' }, caption);
  }

  /**
   * Posts `message` to every audit channel of the guild the command runs in and stores it in
   * the guild's audit log (searchable in the panel). With no audit channel it is only stored.
   * Never throws: a failing post is logged and shown in the panel. Keep it to actions that
   * matter to a guild's administrators (kicks, permission changes, …).
   */
  async log(message: string): Promise<void> {
    const name = this.module ? `${this.module} ${this.name}` : this.name;
    await this.env.audit.record({ msg: this.msg, command: name, message: String(message) });
  }

  /** Sends everything buffered with `respond(…, { flush: false })`. */
  flush(): Promise<void> {
    return this.control.flush();
  }

  /**
   * Plays a sound (FileSound, FFmpegSound, WebSound) on a voice channel the bot is connected to:
   * `sync` queues it, async mixes it over whatever plays. Without a channel: the one the bot is
   * in for this message's guild. Throws when the bot is not connected there.
   */
  playSound(sound: SoundLike, channel: ChannelRef | null = null, sync = true): void {
    this.env.audio.playSound(sound, channel, sync, this[INVOCATION]?.msg);
  }

  // ---- interaction (MRCI executor) ------------------------------------------------------

  /** More-input mode: sends `prompt`, then resolves with the same user's next message in this channel. */
  ask(prompt: string, options: AskOptions = {}): Promise<string> {
    return this.control.ask(prompt, options);
  }

  /**
   * Asks the invoker to pick one of `options` (1–25) and resolves with the picked text: buttons
   * (a select menu past 5 options) on Discord, where only the invoker's click counts; a numbered
   * list answered by the next message on IRC and the console. Rejects with InputTimeout.
   */
  choose(prompt: string, options: readonly string[], settings: ChooseOptions = {}): Promise<string> {
    return this.control.choose(String(prompt), options, settings);
  }

  /** Asks a yes/no question the way `choose()` does; resolves true for yes. */
  async confirm(prompt: string, settings: ChooseOptions = {}): Promise<boolean> {
    return (await this.choose(prompt, ['Yes', 'No'], settings)) === 'Yes';
  }

  /**
   * Sends a card (title, description, fields, color, image, footer, url): an embed on
   * Discord, readable text on IRC and the console. Discord's limits apply everywhere.
   */
  respondCard(card: Card): Promise<void> {
    return this.control.respondCard(card);
  }

  /** Loop mode: after `call` returns, the executor calls `loop()` until disabled or cancelled. */
  enableLoop(on: boolean): void {
    this.control.enableLoop(on);
  }

  /** Waits `ms`, rejecting with CommandCancelled if the invocation is cancelled meanwhile. */
  sleep(ms: number): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new CommandCancelled(String(signal.reason)));
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CommandCancelled(String(signal.reason)));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs an internal command (help, reloadCommands, running, cancel) at the caller's rank. */
  internal(name: string, args: string | string[] = []): Promise<void> {
    const list = typeof args === 'string' ? tokenize(args).map((t) => t.value) : args;
    return this.control.runInternal(name, list);
  }

  // ---- RPC ---------------------------------------------------------------------------------

  /**
   * Registers an RPC handler outside programs call as `{ cog, method: name, kwargs }`. Every
   * keyword is declared with a converter (`{ user: UserConverter }`) and arrives converted; a
   * converter's InvalidRequest is answered 400. Answer with `request.sendMessage(text, { status })`
   * or by returning a value. The cog is the command file's name (`zmq-example.ts` →
   * `zmq-example`) unless `options.cog` names one. Released when the file reloads or is removed.
   */
  rpcHandler<P extends RpcParams>(
    name: string,
    params: P,
    handler: RpcHandlerBody<P>,
    options: { cog?: string } = {},
  ): () => void {
    const binding = this.binding;
    const cog = options.cog ?? cogOfFile(binding.file ?? this.name);
    return binding.env.rpc.register(`${cog}.${name}`, withConverters(params, handler));
  }

  // ---- resources released with the generation --------------------------------------------

  /** Like the global setTimeout, but cleared when this command file is reloaded or removed. */
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout {
    return this.binding.scope.setTimeout(fn, ms);
  }

  /** Like the global setInterval, but cleared when this command file is reloaded or removed. */
  setInterval(fn: () => void, ms: number): NodeJS.Timeout {
    return this.binding.scope.setInterval(fn, ms);
  }

  clearTimeout(timer: NodeJS.Timeout): void {
    this.binding.scope.clearTimer(timer);
  }

  clearInterval(timer: NodeJS.Timeout): void {
    this.binding.scope.clearTimer(timer);
  }

  /**
   * Runs `fn(...args)` before the bot shuts down (first registered, first run; each with a
   * timeout). Unregistered if this command file is reloaded or removed first.
   */
  cleanUpRegister<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): () => void {
    const binding = this.binding;
    return binding.scope.track(
      binding.registerCleanup(fn as never, args, `${this.name}:${fn.name || 'cleanup'}`),
    );
  }
}

/** The default RPC cog of a command file: its base name without extension, made name-safe. */
function cogOfFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const safe = base.replace(/[^\w-]/g, '_').slice(0, 64);
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`.slice(0, 64);
}
