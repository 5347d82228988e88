import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PCM_FORMAT } from '../output/audio-output';
import { mixFrames } from './mix';

const N = PCM_FORMAT.frameBytes / 2;

function frameOf(samples: number[], offset = 0): Buffer {
  // offset 1 makes an unaligned view: the slow path must give the same result
  const buf = Buffer.alloc(PCM_FORMAT.frameBytes + offset).subarray(offset);
  samples.forEach((s, i) => buf.writeInt16LE(s, i * 2));
  return buf;
}

const expected = (inputs: { s: number[]; g: number }[]): number[] =>
  Array.from({ length: N }, (_, i) => {
    const v = Math.round(inputs.reduce((acc, x) => acc + (x.s[i] ?? 0) * x.g, 0));
    return Math.max(-32768, Math.min(32767, v)) + 0; // + 0: no -0 (PCM has none)
  });

const read = (buf: Buffer): number[] => Array.from({ length: N }, (_, i) => buf.readInt16LE(i * 2));

describe('mixFrames', () => {
  it('sums with clipping, on aligned and unaligned buffers alike', () => {
    const a = Array.from({ length: N }, (_, i) => (i % 2 ? 30_000 : -30_000));
    const b = Array.from({ length: N }, () => 10_000);
    const want = expected([
      { s: a, g: 1 },
      { s: b, g: 1 },
    ]);
    expect(want[0]).toBe(-20_000);
    expect(want[1]).toBe(32_767);
    for (const offset of [0, 1]) {
      const out = mixFrames([
        { frame: frameOf(a, offset), gain: 1 },
        { frame: frameOf(b, offset), gain: 1 },
      ]);
      expect(read(out)).toEqual(want);
    }
  });

  it('matches the reference for random frames and gains', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: N, maxLength: N }),
            fc.double({ min: 0, max: 2, noNaN: true }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.boolean(),
        (inputs, unaligned) => {
          const out = mixFrames(inputs.map(([s, g]) => ({ frame: frameOf(s, unaligned ? 1 : 0), gain: g })));
          expect(read(out)).toEqual(expected(inputs.map(([s, g]) => ({ s, g }))));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('no input is silence; one input at gain 1 is copied', () => {
    expect(read(mixFrames([])).every((v) => v === 0)).toBe(true);
    const s = Array.from({ length: N }, (_, i) => i - 500);
    expect(read(mixFrames([{ frame: frameOf(s), gain: 1 }]))).toEqual(s);
  });
});
