import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayIntentBits, GatewayOpcodes, type GatewayMessageCreateDispatchData } from 'discord.js';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  chunk,
  IdentifyBuckets,
  MEMBER_CHUNK_SIZE,
  SendWindow,
  SessionStarts,
  type ResolvedShardLimits,
} from './shard-limits';
import type { FakeState } from './state';

/** Intents that need a switch in the Developer Portal. */
export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export interface GatewayOptions {
  /** The bot token IDENTIFY and RESUME must carry (else close code 4004). */
  token: string;
  /** HELLO's heartbeat interval; small so tests see heartbeats. */
  heartbeatIntervalMs: number;
  /** Privileged intents "enabled in the Developer Portal"; asking for others closes with 4014. */
  allowedPrivilegedIntents: number;
  /**
   * Members in GUILD_CREATE: all of them (a small guild), or only the bot (what Discord sends
   * a bot without the presence intent in a large guild); the rest then needs a fetch.
   */
  membersInGuildCreate: 'all' | 'bot';
  /** Session starts, identify buckets, guilds per shard, sends per connection. */
  limits: ResolvedShardLimits;
}

interface DispatchEvent {
  s: number;
  t: string;
  d: unknown;
}

/** A gateway session: survives a dropped socket and can be resumed with its id and sequence. */
export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  events: DispatchEvent[];
  socket: WebSocket | null;
  /** `[shard_id, num_shards]` from IDENTIFY. */
  shard: [number, number];
}

/** Events kept per session for a RESUME to replay (older ones are dropped). */
const REPLAY_LIMIT = 10_000;

export interface GatewayStats {
  connections: number;
  /** Request paths of the socket connections, with their query (`/gateway?v=10&encoding=json`). */
  urls: string[];
  identifies: Record<string, unknown>[];
  resumes: { sessionId: string; seq: number; path: string }[];
  heartbeats: number;
  memberRequests: Record<string, unknown>[];
  /** Close codes the server closed sockets with. */
  closeCodes: number[];
  /** Op 3 presence updates the bot sent. */
  presences: Record<string, unknown>[];
  /** IDENTIFYs that came sooner than their max_concurrency bucket allowed (counted only). */
  identifyTooSoon: number;
  /** Connections closed for sending more than the limit per window (4008). */
  sendLimitCloses: number;
}

const GATEWAY_PATH = '/gateway';
/** READY's resume_gateway_url points here, so a test can tell discord.js used it. */
const RESUME_PATH = '/gateway-resume';

/**
 * Gateway v10 over `ws`: HELLO, heartbeats and ACKs, IDENTIFY → READY + GUILD_CREATE,
 * RESUME with replay of missed events, REQUEST_GUILD_MEMBERS, dispatch injection, and
 * deliberate failures (dropped sockets, close codes on IDENTIFY). JSON encoding, no compression.
 */
