import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordVoiceOutput } from '../../src/main/runtime/adapters/discord/voice/discord-voice-output';
import { DiscordBot, waitFor, within } from './support';
import { FakeDiscord } from './fake-discord/server';
import {
  decodeOpus,
  recordStates,
  sineFrequency,
  sinePcm,
  useTrustedVoiceCertificate,
  voiceToolsMissing,
} from './voice-support';

const missing = voiceToolsMissing();
if (missing) console.warn(`\n!!! SKIPPING the Discord voice tests: ${missing} !!!\n`);

describe.skipIf(missing)('Discord voice through the fake voice server', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot | null = null;

  useTrustedVoiceCertificate();
  afterEach(async () => {
    await harness?.close();
    harness = null;
    await fake?.close();
  });

  it('plays a 2 s ffmpeg sine to a voice channel: ~100 encrypted Opus frames in order, decoding to 440 Hz', async () => {
    fake = await FakeDiscord.start({ voice: { heartbeatIntervalMs: 250 } });
    harness = await DiscordBot.start(fake);
    const { adapter } = harness;
    const guild = fake.world.guild.id;
    const lounge = fake.world.channels.lounge.id;

    const output = (await within(
      adapter.joinVoice(guild, lounge),
      10_000,
      'joinVoice',
    )) as DiscordVoiceOutput;
    const states = recordStates(output);
    expect(output.kind).toBe('discord');
    expect(output.state).toBe('ready');
    expect(adapter.voiceChannelOf(guild)).toBe(lounge);
    const voice = fake.voice!;
    // the gateway flow: op 4 → VOICE_STATE_UPDATE + VOICE_SERVER_UPDATE → voice identify
    expect(voice.stats.joins[0]).toMatchObject({ guild_id: guild, channel_id: lounge, self_deaf: true });
    expect(voice.stats.identifies[0]).toMatchObject({ server_id: guild, user_id: fake.world.bot.id });
    expect(voice.stats.identifies[0]!.max_dave_protocol_version).toBeGreaterThanOrEqual(1);
    expect(voice.stats.selects[0]).toMatchObject({
      protocol: 'udp',
      data: { mode: 'aead_aes256_gcm_rtpsize' },
    });
    expect(voice.udp.stats.discoveries).toHaveLength(1);
    // what @discordjs/voice found to work with is logged on the first join
    const libraries = harness.logs('info').find((e) => /dependency report/.test(e.msg));
    expect(libraries?.fields).toMatchObject({ opus: 'opusscript', aesGcm: true, dave: '@snazzah/davey' });

    const ffmpeg = sinePcm(440, 2);
    output.play(ffmpeg.stdout);
    await waitFor('playback to start', () => output.state === 'playing', 5_000);
    await waitFor('playback to end', () => output.state === 'ready', 10_000);

    const ssrc = voice.ssrc!;
    const audio = voice.udp.audio(ssrc);
    expect(audio.length).toBeGreaterThanOrEqual(99);
    expect(audio.length).toBeLessThanOrEqual(101);
    expect(voice.udp.stats.rejected).toEqual([]);
    const all = voice.udp.frames.filter((f) => f.ssrc === ssrc);
    for (let i = 1; i < all.length; i++) {
      expect((all[i]!.sequence - all[i - 1]!.sequence + 65536) % 65536).toBe(1);
      expect((all[i]!.timestamp - all[i - 1]!.timestamp + 2 ** 32) % 2 ** 32).toBe(960);
    }
    // speaking (op 5) with our SSRC came before the first packet
    expect(voice.stats.speaking[0]).toMatchObject({ speaking: 1, ssrc });
    const frequency = sineFrequency(decodeOpus(audio.map((f) => f.opus)));
    expect(frequency).toBeGreaterThan(436);
    expect(frequency).toBeLessThan(444);
    // heartbeats acknowledge the numbered server messages (ready, session description)
    expect(Math.max(...voice.stats.heartbeatSeqAcks)).toBe(2);
    expect(states.map((s) => s.state)).toEqual(['ready', 'playing', 'ready']);

    await adapter.leaveVoice(guild);
    expect(output.state).toBe('destroyed');
    expect(adapter.voiceChannelOf(guild)).toBeNull();
    await waitFor('the leave to reach the gateway', () => voice.stats.joins.length === 2);
    expect(voice.stats.joins[1]).toMatchObject({ guild_id: guild, channel_id: null });
    expect(() => output.play(sinePcm(440, 1).stdout)).toThrow(/destroyed/);
  });
});
