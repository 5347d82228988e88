import {
  Client,
  Events,
  RESTEvents,
  type Channel,
  type Interaction,
  type GatewayDispatchPayload,
  type Message,
} from 'discord.js';
import type { DiscordShardStatus } from '../../../../shared/dto/discord-shards';
import type { AdapterState, AdapterStatus } from '../../../../shared/dto/status';
import type { ClusterAssignment } from '../../../../shared/process/cluster';
import type { AudioOutput, VoiceCapable } from '../../audio/output/audio-output';
import type { ArgumentResolver } from '../../cmdsys/api/refs';
import type { Logger } from '../../logging/logging';
import type { Adapter, AdapterContext, ChannelRef, IncomingMessage, MessageLimits, Outgoing } from '../types';
import { clientOptions, restApiBase } from './client-options';
import { describeCloseCode, describeLoginError, type DiscordFailure } from './failures';
import { RateLimitLog } from './rate-limits';
import { GatewayFence } from './gateway-fence';
import {
  botRoleOf,
  DISCORD_ADAPTER_ID,
  missingMessageFields,
  toIncomingMessage,
  userMentions,
} from './message-mapping';
import { payloadWithFiles, ReplyTracker, toMessageOptions } from './outgoing';
import { presenceOf } from './presence';
import { RestOnly } from './rest-only';
import { createResolver } from './resolver';
import { resolveWritableChannel } from './writable-channel';
import { SourceQueue } from './source-queue';
import { DiscordVoice, type DiscordVoiceOptions } from './voice/discord-voice';
import { ChoiceExpiry } from './choice-expiry';
import { ForbiddenChannels } from './forbidden-channels';
import { SlashCommands, type CommandCatalog } from './slash/slash-commands';
import { ContentIntentNotice } from './content-intent';
import { disabledRows } from './rich-replies';
import { checkUploadSize, uploadLimitFor, UploadLimits } from './upload-limit';
import { AdapterShards } from './sharding/adapter-shards';
import type { MemberFetchScheduler, MemberSchedulerOptions } from './sharding/member-scheduler';
import { ShardPlanError, type ShardPlan } from './sharding/shard-plan';
import { planShards } from './sharding/resharder';

export interface DiscordAdapterOptions {
  /** First delay before retrying a connection that failed for a transient reason (doubles each time). */
  retryBaseMs?: number;
  /** Longest delay between retries. */
  retryMaxMs?: number;
  /**
   * Reconnect attempts in a row without getting through after which the adapter stops
   * discord.js's own quick retries and backs off itself (retryBaseMs, doubling).
   */
  maxQuickReconnects?: number;
  /** How long a message waits for the previous one from the same user and channel. */
  sourceWaitMs?: number;
  /** Voice join timeout and reconnect policy. */
  voice?: DiscordVoiceOptions;
  /** The loaded commands, offered as slash commands (none without it). */
  commands?: CommandCatalog;
  /**
   * The shards this process runs, decided by the supervisor; on a 4011 close the adapter then
   * only reports `discord_reshard_needed` and waits for it. Without one the process runs every
   * shard of `discord.shards` and re-shards itself.
   */
  cluster?: ClusterAssignment;
  /** Member requests per shard per window (default 110 per 60 s). */
  memberBudget?: MemberSchedulerOptions;
}

type Tunables = Omit<DiscordAdapterOptions, 'voice' | 'commands' | 'cluster' | 'memberBudget'>;

const DEFAULTS: Required<Tunables> = {
  retryBaseMs: 5_000,
  retryMaxMs: 300_000,
  maxQuickReconnects: 5,
  sourceWaitMs: 2_000,
};

/**
 * The Discord network through discord.js 14: gateway events become IncomingMessages for the
 * pipeline, Outgoing replies become channel messages. Connecting happens in the background:
 * start() returns at once, progress and failures show in status() and the log, and the bot
 * (console included) keeps running whatever Discord does. Fatal failures (bad token, privileged
 * intents not enabled) are explained and not retried; transient ones back off.
 */
