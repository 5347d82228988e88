import { GuildPremiumTier } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { checkUploadSize, FileTooLarge, uploadLimitFor } from './upload-limit';

const MiB = 1024 * 1024;
const file = (bytes: number) => ({ name: 'f.bin', data: new Uint8Array(bytes) });

describe('Discord upload limits', () => {
  it('10 MiB in DMs and up to boost tier 1, 50 MiB at tier 2, 100 MiB at tier 3', () => {
    expect(uploadLimitFor(null)).toBe(10 * MiB);
    expect(uploadLimitFor(GuildPremiumTier.None)).toBe(10 * MiB);
    expect(uploadLimitFor(GuildPremiumTier.Tier1)).toBe(10 * MiB);
    expect(uploadLimitFor(GuildPremiumTier.Tier2)).toBe(50 * MiB);
    expect(uploadLimitFor(GuildPremiumTier.Tier3)).toBe(100 * MiB);
  });

  it('counts all files of a message together; exactly the limit passes', () => {
    expect(() => checkUploadSize([file(5 * MiB), file(5 * MiB)], 10 * MiB)).not.toThrow();
    expect(() => checkUploadSize(undefined, 0)).not.toThrow();
    let caught: unknown;
    try {
      checkUploadSize([file(5 * MiB), file(5 * MiB + 1)], 10 * MiB);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FileTooLarge);
    expect((caught as FileTooLarge).userMessage).toBe(
      'The file is too large for Discord here: 10.1 MiB to send, at most 10 MiB allowed (the limit grows with the server boost level).',
    );
    expect(new FileTooLarge(1.5 * MiB, MiB).userMessage).toMatch(/1\.5 MiB to send, at most 1 MiB allowed/);
  });
});
