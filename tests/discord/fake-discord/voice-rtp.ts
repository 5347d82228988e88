import { createDecipheriv } from 'node:crypto';

/** Opus payload type Discord uses in RTP headers. */
export const RTP_OPUS = 0x78;
/** The Opus frame @discordjs/voice sends as silence (before pauses and after a stream). */
export const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);

export interface RtpPacket {
  sequence: number;
  timestamp: number;
  ssrc: number;
  /** The header bytes sent in clear (the AEAD additional data of the rtpsize modes). */
  header: Buffer;
  /** Length of the RTP header extension body (encrypted in rtpsize modes), in bytes. */
  extensionBytes: number;
  /** Everything after the clear header. */
  body: Buffer;
}

/** Parses an RTP packet (RFC 3550), or returns null for anything else. */
export function parseRtp(packet: Buffer): RtpPacket | null {
  if (packet.length < 12 || (packet[0]! & 0xc0) !== 0x80) return null;
  const csrcCount = packet[0]! & 0x0f;
  const hasExtension = (packet[0]! & 0x10) !== 0;
  let clear = 12 + csrcCount * 4;
  let extensionBytes = 0;
  if (hasExtension) {
    if (packet.length < clear + 4) return null;
    extensionBytes = packet.readUInt16BE(clear + 2) * 4;
    clear += 4; // the rtpsize modes keep the extension preamble (not its body) in clear
  }
  if (packet.length < clear) return null;
  return {
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    header: packet.subarray(0, clear),
    extensionBytes,
    body: packet.subarray(clear),
  };
}

/**
 * Decrypts an RTP payload of the rtpsize AEAD modes: body = ciphertext ‖ 16-byte tag ‖ 4-byte
 * nonce counter (big-endian, the first 4 bytes of the nonce, the rest zero). Returns the Opus
 * frame (the encrypted extension body, if any, removed), or throws.
 */
export function decryptRtpPayload(mode: string, key: Buffer, rtp: RtpPacket): Buffer {
  if (mode !== 'aead_aes256_gcm_rtpsize')
    throw new Error(`the fake voice server cannot decrypt ${mode} (no library for it is installed)`);
  const { body } = rtp;
  if (body.length < 4 + 16) throw new Error('RTP payload too short for AES-GCM');
  const nonce = Buffer.alloc(12);
  body.copy(nonce, 0, body.length - 4);
  const tag = body.subarray(body.length - 20, body.length - 4);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(rtp.header);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 20)), decipher.final()]);
  return plain.subarray(rtp.extensionBytes);
}
