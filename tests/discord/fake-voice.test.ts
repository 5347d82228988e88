import { createCipheriv } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from './support';
import { FakeState } from './fake-discord/state';
import { FakeVoice } from './fake-discord/voice-server';
import { localCertificate } from './fake-discord/voice-tls';
import { voiceToolsMissing } from './voice-support';

const missing = voiceToolsMissing();
if (missing) console.warn(`\n!!! SKIPPING the fake voice server tests: ${missing} !!!\n`);

interface Message {
  op: number;
  d: Record<string, unknown>;
  seq?: number;
}

/** A raw voice gateway client: what the fake says, and how it closed. */
class RawVoiceClient {
  readonly messages: Message[] = [];
  closed: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => void this.messages.push(JSON.parse(data.toString()) as Message));
    ws.on('close', (code) => void (this.closed = code));
  }

  static async open(url: string): Promise<RawVoiceClient> {
    const ws = new WebSocket(url, { ca: (await localCertificate()).cert });
    const client = new RawVoiceClient(ws);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return client;
  }

  send(op: number, d: unknown): void {
    this.ws.send(JSON.stringify({ op, d }));
  }

  async next(op: number): Promise<Message> {
    return waitFor(`op ${op}`, () => this.messages.find((m) => m.op === op), 3_000);
  }
}

/** An RTP packet the way the rtpsize AEAD mode wants it: header ‖ AES-GCM(opus) ‖ tag ‖ nonce. */
function rtpPacket(key: Buffer, ssrc: number, sequence: number, opus: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 0x78;
  header.writeUInt16BE(sequence, 2);
  header.writeUInt32BE(sequence * 960, 4);
  header.writeUInt32BE(ssrc, 8);
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(sequence, 0);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(opus), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([header, body, nonce.subarray(0, 4)]);
}

