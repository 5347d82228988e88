import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const AUDIO_EXTENSIONS = /\.(ogg|opus|mp3|wav|flac|m4a|aac|webm)$/i;

/** The shipped sample sounds: `<resources>/sounds` when packaged, else `resources/sounds` up from here. */
export function findSampleSoundsDir(start = import.meta.dirname): string | null {
  // packaged app: electron-builder's extraResources puts them next to the asar
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'sounds'))) return path.join(packaged, 'sounds');
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'sounds');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** First run: creates `<dataDir>/sounds` and copies the sample sounds into it. */
export async function installSampleSounds(soundsDir: string, samplesDir: string | null): Promise<void> {
  if (existsSync(soundsDir)) return;
  await mkdir(soundsDir, { recursive: true });
  if (!samplesDir) return;
  for (const name of await readdir(samplesDir)) {
    if (AUDIO_EXTENSIONS.test(name)) await copyFile(path.join(samplesDir, name), path.join(soundsDir, name));
  }
}

/** Playable files directly in the sounds folder, sorted. */
export async function listSounds(soundsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(soundsDir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (!AUDIO_EXTENSIONS.test(name)) continue;
    try {
      if ((await stat(path.join(soundsDir, name))).isFile()) out.push(name);
    } catch {
      // vanished meanwhile
    }
  }
  return out;
}
