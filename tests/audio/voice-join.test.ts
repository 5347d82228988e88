import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter, IncomingMessage } from '../../src/main/runtime/adapters/types';
import { AudioSystem } from '../../src/main/runtime/audio/audio-system';
import type {
  AudioOutput,
  OutputState,
  VoiceCapable,
} from '../../src/main/runtime/audio/output/audio-output';
import { ConfigManager } from '../../src/main/runtime/config/config-manager';
import { DatabaseManager } from '../../src/main/runtime/database/database-manager';
import { quietLogging, sine, tempDir, until } from '../../src/main/runtime/audio/testing/audio-fixtures';
import { startAudioBot } from './support';

/** An output like the Discord one: it can be disconnected and destroyed from the network side. */
class FakeVoiceOutput implements AudioOutput {
  readonly kind = 'discord';
  state: OutputState = 'ready';
  frames = 0;
  private readonly listeners = new Set<(s: OutputState, d?: string) => void>();
  private source: Readable | null = null;
  play(pcm: Readable): void {
    this.source = pcm;
    pcm.on('data', (chunk: Buffer) => (this.frames += chunk.length / 3840));
    this.set('playing');
  }
  stop(): void {
    this.source?.removeAllListeners('data');
    this.source = null;
    this.set('ready');
  }
  async destroy(): Promise<void> {
    this.stop();
    this.set('destroyed');
  }
  onStateChange(listener: (s: OutputState, d?: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: OutputState, detail?: string): void {
    this.state = state;
    for (const l of this.listeners) l(state, detail);
  }
}

function fakeVoiceAdapter() {
  const joined: [string, string][] = [];
  const left: string[] = [];
  const outputs: FakeVoiceOutput[] = [];
  const adapter: Partial<Adapter> & VoiceCapable = {
    id: 'discord',
    network: 'discord',
    resolver: () => ({
      resolveUser: async () => null,
      resolveChannel: async (text) => (text === 'Music' ? { id: 'vc-music', name: 'Music' } : null),
    }),
    async joinVoice(guildId, channelId) {
      joined.push([guildId, channelId]);
      const output = new FakeVoiceOutput();
      outputs.push(output);
      return output;
    },
    async leaveVoice(guildId) {
      left.push(guildId);
      await outputs.at(-1)?.destroy();
    },
    voiceChannelOf: () => null,
  };
  return { adapter, joined, left, outputs };
}

function discordMessage(voiceChannel: string | null): IncomingMessage {
  return {
    id: 'm1',
    network: 'discord',
    adapterId: 'discord',
    text: 'join',
    author: { id: 'u1', name: 'alice', displayName: 'Alice', mention: '<@u1>' },
    channel: { id: 'text-1', name: 'general' },
    guild: { id: 'g1', name: 'Guild' },
    isPrivate: false,
    mentionsBot: false,
    rank: 5,
    attachments: [],
    receivedAt: Date.now(),
    native: { member: { voice: { channelId: voiceChannel } } },
  };
}

const systems: AudioSystem[] = [];
afterEach(async () => {
  for (const s of systems.splice(0)) await s.shutdown();
});

async function system(adapter: unknown, overrides: Record<string, unknown> = {}) {
  const dataDir = tempDir();
  const config = await ConfigManager.open(path.join(dataDir, 'config.json'), overrides as never);
  const logging = quietLogging();
  const audio = new AudioSystem({
    dataDir,
    config,
    database: new DatabaseManager({ dataDir, logger: logging.child('db') }),
    logger: logging.child('audio'),
    adapterOf: (id) => (id === 'discord' ? (adapter as Adapter) : undefined),
    samplesDir: null,
  });
  systems.push(audio);
  return audio;
}

describe('join through a VoiceCapable adapter', () => {
  it("joins the author's voice channel or the named one; playSound then works on it", async () => {
    const fake = fakeVoiceAdapter();
    const audio = await system(fake.adapter);
    await expect(audio.join(discordMessage(null))).rejects.toThrow('join a voice channel first');
    await expect(audio.join(discordMessage(null), 'Nowhere')).rejects.toThrow('no voice channel "Nowhere"');
    expect(await audio.join(discordMessage('vc-7'))).toEqual({ id: 'vc-7', name: 'vc-7' });
    expect(await audio.join(discordMessage(null), 'Music')).toEqual({ id: 'vc-music', name: 'Music' });
    expect(fake.joined).toEqual([
      ['g1', 'vc-7'],
      ['g1', 'vc-music'],
    ]);
    // the first output was replaced and destroyed; the player plays into the second
    expect(fake.outputs[0]!.state).toBe('destroyed');
    expect(() => audio.playSound(sine(440, 0.2), { id: 'vc-7', name: 'old' }, true)).toThrow('not connected');
    audio.playSound(sine(440, 0.2), { id: 'vc-music', name: 'Music' }, true);
    const player = audio.player('discord-g1');
    await until(() => !player.busy, 'the sound');
    expect(fake.outputs[1]!.frames).toBe(10);
    await audio.leave(discordMessage(null));
    expect(fake.left).toEqual(['g1']);
    expect(player.output).toBeNull();
  });

  it('a voice disconnect is reported, a destroyed output detaches; the queue stays and nothing wedges', async () => {
    const fake = fakeVoiceAdapter();
    const audio = await system(fake.adapter);
    await audio.join(discordMessage('vc-1'));
    const player = audio.player('discord-g1');
    player.pause();
    audio.playSound(sine(440, 5), null, true, discordMessage('vc-1'));
    fake.outputs[0]!.set('disconnected', 'voice socket closed (4006)');
    expect(player.snapshot().output).toEqual({
      kind: 'discord',
      state: 'disconnected',
      detail: 'voice socket closed (4006)',
    });
    fake.outputs[0]!.set('destroyed');
    expect(player.output).toBeNull();
    expect(player.snapshot().current?.title).toContain('sine');
    expect(() => audio.playSound(sine(440, 1), null, true, discordMessage('vc-1'))).toThrow('use join first');
    // joining again continues the same queue
    await audio.join(discordMessage('vc-1'));
    player.resume();
    await until(() => fake.outputs[1]!.frames > 0, 'playback on the new connection');
    player.stop();
  });

  it('networks without voice and a missing ffmpeg give clear errors', async () => {
    const plain = await system({ id: 'discord', network: 'discord' });
    await expect(plain.join(discordMessage('vc-1'))).rejects.toThrow(
      'voice channels are not supported on discord',
    );
    const noFfmpeg = await system(fakeVoiceAdapter().adapter, { 'audio.ffmpegPath': '/no/such/ffmpeg' });
    expect(noFfmpeg.available).toBe(false);
    await expect(noFfmpeg.join(discordMessage('vc-1'))).rejects.toThrow(
      /audio is not available: ffmpeg was not found/,
    );
  });

  it('the console says so when ffmpeg is missing, and the bot keeps running', async () => {
    const dataDir = tempDir();
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      path.join(dataDir, 'config.json'),
      JSON.stringify({ audio: { ffmpegPath: '/no/such/ffmpeg' } }),
    );
    const b = await startAudioBot(dataDir);
    try {
      expect(await b.run('join')).toMatch(/^Audio is not available: ffmpeg was not found/i);
      expect(await b.run('ping')).toBe('pong');
    } finally {
      await b.bot.stop();
    }
  });
});
