import { PCM_FORMAT } from '../output/audio-output';

const SAMPLES = PCM_FORMAT.frameBytes / PCM_FORMAT.bytesPerSample;

/** One input to a mixed frame: a full frame of s16le PCM and its gain (1 = unchanged). */
export interface MixInput {
  frame: Buffer;
  gain: number;
}

/**
 * Sums frames sample by sample with their gains and clips to the 16-bit range. A single input
 * at gain 1 is copied unchanged; the result is always one fresh frame.
 */
export function mixFrames(
  inputs: readonly MixInput[],
  out: Buffer = Buffer.alloc(PCM_FORMAT.frameBytes),
): Buffer {
  if (inputs.length === 1 && inputs[0]!.gain === 1) {
    inputs[0]!.frame.copy(out, 0, 0, PCM_FORMAT.frameBytes);
    return out;
  }
  if (inputs.length === 0) return out.fill(0);
  for (let i = 0; i < SAMPLES; i++) {
    const at = i * 2;
    let sum = 0;
    for (const input of inputs) sum += input.frame.readInt16LE(at) * input.gain;
    sum = Math.round(sum);
    out.writeInt16LE(sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum, at);
  }
  return out;
}
