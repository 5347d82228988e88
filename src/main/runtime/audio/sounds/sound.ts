import type { Readable } from 'node:stream';
import type { SoundLike } from '../../cmdsys/api/environment';

/** A sound that cannot be played: bad file, ffmpeg failure, download refused. The message is for users. */
export class SoundError extends Error {
  /** Shown to the user as is (the executor's convention for expected errors). */
  readonly userMessage: string;

  constructor(message: string) {
    super(message);
    this.name = 'SoundError';
    this.userMessage = message;
  }
}

/** Progress of a web download, as the panel shows it. */
export interface DownloadProgress {
  url: string;
  received: number;
  total: number | null;
  state: 'downloading' | 'done' | 'failed';
  error?: string;
}

/** What a sound needs from the audio subsystem to prepare and play. */
export interface SoundContext {
  ffmpeg: string;
  /** Where web sounds are downloaded to. */
  cacheDir: string;
  maxDownloadBytes: number;
  downloadTimeoutMs: number;
  onDownload?(progress: DownloadProgress): void;
}

/** A running decoder: 48 kHz stereo s16le PCM on `stream`; `done` rejects when the decoder failed. */
export interface PcmSource {
  readonly stream: Readable;
  readonly done: Promise<void>;
  readonly pid: number | undefined;
  /** Stops the decoder on purpose (not an error). */
  kill(): void;
}

/** How a queued sound is stored so that it can be rebuilt after a restart. */
export interface SoundSpec {
  kind: 'file' | 'ffmpeg' | 'web';
  input: string;
  inputArgs?: string[];
  args?: string[];
  title?: string;
  requester?: string | null;
}

/**
 * A source of 48 kHz stereo signed 16-bit PCM. `prepare` (download, probe) runs once; `open`
 * starts a decoder at an offset and may be called again (loops, seeks).
 */
export abstract class Sound implements SoundLike {
  abstract readonly kind: SoundSpec['kind'];
  title: string;
  /** Display name of who asked for it. */
  requester: string | null = null;
  /** Where it was asked for (adapter id + text channel): a failure is reported there. Set by the audio system. */
  origin: { adapterId: string; channel: { id: string; name: string } } | null = null;
  /** Known after prepare() when the source tells it. */
  durationMs: number | null = null;
  private prepared: Promise<void> | null = null;

  constructor(title: string) {
    this.title = title;
  }

  /** Where it comes from (file path, URL, ffmpeg input) for display. */
  abstract get source(): string;
  /** Whether open() honours an offset. */
  get seekable(): boolean {
    return true;
  }

  /** Downloads/probes once; a failure rejects with a SoundError and is remembered. */
  prepare(ctx: SoundContext): Promise<void> {
    this.prepared ??= this.doPrepare(ctx);
    return this.prepared;
  }

  protected abstract doPrepare(ctx: SoundContext): Promise<void>;
  abstract open(ctx: SoundContext, offsetMs: number): PcmSource;
  abstract toSpec(): SoundSpec;
}

export function isSound(value: unknown): value is Sound {
  return value instanceof Sound;
}
