import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { VoiceOpcodes } from 'discord-api-types/voice/v8';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { FakeState } from './state';
import { localCertificate } from './voice-tls';
import { FakeVoiceUdp, type UdpSession } from './voice-udp';

/** The transport encryption modes Discord's voice servers offer today (op 2 Ready). */
export const DISCORD_VOICE_MODES = ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'];

export interface FakeVoiceOptions {
  /** op 8 Hello's heartbeat interval. */
  heartbeatIntervalMs?: number;
  /** Modes offered in op 2 Ready. */
  modes?: string[];
}

/** What the gateway handed out for a guild in VOICE_STATE_UPDATE + VOICE_SERVER_UPDATE. */
interface VoiceGrant {
  guildId: string;
  channelId: string;
  userId: string;
  sessionId: string;
  token: string;
}

/** A voice session (one op 0 Identify); survives its socket and can be resumed. */
interface VoiceSession extends UdpSession {
  grant: VoiceGrant;
  ws: WebSocket | null;
  seq: number;
  /** Numbered messages kept for a buffered resume (voice gateway v8). */
  sent: { seq: number; payload: Record<string, unknown> }[];
}

export interface FakeVoiceStats {
  /** op 4 Voice State Update payloads from the bot's gateway connection. */
  joins: Record<string, unknown>[];
  connections: number;
  urls: string[];
  identifies: Record<string, unknown>[];
  resumes: Record<string, unknown>[];
  selects: Record<string, unknown>[];
  speaking: Record<string, unknown>[];
  /** seq_ack of every op 3 Heartbeat. */
  heartbeatSeqAcks: number[];
  closeCodes: number[];
}

type Dispatch = (t: string, d: unknown) => void;

/**
 * Discord's voice side for the fake: answers the gateway's op 4 with VOICE_STATE_UPDATE and
 * VOICE_SERVER_UPDATE (endpoint = this server), runs the voice WebSocket (gateway v8 over TLS:
 * hello, identify → ready, select protocol → session description, heartbeats with seq_ack,
 * speaking, resume with replay) and a UDP socket (IP discovery, RTP decryption; see FakeVoiceUdp).
 * DAVE is not spoken: the session description selects DAVE protocol version 0 (transport
 * encryption only), which the protocol allows whatever max_dave_protocol_version the client sent.
 */
export class FakeVoice {
  readonly stats: FakeVoiceStats = {
    joins: [],
    connections: 0,
    urls: [],
    identifies: [],
    resumes: [],
    selects: [],
    speaking: [],
    heartbeatSeqAcks: [],
    closeCodes: [],
  };
  /** Modes offered in op 2 Ready. */
  modes: string[];
  /** Ignore op 4 (no voice events come back: no permission, full channel, outage). */
  ignoreJoins = false;
  /** Close every op 0 Identify with this code instead of answering. */
  identifyCloseCode: number | null = null;
  private readonly grants = new Map<string, VoiceGrant>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private nextSsrc = 1000;
  private readonly heartbeatIntervalMs: number;

