// The runtime side of quarantine.json: the fixed shape is read and written, a damaged file is
// reported, kept aside as .bad and treated as empty (never a crash), writes are whole files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuarantineFileSchema, type QuarantineEntry } from '../../../../shared/dto/quarantine';
import { useTmpDirs } from '../../../../../tests/support/tmp-dir';
import { createLogging } from '../../logging/logging';
import { contentHash, QuarantineStore } from './quarantine-store';

const tmp = useTmpDirs();

function storeIn(dir: string) {
  const logging = createLogging({ console: false });
  const store = QuarantineStore.inDataDir(dir, logging.child('quarantine'));
  const errors = () => logging.ring.tail(100).filter((e) => e.level === 'error');
  return { store, errors };
}

const ENTRY: QuarantineEntry = {
  reason: 'stall',
  message: 'blocked the event loop for 5000 ms',
  stack: null,
  at: '2026-12-03T02:00:00.000Z',
  invocation: { id: 9, command: 'quiz' },
  sha256: 'a'.repeat(64),
};

describe('QuarantineStore', () => {
  it('treats a missing file as nothing quarantined', async () => {
    const { store, errors } = storeIn(tmp());
    await store.refresh();
    expect(store.entries()).toEqual([]);
    expect(store.get('loop.ts')).toBeNull();
    expect(errors()).toEqual([]);
  });

  it('reads the fixed shape the supervisor writes', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'quarantine.json'),
      JSON.stringify({ version: 1, files: { 'loop.ts': ENTRY } }),
    );
    const { store } = storeIn(dir);
    await store.refresh();
    expect(store.get('loop.ts')).toEqual(ENTRY);
    // an inherited name is not an entry
    expect(store.get('toString')).toBeNull();
  });

  it('writes entries in the fixed shape and lifts them', async () => {
    const dir = tmp();
    const { store } = storeIn(dir);
    await store.add('loop.ts', ENTRY);
    await store.add('other.ts', { ...ENTRY, reason: 'faults', invocation: null, stack: 'Error: x\n  at y' });
    const onDisk = QuarantineFileSchema.parse(JSON.parse(readFileSync(store.file, 'utf8')));
    expect(Object.keys(onDisk.files).sort()).toEqual(['loop.ts', 'other.ts']);
    expect(onDisk.files['loop.ts']).toEqual(ENTRY);

    expect(await store.lift('loop.ts')).toBe(true);
    expect(await store.lift('loop.ts')).toBe(false);
    const after = QuarantineFileSchema.parse(JSON.parse(readFileSync(store.file, 'utf8')));
    expect(Object.keys(after.files)).toEqual(['other.ts']);
    // no temp files left behind
    expect(existsSync(`${store.file}.bad`)).toBe(false);
  });

  it.each([
    ['not JSON', '{ "version": 1, "files": '],
    ['a wrong version', JSON.stringify({ version: 2, files: {} })],
    ['a bad reason', JSON.stringify({ version: 1, files: { 'a.ts': { ...ENTRY, reason: 'bored' } } })],
    ['a bad hash', JSON.stringify({ version: 1, files: { 'a.ts': { ...ENTRY, sha256: 'xyz' } } })],
    ['an array', '[]'],
  ])('reports a damaged file (%s), keeps it as .bad and treats it as empty', async (_, content) => {
    const dir = tmp();
    const file = path.join(dir, 'quarantine.json');
    writeFileSync(file, content);
    const { store, errors } = storeIn(dir);
    await store.refresh();
    expect(store.entries()).toEqual([]);
    expect(readFileSync(`${file}.bad`, 'utf8')).toBe(content);
    expect(existsSync(file)).toBe(false);
    expect(
      errors()
        .map((e) => e.msg)
        .join('\n'),
    ).toMatch(/quarantine list is damaged.*quarantine\.json\.bad/);
    // and it keeps working: a new entry makes a new, valid file
    await store.add('loop.ts', ENTRY);
    expect(QuarantineFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).files['loop.ts']).toEqual(
      ENTRY,
    );
  });

  it('hashes file content as hex sha256, null for a missing file', async () => {
    const dir = tmp();
    const file = path.join(dir, 'a.ts');
    writeFileSync(file, 'abc');
    expect(await contentHash(file)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await contentHash(path.join(dir, 'missing.ts'))).toBeNull();
  });
});