export class DiscordAdapter implements Adapter, VoiceCapable {
  readonly id = DISCORD_ADAPTER_ID;
  readonly network = 'discord' as const;
  readonly limits: MessageLimits = { maxChars: 2000, maxBytes: null };
  readonly richReplies = true;
  private readonly options: Required<Tunables>;
  private ctx: AdapterContext | null = null;
  private logger: Logger | null = null;
  /** The live client; replaced on every (re)connect, null while stopped or waiting to retry. */
  private client: Client | null = null;
  private state: AdapterState = 'stopped';
  private lastError: string | null = null;
  private reconnects = 0;
  /** Pre-emptive waits (debug) and real 429s (WARN), counted for the Status view. */
  private readonly rateLimits = new RateLimitLog(() => this.log());
  /** Gateway reachable right now (client_connect sent, client_disconnect not yet). */
  private connected = false;
  private quickReconnects = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private lastCloseCode: number | null = null;
  private membersIntent = false;
  private readonly fences = new WeakMap<Client, GatewayFence>();
  private readonly replies = new ReplyTracker();
  private readonly sources: SourceQueue;
  private readonly voice: DiscordVoice;
  private readonly slash: SlashCommands | null;
  private readonly choiceExpiry = new ChoiceExpiry(() => this.log());
  private readonly contentIntent = new ContentIntentNotice(() => this.log());
  /** Upload limits of the channels seen, for sends over REST while the gateway is down. */
  private readonly uploadLimits = new UploadLimits();
  private readonly forbidden = new ForbiddenChannels();
  /** REST without a gateway, for sends while the client is down. */
  private readonly restOnly = new RestOnly(() => this.ctx!.config.all().discord);
  private readonly catalog: CommandCatalog | null;
  /** Counts connection attempts: a plan that arrives for an older attempt is dropped. */
  private attempt = 0;
  private planning = false;
  private readonly sharding: AdapterShards;
  private countsTimer: NodeJS.Timeout | null = null;

  constructor(options: DiscordAdapterOptions = {}) {
    const { voice, commands, cluster, memberBudget, ...rest } = options;
    this.catalog = commands ?? null;
    this.sharding = new AdapterShards(cluster ?? null, memberBudget);
    this.slash = commands
      ? new SlashCommands({
          config: () => this.ctx!.config.all(),
          commands: () => commands.list(),
          logger: () => this.log(),
          deliver: (msg) => this.ctx!.deliver(msg),
          answered: (id) => this.choiceExpiry.answered(id),
          watch: (id, timeoutMs, disable) => this.choiceExpiry.watch(id, timeoutMs, disable),
        })
      : null;
    this.options = { ...DEFAULTS, ...rest };
    this.retryDelay = this.options.retryBaseMs;
    this.sources = new SourceQueue(this.options.sourceWaitMs);
    this.voice = new DiscordVoice(
      () => this.client,
      () => this.log(),
      voice,
    );
  }

  /** The discord.js Client while connected or connecting, else null. */
  get native(): Client | null {
    return this.client;
  }

  attach(ctx: AdapterContext): void {
    this.ctx = ctx;
    this.logger = ctx.logging.child('adapter:discord');
    // commands changed: registration follows (only what changed is written)
    this.catalog?.onReload(() => {
      if (this.client?.isReady()) void this.slash?.sync(this.client);
    });
    ctx.config.onChange(({ paths }) => {
      if (paths.some((p) => p.startsWith('discord.presence'))) this.applyPresence();
    });
  }

  /** The last slash command sync (what was registered, what was refused), or null when off. */
  slashStatus(): SlashCommands['last'] | null {
    return this.slash?.last ?? null;
  }

  /** Waits for any slash command sync under way. */
  slashSynced(): Promise<void> {
    return this.slash?.sync(this.client!) ?? Promise.resolve();
  }

