import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/main/runtime/adapters/discord/discord-adapter';
import type { DiscordVoiceOptions } from '../../src/main/runtime/adapters/discord/voice/discord-voice';
import type { AudioOutput } from '../../src/main/runtime/audio/output/audio-output';
import { waitFor, within } from './support';
import { PERMISSIONS, voiceChannel } from './fake-discord/fixtures';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord/server';
import {
  VoiceAdapterHarness,
  decodeOpus,
  recordStates,
  sineFrequency,
  sinePcm,
  useTrustedVoiceCertificate,
  voiceToolsMissing,
} from './voice-support';

const missing = voiceToolsMissing();
if (missing) console.warn(`\n!!! SKIPPING the Discord voice resilience tests: ${missing} !!!\n`);

/** `frames` 20 ms frames of a loud 500 Hz square wave (48 kHz stereo s16le). */
function squarePcm(frames: number): Buffer {
  const pcm = Buffer.alloc(frames * 3840);
  for (let i = 0; i < frames * 960; i++) {
    const v = Math.floor(i / 48) % 2 === 0 ? 8000 : -8000;
    pcm.writeInt16LE(v, i * 4);
    pcm.writeInt16LE(v, i * 4 + 2);
  }
  return pcm;
}

/** Tight limits so the give-up paths finish in a few seconds. */
const FAST: DiscordVoiceOptions = {
  joinTimeoutMs: 5_000,
  maxRejoins: 2,
  rejoinDelayMs: 50,
  // long enough for a TLS + UDP handshake on a busy machine, so no test sees a spurious retry
  connectTimeoutMs: 2_000,
  movedGraceMs: 300,
};

