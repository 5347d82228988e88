import { Readable } from 'node:stream';
import { PCM_FORMAT } from '../output/audio-output';

/**
 * The player's continuous output: frames are produced when the consumer reads (the output
 * paces), and nothing is pushed while there is nothing to play or the player is paused.
 */
export class MixedStream extends Readable {
  private wanted = false;

  constructor(private readonly produce: () => Buffer | null) {
    super({ highWaterMark: PCM_FORMAT.frameBytes * 2 });
  }

  override _read(): void {
    this.wanted = true;
    this.pump();
  }

  /** Pushes frames while the consumer wants them and the player has them. */
  pump(): void {
    while (this.wanted && !this.destroyed) {
      const frame = this.produce();
      if (!frame) return;
      this.wanted = this.push(frame);
    }
  }
}