  /** Starts connecting (in the background); a no-op while connecting or connected. */
  async start(): Promise<void> {
    if (!this.ctx) throw new Error('discord adapter started before attach()');
    if (this.client || this.planning) return;
    this.clearRetry();
    this.retryDelay = this.options.retryBaseMs;
    this.connect();
  }

  async stop(): Promise<void> {
    this.clearRetry();
    this.attempt++;
    this.planning = false;
    const client = this.client;
    this.client = null;
    this.sharding.reset('the Discord adapter stopped');
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = null;
    this.replies.clear();
    this.slash?.clear();
    this.choiceExpiry.clear();
    this.forbidden.clear();
    this.restOnly.reset();
    await this.voice.leaveAll();
    if (client) await this.retire(client);
    this.markDisconnected('stopped');
    this.setState('stopped');
  }

  status(): AdapterStatus {
    const client = this.client;
    const ping = client?.ws.ping ?? -1;
    const guilds = client?.guilds.cache ?? null;
    return {
      id: this.id,
      network: this.network,
      label: client?.user ? `Discord (${client.user.tag})` : 'Discord',
      state: this.state,
      latencyMs: this.connected && ping >= 0 ? ping : null,
      guilds: guilds?.size ?? 0,
      channels: guilds ? guilds.reduce((n, g) => n + g.channels.cache.size, 0) : 0,
      reconnects: this.reconnects,
      lastError: this.lastError,
      rateLimits: this.rateLimits.counts,
      sharding: this.sharding.status(client),
    };
  }

  /** Per-shard state, ping, guild count, events/s and queued member requests (for the panel). */
  shardStatus(): DiscordShardStatus[] {
    return this.sharding.shardStatus(this.client);
  }

  /** The shards the adapter runs now (null before it first connected). */
  get shards(): ShardPlan | null {
    return this.sharding.plan;
  }

  /** Member requests sent, failed and queued (over all shards). */
  get memberFetchStats(): MemberFetchScheduler['stats'] {
    return this.sharding.members.stats;
  }

  addressing(msg: IncomingMessage): { names: string[]; mentions: string[] } {
    const user = this.client?.user;
    if (!user) return { names: [], mentions: [] };
    const role = msg.guild ? botRoleOf(this.client?.guilds.cache.get(msg.guild.id) ?? null, user.id) : null;
    return { names: [user.username], mentions: [...userMentions(user.id), ...(role ? [`<@&${role}>`] : [])] };
  }

  resolver(msg: IncomingMessage): ArgumentResolver {
    const client = this.client;
    const native = msg.native as Message | Interaction | null;
    if (!client || !native || msg.adapterId !== this.id) {
      return { resolveUser: async () => null, resolveChannel: async () => null };
    }
    const where =
      'author' in native
        ? { guild: native.guild, author: native.author, channelId: native.channelId }
        : { guild: native.guild, author: native.user, channelId: native.channelId ?? msg.channel.id };
    return createResolver(client, where, {
      canQueryMembers: this.membersIntent,
      schedule: (guild, run) => this.sharding.members.schedule(guild.shardId, 'waiting', run),
    });
  }

  /** A text channel of the guild the bot can write to (audit channels). */
  writableChannel(guildId: string, text: string): Promise<ChannelRef> {
    return resolveWritableChannel(this.client, guildId, text);
  }

