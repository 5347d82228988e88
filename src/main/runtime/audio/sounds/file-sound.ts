import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FFmpegSound } from './ffmpeg-sound';
import { SoundError, type SoundContext, type SoundSpec } from './sound';

/** An audio file on disk (any format ffmpeg decodes). */
export class FileSound extends FFmpegSound {
  override readonly kind: SoundSpec['kind'] = 'file';

  constructor(file: string, options: { title?: string } = {}) {
    super(path.resolve(file), { title: options.title ?? path.basename(file, path.extname(file)) });
  }

  protected override async doPrepare(ctx: SoundContext): Promise<void> {
    let isFile = false;
    try {
      isFile = (await stat(this.input)).isFile();
    } catch {
      throw new SoundError(`no such file: ${this.input}`);
    }
    if (!isFile) throw new SoundError(`not a file: ${this.input}`);
    await super.doPrepare(ctx);
  }
}
