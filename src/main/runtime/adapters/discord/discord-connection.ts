import { Client } from 'discord.js';
import type { AdapterState } from '../../../../shared/dto/status';
import type { Logger } from '../../logging/logging';
import type { AdapterContext } from '../types';
import { clientOptions, restApiBase } from './client-options';
import { describeLoginError, type DiscordFailure } from './failures';
import { RateLimitLog } from './rate-limits';
import { GatewayFence } from './gateway-fence';
import { DISCORD_ADAPTER_ID } from './message-mapping';
import { ReplyTracker } from './outgoing';
import { presenceOf } from './presence';
import { RestOnly } from './rest-only';
import { SourceQueue } from '../source-queue';
import { DiscordVoice } from './voice/discord-voice';
import { ChoiceExpiry } from './choice-expiry';
import { MemberPermissions } from './member-permissions';
import { ForbiddenChannels } from './forbidden-channels';
import { SlashCommands, type CommandCatalog } from './slash/slash-commands';
import { ContentIntentNotice } from './content-intent';
import { UploadLimits } from './upload-limit';
import { AdapterShards } from './sharding/adapter-shards';
import { ShardPlanError, type ShardPlan } from './sharding/shard-plan';
import { planShards } from './sharding/resharder';
import { DEFAULTS, type DiscordAdapterOptions, type Tunables } from './discord-adapter-options';

/**
 * The connection half of the Discord adapter (see DiscordAdapter): its state and helpers, and
 * the connection lifecycle: plan the shards, create and log in a client, note connects and
 * disconnects, fail and back off, re-shard on a 4011, retire old clients, stop. Client events
 * and the Adapter API are added by the subclasses.
 */
export abstract class DiscordConnection {
  readonly id = DISCORD_ADAPTER_ID;
  readonly network = 'discord' as const;
  protected readonly options: Required<Tunables>;
  protected ctx: AdapterContext | null = null;
  protected logger: Logger | null = null;
  /** The live client; replaced on every (re)connect, null while stopped or waiting to retry. */
  protected client: Client | null = null;
  protected state: AdapterState = 'stopped';
  protected lastError: string | null = null;
  protected reconnects = 0;
  /** Pre-emptive waits (debug) and real 429s (WARN), counted for the Status view. */
  protected readonly rateLimits = new RateLimitLog(() => this.log());
  /** Gateway reachable right now (client_connect sent, client_disconnect not yet). */
  protected connected = false;
  protected quickReconnects = 0;
  protected retryTimer: NodeJS.Timeout | null = null;
  protected retryDelay: number;
  protected lastCloseCode: number | null = null;
  protected membersIntent = false;
  protected readonly fences = new WeakMap<Client, GatewayFence>();
  protected readonly replies = new ReplyTracker();
  protected readonly sources: SourceQueue;
  protected readonly voice: DiscordVoice;
  protected readonly slash: SlashCommands | null;
  protected readonly choiceExpiry = new ChoiceExpiry(() => this.log());
  protected readonly contentIntent = new ContentIntentNotice(() => this.log());
  /** Upload limits of the channels seen, for sends over REST while the gateway is down. */
  protected readonly uploadLimits = new UploadLimits();
  protected readonly forbidden = new ForbiddenChannels();
  /** Rank-relevant permissions per guild and role set (forgotten when a role changes). */
  protected readonly memberPermissions = new MemberPermissions();
  /** REST without a gateway, for sends while the client is down. */
  protected readonly restOnly = new RestOnly(() => this.ctx!.config.all().discord);
  protected readonly catalog: CommandCatalog | null;
  /** Counts connection attempts: a plan that arrives for an older attempt is dropped. */
  protected attempt = 0;
  protected planning = false;
  protected readonly sharding: AdapterShards;
  protected countsTimer: NodeJS.Timeout | null = null;

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
    this.sources = new SourceQueue(this.options.sourceWaitMs, (err) =>
      this.log().error({ err }, 'handling a Discord message failed'),
    );
    this.voice = new DiscordVoice(
      () => this.client,
      () => this.log(),
      voice,
    );
  }

  /** Subscribes to a new client's events (gateway, messages, REST rate limits). */
  protected abstract bind(client: Client): void;

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

  // ---- connection --------------------------------------------------------------------------

  /** Creates a client and logs in; `retry` when this is a scheduled retry after a failure. */
  protected connect(retry = false): void {
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
  protected open(plan: ShardPlan, token: string, retry: boolean): void {
    const { api, membersIntent, messageContentIntent, cache, globalRequestsPerSecond } =
      this.ctx!.config.all().discord;
    let client: Client;
    try {
      const restBase = restApiBase(api);
      const fence = new GatewayFence();
      client = new Client(
        clientOptions({
          membersIntent,
          messageContentIntent,
          api: restBase,
          globalRequestsPerSecond,
          fence,
          shards: plan,
          cache,
        }),
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

  /** Shows `discord.presence` (status and activity) while connected. */
  protected applyPresence(): void {
    const client = this.client;
    if (!client?.isReady()) return;
    try {
      client.user.setPresence(presenceOf(this.ctx!.config.all().discord.presence));
    } catch (err) {
      this.log().warn({ err }, 'setting the Discord presence failed');
    }
  }

  /** Connected (again): state, events, and the back-off starts over. */
  protected markConnected(): void {
    this.quickReconnects = 0;
    this.retryDelay = this.options.retryBaseMs;
    this.lastError = null;
    if (this.sharding.plan) this.sharding.resharder.settled(this.sharding.plan);
    this.setState('connected');
    if (this.connected) return;
    this.connected = true;
    this.ctx?.events.trigger('client_connect', { adapterId: this.id, network: this.network });
  }

  protected markDisconnected(reason: string): void {
    if (!this.connected) return;
    this.connected = false;
    this.ctx?.events.trigger('client_disconnect', { adapterId: this.id, network: this.network, reason });
  }

  /**
   * The connection failed: explain it, drop the client (no discord.js retries behind our back)
   * and, unless retrying cannot help, try again later with a growing delay.
   */
  protected fail(client: Client | null, failure: DiscordFailure, err?: unknown): void {
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
  protected async reshard(client: Client, shardId: number): Promise<void> {
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
  protected async retire(client: Client): Promise<void> {
    this.fences.get(client)?.close();
    try {
      await client.destroy();
    } catch (err) {
      this.log().warn({ err }, 'destroying the discord.js client failed');
    }
  }

  protected clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Guild or channel counts changed: a status update within 100 ms (coalesced). */
  protected countsChanged(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      this.ctx?.statusChanged();
    }, 100);
    this.countsTimer.unref();
  }

  protected setState(state: AdapterState): void {
    const changed = this.state !== state;
    this.state = state;
    if (changed) this.ctx?.statusChanged();
  }

  protected log(): Logger {
    if (!this.logger) throw new Error('discord adapter used before attach()');
    return this.logger;
  }
}