describe.skipIf(missing)('Discord voice: disconnects, refusals and bad requests', () => {
  let fake: FakeDiscord | null = null;
  let harness: VoiceAdapterHarness | null = null;

  useTrustedVoiceCertificate();
  afterEach(async () => {
    await harness?.close();
    harness = null;
    await fake?.close();
    fake = null;
  });

  async function setup(
    options: FakeDiscordOptions = {},
    voice: DiscordVoiceOptions = FAST,
  ): Promise<{ fake: FakeDiscord; adapter: DiscordAdapter; guild: string; lounge: string }> {
    fake = await FakeDiscord.start({ voice: true, ...options });
    harness = await VoiceAdapterHarness.start(fake, voice);
    return {
      fake,
      adapter: harness.adapter,
      guild: fake.world.guild.id,
      lounge: fake.world.channels.lounge.id,
    };
  }

  async function join(adapter: DiscordAdapter, guild: string, channel: string): Promise<AudioOutput> {
    return within(adapter.joinVoice(guild, channel), 10_000, 'joinVoice');
  }

  it('resumes the voice session when the server closes the socket mid-stream (4015), and keeps playing', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    output.play(sinePcm(440, 2).stdout);
    await waitFor('30 frames', () => voice.udp.audio().length >= 30, 5_000);
    voice.closeVoice(4015, 'Voice server crashed');
    await waitFor('playback to end', () => output.state === 'ready', 10_000);

    expect(voice.stats.resumes).toHaveLength(1);
    expect(voice.stats.resumes[0]).toMatchObject({ server_id: guild, seq_ack: 2 });
    expect(voice.stats.identifies).toHaveLength(1); // resumed, not a new session
    expect(states.map((s) => s.state)).toEqual(['ready', 'playing', 'connecting', 'playing', 'ready']);
    expect(states[2]!.detail).toMatch(/resuming/);
    const audio = voice.udp.audio();
    expect(audio.length).toBeGreaterThanOrEqual(95);
    expect(audio.length).toBeLessThanOrEqual(101);
    const all = voice.udp.frames;
    for (let i = 1; i < all.length; i++)
      expect((all[i]!.sequence - all[i - 1]!.sequence + 65536) % 65536).toBe(1);
    expect(Math.abs(sineFrequency(decodeOpus(audio.map((f) => f.opus))) - 440)).toBeLessThan(4);
  });

  it('rejoins through the gateway when the session is invalidated (4006) and plays on with a new SSRC', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    const firstSsrc = voice.ssrc!;
    output.play(sinePcm(440, 2).stdout);
    await waitFor('30 frames', () => voice.udp.audio().length >= 30, 5_000);
    voice.closeVoice(4006, 'Session no longer valid');
    await waitFor('playback to end', () => output.state === 'ready', 10_000);

    expect(voice.stats.joins.filter((j) => j.channel_id === lounge)).toHaveLength(2); // op 4 again
    expect(voice.stats.identifies).toHaveLength(2);
    expect(voice.ssrc).not.toBe(firstSsrc);
    expect(voice.udp.audio(voice.ssrc!).length).toBeGreaterThan(20);
    expect(voice.udp.audio().length).toBeGreaterThanOrEqual(90);
    const lost = states.find((s) => s.state === 'connecting' && s.detail);
    expect(lost?.detail).toMatch(/code 4006.*rejoining \(attempt 1 of 2\)/);
    expect(states.at(-1)!.state).toBe('ready');
    expect(adapter.voiceChannelOf(guild)).toBe(lounge);
  });

  it('reports "disconnected" with the reason when kicked (4014, no channel), releases the stream, and can join again', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    const ffmpeg = sinePcm(440, 5);
    output.play(ffmpeg.stdout);
    await waitFor('10 frames', () => voice.udp.audio().length >= 10, 5_000);
    voice.kick(guild, (t, d) => fake.gateway.dispatch(t, d));

    await waitFor('the output to give up', () => output.state === 'disconnected', 5_000);
    expect(states.at(-1)!.detail).toMatch(/code 4014/);
    expect(ffmpeg.stdout.destroyed).toBe(true);
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    expect(() => output.play(sinePcm(440, 1).stdout)).toThrow(/disconnected/);

    const again = await join(adapter, guild, lounge);
    expect(again).not.toBe(output);
    expect(again.state).toBe('ready');
    expect(adapter.voiceChannelOf(guild)).toBe(lounge);
  });

  it('gives up after the bounded rejoins when the voice server refuses every session, never wedging', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    const ffmpeg = sinePcm(440, 5);
    output.play(ffmpeg.stdout);
    await waitFor('10 frames', () => voice.udp.audio().length >= 10, 5_000);
    voice.identifyCloseCode = 4006;
    voice.closeVoice(4006);

    await waitFor('the output to give up', () => output.state === 'disconnected', 8_000);
    expect(states.at(-1)!.detail).toMatch(/code 4006.*gave up after 2 rejoin attempts/);
    expect(voice.stats.identifies.length).toBeLessThanOrEqual(4); // 1 + at most 2 rejoins (+1 in flight)
    expect(ffmpeg.stdout.destroyed).toBe(true);
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    // it left the channel for good
    await waitFor('the leave', () => voice.stats.joins.at(-1)?.channel_id === null, 2_000);
  });

  it('gives up when the gateway stops answering voice state updates during a rejoin', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    voice.ignoreJoins = true;
    voice.closeVoice(4006);

    await waitFor('the output to give up', () => output.state === 'disconnected', 12_000);
    expect(states.some((s) => /did not answer the voice state update/.test(s.detail ?? ''))).toBe(true);
    expect(states.at(-1)!.detail).toMatch(/gave up after 2 rejoin attempts/);
  });

  it('moves to another voice channel of the guild keeping the output and its stream', async () => {
    fake = await FakeDiscord.start({ voice: true });
    const studio = voiceChannel('1399999999999999999', fake.world.guild.id, 'studio', 3);
    fake.world.guild.channels.push(studio);
    harness = await VoiceAdapterHarness.start(fake, FAST);
    const { adapter } = harness;
    const voice = fake.voice!;
    const guild = fake.world.guild.id;
    const output = await join(adapter, guild, fake.world.channels.lounge.id);
    const ffmpeg = sinePcm(440, 3);
    output.play(ffmpeg.stdout);
    await waitFor('20 frames', () => voice.udp.audio().length >= 20, 5_000);
    const firstSsrc = voice.ssrc!;

    const moved = await join(adapter, guild, studio.id);
    expect(moved).toBe(output);
    expect(adapter.voiceChannelOf(guild)).toBe(studio.id);
    expect(voice.channelOf(guild)).toBe(studio.id);
    expect(voice.stats.joins.at(-1)).toMatchObject({ channel_id: studio.id });
    await waitFor('playback to end', () => output.state === 'ready', 10_000);
    expect(voice.ssrc).not.toBe(firstSsrc);
    expect(voice.udp.audio(voice.ssrc!).length).toBeGreaterThan(50); // the same stream went on there
    expect(ffmpeg.stdout.readableEnded).toBe(true);

    // Discord ignoring a move leaves the bot where it was, with a clear error
    voice.ignoreJoins = true;
    await expect(
      within(adapter.joinVoice(guild, fake.world.channels.lounge.id), 8_000, 'move'),
    ).rejects.toThrow(
      /^Could not join voice channel #lounge: no voice connection within 5000 ms \(Discord did not answer the voice state update\)$/,
    );
    expect(output.state).toBe('ready');
    expect(adapter.voiceChannelOf(guild)).toBe(studio.id);
  });

  it('a PCM stream that fails or stalls ends only that stream; the output plays the next one', async () => {
    const { fake, adapter, guild, lounge } = await setup({}, { ...FAST, maxMissedFrames: 10 });
    const voice = fake.voice!;
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    output.onStateChange(() => {
      throw new Error('a careless listener');
    });

    const failing = new PassThrough();
    failing.write(squarePcm(20));
    output.play(failing);
    await waitFor('some frames', () => voice.udp.audio().length >= 5, 5_000);
    failing.destroy(new Error('decoder crashed'));
    await waitFor('the output to be ready again', () => output.state === 'ready', 5_000);
    expect(states.some((s) => s.detail === 'playback failed: decoder crashed')).toBe(true);

    const stalled = new PassThrough();
    stalled.write(squarePcm(10)); // then nothing, and no end
    output.play(stalled);
    await waitFor('playing', () => output.state === 'playing', 5_000);
    await waitFor('the stalled stream to be dropped', () => output.state === 'ready', 5_000);
    expect(stalled.destroyed).toBe(true);

    const before = voice.udp.audio().length;
    output.play(sinePcm(440, 1).stdout);
    await waitFor('the next stream to play', () => output.state === 'playing', 5_000);
    await waitFor('the next stream to end', () => output.state === 'ready', 5_000);
    expect(voice.udp.audio().length - before).toBeGreaterThanOrEqual(49);
    expect(harness!.logs('error').some((e) => e.msg === 'a voice output state listener failed')).toBe(true);
  });

  it('ends voice as "disconnected" when the Discord gateway fails for good', async () => {
    const { fake, adapter, guild, lounge } = await setup();
    const output = await join(adapter, guild, lounge);
    const states = recordStates(output);
    fake.gateway.closeWith(4004, 'Authentication failed');
    await waitFor('the output to end', () => output.state === 'disconnected', 5_000);
    expect(states.at(-1)!.detail).toMatch(/gateway/);
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    await expect(adapter.joinVoice(guild, lounge)).rejects.toThrow(/Discord is not connected/);
  });

  it('refuses to join with a clear error: text channel, unknown channel, no answer, no common encryption mode', async () => {
    // defaults' proportions: the join deadline comes before the reconnect policy's connect timeout
    const { fake, adapter, guild, lounge } = await setup(
      { voice: { modes: ['xsalsa20_poly1305'] } },
      { ...FAST, joinTimeoutMs: 1_500, connectTimeoutMs: 10_000 },
    );
    const general = fake.world.channels.general.id;
    await expect(adapter.joinVoice(guild, general)).rejects.toThrow('#general is not a voice channel.');
    await expect(adapter.joinVoice(guild, '1')).rejects.toThrow(/There is no channel 1 in Test Guild/);
    await expect(adapter.joinVoice('2', lounge)).rejects.toThrow(/not in the Discord guild 2/);

    // the voice server only offers a deprecated mode the library does not speak
    await expect(within(adapter.joinVoice(guild, lounge), 6_000, 'join')).rejects.toThrow(
      /^Could not join voice channel #lounge: no voice connection within 1500 ms \(No compatible encryption modes\. Available include: xsalsa20_poly1305\)$/,
    );
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    // it left again
    await waitFor('the leave', () => fake.voice!.stats.joins.at(-1)?.channel_id === null, 2_000);

    fake.voice!.ignoreJoins = true;
    await expect(within(adapter.joinVoice(guild, lounge), 6_000, 'join')).rejects.toThrow(
      /^Could not join voice channel #lounge: no voice connection within 1500 ms \(Discord did not answer the voice state update\)$/,
    );
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    expect(adapter.status().state).toBe('connected'); // the bot stays up
  });

  it('names the missing Connect/Speak permission before asking Discord', async () => {
    fake = await FakeDiscord.start({ voice: true });
    fake.world.roles.everyone.permissions = (PERMISSIONS.viewChannel | PERMISSIONS.sendMessages).toString();
    harness = await VoiceAdapterHarness.start(fake, FAST);
    await expect(
      harness.adapter.joinVoice(fake.world.guild.id, fake.world.channels.lounge.id),
    ).rejects.toThrow('The bot lacks the Connect and Speak permission in #lounge.');
    expect(fake.voice!.stats.joins).toHaveLength(0);
  });

  it('rejects joins while Discord is not connected, and leaves voice when the adapter stops', async () => {
    await expect(new DiscordAdapter().joinVoice('1', '2')).rejects.toThrow(/Discord is not connected/);
    const { fake, adapter, guild, lounge } = await setup();
    const output = await join(adapter, guild, lounge);
    await adapter.stop();
    expect(output.state).toBe('destroyed');
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    await waitFor('the leave', () => fake.voice!.stats.joins.at(-1)?.channel_id === null, 2_000);
  });
});
