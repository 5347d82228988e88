import { generateDependencyReport } from '@discordjs/voice';

/** What @discordjs/voice found to encode and encrypt voice with. */
export interface VoiceDependencies {
  /** The full text of @discordjs/voice's dependency report (for the log). */
  report: string;
  /** The Opus library in use ('@discordjs/opus' preferred, else 'opusscript'), or null. */
  opus: string | null;
  /** Node's crypto offers aes-256-gcm (the aead_aes256_gcm_rtpsize mode). */
  aesGcm: boolean;
  /** A library for aead_xchacha20_poly1305_rtpsize, or null. */
  xchacha: string | null;
  /** The DAVE (end-to-end encryption) library, or null. */
  dave: string | null;
}

const XCHACHA_LIBRARIES = [
  'sodium-native',
  'sodium',
  'libsodium-wrappers',
  '@stablelib/xchacha20poly1305',
  '@noble/ciphers',
];

/** Reads @discordjs/voice's dependency report into what the adapter needs to know. */
export function voiceDependencies(report = generateDependencyReport()): VoiceDependencies {
  const found = (name: string): boolean => {
    const line = report.split('\n').find((l) => l.trim().startsWith(`- ${name}:`));
    return line !== undefined && !/not found/i.test(line);
  };
  return {
    report,
    opus: ['@discordjs/opus', 'opusscript'].find(found) ?? null,
    aesGcm: /aes-256-gcm:\s*yes/i.test(report),
    xchacha: XCHACHA_LIBRARIES.find(found) ?? null,
    dave: found('@snazzah/davey') ? '@snazzah/davey' : null,
  };
}

/** Why voice cannot work with these dependencies, or null when it can. */
export function missingVoiceDependency(deps: VoiceDependencies): string | null {
  if (!deps.opus) return 'no Opus encoder: install @discordjs/opus or opusscript';
  if (!deps.aesGcm && !deps.xchacha)
    return 'no voice encryption: Node has no aes-256-gcm and no XChaCha20 library (e.g. sodium-native) is installed';
  return null;
}
