import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { isSeedable, seedCommandsDir } from './seed-commands';

const tmp = useTmpDirs();

function bundled(): string {
  const dir = path.join(tmp(), 'bundled-commands');
  mkdirSync(path.join(dir, 'fun', 'node_modules', 'x'), { recursive: true });
  writeFileSync(path.join(dir, 'ping.ts'), 'export default 1;');
  writeFileSync(path.join(dir, 'ping.test.ts'), 'test');
  writeFileSync(path.join(dir, 'fun', 'dice.ts'), 'export default 2;');
  writeFileSync(path.join(dir, 'fun', 'dice.spec.ts'), 'test');
  writeFileSync(path.join(dir, 'fun', 'node_modules', 'x', 'index.js'), '');
  writeFileSync(path.join(dir, '.DS_Store'), '');
  return dir;
}

describe('seedCommandsDir', () => {
  it('copies the example commands on first run, without tests and junk', async () => {
    const target = path.join(tmp(), 'userData', 'commands');
    expect(await seedCommandsDir(bundled(), target)).toBe('seeded');
    expect(readdirSync(target).sort()).toEqual(['fun', 'ping.ts']);
    expect(readdirSync(path.join(target, 'fun'))).toEqual(['dice.ts']);
    expect(readFileSync(path.join(target, 'ping.ts'), 'utf8')).toBe('export default 1;');
    expect(readdirSync(path.dirname(target))).toEqual(['commands']);
  });

  it('never touches an existing folder, even an empty one', async () => {
    const target = path.join(tmp(), 'commands');
    mkdirSync(target);
    writeFileSync(path.join(target, 'mine.ts'), 'mine');
    expect(await seedCommandsDir(bundled(), target)).toBe('exists');
    expect(readdirSync(target)).toEqual(['mine.ts']);
  });

  it('creates an empty folder when nothing is bundled', async () => {
    const target = path.join(tmp(), 'commands');
    expect(await seedCommandsDir(path.join(tmp(), 'missing'), target)).toBe('no-source');
    expect(existsSync(target) && readdirSync(target)).toEqual([]);
  });
});

describe('isSeedable', () => {
  it.each([
    ['a/ping.ts', true],
    ['a/ping.js', true],
    ['a/README.md', true],
    ['a/ping.test.ts', false],
    ['a/ping.spec.mjs', false],
    ['a/node_modules', false],
    ['a/.git', false],
  ])('%s → %s', (file, expected) => {
    expect(isSeedable(file)).toBe(expected);
  });
});
