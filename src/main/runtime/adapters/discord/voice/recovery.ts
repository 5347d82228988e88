import { VoiceConnectionDisconnectReason, type VoiceConnectionDisconnectedState } from '@discordjs/voice';

/** How a Discord voice output rides out lost connections. */
export interface VoiceRecoveryOptions {
  /** Rejoin attempts in a row (without reaching Ready) before the output gives up. */
  maxRejoins: number;
  /** Pause before rejoin attempt n is `n × rejoinDelayMs`. */
  rejoinDelayMs: number;
  /**
   * Longest a connection may stay in Signalling/Connecting (waiting for the gateway's voice
   * events, or for the voice server's handshake) before that counts as a failed attempt.
   */
  connectTimeoutMs: number;
  /**
   * After close code 4014 (kicked, moved or channel deleted) Discord sends new voice events when
   * the bot was moved; this is how long to wait for them before taking it as a removal.
   */
  movedGraceMs: number;
}

export const DEFAULT_RECOVERY: VoiceRecoveryOptions = {
  maxRejoins: 5,
  rejoinDelayMs: 1_000,
  connectTimeoutMs: 20_000,
  movedGraceMs: 5_000,
};

/** Voice WebSocket close codes worth naming in a log line or the panel. */
const CLOSE_CODES: Record<number, string> = {
  4004: 'the voice server refused the session token',
  4006: 'the voice session is no longer valid',
  4009: 'the voice session timed out',
  4011: 'the voice server was not found',
  4014: 'the bot was disconnected from the channel (kicked, moved or the channel was deleted)',
  4015: 'the voice server crashed',
  4016: 'the voice server did not accept the encryption mode',
  4017: 'the voice server requires end-to-end encryption (DAVE)',
  4021: 'rate limited by the voice server',
  4022: 'the call was terminated',
};

/** A readable reason for a voice WebSocket close code. */
export function describeClose(code: number): string {
  const known = CLOSE_CODES[code];
  return `voice connection closed (code ${code}${known ? `: ${known}` : ''})`;
}

/** A readable reason for a Disconnected voice connection state. */
export function describeDisconnect(state: VoiceConnectionDisconnectedState): string {
  switch (state.reason) {
    case VoiceConnectionDisconnectReason.WebSocketClose:
      return describeClose(state.closeCode);
    case VoiceConnectionDisconnectReason.AdapterUnavailable:
      return 'the Discord gateway is not connected, so the voice state cannot be sent';
    case VoiceConnectionDisconnectReason.EndpointRemoved:
      return 'Discord removed the voice server endpoint';
    case VoiceConnectionDisconnectReason.Manual:
      return 'left the voice channel';
    default:
      return 'voice connection lost';
  }
}

/** Close code 4014: a removal from the channel, or the first half of a move to another one. */
export function isRemoval(state: VoiceConnectionDisconnectedState): boolean {
  return state.reason === VoiceConnectionDisconnectReason.WebSocketClose && state.closeCode === 4014;
}
