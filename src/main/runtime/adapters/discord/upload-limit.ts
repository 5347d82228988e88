import { GuildPremiumTier } from 'discord.js';
import type { OutgoingFile } from '../types';

const MiB = 1024 * 1024;
/** Discord's upload limit for a bot: 10 MiB in DMs and unboosted (or tier 1) guilds. */
export const BASE_UPLOAD_LIMIT = 10 * MiB;

/** The most one message may upload in a guild of boost tier `tier` (null: a DM). */
export function uploadLimitFor(tier: GuildPremiumTier | null): number {
  if (tier === GuildPremiumTier.Tier3) return 100 * MiB;
  if (tier === GuildPremiumTier.Tier2) return 50 * MiB;
  return BASE_UPLOAD_LIMIT;
}

/** The last known upload limit per channel (a bounded memory: it starts over past 10 000). */
export class UploadLimits {
  private readonly limits = new Map<string, number>();

  set(channelId: string, limit: number): void {
    if (this.limits.size >= 10_000 && !this.limits.has(channelId)) this.limits.clear();
    this.limits.set(channelId, limit);
  }

  get(channelId: string): number | undefined {
    return this.limits.get(channelId);
  }
}

/** Files over the upload limit: the invoker is told, nothing is sent. */
export class FileTooLarge extends Error {
  readonly userMessage: string;
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`upload of ${bytes} bytes is over Discord's limit of ${limit} bytes here`);
    this.name = 'FileTooLarge';
    this.userMessage =
      `The file is too large for Discord here: ${formatMiB(bytes, Math.ceil)} to send, ` +
      `at most ${formatMiB(limit, Math.floor)} allowed (the limit grows with the server boost level).`;
  }
}

/** Throws FileTooLarge when `files` together exceed `limit` bytes. */
export function checkUploadSize(files: readonly OutgoingFile[] | undefined, limit: number): void {
  const bytes = files?.reduce((n, f) => n + f.data.byteLength, 0) ?? 0;
  if (bytes > limit) throw new FileTooLarge(bytes, limit);
}

/** Bytes as MiB with one decimal at most, rounded with `round` (up for sizes, down for limits). */
function formatMiB(bytes: number, round: (n: number) => number): string {
  return `${String(round((bytes / MiB) * 10) / 10)} MiB`;
}
