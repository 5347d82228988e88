import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventFrame } from '../../src/shared/contract';
import type { AudioStateDto } from '../../src/shared/dto/audio';
import type { Api } from '../../src/main/api/api';
import { sineFile, until } from '../../src/main/runtime/audio/testing/audio-fixtures';
import { testApi } from '../support/test-bot';
import { removeAudioBotDirs, startAudioBot, type AudioBot } from './support';

let current: { b: AudioBot; api: Api } | null = null;
afterEach(async () => {
  current?.api.dispose();
  await current?.b.bot.stop();
  current = null;
  removeAudioBotDirs();
});

async function setup() {
  const b = await startAudioBot();
  const api = testApi(b.bot);
  current = { b, api };
  const frames: EventFrame[] = [];
  api.events.subscribe((f) => frames.push(f));
  const call = async (method: string, input: unknown) =>
    api.router.call(method, input, { transport: 'test' });
  const lastAudio = (): AudioStateDto | undefined =>
    frames
      .flat()
      .filter((e) => e.event === 'audio')
      .map((e) => e.data as AudioStateDto)
      .at(-1);
  return { b, api, call, frames, lastAudio };
}

describe('audio api', () => {
  it('plays from the sounds folder, reorders, removes and pushes the state', async () => {
    const { b, call, lastAudio } = await setup();
    const sounds = path.join(b.dataDir, 'sounds');
    for (const [name, f] of [
      ['one', 300],
      ['two', 400],
      ['three', 500],
      ['four', 600],
    ] as const)
      sineFile(path.join(sounds, `${name}.ogg`), f, 5);
    expect(await call('audio.play', { guildId: 'console', source: 'one.ogg' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('join first') },
    });
    expect(await call('audio.join', { guildId: 'console' })).toEqual({ ok: true, data: { ok: true } });
    b.bot.audio.player('console').pause();
    for (const n of ['one', 'two', 'three', 'four'])
      expect(await call('audio.play', { guildId: 'console', source: `${n}.ogg` })).toMatchObject({
        ok: true,
      });
    expect(await call('audio.play', { guildId: 'console', source: '../config.json' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('not a file in the sounds folder') },
    });
    const state = (await call('audio.state', {})) as { ok: true; data: AudioStateDto };
    expect(state.data.sounds).toEqual(['four.ogg', 'one.ogg', 'three.ogg', 'two.ogg']);
    const player = state.data.players.find((p) => p.guildId === 'console')!;
    expect(player.current?.title).toBe('one');
    const ids = player.upcoming.map((i) => i.id);
    expect(
      await call('audio.reorder', { guildId: 'console', itemIds: [ids[2], ids[0], ids[1]] }),
    ).toMatchObject({ ok: true });
    expect(await call('audio.reorder', { guildId: 'console', itemIds: [ids[0]] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call('audio.remove', { guildId: 'console', itemId: ids[0] })).toMatchObject({ ok: true });
    expect(await call('audio.remove', { guildId: 'console', itemId: 999999 })).toMatchObject({ ok: false });
    expect(await call('audio.setVolume', { guildId: 'console', volume: 250 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await call('audio.setVolume', { guildId: 'console', volume: 80 });
    await call('audio.setLoop', { guildId: 'console', mode: 'all' });
    expect(await call('audio.control', { guildId: 'nowhere', action: 'skip' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await until(() => {
      const s = lastAudio()?.players.find((p) => p.guildId === 'console');
      return s?.volume === 80 && s.loop === 'all' && s.upcoming.length === 2;
    }, 'the pushed state');
    const pushed = lastAudio()!.players.find((p) => p.guildId === 'console')!;
    expect(pushed.upcoming.map((i) => i.title)).toEqual(['four', 'three']);
    expect(pushed.output).toMatchObject({ kind: 'sink' });
    await call('audio.control', { guildId: 'console', action: 'stop' });
    expect(b.bot.audio.player('console').busy).toBe(false);
  });
});
