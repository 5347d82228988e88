import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { loadWindowState, saveWindowState, windowStateFileOf } from './window-state-store';

const tmp = useTmpDirs();
const state = { x: 5, y: 6, width: 1000, height: 700, isMaximized: true };

describe('window state file', () => {
  it('round-trips through userData, creating the dir, leaving no temp file', async () => {
    const dir = path.join(tmp(), 'nested', 'userData');
    const file = windowStateFileOf(dir);
    saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('loads null when missing or corrupt', async () => {
    const file = windowStateFileOf(tmp());
    expect(await loadWindowState(file)).toBeNull();
    writeFileSync(file, '{"x": 5, "y": ');
    expect(await loadWindowState(file)).toBeNull();
  });
});