export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  /** The newest identified session (the bot's). */
  session: GatewaySession | null = null;
  readonly stats: GatewayStats = {
    connections: 0,
    urls: [],
    identifies: [],
    resumes: [],
    heartbeats: 0,
    memberRequests: [],
    closeCodes: [],
    presences: [],
    identifyTooSoon: 0,
    sendLimitCloses: 0,
  };
  /** The newest session of each shard id. */
  readonly shards = new Map<number, GatewaySession>();
  readonly starts: SessionStarts;
  private readonly buckets: IdentifyBuckets;
  /** Close every IDENTIFY with this code (4004 invalid token, 4014 disallowed intents, …). */
  identifyCloseCode: number | null = null;
  /** Cut every new gateway connection before the WebSocket handshake (an outage). */
  refuseConnections = false;
  /** Connections cut because of refuseConnections. */
  refused = 0;
  /** Answers op 4 Voice State Update (set when the fake runs a voice server); else op 4 is ignored. */
  onVoiceStateUpdate: ((d: Record<string, unknown>) => void) | null = null;

  constructor(
    private readonly state: FakeState,
    private readonly options: GatewayOptions,
    private readonly origin: () => string,
  ) {
    this.starts = new SessionStarts(options.limits);
    this.buckets = new IdentifyBuckets(options.limits);
  }

  /** Shards Discord would recommend now: one per `guildsPerRecommendedShard` guilds. */
  get recommendedShards(): number {
    return Math.max(1, Math.ceil(this.state.guildCount / this.options.limits.guildsPerRecommendedShard));
  }

  get url(): string {
    return `${this.origin().replace(/^http/, 'ws')}${GATEWAY_PATH}`;
  }

  /** Routes an HTTP upgrade on the gateway paths to the WebSocket server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== GATEWAY_PATH && path !== RESUME_PATH) {
      socket.destroy();
      return;
    }
    if (this.refuseConnections) {
      this.refused++;
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req.url ?? ''));
  }

  /**
   * Sends a dispatch event to the session of the shard that holds its guild (`guild_id`; events
   * without one go to shard 0, like direct messages), queued for replay while its socket is down.
   */
  dispatch(t: string, d: unknown): void {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const session = this.sessionFor(typeof guildId === 'string' ? guildId : null);
    if (!session) throw new Error(`no gateway session to dispatch ${t} to (the bot has not identified)`);
    this.sendDispatch(session, t, d);
  }

  /**
   * The session holding a guild's shard (shard 0 for null). A sharded bot whose shard never
   * identified (its cluster is not running) has none: events for its guilds go nowhere.
   */
  sessionFor(guildId: string | null): GatewaySession | null {
    const count = this.session?.shard[1] ?? 1;
    if (count === 1) return this.session;
    const shard = guildId === null ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
    const session = this.shards.get(shard);
    return session?.shard[1] === count ? session : null;
  }

  /** Cuts the bot's socket without a close frame (what a network failure looks like). */
  drop(): void {
    this.session?.socket?.terminate();
  }

  /** Op 7 RECONNECT: Discord asks the bot to reconnect and resume. */
  requestReconnect(): void {
    const socket = this.session?.socket;
    if (socket) this.send(socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Op 9 INVALID SESSION mid-session; a non-resumable one also forgets the session. */
  invalidateSession(resumable: boolean): void {
    const session = this.session;
    if (!session?.socket) return;
    if (!resumable) this.sessions.delete(session.id);
    this.send(session.socket, { op: GatewayOpcodes.InvalidSession, d: resumable });
  }

  /** The session expires while the bot is disconnected: its RESUME gets op 9 (not resumable). */
  expireSession(): void {
    const session = this.session;
    if (!session) return;
    this.sessions.delete(session.id);
    session.socket?.terminate();
  }

  /** Closes the bot's socket with a close code. */
  closeWith(code: number, reason = ''): void {
    const socket = this.session?.socket;
    if (!socket) return;
    this.stats.closeCodes.push(code);
    socket.close(code, reason);
  }

  /** "Switches" privileged intents in the Developer Portal (affects the next IDENTIFY). */
  allowPrivilegedIntents(bits: number): void {
    this.options.allowedPrivilegedIntents = bits;
  }

  get connected(): boolean {
    return this.session?.socket?.readyState === WebSocket.OPEN;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, url: string): void {
    this.stats.connections++;
    this.stats.urls.push(url);
    const query = new URLSearchParams(url.split('?')[1] ?? '');
    if (query.get('v') !== '10') return this.closeSocket(ws, 4012, 'Invalid API version');
    if (query.get('encoding') !== 'json' || query.has('compress'))
      return this.closeSocket(ws, 4002, 'Only JSON without compression here');
    let session: GatewaySession | null = null;
    const sends = new SendWindow(this.options.limits);
    ws.on('message', (data: RawData) => {
      if (!sends.admit()) {
        this.stats.sendLimitCloses++;
        return this.closeSocket(ws, 4008, 'Rate limited');
      }
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
      } catch {
        return this.closeSocket(ws, 4002, 'Decode error');
      }
      const d = (payload.d ?? {}) as Record<string, unknown>;
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          this.stats.heartbeats++;
          return this.send(ws, { op: GatewayOpcodes.HeartbeatAck });
        case GatewayOpcodes.Identify:
          if (session) return this.closeSocket(ws, 4005, 'Already authenticated');
          session = this.identify(ws, d);
          return;
        case GatewayOpcodes.Resume:
          if (session) return this.closeSocket(ws, 4005, 'Already authenticated');
          session = this.resume(ws, d, url.split('?')[0] ?? '');
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) return this.closeSocket(ws, 4003, 'Not authenticated');
          return this.requestMembers(session, d);
        case GatewayOpcodes.VoiceStateUpdate:
          if (!session) return this.closeSocket(ws, 4003, 'Not authenticated');
          this.onVoiceStateUpdate?.(d);
          return;
        case GatewayOpcodes.PresenceUpdate:
          this.stats.presences.push(d);
          return;
        default:
          return this.closeSocket(ws, 4001, 'Unknown opcode');
      }
    });
    ws.on('close', () => {
      if (session?.socket === ws) session.socket = null;
    });
    this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): GatewaySession | null {
    this.stats.identifies.push(d);
    if (d.token !== this.options.token) return this.refuse(ws, 4004, 'Authentication failed');
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents)
      return this.refuse(ws, 4014, 'Disallowed intent(s)');
    if (this.identifyCloseCode !== null) return this.refuse(ws, this.identifyCloseCode, 'Refused');
    const shard = shardOf(d.shard);
    if (!shard) return this.refuse(ws, 4010, 'Invalid shard');
    const limits = this.options.limits;
    const guilds = this.state.guildIdsOnShard(shard[0], shard[1]);
    if (guilds.length > limits.maxGuildsPerShard) return this.refuse(ws, 4011, 'Sharding required');
    // counted, not refused: a client restarted within 5 s of its last identify (a new throttler)
    // does the same against Discord, and tests assert the count where it matters
    if (!this.buckets.admit(shard[0])) this.stats.identifyTooSoon++;
    if (!this.starts.take()) return this.refuse(ws, 4008, 'Session start limit reached');
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      seq: 0,
      events: [],
      socket: ws,
      shard,
    };
    this.sessions.set(session.id, session);
    this.session = session;
    this.shards.set(shard[0], session);
    const { world } = this.state;
    this.sendDispatch(session, 'READY', {
      v: 10,
      user: { ...world.bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${this.origin().replace(/^http/, 'ws')}${RESUME_PATH}`,
      shard,
      application: { id: world.bot.id, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
      presences: [],
      guild_join_requests: [],
    });
    const all = this.options.membersInGuildCreate === 'all';
    for (const id of guilds) {
      if (id !== world.guild.id) {
        this.sendDispatch(
          session,
          'GUILD_CREATE',
          this.state.synthetic!.guildCreate(this.state.synthetic!.indexOfGuild(id)!, all),
        );
        continue;
      }
      const guild = world.guild;
      const members = all ? guild.members : guild.members.filter((m) => m.user.id === world.bot.id);
      this.sendDispatch(session, 'GUILD_CREATE', { ...guild, members });
    }
    return session;
  }

  private resume(ws: WebSocket, d: Record<string, unknown>, path: string): GatewaySession | null {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    this.stats.resumes.push({ sessionId: String(d.session_id), seq, path });
    if (d.token !== this.options.token) return this.refuse(ws, 4004, 'Authentication failed');
    if (!session) {
      // not resumable: the client must identify again
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    session.socket?.terminate();
    session.socket = ws;
    for (const event of session.events)
      if (event.s > seq) this.send(ws, { op: GatewayOpcodes.Dispatch, ...event });
    this.sendDispatch(session, 'RESUMED', {});
    return session;
  }

  private requestMembers(session: GatewaySession, d: Record<string, unknown>): void {
    this.stats.memberRequests.push(d);
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Infinity;
    const userIds = Array.isArray(d.user_ids) ? (d.user_ids as string[]) : null;
    const guildId = typeof d.guild_id === 'string' ? d.guild_id : '';
    // a guild of another shard (or none): Discord answers nothing
    if (this.sessionFor(guildId) !== session) return;
    const members = this.state
      .membersOf(guildId)
      .filter((m) =>
        userIds ? userIds.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query),
      )
      .slice(0, limit);
    const chunks = chunk(members, MEMBER_CHUNK_SIZE);
    chunks.forEach((part, index) =>
      this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
        guild_id: guildId,
        members: part,
        chunk_index: index,
        chunk_count: chunks.length,
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      }),
    );
  }

  private sendDispatch(session: GatewaySession, t: string, d: unknown): void {
    const event: DispatchEvent = { s: ++session.seq, t, d: this.withoutContent(session, t, d) };
    session.events.push(event);
    if (session.events.length > REPLAY_LIMIT) session.events.splice(0, session.events.length - REPLAY_LIMIT);
    if (session.socket?.readyState === WebSocket.OPEN)
      this.send(session.socket, { op: GatewayOpcodes.Dispatch, ...event });
  }

  /**
   * Without the Message Content intent Discord empties a message's content, embeds,
   * attachments, components and poll, except in DMs, in messages that mention the bot and in
   * the bot's own messages.
   */
  private withoutContent(session: GatewaySession, t: string, d: unknown): unknown {
    if (t !== 'MESSAGE_CREATE' && t !== 'MESSAGE_UPDATE') return d;
    if (session.intents & GatewayIntentBits.MessageContent) return d;
    const message = d as GatewayMessageCreateDispatchData;
    const botId = this.state.world.bot.id;
    if (message.author?.id === botId || this.state.isDm(message.channel_id)) return d;
    if (message.mentions?.some((u) => u.id === botId)) return d;
    const { poll: _poll, ...rest } = message;
    return { ...rest, content: '', embeds: [], attachments: [], components: [] };
  }

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private closeSocket(ws: WebSocket, code: number, reason: string): void {
    this.stats.closeCodes.push(code);
    ws.close(code, reason);
  }

  /** Closes and returns no session (for IDENTIFY/RESUME refusals). */
  private refuse(ws: WebSocket, code: number, reason: string): null {
    this.closeSocket(ws, code, reason);
    return null;
  }
}

/** IDENTIFY's `shard` field: absent means `[0, 1]`; null when malformed or out of range. */
function shardOf(value: unknown): [number, number] | null {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const [i, n] = [id as number, count as number];
  return n >= 1 && i >= 0 && i < n ? [i, n] : null;
}
