import { endianness } from 'node:os';
import { PCM_FORMAT } from '../output/audio-output';

const SAMPLES = PCM_FORMAT.frameBytes / PCM_FORMAT.bytesPerSample;
const LITTLE_ENDIAN = endianness() === 'LE';

/** One input to a mixed frame: a full frame of s16le PCM and its gain (1 = unchanged). */
export interface MixInput {
  frame: Buffer;
  gain: number;
}

const clip = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);

/** Typed views when the machine is little-endian and the buffers are 2-byte aligned (the fast path). */
function samplesOf(buf: Buffer): Int16Array | null {
  return LITTLE_ENDIAN && buf.byteOffset % 2 === 0
    ? new Int16Array(buf.buffer, buf.byteOffset, SAMPLES)
    : null;
}

/**
 * Sums frames sample by sample with their gains, rounds, and clips to the 16-bit range. A single
 * input at gain 1 is copied unchanged; the result is always one fresh frame.
 */
export function mixFrames(
  inputs: readonly MixInput[],
  out: Buffer = Buffer.alloc(PCM_FORMAT.frameBytes),
): Buffer {
  if (inputs.length === 0) return out.fill(0);
  if (inputs.length === 1 && inputs[0]!.gain === 1) {
    inputs[0]!.frame.copy(out, 0, 0, PCM_FORMAT.frameBytes);
    return out;
  }
  const target = samplesOf(out);
  const views = inputs.map((i) => samplesOf(i.frame));
  if (target && views.every((v) => v !== null)) {
    const gains = inputs.map((i) => i.gain);
    const sum = new Float64Array(SAMPLES);
    views.forEach((view, k) => {
      const g = gains[k]!;
      for (let i = 0; i < SAMPLES; i++) sum[i]! += view![i]! * g;
    });
    for (let i = 0; i < SAMPLES; i++) target[i] = clip(Math.round(sum[i]!));
    return out;
  }
  for (let i = 0; i < SAMPLES; i++) {
    const at = i * 2;
    let sum = 0;
    for (const input of inputs) sum += input.frame.readInt16LE(at) * input.gain;
    out.writeInt16LE(clip(Math.round(sum)), at);
  }
  return out;
}
