import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { OPUS_SILENCE, RTP_OPUS, decryptRtpPayload, parseRtp } from './voice-rtp';

/** One Opus frame the fake voice server received and decrypted. */
export interface ReceivedFrame {
  ssrc: number;
  sequence: number;
  timestamp: number;
  opus: Buffer;
  /** The 3-byte Opus silence frame. */
  silence: boolean;
  at: number;
}

/** What the UDP side needs to know about a voice session (from the WebSocket side). */
export interface UdpSession {
  ssrc: number;
  /** Set once the session description (op 4) was sent. */
  mode: string | null;
  key: Buffer | null;
}

export interface UdpStats {
  discoveries: { ssrc: number; from: string }[];
  keepAlives: number;
  /** RTP packets for an unknown SSRC, before a key, or failing to decrypt. */
  rejected: { ssrc: number; reason: string }[];
}

/**
 * The voice server's UDP socket: answers IP discovery (74-byte request → 74-byte response with
 * the address and port the request came from), takes keep-alives, and decrypts RTP packets with
 * the session's negotiated mode and key.
 */
export class FakeVoiceUdp {
  readonly frames: ReceivedFrame[] = [];
  readonly stats: UdpStats = { discoveries: [], keepAlives: 0, rejected: [] };

  private constructor(
    private readonly socket: Socket,
    private readonly sessionOf: (ssrc: number) => UdpSession | undefined,
  ) {
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
  }

  static async start(sessionOf: (ssrc: number) => UdpSession | undefined): Promise<FakeVoiceUdp> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new FakeVoiceUdp(socket, sessionOf);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Audio frames (silence excluded) of one SSRC, in arrival order. */
  audio(ssrc?: number): ReceivedFrame[] {
    return this.frames.filter((f) => !f.silence && (ssrc === undefined || f.ssrc === ssrc));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    if (msg.length === 74 && msg.readUInt16BE(0) === 1 && msg.readUInt16BE(2) === 70) {
      this.discover(msg.readUInt32BE(4), rinfo);
      return;
    }
    if (msg.length === 8) {
      this.stats.keepAlives++;
      return;
    }
    const rtp = parseRtp(msg);
    if (!rtp || (msg[1]! & 0x7f) !== RTP_OPUS) return;
    const session = this.sessionOf(rtp.ssrc);
    if (!session?.mode || !session.key) {
      this.stats.rejected.push({ ssrc: rtp.ssrc, reason: session ? 'no session key yet' : 'unknown SSRC' });
      return;
    }
    let opus: Buffer;
    try {
      opus = decryptRtpPayload(session.mode, session.key, rtp);
    } catch (err) {
      this.stats.rejected.push({ ssrc: rtp.ssrc, reason: (err as Error).message });
      return;
    }
    this.frames.push({
      ssrc: rtp.ssrc,
      sequence: rtp.sequence,
      timestamp: rtp.timestamp,
      opus,
      silence: opus.equals(OPUS_SILENCE),
      at: Date.now(),
    });
  }

  /** IP discovery: type 2, length 70, the SSRC, the sender's address (NUL-padded), its port. */
  private discover(ssrc: number, rinfo: RemoteInfo): void {
    this.stats.discoveries.push({ ssrc, from: `${rinfo.address}:${rinfo.port}` });
    if (!this.sessionOf(ssrc)) return; // Discord ignores discovery for an SSRC it did not hand out
    const reply = Buffer.alloc(74);
    reply.writeUInt16BE(2, 0);
    reply.writeUInt16BE(70, 2);
    reply.writeUInt32BE(ssrc, 4);
    reply.write(rinfo.address, 8, 'utf8');
    reply.writeUInt16BE(rinfo.port, 72);
    this.socket.send(reply, rinfo.port, rinfo.address);
  }
}
