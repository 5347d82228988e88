import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Listeners } from '../../util/listeners';
import { PCM_FORMAT, type AudioOutput, type OutputState } from './audio-output';

export interface SinkOptions {
  /** Append the PCM to this file (raw s16le 48 kHz stereo). */
  file?: string;
  /** Receives every frame (tests, the benchmark's encoder). */
  onFrame?(frame: Buffer): void;
  /** Consume in real time (default) or as fast as the player produces (tests). */
  paced?: boolean;
}

/** Frames that may be read at once after a stall, so an idle sink does not burst. */
const MAX_DUE = 5;

/**
 * An output without a network: consumes the player's PCM (in real time by default) and writes
 * it to a file and/or a callback, or nowhere (`kind` 'null'). The console guild plays into one.
 */
export class SinkOutput implements AudioOutput {
  readonly kind: string;
  private current: OutputState = 'ready';
  private readonly listeners = new Listeners<[OutputState, string | undefined]>();
  private source: Readable | null = null;
  private timer: NodeJS.Timeout | null = null;
  private file: WriteStream | null = null;
  private readonly paced: boolean;
  /** Frames consumed since creation. */
  frames = 0;

  constructor(private readonly options: SinkOptions = {}) {
    this.kind = options.file || options.onFrame ? 'sink' : 'null';
    this.paced = options.paced ?? true;
    if (options.file) {
      this.file = createWriteStream(options.file, { flags: 'a' });
      this.file.on('error', (err) =>
        this.setState('disconnected', `cannot write ${options.file}: ${err.message}`),
      );
    }
  }

  get state(): OutputState {
    return this.current;
  }

  play(pcm: Readable): void {
    if (this.current === 'destroyed') throw new Error('this output was destroyed');
    this.stop();
    this.source = pcm;
    this.setState('playing');
    if (this.paced) this.startClock(pcm);
    else pcm.on('data', (chunk: Buffer) => this.consume(chunk));
  }

  private startClock(pcm: Readable): void {
    let last = performance.now();
    let due = 1;
    this.timer = setInterval(() => {
      const now = performance.now();
      due = Math.min(MAX_DUE, due + (now - last) / PCM_FORMAT.frameMs);
      last = now;
      while (due >= 1) {
        const frame = pcm.read(PCM_FORMAT.frameBytes) as Buffer | null;
        if (!frame) {
          due = Math.min(due, 1);
          break;
        }
        due -= 1;
        this.consume(frame);
      }
    }, PCM_FORMAT.frameMs);
  }

  private consume(chunk: Buffer): void {
    this.frames += chunk.length / PCM_FORMAT.frameBytes;
    this.file?.write(chunk);
    this.options.onFrame?.(chunk);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.source) {
      this.source.removeAllListeners('data');
      this.source.pause();
    }
    this.source = null;
    if (this.current === 'playing') this.setState('ready');
  }

  async destroy(): Promise<void> {
    if (this.current === 'destroyed') return;
    this.stop();
    const file = this.file;
    this.file = null;
    if (file) await new Promise<void>((resolve) => file.end(() => resolve()));
    this.setState('destroyed');
  }

  onStateChange(listener: (state: OutputState, detail?: string) => void): () => void {
    return this.listeners.add(([state, detail]) => listener(state, detail));
  }

  private setState(state: OutputState, detail?: string): void {
    this.current = state;
    this.listeners.emit([state, detail]);
  }
}