  /** Sends one chunk (the response manager split it already) and/or files to the channel. */
  async send(out: Outgoing): Promise<void> {
    const viaInteraction = this.slash?.send(out);
    if (viaInteraction) return viaInteraction;
    if (out.text === '' && !out.files?.length && !out.card) return;
    this.forbidden.check(out.channel.id);
    const client = this.client;
    if (!client) return this.sendOverRest(out);
    let channel: Channel | null = null;
    try {
      channel = client.channels.cache.get(out.channel.id) ?? (await client.channels.fetch(out.channel.id));
      if (!channel?.isSendable()) throw new Error(`cannot send to Discord channel ${out.channel.id}`);
      const limit = uploadLimitFor(channel.isDMBased() ? null : channel.guild.premiumTier);
      this.uploadLimits.set(channel.id, limit);
      checkUploadSize(out.files, limit);
      const options = toMessageOptions(out, this.replies.referenceFor(out));
      const sent = await channel.send(
        out.files?.length ? payloadWithFiles(channel, options, out.files) : options,
      );
      if (out.choices)
        this.choiceExpiry.watch(sent.id, out.choices.timeoutMs, () =>
          sent.edit({ components: disabledRows(sent) }),
        );
    } catch (err) {
      const forbidden = this.forbidden.forbidden(err, client, channel, out);
      if (!forbidden) throw err;
      this.log().warn(
        { channel: out.channel.id, permissions: forbidden.permissions },
        `Discord refused a message in #${out.channel.name}: missing permission ${forbidden.permissions.join(', ')}; nothing more is sent there until permissions change`,
      );
      throw forbidden;
    }
  }

  private async sendOverRest(out: Outgoing): Promise<void> {
    const limit = this.uploadLimits.get(out.channel.id);
    if (limit !== undefined) checkUploadSize(out.files, limit);
    try {
      await this.restOnly.send(out, this.replies.referenceFor(out));
    } catch (err) {
      const forbidden = this.forbidden.forbidden(err, null, null, out);
      if (!forbidden) throw err;
      this.log().warn(
        { channel: out.channel.id, permissions: forbidden.permissions },
        `Discord refused a message: missing permission ${forbidden.permissions.join(', ')}`,
      );
      throw forbidden;
    }
  }

  // ---- voice (VoiceCapable) ----------------------------------------------------------------

  /** Joins a voice channel (see README, "Discord voice"); rejects with a clear reason. */
  joinVoice(guildId: string, channelId: string): Promise<AudioOutput> {
    return this.voice.join(guildId, channelId);
  }

  leaveVoice(guildId: string): Promise<void> {
    return this.voice.leave(guildId);
  }

  voiceChannelOf(guildId: string): string | null {
    return this.voice.channelOf(guildId);
  }

  // ---- connection --------------------------------------------------------------------------

  /** Creates a client and logs in; `retry` when this is a scheduled retry after a failure. */
  private connect(retry = false): void {
    const ctx = this.ctx!;
    const { token, membersIntent } = ctx.config.all().discord;
    this.membersIntent = membersIntent;
    this.lastCloseCode = null;
    if (!token) {
      this.fail(null, {
        message: 'No Discord token: set --discord-token, DISCORD_TOKEN or discord.token in the config.',
        fatal: true,
        code: null,
      });
      return;
    }
    const attempt = ++this.attempt;
    this.planning = true;
    this.setState(retry ? 'reconnecting' : 'connecting');
    planShards(this.sharding.resharder, ctx.config.all().discord, token).then(
      (plan) => {
        if (attempt !== this.attempt) return;
        this.planning = false;
        this.open(plan, token, retry);
      },
      (err: unknown) => {
        if (attempt !== this.attempt) return;
        this.planning = false;
        if (err instanceof ShardPlanError)
          this.fail(null, { message: `Invalid shard assignment: ${err.message}`, fatal: true, code: null });
        else this.fail(null, describeLoginError(err, null, { membersIntent }), err);
      },
    );
  }

