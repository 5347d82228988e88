import { describe, expect, it } from 'vitest';
import { missingVoiceDependency, voiceDependencies } from './dependencies';

const report = (lines: Record<string, string>): string =>
  [
    '--------------------------------------------------',
    'Core Dependencies',
    '- @discordjs/voice: 0.19.2',
    'Opus Libraries',
    `- @discordjs/opus: ${lines.djsOpus ?? 'not found'}`,
    `- opusscript: ${lines.opusscript ?? 'not found'}`,
    'Encryption Libraries',
    `- native crypto support for aes-256-gcm: ${lines.aes ?? 'yes'}`,
    `- sodium-native: ${lines.sodium ?? 'not found'}`,
    '- @noble/ciphers: not found',
    'DAVE Libraries',
    `- @snazzah/davey: ${lines.davey ?? 'not found'}`,
  ].join('\n');

describe('voiceDependencies', () => {
  it('reads what is installed here (node 20): opusscript, AES-GCM from node crypto, davey', () => {
    const deps = voiceDependencies();
    expect(deps.opus).toBe('opusscript');
    expect(deps.aesGcm).toBe(true);
    expect(deps.dave).toBe('@snazzah/davey');
    expect(deps.report).toMatch(/@discordjs\/voice: 0\.19/);
    expect(missingVoiceDependency(deps)).toBeNull();
  });

  it('prefers @discordjs/opus and names the XChaCha20 library', () => {
    const deps = voiceDependencies(report({ djsOpus: '0.10.0', opusscript: '0.0.8', sodium: '4.0.0' }));
    expect(deps.opus).toBe('@discordjs/opus');
    expect(deps.xchacha).toBe('sodium-native');
    expect(deps.dave).toBeNull();
  });

  it('explains what is missing: no Opus encoder, or no encryption at all', () => {
    expect(missingVoiceDependency(voiceDependencies(report({})))).toMatch(
      /no Opus encoder: install @discordjs\/opus or opusscript/,
    );
    expect(missingVoiceDependency(voiceDependencies(report({ opusscript: '0.0.8', aes: 'no' })))).toMatch(
      /no voice encryption/,
    );
  });
});
