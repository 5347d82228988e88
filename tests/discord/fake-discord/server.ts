import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayIntentBits, type APIUser } from 'discord.js';
import { FakeGateway } from './gateway';
import {
  FakeInteractions,
  type InteractionRecord,
  type InteractOptions,
  type SlashValues,
} from './interactions';
import { FakeRest } from './rest';
import { resolveShardLimits, type ShardLimitOptions } from './shard-limits';
import type { SyntheticGuildOptions } from './synthetic';
import { FakeState, type InjectOptions, type RecordedMessage } from './state';
import { FakeVoice, type FakeVoiceOptions } from './voice-server';

export interface FakeDiscordOptions {
  /** The one valid bot token. */
  token?: string;
  heartbeatIntervalMs?: number;
  /** Privileged intents switched on "in the Developer Portal" (default: Message Content and Guild Members). */
  allowedPrivilegedIntents?: number;
  /** REST accepts any token, so a bad token is only noticed by the gateway (close code 4004). */
  restAcceptsAnyToken?: boolean;
  /** Members sent in GUILD_CREATE (default all). */
  membersInGuildCreate?: 'all' | 'bot';
  /** Run a voice server (TLS WebSocket + UDP) and answer op 4 voice state updates. */
  voice?: boolean | FakeVoiceOptions;
  /** Generated guilds besides the fixture guild (for sharding tests). */
  guilds?: SyntheticGuildOptions;
  /** Sharding limits: recommended shards, session starts, max_concurrency, guilds per shard, send rate. */
  shards?: ShardLimitOptions;
}

export const FAKE_TOKEN = 'fake-bot-token.for-tests.only';

/**
 * A local Discord for tests: REST v10 and gateway v10 on one HTTP server on 127.0.0.1 (a free
 * port), enough for an unmodified discord.js client. Point discord.js at `apiBase` (its REST
 * `api` option); it learns the gateway URL from GET /gateway/bot like against Discord.
 */
export class FakeDiscord {
  readonly state: FakeState;
  readonly gateway: FakeGateway;
  readonly rest: FakeRest;
  readonly interactions: FakeInteractions;
  readonly token: string;
  /** The voice server, when started with `voice`. */
  voice: FakeVoice | null = null;
  private port = 0;

  private constructor(
    private readonly server: Server,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? FAKE_TOKEN;
    this.state = new FakeState(() => `${this.origin}/cdn`, options.guilds);
    this.gateway = new FakeGateway(
      this.state,
      {
        token: this.token,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
        allowedPrivilegedIntents:
          options.allowedPrivilegedIntents ??
          GatewayIntentBits.MessageContent | GatewayIntentBits.GuildMembers,
        membersInGuildCreate: options.membersInGuildCreate ?? 'all',
        limits: resolveShardLimits(options.shards),
      },
      () => this.origin,
    );
    this.interactions = new FakeInteractions(this.state);
    this.rest = new FakeRest(
      this.state,
      this.gateway,
      { token: this.token, acceptAnyToken: options.restAcceptsAnyToken ?? false },
      this.interactions,
    );
    server.on('request', (req, res) => this.rest.handle(req, res));
    server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.port = (server.address() as AddressInfo).port;
    if (options.voice) {
      const voiceOptions = options.voice === true ? {} : options.voice;
      const voice = await FakeVoice.start(fake.state, () => fake.gateway.session?.id ?? null, voiceOptions);
      fake.voice = voice;
      fake.gateway.onVoiceStateUpdate = (d) =>
        voice.onVoiceStateUpdate(d, (t, data) => fake.gateway.dispatch(t, data));
    }
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The REST base for discord.js (`rest.api`, or the bot's --discord-api / discord.api). */
  get apiBase(): string {
    return `${this.origin}/api`;
  }

  /** Messages the bot posted, oldest first. */
  get posted(): RecordedMessage[] {
    return this.state.posted;
  }

  get world(): FakeState['world'] {
    return this.state.world;
  }

  /** A user writes a message: MESSAGE_CREATE goes to the bot. Returns the message id. */
  say(content: string, options: InjectOptions = {}): string {
    const d = this.state.incoming(content, options);
    this.gateway.dispatch('MESSAGE_CREATE', d);
    return d.id;
  }

  /**
   * Member `k` (default 0) of synthetic guild `index` writes in the guild's first channel:
   * MESSAGE_CREATE goes to the shard holding the guild. Returns the message id.
   */
  sayIn(index: number, content: string, k = 0): string {
    const synthetic = this.state.synthetic;
    if (!synthetic || index < 0 || index >= synthetic.count) throw new Error(`no synthetic guild ${index}`);
    const channelId = synthetic.channel(index).id;
    const message = this.state.message({
      channelId,
      author: synthetic.user(index, k),
      content,
      attachments: [],
      reference: null,
    });
    this.gateway.dispatch('MESSAGE_CREATE', this.state.withGatewayFields(message));
    return message.id;
  }

  /** A user runs a slash command: INTERACTION_CREATE goes to the bot. Returns the interaction id. */
  slash(name: string, values: SlashValues = {}, options: InteractOptions = {}): string {
    const d = this.interactions.slash(name, values, options);
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d.id as string;
  }

  /** A user clicks a component (button, or select menu with `values`) of a message the bot sent. */
  click(
    message: { id: string; channelId: string },
    customId: string,
    options: { author?: APIUser; values?: string[] } = {},
  ): string {
    const d = this.interactions.click(message, customId, options);
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d.id as string;
  }

  /**
   * The user submits the modal the bot showed in answer to interaction `shownBy` (values by
   * input custom id): MODAL_SUBMIT goes to the bot. Returns the new interaction's id.
   */
  submitModal(shownBy: string, values: Record<string, string>): string {
    const d = this.interactions.submitModal(shownBy, values);
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d.id as string;
  }

  /** A user types into option `focused` of a slash command: an autocomplete request. */
  autocomplete(name: string, focused: string, typed: string): string {
    const d = this.interactions.autocomplete(name, focused, typed);
    this.gateway.dispatch('INTERACTION_CREATE', d);
    return d.id as string;
  }

  /** The record of what the bot answered to an interaction. */
  interaction(id: string): InteractionRecord {
    const record = this.interactions.records.get(id);
    if (!record) throw new Error(`no interaction ${id}`);
    return record;
  }

  /** Resolves with the posted messages once there are at least `count` after index `from`. */
  async waitForPosts(count: number, from = 0, timeoutMs = 5_000): Promise<RecordedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted.length - from < count) {
      if (Date.now() > deadline) {
        const got = this.posted.slice(from).map((p) => p.content.slice(0, 80));
        throw new Error(
          `expected ${count} posted message(s) within ${timeoutMs} ms, got ${JSON.stringify(got)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.posted.slice(from, from + count);
  }

  async close(): Promise<void> {
    await this.voice?.close();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
