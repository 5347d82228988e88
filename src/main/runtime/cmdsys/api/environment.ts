import type { Network } from '../../../../shared/dto/status';
import type { Events } from '../../events/event-bus';
import type { Logger } from '../../logging/logging';
import type { Config } from '../../config/schema';
import type { ConfigPath } from '../../config/config-manager';
import type { PathValue } from '../../config/paths';
import type { DatabaseManagerApi } from '../../database/database-manager-api';
import type { MessageMiddleware, StringMiddleware } from '../../pipeline/middleware/types';
import type { RawApi } from '../../adapters/raw-chain';
import type { ChannelRef } from './refs';
import type { RpcHandler } from '../../rpc/rpc-types';
import type * as Zmq from 'zeromq';

export type { RpcHandler };
import type { SendFn } from './send';
import type { IncomingMessage } from '../../adapters/types';
import type { AuditApi } from '../../audit/types';
import type { ShardsApi } from './shards';

/** A connected network client as commands see it. */
export interface ClientInfo {
  /** Adapter id: `console`, `discord`, `irc:<host>`. */
  id: string;
  network: Network;
  /** The library's own client (the discord.js Client, the irc-framework Client), or null. */
  native: unknown;
}

/** Read access to the bot's config (writes go through the panel or owner commands). */
export interface ConfigReader {
  get<P extends ConfigPath>(key: P): PathValue<Config, P>;
  all(): Readonly<Config>;
}

/** A sound the audio subsystem can play (its own issue defines the sources). */
export interface SoundLike {
  readonly title: string;
}

export interface AudioApi {
  readonly available: boolean;
  /**
   * Queue (sync) or overlay (async) a sound on a voice channel the bot is connected to (throws
   * when it is not). `channel` null: the channel the bot is connected to in `from`'s guild.
   */
  playSound(sound: SoundLike, channel: ChannelRef | null, sync: boolean, from?: IncomingMessage): void;
}

export interface RpcApi {
  /** The loopback RPC server is running. */
  readonly available: boolean;
  /** Where a client connects (`tcp://127.0.0.1:6133`), or null when the server is not running. */
  readonly endpoint: string | null;
  /** The token a client must send, or null (no server, or `--rpc-no-auth`). */
  readonly token: string | null;
  /**
   * The zeromq library the server uses, for a command that is itself a client (`new
   * zmq.Request()`), wherever the commands folder is (it may have no node_modules of its own).
   */
  readonly zmq: typeof Zmq;
  /**
   * Registers a raw handler as `cog.method` (prefer `this.rpcHandler`, which converts typed
   * keyword arguments); released when the file reloads.
   */
  register(name: string, handler: RpcHandler): () => void;
}

/** Middleware a command file can add: the same shapes the built-ins have. */
export type { MessageMiddleware as MessageMiddlewareFn, StringMiddleware as StringMiddlewareFn };

/** Lets a command file contribute pipeline middleware (released with its generation). */
export interface PipelineApi {
  addStringMiddleware(name: string, fn: StringMiddleware): () => void;
  addMessageMiddleware(name: string, fn: MessageMiddleware): () => void;
}

/** Live figures about the running bot. */
export interface BotStats {
  /** Since the bot started (0 while starting). */
  readonly uptimeMs: number;
  /** Guilds/servers over every connected adapter (the console counts as one). */
  readonly guilds: number;
  /** Commands invoked since the bot started. */
  readonly commandsRun: number;
}

/** What `this.env` exposes to a command. */
export interface Environment {
  /** Every adapter's client, by adapter id. */
  readonly clients: ReadonlyMap<string, ClientInfo>;
  /** The first client of a network, or undefined. */
  client(network: Network): ClientInfo | undefined;
  /** The ORM's database manager: one database per guild (console: `console`) plus `global`. */
  readonly database: DatabaseManagerApi;
  readonly config: ConfigReader;
  readonly audio: AudioApi;
  /** The event bus; listeners added here are released with the command file's generation. */
  readonly events: Events;
  readonly logger: Logger;
  readonly rpc: RpcApi;
  /** The audit log: `record(...)` stores an entry and posts it to the guild's audit channels. */
  readonly audit: AuditApi;
  readonly stats: BotStats;
  /** The bot's clusters (Discord sharding): `broadcastEval`, total guild count, a guild's shard. */
  readonly shards: ShardsApi;
  /** Contribute middleware to the command pipeline. */
  readonly pipeline: PipelineApi;
  /**
   * Raw protocol lines (IRC) of the adapter `adapterId`, or of the first adapter that has them:
   * add raw handlers (released when the file reloads), send or inject raw lines. Undefined
   * when no such adapter exists.
   */
  raw(adapterId?: string): RawApi | undefined;
  /**
   * Sends text or `{ text, files }` to a channel of any network, also after the invocation
   * ended (reminders, timers): `this.env.send(this.channelAddress, 'later')`. Rejects with
   * ChannelUnavailable when the address's adapter is unknown or stopped.
   */
  readonly send: SendFn;
  /**
   * Connects a network adapter that was disconnected (bottom's `connect`); resolves once it is
   * ready or its first attempt failed (it then keeps retrying). Does nothing when it is already
   * connected or connecting. Refused while the bot is stopping. The `connect` command runs this
   * for owners.
   */
  connect(adapterId: string): Promise<void>;
  /**
   * Disconnects a network adapter (bottom's `disconnect`); it stays disconnected until
   * `connect`. `client_disconnect` fires, so a reconnect handler can bring it back.
   */
  disconnect(adapterId: string): Promise<void>;
}
