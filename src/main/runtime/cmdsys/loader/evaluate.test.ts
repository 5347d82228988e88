import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleCommandFiles } from './bundle';
import { ChunkPositions, evaluateCommonJs, mapStackPositions } from './evaluate';

const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(file: string, source: string): Promise<string> {
  writeFileSync(path.join(dir, file), source);
  const outcome = (await bundleCommandFiles(dir, [file])).get(file);
  if (!outcome?.ok) throw new Error(`bundling ${file} failed`);
  return outcome.bundle.code;
}

describe('evaluateCommonJs', () => {
  it('returns module.exports and leaves require.cache alone', () => {
    const cacheSize = Object.keys(createRequire(import.meta.url).cache).length;
    const exports = evaluateCommonJs(
      'exports.a = 1; module.exports.b = require("x") + __filename.length + typeof __dirname;',
      path.join(dir, 'x.js'),
      (id) => id.toUpperCase(),
    );
    expect(exports).toEqual({ a: 1, b: `X${path.join(dir, 'x.js').length}string` });
    expect(Object.keys(createRequire(import.meta.url).cache)).toHaveLength(cacheSize);
  });

  it('names the file in stack frames', () => {
    const file = path.join(dir, 'throws.js');
    try {
      evaluateCommonJs('\n\n  throw new Error("here");', file, () => undefined);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).stack).toContain(`${file}:3:9`);
    }
  });
});

describe('source positions', () => {
  const source = [
    "import { helper } from './lib';",
    '',
    'export function run(): number {',
    '  const value: number = helper();',
    "  throw new Error('mapped ' + value);",
    '}',
    '',
  ].join('\n');

  it('map positions in a bundle back to the TypeScript source, helpers included', async () => {
    writeFileSync(path.join(dir, 'lib.ts'), 'export function helper(): number {\n  return 42;\n}\n');
    const code = await bundle('mapped.ts', source);
    const file = path.join(dir, 'mapped.ts');
    const exports = evaluateCommonJs(code, file, () => undefined) as { run(): number };
    let stack = '';
    try {
      exports.run();
    } catch (err) {
      stack = (err as Error).stack ?? '';
    }
    expect(stack).toContain('mapped 42');
    const positions = new ChunkPositions(code);
    const mapped = mapStackPositions(stack, new Map([[file, positions]]), dir);
    expect(mapped).toContain(`at Object.run (${file}:5:9)`);
    expect(stack).not.toContain(`${file}:5:9`);
    // a position in the bundled helper maps to the helper's file
    const helperLine = code.split('\n').findIndex((l) => l.includes('return 42')) + 1;
    expect(positions.original(helperLine, 3)).toEqual({ source: 'lib.ts', line: 2, column: 3 });
    // unknown files and unmapped code stay as they are
    expect(mapStackPositions('at x (/elsewhere.js:1:1)', new Map([[file, positions]]), dir)).toBe(
      'at x (/elsewhere.js:1:1)',
    );
    expect(new ChunkPositions('no map here').original(1, 1)).toBeNull();
  });
});