  private constructor(
    private readonly server: Server,
    readonly udp: FakeVoiceUdp,
    private readonly sessions: VoiceSession[],
    private readonly state: FakeState,
    private readonly sessionId: () => string | null,
    options: FakeVoiceOptions,
  ) {
    this.modes = options.modes ?? [...DISCORD_VOICE_MODES];
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
    server.on('upgrade', (req, socket, head) =>
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req.url ?? '')),
    );
  }

  static async start(
    state: FakeState,
    sessionId: () => string | null,
    options: FakeVoiceOptions = {},
  ): Promise<FakeVoice> {
    const { key, cert } = await localCertificate();
    const server = createServer({ key, cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const sessions: VoiceSession[] = [];
    const udp = await FakeVoiceUdp.start((ssrc) => sessions.find((s) => s.ssrc === ssrc));
    return new FakeVoice(server, udp, sessions, state, sessionId, options);
  }

  /** The `endpoint` of VOICE_SERVER_UPDATE: host:port without a scheme, like Discord's. */
  get endpoint(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The newest session's SSRC (what the bot sends RTP with), or null. */
  get ssrc(): number | null {
    return this.sessions.at(-1)?.ssrc ?? null;
  }

  /** Voice sessions with an open socket. */
  get live(): number {
    return this.sessions.filter((s) => s.ws?.readyState === WebSocket.OPEN).length;
  }

  /** The channel the bot's voice state is in, per guild (null when it left). */
  channelOf(guildId: string): string | null {
    return this.grants.get(guildId)?.channelId ?? null;
  }

  /** The gateway received op 4 Voice State Update from the bot. */
  onVoiceStateUpdate(d: Record<string, unknown>, dispatch: Dispatch): void {
    this.stats.joins.push(d);
    if (this.ignoreJoins) return;
    const { world } = this.state;
    const guildId = String(d.guild_id);
    if (guildId !== world.guild.id) return;
    const sessionId = this.sessionId();
    if (!sessionId) return;
    const channelId = typeof d.channel_id === 'string' ? d.channel_id : null;
    const channel = channelId ? world.guild.channels.find((c) => c.id === channelId) : null;
    if (channelId && channel?.type !== 2 && channel?.type !== 13) return; // not a voice/stage channel
    const member = world.guild.members.find((m) => m.user.id === world.bot.id);
    dispatch('VOICE_STATE_UPDATE', {
      guild_id: guildId,
      channel_id: channelId,
      user_id: world.bot.id,
      member,
      session_id: sessionId,
      deaf: false,
      mute: false,
      self_deaf: Boolean(d.self_deaf),
      self_mute: Boolean(d.self_mute),
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    });
    if (!channelId) {
      this.grants.delete(guildId);
      return;
    }
    const grant: VoiceGrant = {
      guildId,
      channelId,
      userId: world.bot.id,
      sessionId,
      token: randomBytes(8).toString('hex'),
    };
    this.grants.set(guildId, grant);
    dispatch('VOICE_SERVER_UPDATE', { token: grant.token, guild_id: guildId, endpoint: this.endpoint });
  }

  /** Closes the open voice sockets with a close code (4015: server crashed, resumable; …). */
  closeVoice(code: number, reason = ''): void {
    for (const session of this.sessions) {
      if (session.ws?.readyState !== WebSocket.OPEN) continue;
      this.stats.closeCodes.push(code);
      session.ws.close(code, reason);
    }
  }

  /** Removes the bot from its channel like a moderator's kick: 4014 + VOICE_STATE_UPDATE (no channel). */
  kick(guildId: string, dispatch: Dispatch): void {
    const grant = this.grants.get(guildId);
    this.closeVoice(4014, 'Disconnected');
    if (!grant) return;
    this.grants.delete(guildId);
    dispatch('VOICE_STATE_UPDATE', {
      guild_id: guildId,
      channel_id: null,
      user_id: grant.userId,
      session_id: grant.sessionId,
      deaf: false,
      mute: false,
      self_deaf: true,
      self_mute: false,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    });
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.udp.close();
  }

  // ---- voice WebSocket --------------------------------------------------------------------

  private onConnection(ws: WebSocket, url: string): void {
    this.stats.connections++;
    this.stats.urls.push(url);
    const version = new URLSearchParams(url.split('?')[1] ?? '').get('v');
    if (version !== '8') return this.closeSocket(ws, 4020, 'This fake speaks voice gateway v8 only');
    let session: VoiceSession | null = null;
    ws.on('message', (data: RawData, isBinary) => {
      if (isBinary) return this.closeSocket(ws, 4001, 'Unexpected binary message (no DAVE here)');
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
      } catch {
        return this.closeSocket(ws, 4002, 'Failed to decode payload');
      }
      const d = (typeof payload.d === 'object' && payload.d !== null ? payload.d : {}) as Record<
        string,
        unknown
      >;
      switch (payload.op) {
        case VoiceOpcodes.Heartbeat:
          this.stats.heartbeatSeqAcks.push(typeof d.seq_ack === 'number' ? d.seq_ack : NaN);
          return this.send(ws, { op: VoiceOpcodes.HeartbeatAck, d: { t: d.t } });
        case VoiceOpcodes.Identify:
          if (session) return this.closeSocket(ws, 4005, 'Already authenticated');
          session = this.identify(ws, d);
          return;
        case VoiceOpcodes.Resume:
          if (session) return this.closeSocket(ws, 4005, 'Already authenticated');
          session = this.resume(ws, d);
          return;
        case VoiceOpcodes.SelectProtocol:
          if (!session) return this.closeSocket(ws, 4003, 'Not authenticated');
          return this.selectProtocol(session, d);
        case VoiceOpcodes.Speaking:
          if (!session) return this.closeSocket(ws, 4003, 'Not authenticated');
          this.stats.speaking.push(d);
          return;
        default:
          return this.closeSocket(ws, 4001, 'Unknown opcode');
      }
    });
    ws.on('close', () => {
      if (session?.ws === ws) session.ws = null;
    });
    this.send(ws, { op: VoiceOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): VoiceSession | null {
    this.stats.identifies.push(d);
    const grant = this.grants.get(String(d.server_id));
    const valid =
      grant && d.token === grant.token && d.session_id === grant.sessionId && d.user_id === grant.userId;
    if (!valid) return this.refuse(ws, 4004, 'Authentication failed');
    if (this.identifyCloseCode !== null) return this.refuse(ws, this.identifyCloseCode, 'Refused');
    const session: VoiceSession = {
      grant,
      ws,
      seq: 0,
      sent: [],
      ssrc: this.nextSsrc++,
      mode: null,
      key: null,
    };
    // a new identify with the same credentials replaces the earlier session (and its SSRC)
    for (let i = this.sessions.length - 1; i >= 0; i--)
      if (this.sessions[i]!.grant === grant) this.sessions.splice(i, 1);
    this.sessions.push(session);
    this.sendNumbered(session, {
      op: VoiceOpcodes.Ready,
      d: { ssrc: session.ssrc, ip: '127.0.0.1', port: this.udp.port, modes: this.modes },
    });
    return session;
  }

  private selectProtocol(session: VoiceSession, d: Record<string, unknown>): void {
    this.stats.selects.push(d);
    const ws = session.ws!;
    const data = (d.data ?? {}) as Record<string, unknown>;
    if (d.protocol !== 'udp') return this.closeSocket(ws, 4012, 'Unknown protocol');
    if (typeof data.mode !== 'string' || !this.modes.includes(data.mode))
      return this.closeSocket(ws, 4016, 'Unknown encryption mode');
    session.mode = data.mode;
    session.key = randomBytes(32);
    this.sendNumbered(session, {
      op: VoiceOpcodes.SessionDescription,
      d: { mode: session.mode, secret_key: [...session.key], dave_protocol_version: 0 },
    });
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): VoiceSession | null {
    this.stats.resumes.push(d);
    const session = this.sessions.find(
      (s) =>
        s.grant.sessionId === d.session_id && s.grant.token === d.token && s.grant.guildId === d.server_id,
    );
    if (!session || this.grants.get(session.grant.guildId) !== session.grant)
      return this.refuse(ws, 4006, 'Session no longer valid');
    session.ws?.terminate();
    session.ws = ws;
    this.send(ws, { op: VoiceOpcodes.Resumed, d: null });
    const seqAck = typeof d.seq_ack === 'number' ? d.seq_ack : -1;
    for (const message of session.sent) if (message.seq > seqAck) this.send(ws, message.payload);
    return session;
  }

  private sendNumbered(session: VoiceSession, payload: Record<string, unknown>): void {
    const numbered = { ...payload, seq: ++session.seq };
    session.sent.push({ seq: numbered.seq, payload: numbered });
    if (session.ws) this.send(session.ws, numbered);
  }

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private closeSocket(ws: WebSocket, code: number, reason: string): void {
    this.stats.closeCodes.push(code);
    ws.close(code, reason);
  }

  private refuse(ws: WebSocket, code: number, reason: string): null {
    this.closeSocket(ws, code, reason);
    return null;
  }
}