describe.skipIf(missing)('the fake Discord voice server', () => {
  let voice: FakeVoice | null = null;
  let udp: Socket | null = null;
  afterEach(async () => {
    udp?.close();
    udp = null;
    await voice?.close();
    voice = null;
  });

  it('checks the handshake like Discord and decrypts only authentic RTP packets', async () => {
    const state = new FakeState(() => '');
    voice = await FakeVoice.start(state, () => 'gateway-session');
    const guild = state.world.guild.id;
    const events: { t: string; d: Record<string, unknown> }[] = [];
    voice.onVoiceStateUpdate(
      { guild_id: guild, channel_id: state.world.channels.lounge.id, self_deaf: true },
      (t, d) => void events.push({ t, d: d as Record<string, unknown> }),
    );
    expect(events.map((e) => e.t)).toEqual(['VOICE_STATE_UPDATE', 'VOICE_SERVER_UPDATE']);
    const { token, endpoint } = events[1]!.d as { token: string; endpoint: string };
    expect(endpoint).toBe(voice.endpoint);
    const identify = {
      server_id: guild,
      user_id: state.world.bot.id,
      session_id: 'gateway-session',
      token,
      max_dave_protocol_version: 1,
    };

    const oldVersion = await RawVoiceClient.open(`wss://${endpoint}?v=4`);
    await waitFor('the close', () => oldVersion.closed);
    expect(oldVersion.closed).toBe(4020);

    const badToken = await RawVoiceClient.open(`wss://${endpoint}?v=8`);
    expect((await badToken.next(8)).d).toEqual({ heartbeat_interval: 1_000 });
    badToken.send(0, { ...identify, token: 'stolen' });
    await waitFor('the close', () => badToken.closed);
    expect(badToken.closed).toBe(4004);

    const badMode = await RawVoiceClient.open(`wss://${endpoint}?v=8`);
    badMode.send(0, identify);
    await badMode.next(2);
    badMode.send(1, { protocol: 'udp', data: { address: '127.0.0.1', port: 1, mode: 'xsalsa20_poly1305' } });
    await waitFor('the close', () => badMode.closed);
    expect(badMode.closed).toBe(4016);

    const client = await RawVoiceClient.open(`wss://${endpoint}?v=8`);
    client.send(0, identify);
    const ready = await client.next(2);
    const { ssrc, port, modes } = ready.d as { ssrc: number; port: number; modes: string[] };
    expect(modes).toEqual(['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize']);
    expect(ready.seq).toBe(1);

    udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp!.bind(0, '127.0.0.1', () => resolve()));
    const replies: Buffer[] = [];
    udp.on('message', (msg) => void replies.push(msg));
    const discovery = (forSsrc: number): Buffer => {
      const request = Buffer.alloc(74);
      request.writeUInt16BE(1, 0);
      request.writeUInt16BE(70, 2);
      request.writeUInt32BE(forSsrc, 4);
      return request;
    };
    udp.send(discovery(ssrc + 1), port, '127.0.0.1'); // an SSRC nobody was given: no answer
    udp.send(discovery(ssrc), port, '127.0.0.1');
    const reply = await waitFor('the discovery reply', () => replies[0], 3_000);
    expect(replies).toHaveLength(1);
    expect(reply.length).toBe(74);
    expect(reply.readUInt16BE(0)).toBe(2);
    expect(reply.readUInt32BE(4)).toBe(ssrc);
    expect(reply.subarray(8, reply.indexOf(0, 8)).toString()).toBe('127.0.0.1');
    expect(reply.readUInt16BE(72)).toBe(udp.address().port);

    client.send(1, {
      protocol: 'udp',
      data: { address: '127.0.0.1', port: udp.address().port, mode: modes[0] },
    });
    const description = await client.next(4);
    expect(description.d.mode).toBe('aead_aes256_gcm_rtpsize');
    expect(description.d.dave_protocol_version).toBe(0);
    const key = Buffer.from(description.d.secret_key as number[]);
    expect(key.length).toBe(32);

    const opus = Buffer.from([0xfc, 0x01, 0x02, 0x03]);
    udp.send(rtpPacket(key, ssrc, 7, opus), port, '127.0.0.1');
    const tampered = rtpPacket(key, ssrc, 8, opus);
    tampered[14] = tampered[14]! ^ 0xff; // one bit of ciphertext changed
    udp.send(tampered, port, '127.0.0.1');
    udp.send(rtpPacket(Buffer.alloc(32, 1), ssrc, 9, opus), port, '127.0.0.1'); // wrong key
    await waitFor(
      'all three packets',
      () => voice!.udp.frames.length + voice!.udp.stats.rejected.length === 3,
    );
    expect(voice.udp.frames).toHaveLength(1);
    expect(voice.udp.frames[0]).toMatchObject({ ssrc, sequence: 7, silence: false });
    expect(voice.udp.frames[0]!.opus.equals(opus)).toBe(true);
    expect(voice.udp.stats.rejected).toHaveLength(2);

    client.send(3, { t: 123, seq_ack: 2 });
    expect((await client.next(6)).d).toEqual({ t: 123 });
    expect(voice.stats.heartbeatSeqAcks).toEqual([2]);
    client.ws.terminate(); // the connection drops: resume it, getting what was not acknowledged

    const resume = { server_id: guild, session_id: 'gateway-session', token };
    const wrong = await RawVoiceClient.open(`wss://${endpoint}?v=8`);
    wrong.send(7, { ...resume, token: 'old', seq_ack: 1 });
    await waitFor('the close', () => wrong.closed);
    expect(wrong.closed).toBe(4006);

    const resumed = await RawVoiceClient.open(`wss://${endpoint}?v=8`);
    resumed.send(7, { ...resume, seq_ack: 1 });
    await resumed.next(9);
    const replayed = await resumed.next(4);
    expect(replayed.seq).toBe(2);
    expect(resumed.messages.map((m) => m.op)).toEqual([8, 9, 4]);
    resumed.send(99, {});
    await waitFor('the close', () => resumed.closed);
    expect(resumed.closed).toBe(4001);
  });
});
