import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { DEFAULT_RING_BYTES } from '../../src/main/runtime/logging/log-ring';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('typeof gc === "function" ? gc : null') as (() => void) | null;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

describe('log ring memory', () => {
  it('60,000 entries of 10 kB stay under the 64 MB default (measured on the heap)', () => {
    if (!gc) console.warn('SKIPPING the heap measurement: gc could not be exposed; checking ring bytes only');
    const logging = createLogging({ console: false, ringCapacity: 1_000_000 });
    const log = logging.child('flood');
    const before = heapUsed();
    const body = 'x'.repeat(10 * 1024);
    for (let i = 0; i < 60_000; i++) log.info(`${i} ${body}`);
    const after = heapUsed();
    const ring = logging.ring;
    expect(ring.bytes).toBeLessThanOrEqual(DEFAULT_RING_BYTES);
    expect(ring.lastSeq).toBe(59_999);
    expect(ring.size).toBeLessThan(60_000);
    expect(ring.tail(1)[0]!.msg).toMatch(/^59999 x+… \[clipped \d+ characters\]$/);
    if (gc) {
      const grown = (after - before) / MB;
      console.info(
        `heap grew ${grown.toFixed(1)} MB for ${ring.size} entries held (${(ring.bytes / MB).toFixed(1)} MB estimated)`,
      );
      expect(grown).toBeLessThan(DEFAULT_RING_BYTES / MB + 16);
    }
  });

  it('a smaller ringBytes holds less, and huge fields are clipped with a marker', () => {
    const logging = createLogging({ console: false, ringCapacity: 1_000_000, ringBytes: 4 * MB });
    const log = logging.child('fields');
    for (let i = 0; i < 5_000; i++) log.info({ blob: 'y'.repeat(10 * 1024), i }, 'with fields');
    const [last] = logging.ring.tail(1);
    expect(logging.ring.bytes).toBeLessThanOrEqual(4 * MB);
    expect(last!.fields).toMatchObject({ clipped: true });
    expect(String(last!.fields!.preview)).toMatch(/… \[clipped \d+ characters\]$/);
  });

  it('the error stack of an entry is clipped too', () => {
    const logging = createLogging({ console: false });
    const err = new Error('deep');
    err.stack = `Error: deep\n${'    at frame (file.ts:1:1)\n'.repeat(5_000)}`;
    logging.child('e').error({ err }, 'failed');
    const [entry] = logging.ring.tail(1);
    expect(entry!.err!.stack!.length).toBeLessThan(17_000);
    expect(entry!.err!.stack).toMatch(/\[clipped \d+ characters\]$/);
  });
});
