import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

export type SeedOutcome = 'seeded' | 'exists' | 'no-source';

/** Files of the bundled commands folder that are not commands for the user. */
export function isSeedable(file: string): boolean {
  const base = path.basename(file);
  if (base === 'node_modules' || base.startsWith('.')) return false;
  return !/\.(test|spec)\.[cm]?[jt]sx?$/.test(base);
}

/**
 * First run: copies the bundled example commands into the user's commands folder. Once the
 * folder exists it is the user's and is never touched again (not even when emptied). The copy
 * goes to a temp sibling first and is renamed into place, so an interrupted first run seeds
 * again next time instead of leaving half a folder that would count as "exists".
 */
export async function seedCommandsDir(sourceDir: string, targetDir: string): Promise<SeedOutcome> {
  if (existsSync(targetDir)) return 'exists';
  await fs.mkdir(path.dirname(targetDir), { recursive: true });
  const hasSource = existsSync(sourceDir) && (await fs.stat(sourceDir)).isDirectory();
  const staging = `${targetDir}.seeding-${process.pid}`;
  await fs.rm(staging, { recursive: true, force: true });
  if (hasSource) {
    await fs.cp(sourceDir, staging, {
      recursive: true,
      filter: (src) => src === sourceDir || isSeedable(src),
    });
  } else {
    await fs.mkdir(staging);
  }
  await fs.rename(staging, targetDir);
  return hasSource ? 'seeded' : 'no-source';
}
