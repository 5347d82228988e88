import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import OpusScript from 'opusscript';
import type { LogEntry } from '../../src/shared/dto/log';
import { DiscordAdapter } from '../../src/main/runtime/adapters/discord/discord-adapter';
import type { DiscordVoiceOptions } from '../../src/main/runtime/adapters/discord/voice/discord-voice';
import type { AudioOutput, OutputState } from '../../src/main/runtime/audio/output/audio-output';
import { ConfigManager } from '../../src/main/runtime/config/config-manager';
import { EventBus } from '../../src/main/runtime/events/event-bus';
import { createLogging, type Logging } from '../../src/main/runtime/logging/logging';
import type { FakeDiscord } from './fake-discord/server';
import { waitFor } from '../support/wait';
import { afterAll, beforeAll } from 'vitest';
import { localCertificate, trustLocalCertificate } from './fake-discord/voice-tls';

/** Why the voice tests cannot run here, or null (they need ffmpeg and openssl on PATH). */
export function voiceToolsMissing(): string | null {
  for (const [tool, arg] of [
    ['ffmpeg', '-version'],
    ['openssl', 'version'],
  ] as const) {
    const probe = spawnSync(tool, [arg], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) return `${tool} is not on PATH`;
  }
  return null;
}

/** A sine of `seconds` from ffmpeg's lavfi source, as 48 kHz stereo s16le PCM on stdout. */
export function sinePcm(frequency: number, seconds: number): ChildProcessByStdio<null, Readable, null> {
  return spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
      ...['-i', `sine=frequency=${frequency}:duration=${seconds}:sample_rate=48000`],
      ...['-f', 's16le', '-ar', '48000', '-ac', '2', 'pipe:1'],
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** Decodes Opus frames (48 kHz stereo) back to interleaved s16le PCM with opusscript. */
export function decodeOpus(frames: Buffer[]): Int16Array {
  const decoder = new OpusScript(48_000, 2, OpusScript.Application.AUDIO);
  try {
    const chunks = frames.map((f) => decoder.decode(f));
    const pcm = Buffer.concat(chunks);
    return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
  } finally {
    decoder.delete();
  }
}

/** The dominant frequency of the left channel, from rising zero crossings (a clean sine). */
export function sineFrequency(pcm: Int16Array, sampleRate = 48_000): number {
  const left: number[] = [];
  for (let i = 0; i < pcm.length; i += 2) left.push(pcm[i]!);
  // skip the codec's start-up and the fade at the end: the middle 80 %
  const from = Math.floor(left.length * 0.1);
  const to = Math.floor(left.length * 0.9);
  let first = -1;
  let last = -1;
  let crossings = 0;
  for (let i = from + 1; i < to; i++) {
    if (left[i - 1]! < 0 && left[i]! >= 0) {
      if (first < 0) first = i;
      else crossings++;
      last = i;
    }
  }
  if (crossings < 1) return 0;
  return (crossings * sampleRate) / (last - first);
}

/** Records every state an output reports, with its detail. */
export function recordStates(output: AudioOutput): { state: OutputState; detail?: string }[] {
  const seen: { state: OutputState; detail?: string }[] = [{ state: output.state }];
  output.onStateChange((state, detail) => void seen.push({ state, ...(detail ? { detail } : {}) }));
  return seen;
}

/**
 * A DiscordAdapter on its own (no Bot), so a test can set the voice reconnect policy: attached
 * to a real config, event bus and logging, connected to the fake.
 */
export class VoiceAdapterHarness {
  private constructor(
    readonly adapter: DiscordAdapter,
    readonly logging: Logging,
    private readonly dataDir: string,
  ) {}

  static async start(fake: FakeDiscord, voice: DiscordVoiceOptions): Promise<VoiceAdapterHarness> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-voice-'));
    const config = await ConfigManager.open(path.join(dataDir, 'config.json'), {
      'discord.token': fake.token,
      'discord.api': fake.apiBase,
    });
    const logging = createLogging({ console: false, level: 'debug' });
    const adapter = new DiscordAdapter({ voice });
    adapter.attach({
      deliver: async () => undefined,
      events: new EventBus(logging.child('events')),
      logging,
      config,
      statusChanged: () => undefined,
    });
    await adapter.start();
    await waitFor('the Discord adapter to connect', () => adapter.status().state === 'connected', 10_000);
    return new VoiceAdapterHarness(adapter, logging, dataDir);
  }

  logs(level?: LogEntry['level']): LogEntry[] {
    const all = this.logging.ring.tail(this.logging.ring.capacity);
    return level ? all.filter((e) => e.level === level) : all;
  }

  async close(): Promise<void> {
    try {
      await this.adapter.stop();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/** Makes the suite's TLS clients (the voice WebSocket) trust the fake voice server's certificate. */
export function useTrustedVoiceCertificate(): void {
  let untrust: () => void = () => undefined;
  beforeAll(async () => {
    untrust = trustLocalCertificate((await localCertificate()).cert);
  });
  afterAll(() => untrust());
}
