import { describe, expect, it } from 'vitest';
import { FfmpegMissing, resolveFfmpeg } from './ffmpeg-binary';

describe('resolveFfmpeg', () => {
  it('finds a binary (the npm package or the system one)', () => {
    expect(resolveFfmpeg()).toMatch(/ffmpeg(\.exe)?$/);
  });

  it('a configured path that does not exist is a clear error, not a silent fallback', () => {
    expect(() => resolveFfmpeg('/no/such/ffmpeg')).toThrow(FfmpegMissing);
    expect(() => resolveFfmpeg('/no/such/ffmpeg')).toThrow(
      /ffmpeg was not found \(tried: \/no\/such\/ffmpeg\).*apt install ffmpeg/,
    );
  });
});
