import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Neither a configured ffmpeg, the @ffmpeg-installer binary nor one on PATH exists. */
export class FfmpegMissing extends Error {
  constructor(tried: string[]) {
    super(
      `ffmpeg was not found (tried: ${tried.join(', ')}). Install ffmpeg on the system (e.g. "apt install ffmpeg") ` +
        'or reinstall the npm package @ffmpeg-installer/ffmpeg, or set audio.ffmpegPath in the config.',
    );
    this.name = 'FfmpegMissing';
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installerPath(): string | null {
  try {
    const req = createRequire(import.meta.url);
    const found = (req('@ffmpeg-installer/ffmpeg') as { path?: unknown }).path;
    return typeof found === 'string' ? found : null;
  } catch {
    return null;
  }
}

function onPath(name: string): string | null {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (executable(file)) return file;
    }
  }
  return null;
}

/**
 * Finds the ffmpeg binary: the configured path if given (it must exist), else the binary shipped
 * inside @ffmpeg-installer/ffmpeg, else `ffmpeg` on PATH. Throws FfmpegMissing otherwise.
 */
export function resolveFfmpeg(configured: string | null = null): string {
  if (configured) {
    if (executable(configured)) return configured;
    throw new FfmpegMissing([configured]);
  }
  const tried: string[] = [];
  const bundled = installerPath();
  if (bundled) {
    if (executable(bundled)) return bundled;
    tried.push(bundled);
  } else tried.push('@ffmpeg-installer/ffmpeg');
  const system = onPath('ffmpeg');
  if (system) return system;
  tried.push('ffmpeg on PATH');
  throw new FfmpegMissing(tried);
}