  /** Creates the client for a shard plan and logs in. */
  private open(plan: ShardPlan, token: string, retry: boolean): void {
    const { api, membersIntent, messageContentIntent, cache } = this.ctx!.config.all().discord;
    let client: Client;
    try {
      const restBase = restApiBase(api);
      const fence = new GatewayFence();
      client = new Client(
        clientOptions({ membersIntent, messageContentIntent, api: restBase, fence, shards: plan, cache }),
      );
      this.contentIntent.reset();
      this.fences.set(client, fence);
      if (restBase) this.log().info({ api: restBase }, 'Discord REST base overridden');
    } catch (err) {
      this.fail(null, {
        message: `Invalid Discord settings: ${(err as Error).message}`,
        fatal: true,
        code: null,
      });
      return;
    }
    this.client = client;
    this.sharding.use(plan);
    this.bind(client);
    this.setState(retry ? 'reconnecting' : 'connecting');
    this.log().info(
      { membersIntent, shardIds: plan.shardIds, shardCount: plan.shardCount, source: plan.source },
      plan.shardCount === 1
        ? 'connecting to Discord'
        : `connecting to Discord: shards ${plan.shardIds.join(', ')} of ${plan.shardCount}`,
    );
    client.login(token).catch((err: unknown) => {
      if (client !== this.client) return; // stopped, re-sharding, or a fatal close was handled already
      this.fail(client, describeLoginError(err, this.lastCloseCode, { membersIntent }), err);
    });
  }

