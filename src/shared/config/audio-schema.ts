import { z } from 'zod';

/** The `audio` config section (every key has a default). */
export const AudioConfigSchema = z
  .object({
    /** ffmpeg binary; null = the one from @ffmpeg-installer/ffmpeg, else `ffmpeg` on PATH. */
    ffmpegPath: z.string().min(1).nullable().default(null),
    /** Web sounds larger than this are refused. */
    maxDownloadMb: z.number().positive().max(4096).default(50),
    /** A web download that has not finished after this long is abandoned. */
    downloadTimeoutMs: z.number().int().min(100).max(3_600_000).default(60_000),
    /** Where the console guild's sink writes PCM (s16le, 48 kHz, stereo); null = nowhere (null sink). */
    consoleSinkFile: z.string().min(1).nullable().default(null),
    /** Volume (0–200) of a guild that never set one. */
    defaultVolume: z.number().int().min(0).max(200).default(100),
  })
  .strict()
  .prefault({});
