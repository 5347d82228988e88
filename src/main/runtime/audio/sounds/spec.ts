import { FFmpegSound } from './ffmpeg-sound';
import { FileSound } from './file-sound';
import type { Sound, SoundSpec } from './sound';
import { WebSound } from './web-sound';

/** Rebuilds a stored sound (restoring a queue). Throws SoundError for a malformed spec. */
export function soundFromSpec(spec: SoundSpec): Sound {
  const title = spec.title !== undefined ? { title: spec.title } : {};
  let sound: Sound;
  if (spec.kind === 'file') sound = new FileSound(spec.input, title);
  else if (spec.kind === 'web') sound = new WebSound(spec.input, title);
  else
    sound = new FFmpegSound(spec.input, {
      ...title,
      ...(spec.inputArgs ? { inputArgs: spec.inputArgs } : {}),
      ...(spec.args ? { args: spec.args } : {}),
    });
  sound.requester = spec.requester ?? null;
  return sound;
}

/** `play <file|url>`: a URL becomes a WebSound, anything else a file (relative to `baseDir`). */
export function soundFromInput(input: string, resolveFile: (name: string) => string): Sound {
  if (/^https?:\/\//i.test(input)) return new WebSound(input);
  return new FileSound(resolveFile(input));
}
