import { PCM_FORMAT } from '../output/audio-output';
import type { PcmSource } from '../sounds/sound';

const FRAME = PCM_FORMAT.frameBytes;
/** Decoded audio held ahead per layer before the decoder is paused (about 1 s). */
const HIGH_WATER = FRAME * 50;
const LOW_WATER = FRAME * 20;

/**
 * Turns a decoder's byte stream into 20 ms frames on demand, with backpressure: the decoder is
 * paused while enough is buffered. A layer is finished when its stream ended, its decoder exited
 * and every byte was taken; `error` is set when the decoder failed.
 */
export class PcmLayer {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private streamEnded = false;
  private exited = false;
  private failure: Error | null = null;
  private paused = false;
  framesTaken = 0;

  constructor(
    readonly source: PcmSource,
    private readonly changed: () => void,
  ) {
    const { stream } = source;
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes >= HIGH_WATER && !this.paused) {
        this.paused = true;
        stream.pause();
      }
      this.changed();
    });
    stream.once('end', () => {
      this.streamEnded = true;
      this.changed();
    });
    stream.once('error', (err: Error) => {
      this.failure ??= err;
      this.streamEnded = true;
      this.changed();
    });
    source.done.then(
      () => {
        this.exited = true;
        this.changed();
      },
      (err: Error) => {
        this.failure ??= err;
        this.exited = true;
        this.changed();
      },
    );
  }

  /** A frame can be taken now (or the layer has finished). */
  get ready(): boolean {
    return this.bytes >= FRAME || this.ended;
  }

  /** No more data will arrive. */
  get ended(): boolean {
    return this.streamEnded && this.exited;
  }

  get finished(): boolean {
    return this.ended && this.bytes === 0;
  }

  get error(): Error | null {
    return this.failure;
  }

  /** The next frame (the last one padded with silence), or null if none is ready. */
  takeFrame(): Buffer | null {
    if (this.bytes === 0) return null;
    if (this.bytes < FRAME && !this.ended) return null;
    const frame = Buffer.alloc(FRAME);
    let filled = 0;
    while (filled < FRAME && this.chunks.length) {
      const head = this.chunks[0]!;
      const n = Math.min(head.length, FRAME - filled);
      head.copy(frame, filled, 0, n);
      filled += n;
      if (n === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
    }
    this.bytes -= filled;
    this.framesTaken++;
    if (this.paused && this.bytes <= LOW_WATER) {
      this.paused = false;
      this.source.stream.resume();
    }
    return frame;
  }

  /** Stops the decoder and drops what is buffered. */
  close(): void {
    this.source.kill();
    this.source.stream.removeAllListeners('data');
    this.source.stream.resume();
    this.chunks = [];
    this.bytes = 0;
  }
}
