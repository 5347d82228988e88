import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuarantineFileSchema } from '../../shared/dto/quarantine';
import { QuarantineRefused, writeQuarantineEntry } from './quarantine-writer';

let dir: string;
let dataDir: string;
let commandsDir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'protos-quarantine-'));
  dataDir = path.join(dir, 'data');
  commandsDir = path.join(dir, 'commands');
  mkdirSync(dataDir);
  mkdirSync(path.join(commandsDir, 'sub'), { recursive: true });
  writeFileSync(path.join(commandsDir, 'loop.ts'), 'while (true) {}');
  writeFileSync(path.join(commandsDir, 'sub', 'b.ts'), 'export {}');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = {
  reason: 'stall' as const,
  message: 'stalled',
  stack: null,
  invocation: { id: 9, command: 'quiz' },
};
const read = () =>
  QuarantineFileSchema.parse(JSON.parse(readFileSync(path.join(dataDir, 'quarantine.json'), 'utf8')));

describe('writeQuarantineEntry', () => {
  it('creates the file in the fixed format, with the content hash and time', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    writeQuarantineEntry({ dataDir, commandsDir, file: 'loop.ts', entry, at });
    expect(read()).toEqual({
      version: 1,
      files: {
        'loop.ts': {
          ...entry,
          at: '2026-01-02T03:04:05.000Z',
          sha256: createHash('sha256').update('while (true) {}').digest('hex'),
        },
      },
    });
    expect(readdirSync(dataDir)).toEqual(['quarantine.json']); // no temp file left
  });

  it('keeps the entries already there and replaces the same file’s', () => {
    writeQuarantineEntry({ dataDir, commandsDir, file: 'sub/b.ts', entry: { ...entry, reason: 'manual' } });
    writeQuarantineEntry({ dataDir, commandsDir, file: 'loop.ts', entry });
    writeQuarantineEntry({ dataDir, commandsDir, file: 'loop.ts', entry: { ...entry, reason: 'crash' } });
    const files = read().files;
    expect(Object.keys(files).sort()).toEqual(['loop.ts', 'sub/b.ts']);
    expect(files['loop.ts']!.reason).toBe('crash');
    expect(files['sub/b.ts']!.reason).toBe('manual');
  });

  it('an invalid existing file is kept aside, never lost', () => {
    writeFileSync(path.join(dataDir, 'quarantine.json'), '{ "version": 2 ');
    const { note } = writeQuarantineEntry({ dataDir, commandsDir, file: 'loop.ts', entry });
    expect(note).toContain('quarantine.json.invalid');
    expect(readFileSync(path.join(dataDir, 'quarantine.json.invalid'), 'utf8')).toBe('{ "version": 2 ');
    expect(Object.keys(read().files)).toEqual(['loop.ts']);
  });

  it('refuses names outside the commands dir and files that are gone', () => {
    for (const file of ['../data/x.ts', '/etc/passwd', 'sub\\..\\..\\x.ts'])
      expect(() => writeQuarantineEntry({ dataDir, commandsDir, file, entry })).toThrow(QuarantineRefused);
    expect(() => writeQuarantineEntry({ dataDir, commandsDir, file: 'gone.ts', entry })).toThrow(
      /no longer exists/,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
