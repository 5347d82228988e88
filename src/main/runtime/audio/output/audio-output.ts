import type { Readable } from 'node:stream';

/** 48 kHz, 2 channels, signed 16-bit little-endian PCM; one frame = 20 ms = 3840 bytes. */
export const PCM_FORMAT = {
  sampleRate: 48_000,
  channels: 2,
  bytesPerSample: 2,
  frameMs: 20,
  frameBytes: 3840,
} as const;

export type OutputState = 'idle' | 'connecting' | 'ready' | 'playing' | 'disconnected' | 'destroyed';

export interface AudioOutput {
  /** 'sink' | 'null' | 'discord' */
  readonly kind: string;
  readonly state: OutputState;
  /** Plays a continuous PCM stream (the player's mixed output); replaces any previous stream. */
  play(pcm: Readable): void;
  /** Stops playing (keeps the connection). */
  stop(): void;
  /** Leaves the channel / closes the sink for good. */
  destroy(): Promise<void>;
  onStateChange(listener: (state: OutputState, detail?: string) => void): () => void;
}

/** What an adapter that can join voice offers the audio subsystem. */
export interface VoiceCapable {
  joinVoice(guildId: string, channelId: string): Promise<AudioOutput>;
  leaveVoice(guildId: string): Promise<void>;
  voiceChannelOf(guildId: string): string | null;
}
