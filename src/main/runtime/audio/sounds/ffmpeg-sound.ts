import { probe, spawnDecoder } from './ffmpeg-process';
import { Sound, type PcmSource, type SoundContext, type SoundSpec } from './sound';

export interface FFmpegSoundOptions {
  /** ffmpeg options placed before `-i` (e.g. `['-f', 'lavfi']`). */
  inputArgs?: string[];
  /** ffmpeg output options (filters such as `['-af', 'volume=0.5']`). */
  args?: string[];
  /** Start this many ms into the source. */
  seek?: number;
  title?: string;
}

/** Anything ffmpeg can read: a file, a URL ffmpeg opens itself, a lavfi graph. */
export class FFmpegSound extends Sound {
  readonly kind: SoundSpec['kind'] = 'ffmpeg';

  constructor(
    readonly input: string,
    protected readonly options: FFmpegSoundOptions = {},
  ) {
    super(options.title ?? input);
  }

  get source(): string {
    return this.input;
  }

  protected async doPrepare(ctx: SoundContext): Promise<void> {
    const info = await probe(ctx.ffmpeg, this.input, this.options.inputArgs);
    const seek = this.options.seek ?? 0;
    if (info.durationMs !== null) this.durationMs = Math.max(0, info.durationMs - seek);
    if (info.title && this.options.title === undefined) this.title = info.title;
  }

  open(ctx: SoundContext, offsetMs: number): PcmSource {
    return spawnDecoder(ctx.ffmpeg, this.input, {
      ...(this.options.inputArgs ? { inputArgs: this.options.inputArgs } : {}),
      ...(this.options.args ? { args: this.options.args } : {}),
      offsetMs: (this.options.seek ?? 0) + offsetMs,
    });
  }

  toSpec(): SoundSpec {
    return {
      kind: this.kind,
      input: this.input,
      ...(this.options.inputArgs ? { inputArgs: this.options.inputArgs } : {}),
      ...(this.options.args ? { args: this.options.args } : {}),
      title: this.title,
      requester: this.requester,
    };
  }
}