  private bind(client: Client): void {
    const live = (): boolean => client === this.client;
    client.on(Events.ClientReady, (ready) => {
      if (!live()) return;
      this.markConnected();
      this.log().info(
        { user: ready.user.tag, guilds: ready.guilds.cache.size },
        `connected to Discord as ${ready.user.tag}`,
      );
      this.ctx?.events.trigger('ready', { adapterId: this.id, network: this.network });
      void this.slash?.sync(client);
      this.applyPresence();
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!live() || !this.slash) return;
      if (interaction.isChatInputCommand()) void this.slash.invoke(client, interaction);
      else if (interaction.isMessageComponent()) void this.slash.click(interaction);
      else if (interaction.isAutocomplete()) void this.slash.autocomplete(interaction);
      else if (interaction.isModalSubmit()) void this.slash.modalSubmit(interaction);
    });
    client.on(Events.ShardReady, () => {
      // after a full reconnect (new session); the first one is announced by ClientReady
      if (live() && client.isReady()) this.markConnected();
    });
    client.on(Events.ShardResume, (_shard, replayed) => {
      if (!live()) return;
      this.log().info({ replayed }, 'Discord session resumed');
      this.markConnected();
    });
    client.on(Events.ShardReconnecting, () => {
      if (!live()) return;
      this.reconnects++;
      this.quickReconnects++;
      this.markDisconnected('connection to the Discord gateway lost');
      if (this.quickReconnects > this.options.maxQuickReconnects) {
        this.fail(client, {
          message: `Lost the Discord gateway ${this.quickReconnects} times in a row without getting back in.`,
          fatal: false,
          code: null,
        });
        return;
      }
      this.log().warn({ attempt: this.quickReconnects }, 'Discord gateway connection lost; reconnecting');
      this.setState('reconnecting');
    });
    client.on(Events.ShardDisconnect, (event, shardId) => {
      // only for close codes discord.js does not recover from
      if (!live()) return;
      this.lastCloseCode = event.code;
      if (event.code === 4011) return void this.reshard(client, shardId);
      const failure = describeCloseCode(event.code, { membersIntent: this.membersIntent }) ?? {
        message: `The Discord gateway closed the connection for good (close code ${event.code}).`,
        fatal: true,
        code: event.code,
      };
      this.fail(client, failure);
    });
    client.on(
      Events.Raw,
      (packet: GatewayDispatchPayload | { t?: unknown; d?: unknown; op?: unknown }, shardId: number) => {
        if (!live()) return;
        this.sharding.monitor.onEvent(shardId);
        this.guardPacket(packet);
      },
    );
    client.on(Events.MessageCreate, (message) => {
      if (!live()) return;
      this.onMessage(client, message);
    });
    // thousands of GUILD_CREATEs arrive at connect: one status update per 100 ms, not one each
    const counts = (): void => void (live() && this.countsChanged());
    client.on(Events.GuildCreate, counts);
    // permissions may have changed: channels that refused the bot get another chance
    const permissionsChanged = (): void => void (live() && this.forbidden.clear());
    client.on(Events.ChannelUpdate, permissionsChanged);
    client.on(Events.GuildRoleUpdate, permissionsChanged);
    client.on(Events.GuildMemberUpdate, permissionsChanged);
    client.on(Events.GuildDelete, counts);
    client.on(Events.ChannelCreate, counts);
    client.on(Events.ChannelDelete, counts);
    client.on(Events.Error, (err) => live() && this.log().error({ err }, 'discord.js error'));
    client.on(Events.ShardError, (err) => live() && this.log().warn({ err }, 'Discord gateway error'));
    client.on(Events.Warn, (message) => live() && this.log().warn({ detail: message }, 'discord.js warning'));
    client.on(Events.Debug, (message) => live() && this.log().trace({ detail: message }, 'discord.js'));
    client.rest.on(RESTEvents.RateLimited, (info) => {
      if (!live()) return;
      this.rateLimits.onWait(info);
      this.ctx?.statusChanged();
    });
    client.rest.on(RESTEvents.Response, (request, response) => {
      if (!live() || response.status !== 429) return;
      this.rateLimits.onResponse(request, response);
      this.ctx?.statusChanged();
    });
  }

  /** Shows `discord.presence` (status and activity) while connected. */
  private applyPresence(): void {
    const client = this.client;
    if (!client?.isReady()) return;
    try {
      client.user.setPresence(presenceOf(this.ctx!.config.all().discord.presence));
    } catch (err) {
      this.log().warn({ err }, 'setting the Discord presence failed');
    }
  }

  /** Connected (again): state, events, and the back-off starts over. */
  private markConnected(): void {
    this.quickReconnects = 0;
    this.retryDelay = this.options.retryBaseMs;
    this.lastError = null;
    if (this.sharding.plan) this.sharding.resharder.settled(this.sharding.plan);
    this.setState('connected');
    if (this.connected) return;
    this.connected = true;
    this.ctx?.events.trigger('client_connect', { adapterId: this.id, network: this.network });
  }

  private markDisconnected(reason: string): void {
    if (!this.connected) return;
    this.connected = false;
    this.ctx?.events.trigger('client_disconnect', { adapterId: this.id, network: this.network, reason });
  }

  /**
   * The connection failed: explain it, drop the client (no discord.js retries behind our back)
   * and, unless retrying cannot help, try again later with a growing delay.
   */
  private fail(client: Client | null, failure: DiscordFailure, err?: unknown): void {
    if (client && client !== this.client) return;
    this.client = null;
    this.lastError = failure.message;
    this.markDisconnected(failure.message);
    this.voice.dropAll(`the Discord gateway connection failed: ${failure.message}`);
    if (client) void this.retire(client);
    const logged = { code: failure.code, ...(err !== undefined ? { err } : {}) };
    if (failure.fatal) {
      this.log().error(logged, failure.message);
      this.setState('error');
      return;
    }
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMaxMs);
    this.log().warn(
      { ...logged, retryInMs: delay },
      `${failure.message} Retrying in ${Math.round(delay / 1000)} s.`,
    );
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.quickReconnects = 0;
      if (this.state === 'reconnecting' && !this.client) this.connect(true);
    }, delay);
    this.retryTimer.unref();
  }

  /**
   * Discord closed a shard with 4011 (too many guilds for the shard count): never fatal. The
   * adapter drops the client, asks Discord for the recommended count and announces
   * `discord_reshard_needed`; under a supervisor it waits for new cluster assignments, alone it
   * connects again at once with the new count.
   */
  private async reshard(client: Client, shardId: number): Promise<void> {
    if (client !== this.client) return;
    const from = this.sharding.plan?.shardCount ?? 1;
    this.client = null;
    const attempt = ++this.attempt;
    this.markDisconnected('Discord requires more shards (4011)');
    this.voice.dropAll('the bot is re-sharding');
    this.sharding.reset('the bot is re-sharding');
    void this.retire(client);
    this.setState('reconnecting');
    const { api, token } = this.ctx!.config.all().discord;
    const decision = await this.sharding.resharder.decide(from, api, token ?? '', (err) =>
      this.log().warn({ err }, 'could not ask Discord for the recommended shard count; doubling it'),
    );
    if (attempt !== this.attempt) return; // stopped meanwhile
    this.lastError = decision.message;
    this.log().warn(
      { code: 4011, shardId, from, to: decision.to, recommended: decision.recommended },
      decision.message,
    );
    this.ctx?.events.trigger('discord_reshard_needed', {
      adapterId: this.id,
      from,
      to: decision.to,
      shardId,
      supervised: decision.supervised,
    });
    this.ctx?.statusChanged();
    if (!decision.supervised) this.connect(true);
  }

  /** Destroys a client that is no longer used, fenced off the gateway first. */
  private async retire(client: Client): Promise<void> {
    this.fences.get(client)?.close();
    try {
      await client.destroy();
    } catch (err) {
      this.log().warn({ err }, 'destroying the discord.js client failed');
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // ---- incoming ----------------------------------------------------------------------------

  /**
   * Malformed MESSAGE_CREATE events are logged and neutralised before discord.js handles them:
   * discord.js emits `raw` synchronously before its own handler runs, and some gaps (no author)
   * would otherwise throw inside discord.js where nobody can catch it.
   */
  private guardPacket(packet: { t?: unknown; d?: unknown }): void {
    if (packet.t !== 'MESSAGE_CREATE') return;
    const missing = missingMessageFields(packet.d);
    if (missing.length === 0) return;
    const d = (typeof packet.d === 'object' && packet.d !== null ? packet.d : {}) as Record<string, unknown>;
    this.log().warn(
      { missing, id: d.id ?? null, channelId: d.channel_id ?? null },
      `ignored a malformed MESSAGE_CREATE from Discord (missing ${missing.join(', ')})`,
    );
    (packet as { t: string }).t = 'PROTOS_IGNORED_MESSAGE_CREATE';
  }

  private onMessage(client: Client, message: Message): void {
    const botId = client.user?.id;
    if (!botId || message.author.id === botId) return;
    if (message.author.bot || message.system) return;
    if (!message.mentions.users.has(botId)) this.contentIntent.seen(message);
    this.uploadLimits.set(message.channelId, uploadLimitFor(message.guild?.premiumTier ?? null));
    let incoming: IncomingMessage;
    try {
      incoming = toIncomingMessage(message, botId, this.ctx!.config.all());
    } catch (err) {
      this.log().warn({ err, id: message.id }, 'could not read a Discord message; ignored');
      return;
    }
    this.slash?.typed(incoming.author.id, incoming.channel.id);
    if (message.guild && this.membersIntent)
      this.sharding.askMembersOnce(
        message.guild,
        this.ctx!.config.all().discord.cache.membersPerGuild,
        this.log(),
      );
    const source = `${incoming.channel.id}:${incoming.author.id}`;
    void this.sources.run(source, async () => {
      try {
        await this.ctx!.deliver(incoming);
      } catch (err) {
        this.log().error({ err, id: incoming.id }, 'handling a Discord message failed');
      }
    });
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Guild or channel counts changed: a status update within 100 ms (coalesced). */
  private countsChanged(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      this.ctx?.statusChanged();
    }, 100);
    this.countsTimer.unref();
  }

  private setState(state: AdapterState): void {
    const changed = this.state !== state;
    this.state = state;
    if (changed) this.ctx?.statusChanged();
  }

  private log(): Logger {
    if (!this.logger) throw new Error('discord adapter used before attach()');
    return this.logger;
  }
}
